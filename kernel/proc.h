// kernel/proc.h: processes, harts (struct cpu) and what a trap saves.
//
// Lock order (outermost first), for the whole kernel:
//   wait_lock -> p->lock
//   wait_lock -> cons.lock (tcsetpgrp) -> p->lock (^C signals a group)
//   log lock, inode sleeplocks (parent directory before child),
//   buffer sleeplocks -> bcache.lock / icache.lock / ftable.lock
//   pipe lock, console lock, uart lock, disk lock -> p->lock (via sleep)
//   xv6lock -> socktable.lock (soref only); unix_lock -> socktable.lock
//   unix_lock, pipe lock, cons.lock -> polllock (pollnotify)
//   polllock, unix_lock, pauselock -> tickslock (note_deadline)
//     -> p->lock (clockintr)
// A spinlock is never held across sleep() except the one passed to it.
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include "types.h"
#include "param.h"
#include "spinlock.h"
#include <netv6/signal.h>

// Callee-saved registers for swtch(): a kernel thread's context.
struct context {
  uint64 ra;
  uint64 sp;
  uint64 s[12]; // s0..s11
};

// Per-hart state. Only its own hart touches it, with interrupts off.
struct cpu {
  struct proc *proc;      // running process, or 0
  struct context context; // swtch() here to enter the scheduler
  int noff;               // depth of push_off() nesting
  int intena;             // were interrupts on before push_off()?
  int hartid;             // the hart's id (== index into cpus[])
  volatile int idle;      // 1 while waiting in wfi for work
  int started;            // has run kmain
};

extern struct cpu cpus[NCPU];
extern struct spinlock wait_lock; // proc.c

// Registers of a user process saved by the trampoline (trampoline.S),
// and what the trampoline needs to enter the kernel. One page per
// process, mapped just below the trampoline in the user page table.
// x[n] holds register xn; x[0] is unused.
struct trapframe {
  uint64 kernel_satp;   //  0: kernel page table
  uint64 kernel_sp;     //  8: top of this process's kernel stack
  uint64 kernel_trap;   // 16: usertrap()
  uint64 epc;           // 24: saved user pc
  uint64 kernel_hartid; // 32: tp for the kernel
  uint64 pad[3];
  uint64 x[32]; // 64: x0..x31
};

enum {
  REG_RA = 1,
  REG_SP = 2,
  REG_A0 = 10,
  REG_A1,
  REG_A2,
  REG_A3,
  REG_A4,
  REG_A5,
  REG_A6,
  REG_A7
};

// What a pending signal came with (for siginfo_t).
struct ksiginfo {
  int code;    // SI_USER, SI_KERNEL, CLD_EXITED...
  int pid;     // sender, or the child for SIGCHLD
  int status;  // SIGCHLD: exit code or signal
  uint64 addr; // faults: the address
};

// A process's signals (kernel/signal.c, kernel/sigframe.c). Others post
// signals (pending, info) under p->lock; only the process itself changes
// its actions and mask, under p->lock too, so it may read them without.
struct sigstate {
  uint64 pending;               // [p] posted, not yet acted on (bit s-1)
  uint64 blocked;               // [p] the signal mask
  uint64 ignored;               // [p] signals whose action is to ignore
  uint64 saved;                 // [p] the mask sigsuspend replaced
  int suspended;                // [p] saved is to be restored
  struct k_sigaction act[NSIG]; // [p] actions, by signal number
  struct ksiginfo info[NSIG];   // [p] about each pending signal
};

enum procstate { UNUSED, USED, SLEEPING, RUNNABLE, RUNNING, ZOMBIE };

// Field legend: [p] p->lock must be held; [w] wait_lock must be held;
// [o] only the process itself touches it (no lock); [i] set at
// allocation, immutable after; [s] written only by the process itself,
// without a lock, and read by others under p->lock (procinfo): what a
// process wrote before it went to sleep is seen by anyone who finds it
// SLEEPING under p->lock.
struct proc {
  struct spinlock lock;

  enum procstate state; // [p]
  void *chan;           // [p] sleeping on chan, if non-zero
  uint64 wake_at;       // [p] tick to end the sleep at, or 0
  uint64 alarm_at;      // [p] tick SIGALRM is due at (setitimer), or 0
  uint64 alarm_every;   // [p] ticks between SIGALRMs, or 0: once
  int killed;           // [p] signal number if killed, else 0
  int xstate;           // [p] wait() status for the parent
  int pid;              // [p]
  int sleepintr;        // [p] while SLEEPING: a kill ends the sleep
  uint64 runticks;      // [p] clock ticks spent on a hart
  int pgid;             // [p] process group; changed with wait_lock too
  int sid;              // [p] session; changed with wait_lock too

  struct proc *parent; // [w]

  int slot;                    // [i] index in proc[]
  uint64 kstack;               // [i] kernel stack's virtual address
  uint64 sz;                   // [o] user memory size (the break)
  uint64 stackbase;            // [o] lowest user stack address
  pagetable_t pagetable;       // [o] user page table
  struct trapframe *trapframe; // [o] for trampoline.S
  struct context context;      // [o] swtch() here to run the process
  struct file *ofile[NOFILE];  // [o] open files
  uchar fdflags[NOFILE];       // [o] per-descriptor flags (FD_CLOEXEC)
  struct inode *cwd;           // [o] current directory
  int sysnum;                  // [s] system call in progress, or 0
  char name[16]; // [p] program name (ps, ^P); the process may read
                 // its own without the lock (only it changes it, in exec)

  // A kernel thread (kthread_start) has no user memory and runs
  // kfn(karg) in the kernel for ever; it cannot be killed.
  void (*kfn)(void *); // [i] 0 for a user process
  void *karg;          // [i]

  struct sigstate sig; // signals, locked as its fields say
  uint64 sysa0;        // [o] a0 at the last system call (for restarts)
};

#endif
