// kernel/net/cksum.h: the Internet checksum (RFC 1071), the 16-bit
// one's complement of the one's complement sum of 16-bit big-endian
// words, used by IPv4, ICMP, UDP and TCP.
//
// A sum is built from any number of pieces (a pseudo-header, a header,
// a payload split across buffers), each of any length: a piece that
// ends on an odd byte leaves the next piece starting in the middle of a
// word, and the state remembers that. The result does not depend on how
// the bytes were cut into pieces.
//
// Host-compilable; no lock (the state is the caller's).
#ifndef KERNEL_NET_CKSUM_H
#define KERNEL_NET_CKSUM_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

struct cksum {
  uint64_t sum; // the running sum of 16-bit words, not yet folded
  int odd;      // an odd number of bytes so far: the next byte is a low byte
};

static inline void cksum_init(struct cksum *c) {
  c->sum = 0;
  c->odd = 0;
}
// Add len bytes at p (len may be 0 or odd; p need not be aligned).
void cksum_add(struct cksum *c, const void *p, size_t len);
// Add one 16-bit word (host order) as if its two big-endian bytes came
// next; the state must be at a word boundary (even length so far).
void cksum_add16(struct cksum *c, uint16_t v);
// Add another sum, whose bytes come next; c must be at a word boundary.
void cksum_merge(struct cksum *c, const struct cksum *next);
// The checksum of everything added (host order; store it with put16).
// Over bytes that include a correct checksum field, it is 0.
uint16_t cksum_finish(const struct cksum *c);

// The checksum of len bytes at p, in one go.
uint16_t inet_cksum(const void *p, size_t len);

// Add the IPv4 pseudo-header of UDP and TCP (RFC 768, RFC 9293 3.1):
// source, destination, protocol and the length of the UDP datagram or
// TCP segment (header and data). c must be at a word boundary.
void cksum_pseudo(struct cksum *c, ipaddr_t src, ipaddr_t dst, uint8_t proto,
                  uint16_t len);

#endif
