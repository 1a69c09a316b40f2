// netv6/procinfo.h: what procinfo() reports about each process (for ps,
// and for tests that must see another process blocked before they act).
// Shared by the kernel (kernel/proc.c fills it) and user space.
#ifndef NETV6_PROCINFO_H
#define NETV6_PROCINFO_H

#include <stdint.h>

// procinfo.state
#define PS_NEW 1      // being made by fork, not yet run
#define PS_RUNNABLE 2 // waiting for a hart
#define PS_RUNNING 3  // on a hart now
#define PS_SLEEPING 4 // waiting for an event; a signal ends the wait
#define PS_UNINTR \
  5                 // waiting for the disk or a file-system lock, which
                    // always ends soon: a kill does not cut it short
#define PS_ZOMBIE 6 // ended; its parent has not waited for it yet

struct procinfo {
  int32_t pid;
  int32_t ppid;      // 0 for init
  int32_t state;     // PS_*
  int32_t sysnum;    // the system call it is inside now (netv6/syscall.h),
                     // 0 if none; a zombie's is exit's
  int32_t killed;    // the signal it was killed with, 0 if none
  int32_t pgid;      // its process group (0 for a kernel thread)
  int32_t sid;       // its session (0 for a kernel thread)
  int32_t pad;       // 0
  uint64_t runticks; // clock ticks (HZ a second) it has spent on a hart
  uint64_t size;     // bytes of user memory
  char name[16];     // the program's name (NUL-terminated)
};

#endif
