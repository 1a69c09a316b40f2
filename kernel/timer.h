// kernel/timer.h: kernel timers. A callout (net/callout.h) is armed for
// a tick; when the clock reaches it, the timer thread ("timer") calls
// its function, with no lock held, in process context: it may take
// spinlocks and sleep locks, but should be quick (timers run one after
// another). ARP, IP reassembly, DHCP and TCP use these.
//
// Every function but timer_drain may be called from any context except
// a timer function's own lock: timer.lock is taken inside them and is
// the innermost lock but for p->lock.
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include "types.h"
#include "net/callout.h"

void timerinit(void);  // boot, before any timer is armed
void timerstart(void); // once processes exist: the thread
// From the clock interrupt each tick (tickslock held): wake the thread
// when a timer may be due.
void timer_tick(uint64 now);

// An idle timer that will call fn(arg).
void timer_init(struct callout *c, void (*fn)(void *), void *arg);
// Arm c for tick `when`, or `dt` ticks from now; re-arm it if armed.
// Returns 1 if it was armed before.
int timer_at(struct callout *c, uint64 when);
int timer_after(struct callout *c, uint64 dt);
// Disarm c; returns 1 if it was armed. Its function may still be
// running (or about to run) on the timer thread: see timer_drain.
int timer_cancel(struct callout *c);
// Disarm c and wait until its function is not running, so what it uses
// may be freed. Sleeps: never from a timer function or with a spinlock
// held.
int timer_drain(struct callout *c);
// Is c armed?
int timer_pending(struct callout *c);

#endif
