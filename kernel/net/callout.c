// kernel/net/callout.c: a hashed timing wheel of callouts.
#include "callout.h"

#define SLOT(t) ((t) & (CO_WHEEL - 1))

void callout_qinit(struct calloutq *q, uint64_t now) {
  for (int i = 0; i < CO_WHEEL; i++)
    q->head[i] = q->tail[i] = 0;
  q->cur = now;
  q->npending = 0;
  q->running = 0;
}

void callout_init(struct callout *c, void (*fn)(void *), void *arg) {
  c->next = c->prev = 0;
  c->when = 0;
  c->fn = fn;
  c->arg = arg;
  c->pending = 0;
}

// A pending callout is in the slot of its deadline. (One scheduled for
// a tick already past gets q->cur as its deadline, so this holds too.)
static void co_unlink(struct calloutq *q, struct callout *c) {
  uint64_t s = SLOT(c->when);
  if (c->prev != 0)
    c->prev->next = c->next;
  else
    q->head[s] = c->next;
  if (c->next != 0)
    c->next->prev = c->prev;
  else
    q->tail[s] = c->prev;
  c->next = c->prev = 0;
  c->pending = 0;
  q->npending--;
}

// A deadline already past becomes q->cur: due at once either way, and
// since everything due before q->cur has been handed out, the order
// stays by deadline (such a callout comes after those already scheduled
// for q->cur).
int callout_schedule(struct calloutq *q, struct callout *c, uint64_t when) {
  int was = c->pending;
  if (was)
    co_unlink(q, c);
  if (when < q->cur)
    when = q->cur;
  uint64_t s = SLOT(when);
  c->when = when;
  c->next = 0;
  c->prev = q->tail[s];
  if (q->tail[s] != 0)
    q->tail[s]->next = c;
  else
    q->head[s] = c;
  q->tail[s] = c;
  c->pending = 1;
  q->npending++;
  return was;
}

int callout_cancel(struct calloutq *q, struct callout *c) {
  if (!c->pending)
    return 0;
  co_unlink(q, c);
  return 1;
}

uint64_t callout_earliest(const struct calloutq *q) {
  uint64_t min = UINT64_MAX;
  for (int i = 0; i < CO_WHEEL; i++)
    for (struct callout *c = q->head[i]; c != 0; c = c->next)
      if (c->when < min)
        min = c->when;
  return min;
}

// The first callout of slot cur due at tick cur. Every pending deadline
// is at or after q->cur, so those due are exactly those of tick cur, in
// the order they were scheduled; the slot also holds callouts of later
// laps of the wheel.
static struct callout *due(const struct calloutq *q) {
  for (struct callout *c = q->head[SLOT(q->cur)]; c != 0; c = c->next)
    if (c->when <= q->cur)
      return c;
  return 0;
}

struct callout *callout_next(struct calloutq *q, uint64_t now) {
  int quiet = 0; // ticks passed without finding anything due
  while (q->npending > 0 && q->cur <= now) {
    struct callout *c = due(q);
    if (c != 0) {
      co_unlink(q, c);
      q->running = c;
      return c;
    }
    if (q->cur == now)
      return 0; // stay here: more may be scheduled for now
    q->cur++;
    if (++quiet == CO_WHEEL) { // a long quiet spell: jump ahead
      uint64_t e = callout_earliest(q);
      q->cur = e < now ? e : now;
      quiet = 0;
    }
  }
  if (q->npending == 0 && q->cur < now)
    q->cur = now;
  return 0;
}

void callout_done(struct calloutq *q) { q->running = 0; }

int callout_state(const struct calloutq *q, const struct callout *c) {
  return (c->pending ? CO_PENDING : CO_IDLE) |
         (q->running == c ? CO_RUNNING : CO_IDLE);
}
