// kernel/net/arpcache.c: the ARP cache's logic (arpcache.h).
#include <netv6/errno.h>
#include "arpcache.h"

void arpc_init(struct arpcache *c) {
  net_zero(c, sizeof(*c));
  for (int i = 0; i < ARP_NENTRY; i++)
    nbq_init(&c->e[i].q);
}

static struct arpentry *find(struct arpcache *c, int ifindex, ipaddr_t ip) {
  for (int i = 0; i < ARP_NENTRY; i++) {
    struct arpentry *e = &c->e[i];
    if (e->state != ARP_FREE && e->ip == ip &&
        (ifindex < 0 || e->ifindex == ifindex))
      return e;
  }
  return 0;
}

static void clear(struct arpcache *c, struct arpentry *e) {
  c->drops += e->q.count;
  nbq_purge(&e->q);
  e->state = ARP_FREE;
}

// A free entry, or the one to evict: the least recently used, complete
// (or failed) entries before incomplete ones.
static struct arpentry *take(struct arpcache *c) {
  struct arpentry *victim = 0;
  for (int i = 0; i < ARP_NENTRY; i++) {
    struct arpentry *e = &c->e[i];
    if (e->state == ARP_FREE)
      return e;
    int inc = e->state == ARP_INCOMPLETE;
    int vinc = victim && victim->state == ARP_INCOMPLETE;
    if (victim == 0 || inc < vinc || (inc == vinc && e->used < victim->used))
      victim = e;
  }
  clear(c, victim);
  return victim;
}

enum arp_verdict arpc_resolve(struct arpcache *c, int ifindex, ipaddr_t ip,
                              struct netbuf *nb, uint8_t *mac, uint64_t now) {
  struct arpentry *e = find(c, ifindex, ip);
  if (e && e->state == ARP_REACHABLE && now < e->expire) {
    e->used = now;
    net_copy(mac, e->mac, ETH_ALEN);
    return ARPV_SEND;
  }
  if (e && e->state == ARP_FAILED && now < e->expire) {
    e->used = now;
    c->drops++;
    nb_free(nb);
    return ARPV_UNREACH;
  }
  if (e && e->state == ARP_INCOMPLETE) {
    e->used = now;
    if (e->q.count >= ARP_QMAX) {
      nb_free(nbq_get(&e->q)); // the oldest waiting packet goes
      c->drops++;
    }
    nbq_put(&e->q, nb);
    return ARPV_QUEUED;
  }
  if (e)
    clear(c, e); // expired: ask again
  else
    e = take(c);
  e->state = ARP_INCOMPLETE;
  e->ifindex = ifindex;
  e->ip = ip;
  e->used = now;
  e->tries = 1;
  e->expire = now + ARP_RETRY_MS;
  nbq_put(&e->q, nb);
  return ARPV_REQUEST;
}

struct netbuf *arpc_update(struct arpcache *c, int ifindex, ipaddr_t ip,
                           const uint8_t *mac, int create, uint64_t now) {
  struct arpentry *e = find(c, ifindex, ip);
  if (e == 0) {
    if (!create)
      return 0;
    e = take(c);
    e->ifindex = ifindex;
    e->ip = ip;
    e->used = now;
  }
  e->state = ARP_REACHABLE;
  net_copy(e->mac, mac, ETH_ALEN);
  e->expire = now + ARP_REACHABLE_MS;
  e->tries = 0;
  struct netbuf *waiting = e->q.head;
  nbq_init(&e->q);
  return waiting;
}

uint64_t arpc_tick(struct arpcache *c, uint64_t now,
                   void (*request)(void *arg, int ifindex, ipaddr_t ip),
                   void *arg) {
  uint64_t next = UINT64_MAX;
  for (int i = 0; i < ARP_NENTRY; i++) {
    struct arpentry *e = &c->e[i];
    if (e->state == ARP_FREE)
      continue;
    if (now >= e->expire) {
      if (e->state != ARP_INCOMPLETE) {
        clear(c, e); // reachable or failed for long enough: forget
        continue;
      }
      if (e->tries >= ARP_TRIES) {
        c->drops += e->q.count;
        nbq_purge(&e->q);
        e->state = ARP_FAILED;
        e->expire = now + ARP_FAILED_MS;
      } else {
        e->tries++;
        e->expire = now + ARP_RETRY_MS;
        request(arg, e->ifindex, e->ip);
      }
    }
    if (e->expire < next)
      next = e->expire;
  }
  return next;
}

int arpc_delete(struct arpcache *c, int ifindex, ipaddr_t ip) {
  struct arpentry *e = find(c, ifindex, ip);
  if (e == 0)
    return -ESRCH;
  clear(c, e);
  return 0;
}

void arpc_flush(struct arpcache *c) {
  for (int i = 0; i < ARP_NENTRY; i++)
    if (c->e[i].state != ARP_FREE)
      clear(c, &c->e[i]);
}
