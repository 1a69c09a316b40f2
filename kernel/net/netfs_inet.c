// kernel/net/netfs_inet.c: the IPv4 stack's other /net files (netfs
// providers, fs/netfs.h; Plan 9's ip(3) names):
//
//   /net/iproute  read: one route a line, "DST/LEN GATEWAY IFNAME FLAGS"
//                 (gateway "-" on the link; flags "c" for a connected
//                 route, "-" else). write, one command at a time:
//                   add DST/LEN GW | add DST MASK GW   a route via GW
//                   add DST/LEN -                      on the link of
//                                                      the interface whose
//                                                      prefix holds DST
//                   remove DST/LEN [GW]                (any gateway if none)
//                 The interface of a gateway route is the one whose
//                 connected prefix holds the gateway (ENETUNREACH if none).
//   /net/arp      read: one neighbour a line, "ADDR MAC IFNAME STATE AGE"
//                 (state incomplete, reachable or failed; AGE the seconds
//                 it has left). write: "flush" | "del ADDR".
//   /net/ndb      what DHCP learned, as Plan 9 ndb lines of key=value
//                 ("ip=... ipmask=... ipgw=... lease=..." then "\tdns=..."
//                 lines); the resolver reads dns= here. A write replaces it
//                 all (up to NETFS_CMDMAX bytes; a lone newline, as
//                 `echo > /net/ndb` writes, clears it).
//   /net/stats    read: every counter of the stack (netstat.h), one
//                 "layer.name value" a line; the drops by reason as
//                 "ip.drop.cksum 3".
// Bad commands give EINVAL and change nothing.
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../fs/netfs.h"
#include "arpcache.h"
#include "inet_text.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"
#include "reass.h"
#include "route.h"

static int word(const char *a, const char *b) { return strncmp(a, b, 16) == 0; }

// ---- /net/iproute -------------------------------------------------------

static int route_read(struct netfs_file *nf, struct netfs_text *t) {
  (void)nf;
  struct rtentry e[RT_MAX]; // 32 * 20 bytes: fine on the stack
  int n = route_snapshot(e, RT_MAX);
  for (int i = 0; i < n; i++) {
    struct netif *ifp = netif_get(e[i].ifindex);
    netfs_printf(t, IP_FMT "/%d ", IP_ARGS(e[i].dst), e[i].plen);
    if (e[i].gw)
      netfs_printf(t, IP_FMT, IP_ARGS(e[i].gw));
    else
      netfs_printf(t, "-");
    netfs_printf(t, " %s %s\n", ifp ? ifp->name : "?",
                 e[i].flags & RT_CONN ? "c" : "-");
  }
  return 0;
}

// The interface with a connected prefix holding a, or 0.
static struct netif *onlink(ipaddr_t a) {
  struct netif *ifp;
  ipaddr_t nexthop;
  if (route_lookup(a, &ifp, &nexthop) < 0 || nexthop != a)
    return 0; // no route, or only through a gateway
  return ifp;
}

static int route_write(struct netfs_file *nf, char *cmd, int len) {
  (void)nf;
  (void)len;
  char *argv[5];
  int argc = netfs_args(cmd, argv, 4);
  if (argc < 2)
    return -EINVAL;
  int add = word(argv[0], "add");
  if (!add && !word(argv[0], "remove"))
    return -EINVAL;
  // DST/LEN [GW] or DST MASK [GW]
  ipaddr_t dst, gw = 0;
  int plen, next = 2;
  int slash = 0;
  for (char *c = argv[1]; *c; c++)
    slash |= *c == '/';
  if (!slash && argc >= 3 && argv[2][0] != '-') {
    if (inet_text_prefix(argv[1], argv[2], &dst, &plen) < 0)
      return -EINVAL;
    next = 3;
  } else if (inet_text_prefix(argv[1], 0, &dst, &plen) < 0 || plen < 0) {
    return -EINVAL;
  }
  if (argc > next + 1)
    return -EINVAL;
  int ongw = argc == next + 1 && !word(argv[next], "-");
  if (ongw && inet_text_addr(argv[next], &gw) < 0)
    return -EINVAL;
  if (!add)
    return route_del(dst, plen, gw);
  if (argc == next)
    return -EINVAL; // add needs a gateway or "-"
  struct netif *ifp = onlink(gw ? gw : dst);
  if (ifp == 0)
    return -ENETUNREACH;
  return route_add(dst, plen, gw, ifp->index, 0);
}

// ---- /net/arp -------------------------------------------------------------

static int arp_read(struct netfs_file *nf, struct netfs_text *t) {
  (void)nf;
  static const char *states[] = {"free", "incomplete", "reachable", "failed"};
  struct arpentry *e = kalloc(); // 64 entries do not fit on the stack
  if (e == 0)
    return -ENOMEM;
  int max = PGSIZE / sizeof(*e);
  uint64 now;
  int n = arp_snapshot(e, max, &now);
  for (int i = 0; i < n; i++) {
    struct netif *ifp = netif_get(e[i].ifindex);
    const uint8 *m = e[i].mac;
    uint64 left = e[i].expire > now ? (e[i].expire - now) / 1000 : 0;
    netfs_printf(t, IP_FMT " %02x:%02x:%02x:%02x:%02x:%02x %s %s %lu\n",
                 IP_ARGS(e[i].ip), m[0], m[1], m[2], m[3], m[4], m[5],
                 ifp ? ifp->name : "?", states[e[i].state], left);
  }
  kfree(e);
  return 0;
}

