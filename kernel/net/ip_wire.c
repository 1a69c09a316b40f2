// kernel/net/ip_wire.c: the IPv4 header (RFC 791).
#include "cksum.h"
#include "wire.h"
#include "ip_wire.h"

// The fields every IPv4 header has; the checks common to a received
// datagram and a quoted one.
static int ip_fields(const uint8_t *p, size_t len, struct ip_hdr *out) {
  if (len < IP_HLEN)
    return -WIRE_SHORT;
  if (p[0] >> 4 != 4)
    return -WIRE_VERSION;
  size_t hlen = (size_t)(p[0] & 0xf) * 4;
  if (hlen < IP_HLEN)
    return -WIRE_HDRLEN;
  if (hlen > len)
    return -WIRE_SHORT;
  uint16_t totlen = get16(p + 2);
  if (totlen < hlen)
    return -WIRE_LENGTH;
  uint16_t frag = get16(p + 6);
  out->hlen = (uint8_t)hlen;
  out->tos = p[1];
  out->totlen = totlen;
  out->id = get16(p + 4);
  out->df = (frag & IP_DF) != 0;
  out->mf = (frag & IP_MF) != 0;
  out->fragoff = (uint16_t)((frag & IP_OFFMASK) * 8);
  out->ttl = p[8];
  out->proto = p[9];
  out->src = get32(p + 12);
  out->dst = get32(p + 16);
  out->payload = p + hlen;
  out->plen = totlen - hlen;
  return 0;
}

int ip_parse(const uint8_t *p, size_t len, struct ip_hdr *out) {
  int err = ip_fields(p, len, out);
  if (err < 0)
    return err;
  if (out->totlen > len)
    return -WIRE_SHORT;
  if (inet_cksum(p, out->hlen) != 0)
    return -WIRE_CKSUM;
  if (get16(p + 6) & IP_RF)
    return -WIRE_FRAG;
  if ((size_t)out->fragoff + out->plen > IP_MAXPACKET)
    return -WIRE_FRAG;
  if (out->mf && (out->plen == 0 || out->plen % 8 != 0))
    return -WIRE_FRAG;
  return 0;
}

int ip_parse_quote(const uint8_t *p, size_t len, struct ip_hdr *out) {
  int err = ip_fields(p, len, out);
  if (err < 0)
    return err;
  if (out->plen > len - out->hlen)
    out->plen = len - out->hlen;
  if (out->plen < 8)
    return -WIRE_SHORT;
  return 0;
}

void ip_emit(uint8_t *p, const struct ip_hdr *h) {
  p[0] = 0x45;
  p[1] = h->tos;
  put16(p + 2, h->totlen);
  put16(p + 4, h->id);
  put16(p + 6, (uint16_t)((h->df ? IP_DF : 0) | (h->mf ? IP_MF : 0) |
                          ((h->fragoff / 8) & IP_OFFMASK)));
  p[8] = h->ttl;
  p[9] = h->proto;
  put16(p + 10, 0);
  put32(p + 12, h->src);
  put32(p + 16, h->dst);
  put16(p + 10, inet_cksum(p, IP_HLEN));
}
