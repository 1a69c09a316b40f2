// kernel/spinlock.h: mutual exclusion by spinning, with interrupts off.
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "types.h"

struct spinlock {
  uint locked;      // 0 free, 1 held
  const char *name; // for debugging
  struct cpu *cpu;  // the cpu holding it
};

#endif
