// kernel/net/arp_wire.h: ARP packets (RFC 826) for IPv4 over Ethernet,
// parsed and written.
//
// Host-compilable; pure functions of their arguments.
#ifndef KERNEL_NET_ARP_WIRE_H
#define KERNEL_NET_ARP_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

#define ARP_LEN 28 // the packet for Ethernet and IPv4
#define ARP_HW_ETHER 1
#define ARP_REQUEST 1
#define ARP_REPLY 2

struct arp_pkt {
  uint16_t op;           // ARP_REQUEST or ARP_REPLY
  uint8_t sha[ETH_ALEN]; // sender hardware address
  ipaddr_t spa;          // sender protocol address
  uint8_t tha[ETH_ALEN]; // target hardware address (zero in a request)
  ipaddr_t tpa;          // target protocol address
};

// Parse the ARP packet of len bytes at p (the Ethernet payload; bytes
// past ARP_LEN are padding and ignored). Returns 0 or:
//   -WIRE_SHORT  len < ARP_LEN
//   -WIRE_TYPE   not Ethernet hardware (1) with IPv4 (0x0800), or an
//                operation other than request and reply
//   -WIRE_LENGTH address lengths other than 6 and 4
//   -WIRE_ADDR   a group (multicast or broadcast) sender MAC
// A gratuitous ARP (spa == tpa) parses like any other.
int arp_parse(const uint8_t *p, size_t len, struct arp_pkt *out);

// Write the ARP_LEN bytes of *a at p.
void arp_emit(uint8_t *p, const struct arp_pkt *a);

#endif
