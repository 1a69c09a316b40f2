// kernel/net/inpcb.c: AF_INET protocol control blocks (inpcb.h).
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "inpcb.h"
#include "netif.h"

void in_pcbinit(struct inpcbtable *t, const char *name) {
  initlock(&t->lock, (char *)name);
  t->name = name;
}

int in_pcballoc(struct inpcbtable *t, struct socket *so) {
  acquire(&t->lock);
  for (int i = 0; i < NSOCKET; i++) {
    struct inpcb *p = &t->pcb[i];
    if (!p->inuse) {
      memset(p, 0, sizeof(*p));
      p->inuse = 1;
      p->so = so;
      so->pcb = p;
      release(&t->lock);
      return 0;
    }
  }
  release(&t->lock);
  return -ENOBUFS;
}

void in_pcbfree(struct inpcbtable *t, struct inpcb *p) {
  acquire(&t->lock);
  p->so->pcb = 0;
  p->inuse = 0;
  p->so = 0;
  release(&t->lock);
}

// Is addr:port taken for p? Two sockets may share a port when their
// local addresses differ and neither is the wildcard, or when both
// asked for SO_REUSEADDR. t->lock held.
static int taken(struct inpcbtable *t, struct inpcb *p, ipaddr_t addr,
                 uint16 port, int reuse) {
  for (int i = 0; i < NSOCKET; i++) {
    struct inpcb *q = &t->pcb[i];
    if (!q->inuse || q == p || q->lport != port)
      continue;
    if (q->laddr != 0 && addr != 0 && q->laddr != addr)
      continue;
    if (reuse && q->so->reuseaddr)
      continue;
    return 1;
  }
  return 0;
}

int in_pcbbind(struct inpcbtable *t, struct inpcb *p, ipaddr_t addr,
               uint16 port, int reuse) {
  if (p->lport != 0)
    return -EINVAL;
  // Any 127/8 address is ours on lo, as on Linux.
  if (addr != 0 && addr != IP_BROADCAST && !ip_is_loopback(addr) &&
      netif_owner(addr) == 0)
    return -EADDRNOTAVAIL;
  acquire(&t->lock);
  int err = 0;
  if (port == 0) {
    // RFC 6056 algorithm 1: start at a random port, take the next free.
    uint32 n = EPHEMERAL_HI - EPHEMERAL_LO + 1, start = krand() % n;
    err = -EADDRINUSE;
    for (uint32 i = 0; i < n; i++) {
      uint16 cand = EPHEMERAL_LO + (start + i) % n;
      if (!taken(t, p, addr, cand, 0)) {
        port = cand;
        err = 0;
        break;
      }
    }
  } else if (taken(t, p, addr, port, reuse)) {
    err = -EADDRINUSE;
  }
  if (err == 0) {
    p->laddr = addr;
    p->lport = port;
  }
  release(&t->lock);
  return err;
}

void in_pcbconnect(struct inpcbtable *t, struct inpcb *p, ipaddr_t faddr,
                   uint16 fport) {
  acquire(&t->lock);
  p->faddr = faddr;
  p->fport = faddr ? fport : 0;
  release(&t->lock);
}

struct socket *in_pcblookup(struct inpcbtable *t, ipaddr_t laddr, uint16 lport,
                            ipaddr_t faddr, uint16 fport) {
  struct inpcb *best = 0;
  int bestscore = -1;
  acquire(&t->lock);
  for (int i = 0; i < NSOCKET; i++) {
    struct inpcb *p = &t->pcb[i];
    if (!p->inuse || p->lport != lport)
      continue;
    if (p->laddr != 0 && p->laddr != laddr)
      continue;
    if (p->faddr != 0 && (p->faddr != faddr || p->fport != fport))
      continue;
    int score = (p->faddr != 0) * 2 + (p->laddr != 0);
    if (score > bestscore) {
      best = p;
      bestscore = score;
    }
  }
  struct socket *so = best ? best->so : 0;
  if (so && !sotryref(so))
    so = 0; // being closed
  release(&t->lock);
  return so;
}

struct socket *in_pcbconnected(struct inpcbtable *t, ipaddr_t laddr,
                               uint16 lport, ipaddr_t faddr, uint16 fport) {
  struct socket *so = 0;
  acquire(&t->lock);
  for (int i = 0; i < NSOCKET && so == 0; i++) {
    struct inpcb *p = &t->pcb[i];
    if (p->inuse && p->lport == lport && p->faddr == faddr &&
        p->fport == fport && (p->laddr == 0 || p->laddr == laddr))
      so = p->so;
  }
  if (so && !sotryref(so))
    so = 0;
  release(&t->lock);
  return so;
}

int in_pcbbcast(struct inpcbtable *t, uint16 lport, struct socket **out,
                int n) {
  int k = 0;
  acquire(&t->lock);
  for (int i = 0; i < NSOCKET && k < n; i++) {
    struct inpcb *p = &t->pcb[i];
    if (p->inuse && p->lport == lport && p->faddr == 0 && sotryref(p->so))
      out[k++] = p->so;
  }
  release(&t->lock);
  return k;
}

int in_getaddr(const struct sockaddr *a, int len, ipaddr_t *addr,
               uint16 *port) {
  if (len < (int)sizeof(struct sockaddr_in))
    return -EINVAL;
  const struct sockaddr_in *sin = (const struct sockaddr_in *)a;
  if (sin->sin_family != AF_INET)
    return -EAFNOSUPPORT;
  *addr = ntohl(sin->sin_addr.s_addr);
  *port = ntohs(sin->sin_port);
  return 0;
}

int in_putaddr(void *out, ipaddr_t addr, uint16 port) {
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof(sin));
  sin.sin_family = AF_INET;
  sin.sin_port = htons(port);
  sin.sin_addr.s_addr = htonl(addr);
  memmove(out, &sin, sizeof(sin));
  return sizeof(sin);
}
