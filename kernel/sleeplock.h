// kernel/sleeplock.h: a lock that sleeps instead of spinning, for long
// holds across disk I/O (buffers, inodes).
#ifndef KERNEL_SLEEPLOCK_H
#define KERNEL_SLEEPLOCK_H

#include "spinlock.h"

struct sleeplock {
  uint locked;        // held?
  struct spinlock lk; // protects locked and pid
  const char *name;
  int pid; // holder
};

#endif
