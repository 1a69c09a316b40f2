// kernel/net/iproute.c: the kernel's IPv4 routing table: route.c's
// table under a lock. Connected routes come and go with interface
// addresses (netif.c); the others with /net/iproute, route(8) and DHCP.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netif.h"
#include "netstack.h"
#include "route.h"

// [r] rt.lock: the table. Taken alone (never with another lock held
// except none; lookups copy what they need out).
static struct {
  struct spinlock lock;
  struct rtable t; // [r]
} rt;

void route_init(void) {
  initlock(&rt.lock, "route");
  rt_init(&rt.t);
}

int route_add(ipaddr_t dst, int plen, ipaddr_t gw, int ifindex, int flags) {
  acquire(&rt.lock);
  int err = rt_add(&rt.t, dst, plen, gw, ifindex, flags);
  release(&rt.lock);
  return err;
}

int route_del(ipaddr_t dst, int plen, ipaddr_t gw) {
  acquire(&rt.lock);
  int err = rt_del(&rt.t, dst, plen, gw);
  release(&rt.lock);
  return err;
}

int route_lookup(ipaddr_t dst, struct netif **ifp, ipaddr_t *nexthop) {
  acquire(&rt.lock);
  const struct rtentry *e = rt_lookup(&rt.t, dst);
  int ifindex = e ? e->ifindex : -1;
  ipaddr_t gw = e ? e->gw : 0;
  release(&rt.lock);
  if (ifindex < 0 || (*ifp = netif_get(ifindex)) == 0)
    return -ENETUNREACH;
  *nexthop = gw ? gw : dst;
  return 0;
}

int route_snapshot(struct rtentry *out, int n) {
  acquire(&rt.lock);
  int k = rt.t.n < n ? rt.t.n : n;
  memmove(out, rt.t.e, k * sizeof(*out));
  release(&rt.lock);
  return k;
}
