// kernel/timer.c: the kernel glue of the timer facility (timer.h): one
// queue (net/callout.c's hashed wheel) under timer.lock, driven by the
// clock tick, and a kernel thread that runs what is due.
//
// The tick only compares the clock with a hint, the earliest deadline
// that might be due (timer.next), and wakes the thread when it has come;
// the thread takes due callouts one at a time and runs each with no lock
// held, then computes the next hint. So an idle system with armed
// timers costs one comparison per tick.
#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"
#include "timer.h"

// [t] timer.lock: the queue, every callout in it, next.
static struct {
  struct spinlock lock;
  struct calloutq q; // [t]
  uint64 next;       // [t] no callout is due before this tick (a hint)
  char wake;         // wait channel: the thread
  char done;         // wait channel: a callout finished running
} timer;

void timerinit(void) {
  initlock(&timer.lock, "timer");
  callout_qinit(&timer.q, ticks);
  timer.next = ~0ULL;
}

void timer_tick(uint64 now) {
  // A racy read is fine: a stale hint wakes the thread once for
  // nothing, or one tick late for a timer armed in this very tick.
  if (now >= *(volatile uint64 *)&timer.next)
    wakeup(&timer.wake);
}

void timer_init(struct callout *c, void (*fn)(void *), void *arg) {
  callout_init(c, fn, arg);
}

int timer_at(struct callout *c, uint64 when) {
  acquire(&timer.lock);
  int was = callout_schedule(&timer.q, c, when);
  if (when < timer.next)
    timer.next = when;
  release(&timer.lock);
  return was;
}

int timer_after(struct callout *c, uint64 dt) {
  uint64 now = ticks;
  uint64 when = now + dt < now ? ~0ULL : now + dt;
  return timer_at(c, when);
}

int timer_cancel(struct callout *c) {
  acquire(&timer.lock);
  int was = callout_cancel(&timer.q, c);
  release(&timer.lock);
  return was;
}

int timer_drain(struct callout *c) {
  acquire(&timer.lock);
  int was = callout_cancel(&timer.q, c);
  while (callout_running(&timer.q, c))
    sleep(&timer.done, &timer.lock);
  release(&timer.lock);
  return was;
}

int timer_pending(struct callout *c) {
  acquire(&timer.lock);
  int p = callout_pending(c);
  release(&timer.lock);
  return p;
}

static void timerthread(void *arg) {
  (void)arg;
  acquire(&timer.lock);
  for (;;) {
    struct callout *c;
    while ((c = callout_next(&timer.q, ticks)) != 0) {
      void (*fn)(void *) = c->fn;
      void *a = c->arg;
      release(&timer.lock);
      fn(a);
      acquire(&timer.lock);
      callout_done(&timer.q);
      wakeup(&timer.done);
    }
    // Nothing due now: the next hint, then sleep until the tick says.
    timer.next = callout_earliest(&timer.q);
    while (ticks < timer.next)
      sleep(&timer.wake, &timer.lock);
  }
}

void timerstart(void) {
  if (kthread_start("timer", timerthread, 0) < 0)
    panic("no process slot for the timer thread");
}
