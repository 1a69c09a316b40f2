// kernel/net/callout.h: timers ("callouts"): call fn(arg) once the
// clock reaches a tick. The logic of the kernel's timer facility; the
// kernel glue owns the lock, the clock and the thread that runs them.
//
// The queue is a hashed timing wheel (Varghese and Lauck): CO_WHEEL
// slots, a callout due at tick t in slot t % CO_WHEEL, each slot an
// unsorted list in the order the callouts were scheduled. Scheduling
// and cancelling cost O(1) whatever the number of timers (TCP rearms a
// timer on nearly every segment); finding what is due costs one slot per
// tick that passes, and one sweep of the wheel after a long quiet spell.
//
// Ticks are uint64 and never wrap. Due callouts come out one at a time
// in deadline order, equal deadlines in the order they were scheduled.
//
// States. A callout is IDLE, PENDING (in the wheel), RUNNING (handed
// out by callout_next and not yet callout_done), or PENDING and RUNNING
// (rescheduled while it runs, perhaps by its own function). RUNNING is
// recorded in the queue (q->running), not in the callout, so a function
// may free the memory of its own callout. That makes a safe cancel
// possible in the glue: under the queue's lock, callout_cancel removes a
// pending one; if callout_running is then true, the caller waits (sleeps
// until callout_done's wakeup) before freeing what fn uses.
//
// The glue's loop, each tick, with the lock held around every call:
//   while ((c = callout_next(q, now)) != 0) {
//     fn = c->fn; arg = c->arg;     // read before unlocking
//     unlock; fn(arg); lock;
//     callout_done(q);              // and wake any canceller waiting
//   }
//
// Host-compilable. No lock inside: every function needs the queue's
// lock held (one lock per queue, taken before any lock fn takes).
#ifndef KERNEL_NET_CALLOUT_H
#define KERNEL_NET_CALLOUT_H

#include <stdint.h>

#define CO_WHEEL 256 // slots, a power of two

struct callout {
  struct callout *next, *prev; // in its slot's list, while pending
  uint64_t when;               // the tick it is due at
  void (*fn)(void *arg);
  void *arg;
  int pending; // in the wheel
};

struct calloutq {
  struct callout *head[CO_WHEEL], *tail[CO_WHEEL];
  uint64_t cur;      // every callout due before tick cur has been handed out
  uint32_t npending; // callouts in the wheel
  struct callout *running; // handed out and not yet done, or 0
};

// The states callout_state returns (bits).
#define CO_IDLE 0
#define CO_PENDING 1
#define CO_RUNNING 2

// An empty queue whose clock starts at tick now.
void callout_qinit(struct calloutq *q, uint64_t now);
// An idle callout that will call fn(arg).
void callout_init(struct callout *c, void (*fn)(void *), void *arg);

// Make c due at tick when (absolute; a tick already past counts as the
// queue's current tick: due at once, after those already due then). If c is
// pending it is moved (rescheduled), and counts as scheduled now for the order
// among equal deadlines. Returns 1 if it was pending, 0 if not. A running
// callout may be scheduled again.
int callout_schedule(struct calloutq *q, struct callout *c, uint64_t when);
// Take c out of the wheel. Returns 1 if it was pending, 0 if it was
// not. It does not wait for a running c: see callout_running.
int callout_cancel(struct calloutq *q, struct callout *c);

// The next callout due at or before tick now, taken out of the wheel and
// marked running, or 0 if none is due. The caller runs it, then calls
// callout_done before the next callout_next.
struct callout *callout_next(struct calloutq *q, uint64_t now);
// The callout handed out last has finished running (it may have been
// freed: it is not touched).
void callout_done(struct calloutq *q);

static inline int callout_pending(const struct callout *c) {
  return c->pending;
}
static inline int callout_running(const struct calloutq *q,
                                  const struct callout *c) {
  return q->running == c;
}
// CO_IDLE, or CO_PENDING and/or CO_RUNNING.
int callout_state(const struct calloutq *q, const struct callout *c);
// The earliest deadline in the wheel, or UINT64_MAX if it is empty.
// O(CO_WHEEL + pending): for tests and tickless sleeps, not every tick.
uint64_t callout_earliest(const struct calloutq *q);

#endif
