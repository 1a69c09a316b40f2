// kernel/net/udp_wire.c: the UDP header (RFC 768).
#include "wire.h"
#include "udp_wire.h"

int udp_parse_hdr(const uint8_t *p, size_t avail, size_t len,
                  struct udp_hdr *out) {
  if (len < UDP_HLEN || avail < UDP_HLEN || avail > len)
    return -WIRE_SHORT;
  uint16_t ulen = get16(p + 4);
  if (ulen < UDP_HLEN)
    return -WIRE_LENGTH;
  if (ulen > len)
    return -WIRE_SHORT;
  out->sport = get16(p);
  out->dport = get16(p + 2);
  out->ulen = ulen;
  out->cksum = get16(p + 6);
  out->payload = p + UDP_HLEN;
  out->plen = ulen - UDP_HLEN;
  return 0;
}

int udp_verify(const struct udp_hdr *h, ipaddr_t src, ipaddr_t dst,
               const struct cksum *datagram) {
  if (h->cksum == 0)
    return 0;
  struct cksum c;
  cksum_init(&c);
  cksum_pseudo(&c, src, dst, IPPROTO_UDP, h->ulen);
  cksum_merge(&c, datagram);
  return cksum_finish(&c) == 0 ? 0 : -WIRE_CKSUM;
}

int udp_parse(const uint8_t *p, size_t len, ipaddr_t src, ipaddr_t dst,
              struct udp_hdr *out) {
  int err = udp_parse_hdr(p, len, len, out);
  if (err < 0)
    return err;
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, p, out->ulen);
  return udp_verify(out, src, dst, &c);
}

void udp_emit(uint8_t *p, ipaddr_t src, uint16_t sport, ipaddr_t dst,
              uint16_t dport, size_t dlen, const struct cksum *data) {
  uint16_t ulen = (uint16_t)(UDP_HLEN + dlen);
  put16(p, sport);
  put16(p + 2, dport);
  put16(p + 4, ulen);
  put16(p + 6, 0);
  struct cksum c;
  cksum_init(&c);
  cksum_pseudo(&c, src, dst, IPPROTO_UDP, ulen);
  cksum_add(&c, p, UDP_HLEN);
  cksum_merge(&c, data);
  uint16_t sum = cksum_finish(&c);
  put16(p + 6, sum == 0 ? 0xffff : sum);
}
