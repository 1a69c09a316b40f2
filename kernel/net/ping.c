// kernel/net/ping.c: ICMP echo sockets, socket(AF_INET, SOCK_DGRAM,
// IPPROTO_ICMP), as Linux's unprivileged "ping sockets": the program
// sends an ICMP echo request (an 8-byte header of type 8 and its data),
// the kernel puts the socket's identifier (its local "port", chosen like
// an ephemeral port) and the checksum in, and the echo replies that
// carry that identifier come back whole (header and data) with the
// replier's address. `ping` uses these; no special privilege needed.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "socket.h"
#include "inpcb.h"
#include "indgram.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"
#include "icmp_wire.h"

static struct inpcbtable pingtable;

static struct inpcb *pcb(struct socket *so) { return so->pcb; }

void ping_init(void) { in_pcbinit(&pingtable, "pingtable"); }

static int ping_attach(struct socket *so) {
  return in_pcballoc(&pingtable, so);
}

static void ping_detach(struct socket *so) { in_pcbfree(&pingtable, pcb(so)); }

static int ping_bind(struct socket *so, const struct sockaddr *a, int len) {
  return indg_bind(&pingtable, so, a, len);
}

static int ping_connect(struct socket *so, const struct sockaddr *a, int len,
                        int nonblock) {
  (void)nonblock;
  ipaddr_t addr, src;
  uint16 port;
  if (indg_unconnect(&pingtable, so, a, len))
    return 0;
  int err = in_getaddr(a, len, &addr, &port);
  if (err < 0)
    return err;
  if (addr == 0)
    addr = IP_LOOPBACK;
  acquire(so->lk);
  if (ip_isbcast(addr) && !so->broadcast)
    err = -EACCES;
  else if ((err = ip_select_src(addr, &src)) == 0 &&
           (err = indg_autobind(&pingtable, so)) == 0)
    in_pcbconnect(&pingtable, pcb(so), addr, 0);
  release(so->lk);
  return err;
}

static int ping_send(struct socket *so, int user, uint64 src, int n,
                     const struct sodest *to) {
  struct inpcb *p = pcb(so);
  ipaddr_t dst = p->faddr, from;
  uint16 port;
  int err;
  if (to && (err = in_getaddr(to->addr, to->len, &dst, &port)) < 0)
    return err;
  if (!to && dst == 0)
    return -EDESTADDRREQ;
  if (dst == 0)
    dst = IP_LOOPBACK;
  if (n < ICMP_HLEN || n > IP_MAXPACKET - 20)
    return n < ICMP_HLEN ? -EINVAL : -EMSGSIZE;
  if (ip_isbcast(dst) && !so->broadcast)
    return -EACCES;
  if ((err = indg_autobind(&pingtable, so)) < 0)
    return err;
  if (p->laddr != 0)
    from = p->laddr;
  else if ((err = ip_select_src(dst, &from)) < 0)
    return err;
  uint8 hdr[ICMP_HLEN];
  if (either_copyin(hdr, user, src, ICMP_HLEN) < 0)
    return -EFAULT;
  if (hdr[0] != ICMP_ECHO || hdr[1] != 0)
    return -EINVAL; // only echo requests (as Linux)
  struct netbuf *nb = nb_alloc_chain(NB_MAXHDR, n - ICMP_HLEN);
  if (nb == 0)
    return -ENOBUFS;
  struct cksum c;
  cksum_init(&c);
  uint64 off = ICMP_HLEN;
  for (struct netbuf *b = nb; b; b = b->more) {
    if (either_copyin(b->data, user, src + off, b->len) < 0) {
      nb_free(nb);
      return -EFAULT;
    }
    cksum_add(&c, b->data, b->len);
    off += b->len;
  }
  struct icmp_hdr ic = {.type = ICMP_ECHO,
                        .code = 0,
                        .rest = icmp_echo_rest(p->lport, get16(hdr + 6))};
  icmp_emit(nb_push(nb, ICMP_HLEN), &ic, &c);
  struct ipout o = {.src = from,
                    .dst = dst,
                    .proto = IPPROTO_ICMP,
                    .ttl = p->ttl,
                    .tos = p->tos};
  err = ip_output(nb, &o);
  return err < 0 ? err : n;
}

void ping_input(struct netbuf *nb, const struct ipinfo *in,
                const struct icmp_hdr *ic) {
  struct socket *so =
      in_pcblookup(&pingtable, in->dst, icmp_id(ic), in->src, 0);
  if (so == 0) {
    NETSTAT(icmp_ignored); // nobody is waiting for this reply
    return;
  }
  indg_deliver(so, nb, in->hlen, nb_totlen(nb) - in->hlen, in->src, 0);
}

static int ping_sockaddr(struct socket *so, struct sockaddr_storage *a,
                         int peer) {
  struct inpcb *p = pcb(so);
  if (peer)
    return p->faddr ? in_putaddr(a, p->faddr, 0) : -ENOTCONN;
  return in_putaddr(a, p->laddr, p->lport);
}

const struct protosw ping_proto = {
    .family = AF_INET,
    .type = SOCK_DGRAM,
    .protocol = IPPROTO_ICMP,
    .attach = ping_attach,
    .detach = ping_detach,
    .bind = ping_bind,
    .connect = ping_connect,
    .listen = indg_listen,
    .send = ping_send,
    .rcvd = indg_rcvd,
    .shutdown = indg_shutdown,
    .unread = indg_unread,
    .sockaddr = ping_sockaddr,
    .writable = indg_writable,
    .setopt = inet_setopt,
    .getopt = inet_getopt,
};
