// kernel/net/ip.c: IPv4 input and output (the kernel glue over
// ip_wire.c; RFC 791 and RFC 1122 3.3).
//
// Input (network thread): check the header, keep what is for one of our
// addresses or a broadcast we hear (netv6 is a host: it forwards
// nothing), put fragments back together, and hand the payload to ICMP
// or UDP; an unknown protocol gets an ICMP protocol unreachable.
// Output (the sender's context): route, pick a source address, prepend
// the header, cut into fragments what exceeds the interface's MTU, and
// give each packet to lo or to ARP.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"
#include "ip_wire.h"
#include "icmp_wire.h"

static uint32 next_id; // identification of the next datagram (atomic)

// Is dst one we take, arriving on ifp? 1 unicast to one of our addresses
// (on any interface: the weak host model, as Linux), 2 a broadcast.
// Loopback addresses only ever arrive on lo.
static int forus(struct netif *ifp, ipaddr_t dst) {
  if (ip_is_loopback(dst))
    return ifp->type == NETIF_LOOP;
  if (netif_isbcast(ifp, dst))
    return 2;
  return netif_owner(dst) != 0;
}

void ip_input(struct netif *ifp, struct netbuf *nb) {
  struct ip_hdr h;
  uint32 tot = nb_totlen(nb);
  // The header must be in the first buffer (a chain comes only from lo).
  if (nb_pullup(nb, tot < IP_MAXHLEN ? tot : IP_MAXHLEN) < 0) {
    netstat_wire(NS_IP, -WIRE_SHORT);
    goto drop;
  }
  int err = ip_parse(nb->data, tot, &h);
  if (err < 0) {
    netstat_wire(NS_IP, err);
    goto drop;
  }
  if (ip_bad_source(h.src) ||
      (ifp->type != NETIF_LOOP && (ip_is_loopback(h.src) || h.src == 0))) {
    NETSTAT(ip_martian); // an impossible source address
    goto drop;
  }
  if (!netif_isup(ifp)) {
    NETSTAT(ip_ifdown);
    goto drop;
  }
  int kind = forus(ifp, h.dst);
  if (kind == 0) {
    NETSTAT(ip_notours); // a host does not forward
    goto drop;
  }
  nb_trim(nb, h.totlen); // link-layer padding
  if (ip_is_fragment(&h)) {
    nb = ip_reass(nb, &h);
    if (nb == 0)
      return; // kept until the rest comes (or dropped and counted)
  }
  NETSTAT(ip_delivered);
  struct ipinfo in = {.ifp = ifp,
                      .src = h.src,
                      .dst = h.dst,
                      .proto = h.proto,
                      .ttl = h.ttl,
                      .tos = h.tos,
                      .hlen = h.hlen,
                      .bcast = kind == 2};
  switch (h.proto) {
  case IPPROTO_ICMP:
    icmp_input(nb, &in);
    return;
  case IPPROTO_UDP:
    udp_input(nb, &in);
    return;
  default:
    NETSTAT(ip_noproto);
    if (!in.bcast)
      icmp_error(nb, ICMP_UNREACH, ICMP_UNREACH_PROTOCOL, 0);
    goto drop;
  }
drop:
  nb_free(nb);
}

// Give one packet (header in place, not over the MTU) to its link.
static int ip_link(struct netif *ifp, ipaddr_t nexthop, struct netbuf *nb) {
  if (ifp->type == NETIF_LOOP)
    return ifp->xmit(ifp, nb);
  // A NIC takes one buffer per frame.
  if (nb->more && nb_pullup(nb, nb_totlen(nb)) < 0) {
    NETIF_COUNT(ifp, oerrors, 1);
    nb_free(nb);
    return -ENOBUFS;
  }
  return arp_output(ifp, nexthop, nb);
}

