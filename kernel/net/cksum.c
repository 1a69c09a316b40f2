// kernel/net/cksum.c: the Internet checksum (RFC 1071) over pieces.
//
// Words are read byte by byte as big-endian values, so the sum is the
// same on any host and needs no alignment. The 64-bit accumulator takes
// 2^48 words before it could overflow, far more than any packet; the
// carries are folded back in only at the end (RFC 1071 2(B)).
#include "cksum.h"

void cksum_add(struct cksum *c, const void *data, size_t len) {
  const uint8_t *p = data;
  uint64_t sum = c->sum;
  if (len > 0 && c->odd) { // finish the word begun by the last piece
    sum += *p++;
    len--;
    c->odd = 0;
  }
  while (len >= 8) {
    sum += (uint32_t)(p[0] << 8 | p[1]) + (uint32_t)(p[2] << 8 | p[3]) +
           (uint32_t)(p[4] << 8 | p[5]) + (uint32_t)(p[6] << 8 | p[7]);
    p += 8;
    len -= 8;
  }
  while (len >= 2) {
    sum += (uint32_t)(p[0] << 8 | p[1]);
    p += 2;
    len -= 2;
  }
  if (len == 1) { // the high byte of a word the next piece completes
    sum += (uint32_t)p[0] << 8;
    c->odd = 1;
  }
  c->sum = sum;
}

void cksum_add16(struct cksum *c, uint16_t v) { c->sum += v; }

void cksum_merge(struct cksum *c, const struct cksum *next) {
  c->sum += next->sum;
  c->odd = next->odd;
}

uint16_t cksum_finish(const struct cksum *c) {
  uint64_t s = c->sum;
  while (s >> 16)
    s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}

uint16_t inet_cksum(const void *p, size_t len) {
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, p, len);
  return cksum_finish(&c);
}

void cksum_pseudo(struct cksum *c, ipaddr_t src, ipaddr_t dst, uint8_t proto,
                  uint16_t len) {
  c->sum +=
      (src >> 16) + (src & 0xffff) + (dst >> 16) + (dst & 0xffff) + proto + len;
}
