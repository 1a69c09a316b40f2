// netv6/in.h: IPv4 socket addresses, shared by the kernel and user space
// (user programs get them through <netinet/in.h>). Addresses and ports
// in these structures are in network byte order, as POSIX says; the
// byte-order functions below convert, on any host.
#ifndef NETV6_IN_H
#define NETV6_IN_H

#include <stdint.h>
#include <netv6/socket.h>

typedef uint32_t in_addr_t; // network byte order
typedef uint16_t in_port_t; // network byte order

struct in_addr {
  in_addr_t s_addr;
};

struct sockaddr_in {
  sa_family_t sin_family; // AF_INET
  in_port_t sin_port;
  struct in_addr sin_addr;
  unsigned char sin_zero[8];
};

// Host byte order; pass through htonl.
#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)
#define INADDR_BROADCAST ((in_addr_t)0xffffffff)
#define INADDR_NONE ((in_addr_t)0xffffffff)

// IP protocol numbers (the IPv4 header's protocol field).
#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

#define INET_ADDRSTRLEN 16 // "255.255.255.255" and its NUL

// Options at level IPPROTO_IP (Linux's numbers).
#define IP_TOS 1
#define IP_TTL 2

// Byte order. The network's is big-endian. These read and write the
// bytes of the value in memory, so they are right whatever the host's
// order is, and compile to shifts (no __builtin_bswap32, which without
// RISC-V's Zbb extension is a libgcc call).
static inline uint16_t ntohs(uint16_t x) {
  const uint8_t *p = (const uint8_t *)&x;
  return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint16_t htons(uint16_t x) {
  uint16_t r;
  uint8_t *p = (uint8_t *)&r;
  p[0] = (uint8_t)(x >> 8);
  p[1] = (uint8_t)x;
  return r;
}
static inline uint32_t ntohl(uint32_t x) {
  const uint8_t *p = (const uint8_t *)&x;
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}
static inline uint32_t htonl(uint32_t x) {
  uint32_t r;
  uint8_t *p = (uint8_t *)&r;
  p[0] = (uint8_t)(x >> 24);
  p[1] = (uint8_t)(x >> 16);
  p[2] = (uint8_t)(x >> 8);
  p[3] = (uint8_t)x;
  return r;
}

#endif
