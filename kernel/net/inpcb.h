// kernel/net/inpcb.h: what AF_INET sockets of one protocol share: the
// table of their local and foreign addresses and ports (a pcb each),
// binding with ephemeral ports (RFC 6056), and finding the socket a
// datagram is for. UDP and ping sockets use it; TCP will.
//
// Lock order: a socket's own lock (*so->lk) -> the table's lock ->
// socktable.lock (soref). Input finds a pcb under the table's lock,
// takes a reference on its socket, and only then (the table's lock
// released) locks the socket.
#ifndef KERNEL_NET_INPCB_H
#define KERNEL_NET_INPCB_H

#include "../types.h"
#include "../spinlock.h"
#include "inet.h"
#include "socket.h"

#define EPHEMERAL_LO 32768 // Linux's default ip_local_port_range
#define EPHEMERAL_HI 60999

// [t] the table's lock. [s] the socket's lock too (written under both,
// read under either).
struct inpcb {
  int inuse;         // [t]
  struct socket *so; // [t]
  ipaddr_t laddr;    // [t][s] bound local address, or 0 (any)
  uint16 lport;      // [t][s] local port, 0 until bound
  ipaddr_t faddr;    // [t][s] connected foreign address, or 0
  uint16 fport;      // [t][s]
  uint8 ttl, tos;    // [s] IP_TTL, IP_TOS (0: default)
  int ifindex;       // [s] SO_BINDTODEVICE: the interface + 1, or 0
};

struct inpcbtable {
  struct spinlock lock;
  const char *name;
  struct inpcb pcb[NSOCKET];
};

void in_pcbinit(struct inpcbtable *t, const char *name);
// A pcb for so, unbound (0 or -ENOBUFS). *so->lk held.
int in_pcballoc(struct inpcbtable *t, struct socket *so);
void in_pcbfree(struct inpcbtable *t, struct inpcb *p);
// Bind p to addr:port (port 0: an ephemeral one). 0, -EADDRINUSE (the
// pair is taken and not both sockets have SO_REUSEADDR; or no free
// ephemeral port), -EADDRNOTAVAIL (addr is not one of ours), -EINVAL
// (already bound). *so->lk held.
int in_pcbbind(struct inpcbtable *t, struct inpcb *p, ipaddr_t addr,
               uint16 port, int reuse);
// Record the foreign address (faddr 0: disconnect). *so->lk held.
void in_pcbconnect(struct inpcbtable *t, struct inpcb *p, ipaddr_t faddr,
                   uint16 fport);
// The socket a datagram from faddr:fport to laddr:lport is for (a
// connected pcb first, then one bound to laddr, then a wildcard),
// referenced; 0 if none. No lock held.
struct socket *in_pcblookup(struct inpcbtable *t, ipaddr_t laddr, uint16 lport,
                            ipaddr_t faddr, uint16 fport);
// The connected socket that sent laddr:lport to faddr:fport, referenced,
// or 0 (for ICMP errors). No lock held.
struct socket *in_pcbconnected(struct inpcbtable *t, ipaddr_t laddr,
                               uint16 lport, ipaddr_t faddr, uint16 fport);
// Every socket bound to a port that a broadcast datagram to lport
// reaches: up to n, referenced, into out; returns how many.
int in_pcbbcast(struct inpcbtable *t, uint16 lport, struct socket **out, int n);

// Socket addresses: parse an AF_INET sockaddr (0 or -EINVAL /
// -EAFNOSUPPORT); fill one in; returns its length.
int in_getaddr(const struct sockaddr *a, int len, ipaddr_t *addr, uint16 *port);
int in_putaddr(void *out, ipaddr_t addr, uint16 port);

// A 32-bit random number (kernel/random.c's generator).
uint32 krand(void);

#endif
