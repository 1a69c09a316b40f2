// kernel/net/inet.h: the network stack's basic types and byte order:
// big-endian loads and stores from byte pointers, IPv4 and Ethernet
// addresses, EtherTypes and well-known numbers.
//
// Host-compilable (no kernel headers): the wire parsers, the pure logic
// and their host tests and fuzzers all build on it.
//
// Packet bytes are only ever read and written through get16/get32/
// put16/put32 (or byte by byte), never by casting a struct onto them: a
// header need not be aligned, and RISC-V traps or crawls on misaligned
// access.
#ifndef KERNEL_NET_INET_H
#define KERNEL_NET_INET_H

#include <stddef.h>
#include <stdint.h>
#include <netv6/in.h>

// ---- big-endian fields -----------------------------------------------

static inline uint16_t get16(const uint8_t *p) {
  return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}
static inline void put16(uint8_t *p, uint16_t v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}
static inline void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

// Byte copies for the pure files (the kernel and the host both have
// memcpy/memset/memcmp; the builtins need no header).
#define net_copy(dst, src, n) __builtin_memcpy((dst), (src), (n))
#define net_zero(dst, n) __builtin_memset((dst), 0, (n))
#define net_cmp(a, b, n) __builtin_memcmp((a), (b), (n))

// ---- IPv4 addresses ------------------------------------------------------

// An IPv4 address in host byte order: 10.0.2.15 is IP4(10, 0, 2, 15),
// 0x0a00020f. Read one from packet bytes with get32, write it with put32.
typedef uint32_t ipaddr_t;

#define IP4(a, b, c, d)                                             \
  ((ipaddr_t)(a) << 24 | (ipaddr_t)(b) << 16 | (ipaddr_t)(c) << 8 | \
   (ipaddr_t)(d))
#define IP_ANY IP4(0, 0, 0, 0)
#define IP_BROADCAST IP4(255, 255, 255, 255)
#define IP_LOOPBACK IP4(127, 0, 0, 1)

// The netmask of a prefix length 0..32 (ip_mask(24) is 255.255.255.0).
static inline ipaddr_t ip_mask(int plen) {
  return plen <= 0 ? 0 : plen >= 32 ? 0xffffffffu : ~(0xffffffffu >> plen);
}
static inline int ip_is_multicast(ipaddr_t a) { return (a >> 28) == 0xe; }
static inline int ip_is_loopback(ipaddr_t a) { return (a >> 24) == 127; }
// Classes that can never be a packet's source: broadcast, multicast,
// class E (240/4 including 255.255.255.255).
static inline int ip_bad_source(ipaddr_t a) { return (a >> 28) >= 0xe; }

// ---- Ethernet addresses --------------------------------------------------

#define ETH_ALEN 6

struct ethaddr {
  uint8_t b[ETH_ALEN];
};

static inline int eth_eq(const uint8_t *a, const uint8_t *b) {
  return net_cmp(a, b, ETH_ALEN) == 0;
}
static inline int eth_is_broadcast(const uint8_t *a) {
  return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}
// Group addresses (multicast, and broadcast) have the low bit of the
// first byte set.
static inline int eth_is_group(const uint8_t *a) { return a[0] & 1; }
static inline int eth_is_zero(const uint8_t *a) {
  return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]) == 0;
}

// ---- numbers -------------------------------------------------------------

// EtherTypes.
#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_IPV6 0x86dd

// Well-known UDP ports.
#define PORT_DNS 53
#define PORT_DHCP_SERVER 67
#define PORT_DHCP_CLIENT 68

// IPv4 sizes.
#define IP_MAXPACKET 65535 // the largest total length
#define IP_DEFTTL 64

#endif
