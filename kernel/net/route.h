// kernel/net/route.h: the IPv4 routing table (the logic; ip.c holds the
// kernel's table and its lock).
//
// An entry says: datagrams to dst/plen leave through interface ifindex,
// to the gateway gw, or (gw 0) straight to their destination on that
// link. Connected routes come from an interface's addresses (RT_CONN);
// the rest are added by hand or by DHCP (a default route is
// 0.0.0.0/0). Lookup takes the longest matching prefix; among entries
// of equal length, the one added first.
//
// Host-compilable; no lock inside (the caller's protects the table).
#ifndef KERNEL_NET_ROUTE_H
#define KERNEL_NET_ROUTE_H

#include <stdint.h>
#include "inet.h"

#define RT_MAX 32
#define RT_CONN 1 // from an interface address: removed with it

struct rtentry {
  ipaddr_t dst; // the network (no host bits set)
  int plen;     // 0..32
  ipaddr_t gw;  // 0: on the link
  int ifindex;
  int flags;
};

struct rtable {
  struct rtentry e[RT_MAX]; // in the order added
  int n;
};

void rt_init(struct rtable *t);
// Add a route. 0, or -EINVAL (plen out of 0..32, dst with host bits
// set, a gateway that is a network or broadcast address of its own
// prefix... the caller checks the gateway is reachable), -EEXIST (the
// same dst/plen and gateway is there), -ENOSPC (the table is full).
int rt_add(struct rtable *t, ipaddr_t dst, int plen, ipaddr_t gw, int ifindex,
           int flags);
// Remove the route dst/plen (through gw, or any gateway if gw is 0).
// 0 or -ESRCH.
int rt_del(struct rtable *t, ipaddr_t dst, int plen, ipaddr_t gw);
// Remove every route through interface ifindex whose flags include
// flags (all of its routes if flags is 0); returns how many went.
int rt_del_if(struct rtable *t, int ifindex, int flags);
// The route for dst (longest prefix), or 0 if there is none.
const struct rtentry *rt_lookup(const struct rtable *t, ipaddr_t dst);

#endif
