// kernel/net/ip_wire.h: the IPv4 header (RFC 791), parsed and written.
//
// Host-compilable; pure functions of their arguments.
#ifndef KERNEL_NET_IP_WIRE_H
#define KERNEL_NET_IP_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

#define IP_HLEN 20    // a header without options
#define IP_MAXHLEN 60 // IHL 15
#define IP_RF 0x8000  // reserved flag: must be zero
#define IP_DF 0x4000  // don't fragment
#define IP_MF 0x2000  // more fragments
#define IP_OFFMASK 0x1fff

struct ip_hdr {
  uint8_t hlen;     // header bytes, options included: 20..60
  uint8_t tos;      // DSCP and ECN
  uint16_t totlen;  // header and payload
  uint16_t id;      // identification, for reassembly
  uint8_t df, mf;   // the flags, 0 or 1
  uint16_t fragoff; // fragment offset in bytes (a multiple of 8)
  uint8_t ttl;
  uint8_t proto; // IPPROTO_ICMP, IPPROTO_UDP, ...
  ipaddr_t src, dst;
  const uint8_t *payload; // into the parsed bytes, after the options
  size_t plen;            // totlen - hlen (without link-layer padding)
};

// Parse the datagram of len bytes at p (len may exceed the total length
// by link-layer padding, which is left out of plen). Options are not
// interpreted, only skipped. Returns 0 or:
//   -WIRE_SHORT   len < 20, or fewer bytes than IHL or the total length
//   -WIRE_VERSION version is not 4
//   -WIRE_HDRLEN  IHL < 5
//   -WIRE_LENGTH  total length < header length
//   -WIRE_CKSUM   the header checksum does not verify
//   -WIRE_FRAG    the reserved flag set, offset + payload past 65535,
//                 or MF with a payload that is empty or not a multiple of 8
// Addresses are not judged here (which are ours, martians): that takes
// the interfaces.
int ip_parse(const uint8_t *p, size_t len, struct ip_hdr *out);

// Parse the IP header that an ICMP error quotes (RFC 792: the header and
// at least 8 bytes of its payload), leniently: the checksum is not
// checked and the total length may exceed what is quoted (plen is what
// there is of the payload). Returns 0, -WIRE_SHORT (under hlen + 8
// bytes of it), -WIRE_VERSION, -WIRE_HDRLEN, -WIRE_LENGTH.
int ip_parse_quote(const uint8_t *p, size_t len, struct ip_hdr *out);

// 1 if the datagram is a fragment (MF set or a nonzero offset).
static inline int ip_is_fragment(const struct ip_hdr *h) {
  return h->mf || h->fragoff != 0;
}

// Write a 20-byte header (no options) at p from *h's tos, totlen, id,
// df, mf, fragoff (a multiple of 8), ttl, proto, src and dst, with its
// checksum. hlen, payload and plen are ignored.
void ip_emit(uint8_t *p, const struct ip_hdr *h);

#endif
