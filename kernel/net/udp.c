// kernel/net/udp.c: UDP (RFC 768) and its sockets, socket(AF_INET,
// SOCK_DGRAM, 0): datagrams up to 65507 bytes (IP fragments what its
// interface cannot carry), checksums always sent and checked when sent
// to us, ephemeral ports (inpcb.c), broadcast only with SO_BROADCAST,
// ICMP errors reported to connected sockets (ECONNREFUSED...).
//
// Each socket has its own lock (protosw.lock 0); the pcb table has one
// for all (inpcb.h gives the order). A received datagram is copied into
// the receiving socket's buffer as one record with the sender's
// sockaddr_in; a full buffer drops it (counted), as SO_RCVBUF says.
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
#include "udp_wire.h"
#include "icmp_wire.h"

static struct inpcbtable udb;

static struct inpcb *pcb(struct socket *so) { return so->pcb; }

void udp_init(void) { in_pcbinit(&udb, "udb"); }

static int udp_attach(struct socket *so) { return in_pcballoc(&udb, so); }

static void udp_detach(struct socket *so) { in_pcbfree(&udb, pcb(so)); }

static int udp_bind(struct socket *so, const struct sockaddr *a, int len) {
  return indg_bind(&udb, so, a, len);
}

// Check a destination: 0.0.0.0 means this host (as Linux); a broadcast
// needs SO_BROADCAST. *so->lk held.
static int checkdest(struct socket *so, ipaddr_t *dst, uint16 port) {
  if (port == 0)
    return -EINVAL;
  if (*dst == 0)
    *dst = IP_LOOPBACK;
  if (ip_is_multicast(*dst))
    return -ENETUNREACH; // no multicast routing here
  if (ip_isbcast(*dst) && !so->broadcast)
    return -EACCES;
  return 0;
}

static int udp_connect(struct socket *so, const struct sockaddr *a, int len,
                       int nonblock) {
  (void)nonblock;
  ipaddr_t addr;
  uint16 port;
  if (indg_unconnect(&udb, so, a, len))
    return 0; // disconnected: sends need an address again
  int err = in_getaddr(a, len, &addr, &port);
  if (err < 0)
    return err;
  ipaddr_t src;
  acquire(so->lk);
  if ((err = checkdest(so, &addr, port)) == 0 &&
      (err = ip_select_src(addr, &src)) == 0 &&
      (err = indg_autobind(&udb, so)) == 0)
    in_pcbconnect(&udb, pcb(so), addr, port);
  release(so->lk);
  return err;
}

static int udp_send(struct socket *so, int user, uint64 src, int n,
                    const struct sodest *to) {
  struct inpcb *p = pcb(so);
  ipaddr_t dst = p->faddr, from;
  uint16 dport = p->fport;
  int err;
  if (to) {
    if ((err = in_getaddr(to->addr, to->len, &dst, &dport)) < 0)
      return err;
  } else if (dst == 0) {
    return -EDESTADDRREQ;
  }
  if (n > UDP_MAXDATA)
    return -EMSGSIZE;
  if ((err = checkdest(so, &dst, dport)) < 0 ||
      (err = indg_autobind(&udb, so)) < 0)
    return err;
  struct netif *dev = 0;
  if (p->ifindex && dst == IP_BROADCAST) {
    // Bound to an interface: out through it, from its address or, if it
    // has none yet, from 0.0.0.0 (a DHCP client, RFC 2131 4.1).
    dev = netif_get(p->ifindex - 1);
    from = p->laddr ? p->laddr : netif_srcaddr(dev, dst);
  } else if (p->laddr != 0 && !ip_isbcast(p->laddr)) {
    from = p->laddr;
  } else if ((err = ip_select_src(dst, &from)) < 0) {
    return err;
  }
  struct netbuf *nb = nb_alloc_chain(NB_MAXHDR, n);
  if (nb == 0) {
    NETSTAT(udp_nobufs);
    return -ENOBUFS;
  }
  struct cksum c;
  cksum_init(&c);
  uint64 off = 0;
  for (struct netbuf *b = nb; b; b = b->more) {
    if (either_copyin(b->data, user, src + off, b->len) < 0) {
      nb_free(nb);
      return -EFAULT;
    }
    cksum_add(&c, b->data, b->len);
    off += b->len;
  }
  udp_emit(nb_push(nb, UDP_HLEN), from, p->lport, dst, dport, n, &c);
  struct ipout o = {.src = from,
                    .dst = dst,
                    .proto = IPPROTO_UDP,
                    .ttl = p->ttl,
                    .tos = p->tos,
                    .ifp = dev};
  NETSTAT(udp_sent);
  err = ip_output(nb, &o);
  return err < 0 ? err : n;
}

