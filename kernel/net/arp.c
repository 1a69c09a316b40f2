// kernel/net/arp.c: ARP on Ethernet interfaces (the kernel glue of
// arpcache.c): resolving next hops for IP output, answering requests
// for our addresses, gratuitous announcements, and the retry/expiry
// timer. Lock order: arp.lock is taken alone; frames are sent after it
// is released.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../timer.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"
#include "arpcache.h"
#include "arp_wire.h"
#include "ether_wire.h"

static const uint8 bcast[ETH_ALEN] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

// [a] arp.lock: the cache.
static struct {
  struct spinlock lock;
  struct arpcache c; // [a]
  struct callout tmo;
} arp;

static uint64 now_ms(void) { return ticks * (1000 / HZ); }

static void arp_timer(void *);

void arp_init(void) {
  initlock(&arp.lock, "arp");
  arpc_init(&arp.c);
  timer_init(&arp.tmo, arp_timer, 0);
}

// Arm the timer for the cache's next deadline (ms), if sooner.
static void arm(uint64 ms) {
  if (ms == UINT64_MAX)
    return;
  timer_at(&arp.tmo, ms / (1000 / HZ) + 1);
}

// Send an ARP message: op, with our address spa, about tpa (and tha)
// to the Ethernet address dst.
static void arp_send(struct netif *ifp, int op, ipaddr_t spa, ipaddr_t tpa,
                     const uint8 *tha, const uint8 *dst) {
  struct netbuf *nb = nb_alloc(NB_MAXHDR, ARP_LEN);
  if (nb == 0)
    return; // counted by netbuf; a retry asks again
  struct arp_pkt a = {.op = op, .spa = spa, .tpa = tpa};
  memmove(a.sha, ifp->mac, ETH_ALEN);
  if (tha)
    memmove(a.tha, tha, ETH_ALEN);
  arp_emit(nb->data, &a);
  ether_output(ifp, nb, dst, ETHERTYPE_ARP);
}

static void arp_request(struct netif *ifp, ipaddr_t tpa) {
  ipaddr_t spa = netif_srcaddr(ifp, tpa);
  arp_send(ifp, ARP_REQUEST, spa, tpa, 0, bcast);
}

void arp_announce(struct netif *ifp, ipaddr_t addr) {
  arp_send(ifp, ARP_REQUEST, addr, addr, 0, bcast); // gratuitous ARP
}

int arp_output(struct netif *ifp, ipaddr_t nexthop, struct netbuf *nb) {
  if (nexthop == IP_BROADCAST || netif_isbcast(ifp, nexthop))
    return ether_output(ifp, nb, bcast, ETHERTYPE_IP);
  uint8 mac[ETH_ALEN];
  acquire(&arp.lock);
  enum arp_verdict v =
      arpc_resolve(&arp.c, ifp->index, nexthop, nb, mac, now_ms());
  release(&arp.lock);
  switch (v) {
  case ARPV_SEND:
    return ether_output(ifp, nb, mac, ETHERTYPE_IP);
  case ARPV_REQUEST:
    arp_request(ifp, nexthop);
    arm(now_ms() + ARP_RETRY_MS);
    return 0;
  case ARPV_QUEUED:
    return 0;
  default:
    return -EHOSTUNREACH; // asked lately, nobody answered
  }
}

// Send the packets that waited for mac.
static void flush(struct netif *ifp, struct netbuf *q, const uint8 *mac) {
  while (q) {
    struct netbuf *next = q->next;
    q->next = 0;
    ether_output(ifp, q, mac, ETHERTYPE_IP);
    q = next;
  }
}

void arp_input(struct netif *ifp, struct netbuf *nb, const uint8 *src) {
  struct arp_pkt a;
  int err = arp_parse(nb->data, nb->len, &a);
  nb_free(nb);
  if (err < 0) {
    netstat_wire(NS_ARP, err);
    return;
  }
  (void)src;
  if (eth_eq(a.sha, ifp->mac))
    return; // our own message, looped back by a switch
  if (a.spa != 0 && netif_hasaddr(ifp, a.spa)) {
    // Someone else claims our address: say so (once in a while: a flood
    // of these must not become a flood on the console), keep ours.
    static uint64 lastlog;
    NETSTAT(arp_conflict);
    uint64 now = ticks;
    if (lastlog != 0 && now - lastlog < 10 * HZ)
      return;
    lastlog = now;
    printf("arp: %d.%d.%d.%d is ours, but %x:%x:%x:%x:%x:%x claims it on "
           "%s\n",
           a.spa >> 24, (a.spa >> 16) & 255, (a.spa >> 8) & 255, a.spa & 255,
           a.sha[0], a.sha[1], a.sha[2], a.sha[3], a.sha[4], a.sha[5],
           ifp->name);
    return;
  }
  int forus = netif_hasaddr(ifp, a.tpa);
  struct netbuf *q = 0;
  if (a.spa != 0) { // a probe (sender 0.0.0.0) teaches nothing
    acquire(&arp.lock);
    q = arpc_update(&arp.c, ifp->index, a.spa, a.sha, forus, now_ms());
    release(&arp.lock);
  }
  flush(ifp, q, a.sha);
  if (forus && a.op == ARP_REQUEST) {
    NETSTAT(arp_replies);
    arp_send(ifp, ARP_REPLY, a.tpa, a.spa, a.sha, a.sha);
  }
}

// Ask again, forget, give up: what arpc_tick found to do.
struct retry {
  int n;
  int ifindex[ARP_NENTRY];
  ipaddr_t ip[ARP_NENTRY];
};

static void note_retry(void *arg, int ifindex, ipaddr_t ip) {
  struct retry *r = arg;
  if (r->n < ARP_NENTRY) {
    r->ifindex[r->n] = ifindex;
    r->ip[r->n++] = ip;
  }
}

static void arp_timer(void *arg) {
  (void)arg;
  static struct retry r; // only the timer thread runs this
  r.n = 0;
  acquire(&arp.lock);
  uint64 next = arpc_tick(&arp.c, now_ms(), note_retry, &r);
  release(&arp.lock);
  for (int i = 0; i < r.n; i++) {
    struct netif *ifp = netif_get(r.ifindex[i]);
    if (ifp)
      arp_request(ifp, r.ip[i]);
  }
  arm(next);
}

int arp_delete(ipaddr_t ip) {
  acquire(&arp.lock);
  int err = arpc_delete(&arp.c, -1, ip);
  release(&arp.lock);
  return err;
}

void arp_flush(void) {
  acquire(&arp.lock);
  arpc_flush(&arp.c);
  release(&arp.lock);
}

// A copy of the cache's entries (for /net/arp), up to n; returns how
// many.
int arp_snapshot(struct arpentry *out, int n, uint64 *now) {
  int k = 0;
  acquire(&arp.lock);
  *now = now_ms();
  for (int i = 0; i < ARP_NENTRY && k < n; i++) {
    if (arp.c.e[i].state == ARP_FREE)
      continue;
    out[k] = arp.c.e[i];
    nbq_init(&out[k].q); // the copy owns no packets
    k++;
  }
  release(&arp.lock);
  return k;
}
