// netinet/in.h: Internet (IPv4) addresses and byte order. The types are
// here for programs to compile; the kernel has no AF_INET sockets yet
// (socket(AF_INET, ...) fails with EAFNOSUPPORT).
#ifndef _NETINET_IN_H
#define _NETINET_IN_H

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

#define IPPROTO_IP 0
#define IPPROTO_ICMP 1
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

#define INET_ADDRSTRLEN 16 // "255.255.255.255" and its NUL

// Byte order: RISC-V is little-endian, the network big-endian. (Shifts,
// not __builtin_bswap32, which without the Zbb extension is a libgcc
// call.)
static inline uint16_t htons(uint16_t x) { return (uint16_t)(x << 8 | x >> 8); }
static inline uint16_t ntohs(uint16_t x) { return htons(x); }
static inline uint32_t htonl(uint32_t x) {
  return x << 24 | (x & 0xff00) << 8 | (x >> 8 & 0xff00) | x >> 24;
}
static inline uint32_t ntohl(uint32_t x) { return htonl(x); }

#endif