static int arp_write(struct netfs_file *nf, char *cmd, int len) {
  (void)nf;
  (void)len;
  char *argv[3];
  int argc = netfs_args(cmd, argv, 2);
  if (argc == 1 && word(argv[0], "flush")) {
    arp_flush();
    return 0;
  }
  ipaddr_t a;
  if (argc == 2 && word(argv[0], "del") && inet_text_addr(argv[1], &a) == 0)
    return arp_delete(a) < 0 ? -ENOENT : 0;
  return -EINVAL;
}

// ---- /net/ndb -------------------------------------------------------------

#define NDB_MAX NETFS_CMDMAX // a write is at most one command

static struct {
  struct spinlock lock;
  char text[NDB_MAX + 1]; // [lock]
  int len;                // [lock]
} ndb;

static int ndb_read(struct netfs_file *nf, struct netfs_text *t) {
  (void)nf;
  char copy[NDB_MAX + 1];
  acquire(&ndb.lock);
  int n = ndb.len;
  memmove(copy, ndb.text, n);
  release(&ndb.lock);
  netfs_put(t, copy, n);
  if (n > 0 && copy[n - 1] != '\n')
    netfs_put(t, "\n", 1);
  return 0;
}

static int ndb_write(struct netfs_file *nf, char *cmd, int len) {
  (void)nf;
  if (len < 0 || len > NDB_MAX)
    return -EINVAL;
  for (int i = 0; i < len; i++)
    if (cmd[i] == 0)
      return -EINVAL;
  acquire(&ndb.lock);
  memmove(ndb.text, cmd, len);
  ndb.len = len;
  release(&ndb.lock);
  return 0;
}

// ---- /net/stats -----------------------------------------------------------

static int stats_read(struct netfs_file *nf, struct netfs_text *t) {
  (void)nf;
  static const char *layer[NS_NLAYER] = {"ether", "arp", "ip", "icmp", "udp"};
  struct nbstats nb;
  nb_stats(&nb);
  netfs_printf(t, "netbuf.inuse %u\nnetbuf.peak %u\nnetbuf.limit %u\n",
               nb.inuse, nb.peak, nb.limit);
  netfs_printf(t, "netbuf.allocs %lu\nnetbuf.drops %lu\n", nb.allocs, nb.drops);
  for (int l = 0; l < NS_NLAYER; l++)
    for (int e = 1; e < WIRE_NERR; e++)
      if (netstat.wire[l][e])
        netfs_printf(t, "%s.drop.%s %lu\n", layer[l], wire_errname(e),
                     netstat.wire[l][e]);
#define C(name) netfs_printf(t, #name " %lu\n", netstat.name)
  C(ether_otherhost);
  C(ether_unknown);
  C(arp_conflict);
  C(arp_replies);
  C(ip_martian);
  C(ip_ifdown);
  C(ip_notours);
  C(ip_delivered);
  C(ip_noproto);
  C(ip_sent);
  C(ip_fragmented);
  C(ip_fragments);
  C(icmp_ratelimited);
  C(icmp_errors_sent);
  C(icmp_badquote);
  C(icmp_bcast_echo);
  C(icmp_echo_replies);
  C(icmp_ignored);
  C(udp_sent);
  C(udp_delivered);
  C(udp_noport);
  C(udp_fullsock);
  C(udp_nobufs);
#undef C
  struct reass_stats rs;
  uint32 held;
  ip_reass_stats(&rs, &held);
  netfs_printf(t, "reass.done %lu\nreass.dups %lu\nreass.overlaps %lu\n",
               rs.done, rs.dups, rs.overlaps);
  netfs_printf(t, "reass.bad %lu\nreass.toomany %lu\nreass.evicted %lu\n",
               rs.bad, rs.toomany, rs.evicted);
  netfs_printf(t, "reass.timeouts %lu\nreass.held %u\n", rs.timeouts, held);
  return 0;
}

static const struct netfs_ops route_ops = {.read = route_read,
                                           .write = route_write};
static const struct netfs_ops arp_ops = {.read = arp_read, .write = arp_write};
static const struct netfs_ops ndb_ops = {.read = ndb_read, .write = ndb_write};
static const struct netfs_ops stats_ops = {.read = stats_read};

void netfs_inet_init(void) {
  initlock(&ndb.lock, "ndb");
  if (netfs_file(NETFS_ROOT, "iproute", &route_ops, 0) < 0 ||
      netfs_file(NETFS_ROOT, "arp", &arp_ops, 0) < 0 ||
      netfs_file(NETFS_ROOT, "ndb", &ndb_ops, 0) < 0 ||
      netfs_file(NETFS_ROOT, "stats", &stats_ops, 0) < 0)
    panic("netfs_inet_init");
}