// Put the datagram's data in so's buffer (dropping the reference).
static void deliver(struct socket *so, const struct netbuf *nb, uint32 off,
                    uint32 n, ipaddr_t src, uint16 sport) {
  if (indg_deliver(so, nb, off, n, src, sport) == 0)
    NETSTAT(udp_delivered);
  else
    NETSTAT(udp_fullsock); // SO_RCVBUF is full (or the reader shut down)
}

void udp_input(struct netbuf *nb, const struct ipinfo *in) {
  uint32 len = nb_totlen(nb) - in->hlen;
  struct udp_hdr u;
  int err = nb_pullup(nb, in->hlen + (len < UDP_HLEN ? len : UDP_HLEN));
  if (err == 0)
    err = udp_parse_hdr(nb->data + in->hlen, nb->len - in->hlen, len, &u);
  if (err < 0) {
    netstat_wire(NS_UDP, err == -EINVAL ? -WIRE_SHORT : err);
    goto drop;
  }
  nb_trim(nb, in->hlen + u.ulen);
  if (u.cksum != 0) {
    struct cksum c;
    cksum_init(&c);
    nb_cksum(nb, in->hlen, u.ulen, &c);
    if ((err = udp_verify(&u, in->src, in->dst, &c)) < 0) {
      netstat_wire(NS_UDP, err);
      goto drop;
    }
  }
  uint32 off = in->hlen + UDP_HLEN, n = u.ulen - UDP_HLEN;
  if (in->bcast) {
    struct socket *all[8];
    int k = in_pcbbcast(&udb, u.dport, all, NELEM(all));
    for (int i = 0; i < k; i++)
      deliver(all[i], nb, off, n, in->src, u.sport);
    if (k == 0)
      NETSTAT(udp_noport);
    goto drop;
  }
  struct socket *so = in_pcblookup(&udb, in->dst, u.dport, in->src, u.sport);
  if (so == 0) {
    NETSTAT(udp_noport);
    icmp_error(nb, ICMP_UNREACH, ICMP_UNREACH_PORT, 0);
    goto drop;
  }
  deliver(so, nb, off, n, in->src, u.sport);
drop:
  nb_free(nb);
}

void udp_ctlinput(ipaddr_t src, uint16 sport, ipaddr_t dst, uint16 dport,
                  int err) {
  struct socket *so = in_pcbconnected(&udb, src, sport, dst, dport);
  if (so == 0)
    return; // unconnected sockets hear no ICMP errors (as Linux)
  acquire(so->lk);
  soseterror(so, err);
  release(so->lk);
  sorelease(so);
}

static int udp_sockaddr(struct socket *so, struct sockaddr_storage *a,
                        int peer) {
  struct inpcb *p = pcb(so);
  if (peer) {
    if (p->faddr == 0)
      return -ENOTCONN;
    return in_putaddr(a, p->faddr, p->fport);
  }
  return in_putaddr(a, p->laddr, p->lport);
}

const struct protosw udp_proto = {
    .family = AF_INET,
    .type = SOCK_DGRAM,
    .protocol = IPPROTO_UDP,
    .lock = 0,
    .attach = udp_attach,
    .detach = udp_detach,
    .bind = udp_bind,
    .connect = udp_connect,
    .listen = indg_listen,
    .send = udp_send,
    .rcvd = indg_rcvd,
    .shutdown = indg_shutdown,
    .unread = indg_unread,
    .sockaddr = udp_sockaddr,
    .writable = indg_writable,
    .setopt = inet_setopt,
    .getopt = inet_getopt,
};
