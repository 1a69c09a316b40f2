// kernel/net/indgram.c: what the AF_INET datagram protocols (UDP,
// udp.c, and ICMP echo sockets, ping.c) share: binding, binding on
// first use, disconnecting, shutdown, and putting a received datagram in
// a socket's buffer. Each takes the protocol's pcb table.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "socket.h"
#include "inpcb.h"
#include "netbuf.h"
#include "netstack.h"
#include "indgram.h"

int indg_bind(struct inpcbtable *t, struct socket *so, const struct sockaddr *a,
              int len) {
  ipaddr_t addr;
  uint16 port;
  int err = in_getaddr(a, len, &addr, &port);
  if (err < 0)
    return err;
  acquire(so->lk);
  if ((err = sostate_next(so->state, SE_BIND)) >= 0 &&
      (err = in_pcbbind(t, so->pcb, addr, port, so->reuseaddr)) == 0)
    sotransition(so, SE_BIND);
  release(so->lk);
  return err < 0 ? err : 0;
}

int indg_autobind(struct inpcbtable *t, struct socket *so) {
  struct inpcb *p = so->pcb;
  if (p->lport != 0)
    return 0;
  int err = in_pcbbind(t, p, 0, 0, 0);
  if (err == 0)
    sotransition(so, SE_BIND);
  return err;
}

int indg_unconnect(struct inpcbtable *t, struct socket *so,
                   const struct sockaddr *a, int len) {
  if (len < (int)sizeof(sa_family_t) || a->sa_family != AF_UNSPEC)
    return 0;
  acquire(so->lk);
  in_pcbconnect(t, so->pcb, 0, 0);
  release(so->lk);
  return 1;
}

int indg_shutdown(struct socket *so, int how) {
  if (how == SHUT_RD || how == SHUT_RDWR)
    so->rdshut = 1;
  if (how == SHUT_WR || how == SHUT_RDWR)
    so->wrshut = 1;
  sowakeup_all(so);
  return 0;
}

void indg_rcvd(struct socket *so) { (void)so; }

int indg_unread(struct socket *so) {
  (void)so;
  return 0;
}

int indg_writable(struct socket *so) {
  (void)so;
  return 1; // a datagram is sent or dropped at once
}

int indg_listen(struct socket *so, int backlog) {
  (void)so;
  (void)backlog;
  return -EOPNOTSUPP;
}

// sb_putrec_with's copy: bytes of a received packet.
struct nbsrc {
  const struct netbuf *nb;
  uint32 off;
};

static int copy_nb(void *dst, uint32 off, uint32 n, void *arg) {
  struct nbsrc *s = arg;
  return nb_copyout(s->nb, s->off + off, dst, n) < 0 ? -EFAULT : 0;
}

int indg_deliver(struct socket *so, const struct netbuf *nb, uint32 off,
                 uint32 n, ipaddr_t src, uint16 sport) {
  struct sockaddr_in from;
  in_putaddr(&from, src, sport);
  struct nbsrc s = {nb, off};
  acquire(so->lk);
  int err = so->rdshut
                ? -EPIPE
                : sb_putrec_with(&so->rcv, n, &from, sizeof(from), copy_nb, &s);
  if (err == 0)
    sowakeup(&so->rcv);
  release(so->lk);
  sorelease(so);
  return err;
}
