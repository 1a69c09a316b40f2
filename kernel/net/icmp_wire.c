// kernel/net/icmp_wire.c: ICMP messages (RFC 792).
#include "wire.h"
#include "icmp_wire.h"

int icmp_is_error(uint8_t type) {
  return type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH ||
         type == ICMP_REDIRECT || type == ICMP_TIMXCEED ||
         type == ICMP_PARAMPROB;
}

int icmp_parse_hdr(const uint8_t *p, size_t avail, size_t len,
                   struct icmp_hdr *out) {
  if (len < ICMP_HLEN || avail < ICMP_HLEN || avail > len)
    return -WIRE_SHORT;
  out->type = p[0];
  out->code = p[1];
  out->rest = get32(p + 4);
  out->data = p + ICMP_HLEN;
  out->dlen = len - ICMP_HLEN;
  return 0;
}

int icmp_verify(const struct cksum *message) {
  return cksum_finish(message) == 0 ? 0 : -WIRE_CKSUM;
}

int icmp_parse(const uint8_t *p, size_t len, struct icmp_hdr *out) {
  int err = icmp_parse_hdr(p, len, len, out);
  if (err < 0)
    return err;
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, p, len);
  return icmp_verify(&c);
}

void icmp_emit(uint8_t *p, const struct icmp_hdr *h, const struct cksum *data) {
  p[0] = h->type;
  p[1] = h->code;
  put16(p + 2, 0);
  put32(p + 4, h->rest);
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, p, ICMP_HLEN);
  cksum_merge(&c, data);
  put16(p + 2, cksum_finish(&c));
}