// Send the payload in nb (a chain is fine) as fragments of at most mtu
// bytes each. Frees nb.
static int fragment(struct netif *ifp, ipaddr_t nexthop, struct netbuf *nb,
                    struct ip_hdr *h, uint32 mtu) {
  uint32 len = nb_totlen(nb), per = (mtu - IP_HLEN) & ~7u;
  int err = 0;
  NETSTAT(ip_fragmented);
  for (uint32 off = 0; off < len && err == 0; off += per) {
    uint32 n = len - off < per ? len - off : per;
    struct netbuf *f = nb_alloc(NB_MAXHDR, n);
    if (f == 0) {
      err = -ENOBUFS;
      break;
    }
    nb_copyout(nb, off, f->data, n);
    h->totlen = IP_HLEN + n;
    h->fragoff = off;
    h->mf = off + n < len;
    ip_emit(nb_push(f, IP_HLEN), h);
    NETSTAT(ip_fragments);
    err = ip_link(ifp, nexthop, f);
  }
  nb_free(nb);
  return err;
}

int ip_select_src(ipaddr_t dst, ipaddr_t *src) {
  struct netif *ifp;
  ipaddr_t nexthop;
  if (ip_is_loopback(dst)) {
    *src = IP_LOOPBACK;
    return 0;
  }
  if (netif_owner(dst)) {
    *src = dst; // to ourselves: from the same address
    return 0;
  }
  int err = route_lookup(dst == IP_BROADCAST ? 0 : dst, &ifp, &nexthop);
  if (err < 0)
    return err;
  *src = netif_srcaddr(ifp, dst);
  return *src ? 0 : -EADDRNOTAVAIL;
}

int ip_isbcast(ipaddr_t a) {
  if (a == IP_BROADCAST)
    return 1;
  for (int i = 0;; i++) {
    struct netif *ifp = netif_get(i);
    if (ifp == 0)
      return 0;
    if (netif_isbcast(ifp, a))
      return 1;
  }
}

int ip_output(struct netbuf *nb, const struct ipout *o) {
  struct netif *ifp;
  ipaddr_t nexthop, src = o->src, dst = o->dst;
  int err;
  if (dst == IP_BROADCAST) {
    // The limited broadcast leaves through the interface of the source
    // address, or of the default route.
    struct netif *own = o->ifp ? o->ifp : src ? netif_owner(src) : 0;
    err = own ? 0 : route_lookup(0, &ifp, &nexthop);
    if (own)
      ifp = own;
    nexthop = IP_BROADCAST;
  } else if (netif_owner(dst) && !ip_is_loopback(dst)) {
    ifp = netif_get(0); // one of our own addresses: through lo
    nexthop = dst;
    err = ifp ? 0 : -ENETUNREACH;
  } else {
    err = route_lookup(dst, &ifp, &nexthop);
  }
  if (err < 0)
    goto bad;
  if (!netif_isup(ifp)) {
    err = -ENETDOWN;
    goto bad;
  }
  if (src == 0 && (src = netif_srcaddr(ifp, dst)) == 0 &&
      !(o->ifp && dst == IP_BROADCAST)) {
    err = -EADDRNOTAVAIL;
    goto bad;
  }
  uint32 len = nb_totlen(nb);
  if (len + IP_HLEN > IP_MAXPACKET) {
    err = -EMSGSIZE;
    goto bad;
  }
  struct ip_hdr h = {
      .tos = o->tos,
      .id = (uint16)__atomic_fetch_add(&next_id, 1, __ATOMIC_RELAXED),
      .df = o->df,
      .ttl = o->ttl ? o->ttl : IP_DEFTTL,
      .proto = o->proto,
      .src = src,
      .dst = dst};
  uint32 mtu = ifp->mtu;
  if (len + IP_HLEN > mtu) {
    if (o->df) {
      err = -EMSGSIZE;
      goto bad;
    }
    return fragment(ifp, nexthop, nb, &h, mtu);
  }
  h.totlen = IP_HLEN + len;
  uint8 *p = nb_push(nb, IP_HLEN);
  if (p == 0) {
    err = -ENOBUFS; // a caller without headroom: a bug
    goto bad;
  }
  ip_emit(p, &h);
  NETSTAT(ip_sent);
  return ip_link(ifp, nexthop, nb);
bad:
  nb_free(nb);
  return err;
}
