// kernel/net/ether_wire.h: the Ethernet II header (IEEE 802.3 framing
// with an EtherType), parsed and written.
//
// A frame here is what a NIC hands over: destination, source, type and
// payload, without preamble or FCS. Frames shorter than 60 bytes were
// padded by the sender, so a payload may carry trailing padding; the IP
// layer trims it with the IP total length.
//
// Host-compilable; pure functions of their arguments.
#ifndef KERNEL_NET_ETHER_WIRE_H
#define KERNEL_NET_ETHER_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

#define ETH_HLEN 14       // destination, source, type
#define ETH_MINFRAME 60   // shortest frame on the wire, without FCS
#define ETH_MTU 1500      // the payload of a full-sized frame
#define ETH_MAXFRAME 1518 // a full frame with one 802.1Q tag, without FCS

struct eth_hdr {
  uint8_t dst[ETH_ALEN];
  uint8_t src[ETH_ALEN];
  uint16_t type;          // EtherType (0x0800 IPv4, 0x0806 ARP, ...)
  const uint8_t *payload; // into the parsed bytes
  size_t plen;            // bytes after the header, padding included
};

// Parse the frame of len bytes at p into *out. Returns 0 or:
//   -WIRE_SHORT  len < ETH_HLEN
//   -WIRE_LONG   len > ETH_MAXFRAME
//   -WIRE_TYPE   an IEEE 802.3 length field (type < 0x0600) instead of
//                an EtherType: LLC frames are not ours
//   -WIRE_ADDR   a group (multicast or broadcast) source address
// Which destinations to accept is the interface's decision, not this.
int eth_parse(const uint8_t *p, size_t len, struct eth_hdr *out);

// Write a header of ETH_HLEN bytes at p.
void eth_emit(uint8_t *p, const uint8_t *dst, const uint8_t *src,
              uint16_t type);

#endif
