// kernel/net/ipreass.c: IPv4 reassembly, the kernel glue of reass.c:
// one cache under a lock, and a timer that drops datagrams still
// incomplete 30 s after their first fragment.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../timer.h"
#include "netbuf.h"
#include "netstack.h"
#include "reass.h"

// [r] rs.lock: the cache. Taken alone.
static struct {
  struct spinlock lock;
  struct reass r; // [r]
  struct callout tmo;
} rs;

static uint64 now_ms(void) { return ticks * (1000 / HZ); }

static void arm(uint64 ms) {
  if (ms != UINT64_MAX)
    timer_at(&rs.tmo, ms / (1000 / HZ) + 1);
}

static void reass_timer(void *arg) {
  (void)arg;
  acquire(&rs.lock);
  uint64 next = reass_tick(&rs.r, now_ms());
  release(&rs.lock);
  arm(next);
}

void ip_reass_init(void) {
  initlock(&rs.lock, "reass");
  reass_init(&rs.r);
  timer_init(&rs.tmo, reass_timer, 0);
}

struct netbuf *ip_reass(struct netbuf *nb, struct ip_hdr *h) {
  uint64 now = now_ms();
  acquire(&rs.lock);
  struct netbuf *whole = reass_input(&rs.r, nb, h, now);
  release(&rs.lock);
  if (whole == 0)
    arm(now + REASS_TIMEOUT_MS);
  return whole;
}

void ip_reass_stats(struct reass_stats *st, uint32 *bytes) {
  acquire(&rs.lock);
  *st = rs.r.st;
  *bytes = rs.r.bytes;
  release(&rs.lock);
}
