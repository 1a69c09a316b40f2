// kernel/spinlock.c: spinlocks, and the per-cpu interrupt-off nesting
// (push_off/pop_off) that makes them safe against interrupt handlers.
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

void initlock(struct spinlock *lk, const char *name) {
  lk->name = name;
  lk->locked = 0;
  lk->cpu = 0;
}

// Spin until the lock is ours. Interrupts stay off while it is held, so
// an interrupt handler on this hart can never deadlock against it.
void acquire(struct spinlock *lk) {
  push_off();
  if (holding(lk))
    panic("acquire: %s held twice", lk->name);
  while (__sync_lock_test_and_set(&lk->locked, 1) != 0)
    ;
  __sync_synchronize(); // the critical section's accesses stay after this
  lk->cpu = mycpu();
}

void release(struct spinlock *lk) {
  if (!holding(lk))
    panic("release: %s not held", lk->name);
  lk->cpu = 0;
  __sync_synchronize(); // the critical section's accesses stay before this
  __sync_lock_release(&lk->locked);
  pop_off();
}

// Is this cpu holding lk? Interrupts must be off.
int holding(struct spinlock *lk) { return lk->locked && lk->cpu == mycpu(); }

// push_off/pop_off are intr_off/intr_on that nest: the outermost pop
// restores the interrupt state the outermost push found.
void push_off(void) {
  int old = intr_get();
  intr_off();
  struct cpu *c = mycpu();
  if (c->noff == 0)
    c->intena = old;
  c->noff++;
}

void pop_off(void) {
  struct cpu *c = mycpu();
  if (intr_get())
    panic("pop_off: interrupts on");
  if (c->noff < 1)
    panic("pop_off: unbalanced");
  c->noff--;
  if (c->noff == 0 && c->intena)
    intr_on();
}
