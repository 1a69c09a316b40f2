// kernel/net/route.c: the routing table's logic (route.h).
#include <netv6/errno.h>
#include "route.h"

void rt_init(struct rtable *t) { t->n = 0; }

int rt_add(struct rtable *t, ipaddr_t dst, int plen, ipaddr_t gw, int ifindex,
           int flags) {
  if (plen < 0 || plen > 32 || (dst & ~ip_mask(plen)) != 0)
    return -EINVAL;
  if (gw != 0 && (ip_bad_source(gw) || ip_is_loopback(gw)))
    return -EINVAL;
  for (int i = 0; i < t->n; i++) {
    const struct rtentry *e = &t->e[i];
    if (e->dst == dst && e->plen == plen && e->gw == gw)
      return -EEXIST;
  }
  if (t->n == RT_MAX)
    return -ENOSPC;
  struct rtentry *e = &t->e[t->n++];
  e->dst = dst;
  e->plen = plen;
  e->gw = gw;
  e->ifindex = ifindex;
  e->flags = flags;
  return 0;
}

static void rt_remove(struct rtable *t, int i) {
  for (; i + 1 < t->n; i++)
    t->e[i] = t->e[i + 1];
  t->n--;
}

int rt_del(struct rtable *t, ipaddr_t dst, int plen, ipaddr_t gw) {
  for (int i = 0; i < t->n; i++) {
    const struct rtentry *e = &t->e[i];
    if (e->dst == dst && e->plen == plen && (gw == 0 || e->gw == gw)) {
      rt_remove(t, i);
      return 0;
    }
  }
  return -ESRCH;
}

int rt_del_if(struct rtable *t, int ifindex, int flags) {
  int gone = 0;
  for (int i = 0; i < t->n;) {
    const struct rtentry *e = &t->e[i];
    if (e->ifindex == ifindex && (e->flags & flags) == flags) {
      rt_remove(t, i);
      gone++;
    } else {
      i++;
    }
  }
  return gone;
}

const struct rtentry *rt_lookup(const struct rtable *t, ipaddr_t dst) {
  const struct rtentry *best = 0;
  for (int i = 0; i < t->n; i++) {
    const struct rtentry *e = &t->e[i];
    if ((dst & ip_mask(e->plen)) == e->dst &&
        (best == 0 || e->plen > best->plen))
      best = e;
  }
  return best;
}
