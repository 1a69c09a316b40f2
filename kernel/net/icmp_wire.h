// kernel/net/icmp_wire.h: ICMP messages (RFC 792), parsed and written.
//
// A message is the IP payload: type, code, checksum, 4 bytes whose
// meaning depends on the type (the "rest"), then data: an echo's data,
// or for an error the quoted IP header and at least 8 bytes after it
// (ip_parse_quote reads that).
//
// Host-compilable; pure functions of their arguments.
#ifndef KERNEL_NET_ICMP_WIRE_H
#define KERNEL_NET_ICMP_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "cksum.h"
#include "inet.h"

#define ICMP_HLEN 8

// Types.
#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12

// Codes of ICMP_UNREACH.
#define ICMP_UNREACH_NET 0
#define ICMP_UNREACH_HOST 1
#define ICMP_UNREACH_PROTOCOL 2
#define ICMP_UNREACH_PORT 3
#define ICMP_UNREACH_NEEDFRAG 4 // the next-hop MTU in rest's low 16 bits
#define ICMP_UNREACH_SRCFAIL 5

struct icmp_hdr {
  uint8_t type;
  uint8_t code;
  uint32_t rest;       // echo: id << 16 | seq; unreachable/needfrag: the
                       // MTU; redirect: the gateway; parameter problem:
                       // the pointer in the top byte; else 0
  const uint8_t *data; // into the parsed bytes: the data after the header
  size_t dlen;         // bytes of data in the message
};

static inline uint16_t icmp_id(const struct icmp_hdr *h) {
  return (uint16_t)(h->rest >> 16);
}
static inline uint16_t icmp_seq(const struct icmp_hdr *h) {
  return (uint16_t)h->rest;
}
static inline uint32_t icmp_echo_rest(uint16_t id, uint16_t seq) {
  return (uint32_t)id << 16 | seq;
}
// 1 for the error types (whose data quotes the datagram at fault).
int icmp_is_error(uint8_t type);

// Parse the ICMP message of len bytes at p (an IP payload) and verify
// its checksum. Any type parses; what to do with it is the caller's
// choice. Returns 0, -WIRE_SHORT (len < 8) or -WIRE_CKSUM.
int icmp_parse(const uint8_t *p, size_t len, struct icmp_hdr *out);

// The same in two steps, for a message whose bytes are not all in one
// piece (a reassembled datagram in a netbuf chain): icmp_parse_hdr reads
// the header from the avail contiguous bytes at p of a message of len
// bytes (data then points at the avail - 8 contiguous ones; dlen is
// still len - 8); returns 0 or -WIRE_SHORT. icmp_verify takes the sum
// of all len bytes (cksum_add over every piece); returns 0 or
// -WIRE_CKSUM.
int icmp_parse_hdr(const uint8_t *p, size_t avail, size_t len,
                   struct icmp_hdr *out);
int icmp_verify(const struct cksum *message);

// Write the 8-byte header of *h at p (data and dlen ignored), with the
// checksum over it and the data, whose sum the caller passes (cksum_add
// over the data bytes from a fresh state; they start at a word boundary,
// the header being 8 bytes).
void icmp_emit(uint8_t *p, const struct icmp_hdr *h, const struct cksum *data);

#endif
