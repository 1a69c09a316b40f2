// kernel/net/udp_wire.h: the UDP header (RFC 768), parsed and written,
// with the checksum over the IPv4 pseudo-header.
//
// Host-compilable; pure functions of their arguments.
#ifndef KERNEL_NET_UDP_WIRE_H
#define KERNEL_NET_UDP_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "cksum.h"
#include "inet.h"

#define UDP_HLEN 8
#define UDP_MAXDATA (IP_MAXPACKET - 20 - UDP_HLEN) // 65507

struct udp_hdr {
  uint16_t sport, dport;
  uint16_t ulen;          // the length field: header and data
  uint16_t cksum;         // the checksum field; 0 means none was sent
  const uint8_t *payload; // into the parsed bytes, after the header
  size_t plen;            // ulen - 8: bytes of data (IP padding excluded)
};

// Parse the datagram of len bytes at p (an IP payload) sent from src to
// dst, and verify its checksum (unless the field is 0: none sent). If
// len exceeds the UDP length the extra bytes are ignored. Returns 0 or:
//   -WIRE_SHORT  len < 8, or the UDP length exceeds len
//   -WIRE_LENGTH the UDP length is under 8
//   -WIRE_CKSUM  the checksum does not verify
int udp_parse(const uint8_t *p, size_t len, ipaddr_t src, ipaddr_t dst,
              struct udp_hdr *out);

// The same in two steps, for a datagram not all in one piece (a
// reassembled one in a netbuf chain): udp_parse_hdr reads the header
// from the avail contiguous bytes at p of a datagram of len bytes and
// checks the lengths (payload then points at the avail - 8 contiguous
// bytes; plen is ulen - 8); udp_verify takes the sum of the first ulen
// bytes (the caller trims to ulen, then sums every piece). Same errors.
int udp_parse_hdr(const uint8_t *p, size_t avail, size_t len,
                  struct udp_hdr *out);
int udp_verify(const struct udp_hdr *h, ipaddr_t src, ipaddr_t dst,
               const struct cksum *datagram);

// Write the 8-byte header at p for a datagram of UDP_HLEN + dlen bytes
// from src:sport to dst:dport, with the checksum over the pseudo-header,
// the header and the data, whose sum the caller passes (cksum_add over
// the data from a fresh state). A computed checksum of 0 is sent as
// 0xffff (RFC 768), since 0 means none.
void udp_emit(uint8_t *p, ipaddr_t src, uint16_t sport, ipaddr_t dst,
              uint16_t dport, size_t dlen, const struct cksum *data);

#endif
