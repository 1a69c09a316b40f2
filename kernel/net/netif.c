// kernel/net/netif.c: the table of network interfaces and their state
// (addresses, up/down, link). See netif.h.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "route.h"

// [t] iftable.lock: the table. Entries are only ever added.
static struct {
  struct spinlock lock;
  struct netif *ifs[NETIF_MAX]; // [t]
  int n;                        // [t]
} iftable;

void netif_init(void) { initlock(&iftable.lock, "iftable"); }

int netif_register(struct netif *ifp) {
  initlock(&ifp->lock, "netif");
  acquire(&iftable.lock);
  if (iftable.n == NETIF_MAX) {
    release(&iftable.lock);
    return -ENOSPC;
  }
  ifp->index = iftable.n;
  iftable.ifs[iftable.n++] = ifp;
  release(&iftable.lock);
  return ifp->index;
}

struct netif *netif_get(int index) {
  acquire(&iftable.lock);
  struct netif *ifp = index >= 0 && index < iftable.n ? iftable.ifs[index] : 0;
  release(&iftable.lock);
  return ifp;
}

struct netif *netif_byname(const char *name) {
  for (int i = 0;; i++) {
    struct netif *ifp = netif_get(i);
    if (ifp == 0 || strncmp(ifp->name, name, NETIF_NAMESZ) == 0)
      return ifp;
  }
}

int netif_count(void) {
  acquire(&iftable.lock);
  int n = iftable.n;
  release(&iftable.lock);
  return n;
}

void netif_setlink(struct netif *ifp, int up) {
  acquire(&ifp->lock);
  ifp->link = up != 0;
  release(&ifp->lock);
}

// ---- addresses -------------------------------------------------------

static ipaddr_t bcastof(const struct ifaddr *a) {
  return a->addr | ~ip_mask(a->plen);
}

int netif_hasaddr(struct netif *ifp, ipaddr_t a) {
  int yes = 0;
  acquire(&ifp->lock);
  for (int i = 0; i < NETIF_NADDR; i++)
    yes |= ifp->addr[i].addr != 0 && ifp->addr[i].addr == a;
  release(&ifp->lock);
  return yes;
}

int netif_isbcast(struct netif *ifp, ipaddr_t a) {
  if (a == IP_BROADCAST)
    return 1;
  int yes = 0;
  acquire(&ifp->lock);
  for (int i = 0; i < NETIF_NADDR; i++) {
    struct ifaddr *ia = &ifp->addr[i];
    yes |= ia->addr != 0 && ia->plen < 31 && a == bcastof(ia);
  }
  release(&ifp->lock);
  return yes;
}

ipaddr_t netif_srcaddr(struct netif *ifp, ipaddr_t dst) {
  ipaddr_t first = 0, best = 0;
  acquire(&ifp->lock);
  for (int i = 0; i < NETIF_NADDR; i++) {
    struct ifaddr *ia = &ifp->addr[i];
    if (ia->addr == 0)
      continue;
    if (first == 0)
      first = ia->addr;
    if (best == 0 &&
        (dst & ip_mask(ia->plen)) == (ia->addr & ip_mask(ia->plen)))
      best = ia->addr;
  }
  release(&ifp->lock);
  return best ? best : first;
}

struct netif *netif_owner(ipaddr_t a) {
  for (int i = 0;; i++) {
    struct netif *ifp = netif_get(i);
    if (ifp == 0 || netif_hasaddr(ifp, a))
      return ifp;
  }
}

int netif_addaddr(struct netif *ifp, ipaddr_t a, int plen) {
  if (a == 0 || ip_bad_source(a) || plen < 1 || plen > 32)
    return -EINVAL;
  if (ifp->type != NETIF_LOOP && ip_is_loopback(a))
    return -EINVAL;
  if (plen < 31 && ((a & ~ip_mask(plen)) == 0 || a == (a | ~ip_mask(plen))))
    return -EINVAL; // the network or broadcast address of its own prefix
  struct netif *other = netif_owner(a);
  if (other)
    return -EADDRINUSE;
  acquire(&ifp->lock);
  int slot = -1;
  for (int i = NETIF_NADDR - 1; i >= 0; i--)
    if (ifp->addr[i].addr == 0)
      slot = i;
  if (slot >= 0) {
    ifp->addr[slot].addr = a;
    ifp->addr[slot].plen = plen;
  }
  int up = ifp->up;
  release(&ifp->lock);
  if (slot < 0)
    return -ENOSPC;
  int err = route_add(a & ip_mask(plen), plen, 0, ifp->index, RT_CONN);
  if (err < 0 && err != -EEXIST) {
    acquire(&ifp->lock);
    ifp->addr[slot].addr = 0;
    release(&ifp->lock);
    return err;
  }
  if (up && ifp->type == NETIF_ETHER)
    arp_announce(ifp, a);
  return 0;
}

int netif_deladdr(struct netif *ifp, ipaddr_t a, int plen) {
  int found = -1, shared = 0;
  acquire(&ifp->lock);
  for (int i = 0; i < NETIF_NADDR; i++)
    if (ifp->addr[i].addr == a && (plen < 0 || ifp->addr[i].plen == plen))
      found = i;
  if (found >= 0) {
    plen = ifp->addr[found].plen;
    ifp->addr[found].addr = 0;
    for (int i = 0; i < NETIF_NADDR; i++)
      shared |= ifp->addr[i].addr != 0 && ifp->addr[i].plen == plen &&
                (ifp->addr[i].addr & ip_mask(plen)) == (a & ip_mask(plen));
  }
  release(&ifp->lock);
  if (found < 0)
    return -EADDRNOTAVAIL;
  if (!shared)
    route_del(a & ip_mask(plen), plen, 0);
  return 0;
}

int netif_setup(struct netif *ifp, int up) {
  acquire(&ifp->lock);
  int was = ifp->up;
  ifp->up = up != 0;
  struct ifaddr addrs[NETIF_NADDR];
  memmove(addrs, ifp->addr, sizeof(addrs));
  release(&ifp->lock);
  if (up && !was && ifp->type == NETIF_ETHER)
    for (int i = 0; i < NETIF_NADDR; i++)
      if (addrs[i].addr)
        arp_announce(ifp, addrs[i].addr);
  return 0;
}

int netif_isup(struct netif *ifp) {
  acquire(&ifp->lock);
  int up = ifp->up && ifp->link;
  release(&ifp->lock);
  return up;
}
