// kernel/proc.c: the process table, fork/exit/wait/kill, sleep and
// wakeup, and the per-hart scheduler.
//
// Scheduling is round-robin over proc[]. A hart that finds nothing to
// run waits in wfi; whoever makes a process RUNNABLE kicks an idle hart
// with an inter-processor interrupt (IPI), so idle harts cost the host
// nothing and still wake at once.
#include <netv6/wait.h>
#include <netv6/procinfo.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "sbi.h"
#include <netv6/fs.h>
#include "defs.h"
#include "net/net.h"

struct cpu cpus[NCPU];
struct proc proc[NPROC];
static struct proc *initproc;

static int nextpid = 1;
static struct spinlock pid_lock; // protects nextpid

// Protects every p->parent, and keeps a parent's wakeup from being
// lost when a child exits. Taken before any p->lock. Changes of p->pgid
// and p->sid hold it too (pgrp.c).
struct spinlock wait_lock;

// The lock pause() sleeps with; nobody wakes its channel, so a pausing
// process stays asleep until its deadline (or a kill).
static struct spinlock pauselock;

extern char _trampoline[]; // trampoline.S
extern char _sigtramp[];   // sigtramp.S
void swtch(struct context *old, struct context *new);
static void forkret(void);
static void makerunnable(struct proc *p);

// Allocate and map each slot's kernel stack, with an unmapped guard
// page below it, into the kernel page table.
void proc_mapstacks(pagetable_t kpt) {
  for (int i = 0; i < NPROC; i++) {
    for (int j = 0; j < KSTACKPAGES; j++) {
      char *pa = kalloc();
      if (pa == 0)
        panic("proc_mapstacks");
      if (mappages(kpt, KSTACK(i) + j * PGSIZE, PGSIZE, (uint64)pa,
                   PTE_R | PTE_W) != 0)
        panic("proc_mapstacks: map");
    }
  }
}

void procinit(void) {
  initlock(&pid_lock, "nextpid");
  initlock(&wait_lock, "wait_lock");
  initlock(&pauselock, "pause");
  for (int i = 0; i < NPROC; i++) {
    struct proc *p = &proc[i];
    initlock(&p->lock, "proc");
    p->state = UNUSED;
    p->slot = i;
    p->kstack = KSTACK(i);
  }
}

// Interrupts must be off: a process could move to another hart.
int cpuid(void) { return r_tp(); }
struct cpu *mycpu(void) {
  return &cpus[cpuid()];
}

struct proc *myproc(void) {
  push_off();
  struct proc *p = mycpu()->proc;
  pop_off();
  return p;
}

static int allocpid(void) {
  acquire(&pid_lock);
  int pid = nextpid++;
  release(&pid_lock);
  return pid;
}

// A user page table with only the trampoline, the trapframe and the
// signal trampoline mapped, or 0 if out of memory.
pagetable_t proc_pagetable(struct proc *p) {
  pagetable_t pt = uvmcreate();
  if (pt == 0)
    return 0;
  if (mappages(pt, TRAMPOLINE, PGSIZE, (uint64)_trampoline, PTE_R | PTE_X) < 0)
    goto bad;
  if (mappages(pt, TRAPFRAME, PGSIZE, (uint64)p->trapframe, PTE_R | PTE_W) < 0)
    goto bad;
  if (mappages(pt, SIGTRAMP, PGSIZE, (uint64)_sigtramp, PTE_R | PTE_X | PTE_U) <
      0)
    goto bad;
  return pt;

bad:
  proc_freepagetable(pt, 0);
  return 0;
}

void proc_freepagetable(pagetable_t pt, uint64 sz) {
  uvmunmap(pt, TRAMPOLINE, 1, 0);
  uvmunmap(pt, TRAPFRAME, 1, 0);
  uvmunmap(pt, SIGTRAMP, 1, 0);
  uvmfree(pt, sz);
}

// Free a process slot and everything hanging from it. p->lock held.
static void freeproc(struct proc *p) {
  if (p->trapframe)
    kfree(p->trapframe);
  p->trapframe = 0;
  if (p->pagetable)
    proc_freepagetable(p->pagetable, p->sz);
  p->pagetable = 0;
  p->sz = 0;
  p->stackbase = 0;
  p->pid = 0;
  p->pgid = 0;
  p->sid = 0;
  p->parent = 0;
  p->name[0] = 0;
  p->chan = 0;
  p->killed = 0;
  p->xstate = 0;
  p->sysnum = 0;
  p->runticks = 0;
  p->alarm_at = p->alarm_every = 0;
  p->state = UNUSED;
}

// Find an unused slot and prepare it to run in the kernel, starting
// at forkret. Returns it with p->lock held, or 0 if the table is full
// or memory ran out.
static struct proc *allocproc(void) {
  struct proc *p;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state == UNUSED)
      goto found;
    release(&p->lock);
  }
  return 0;

found:
  p->pid = allocpid();
  p->state = USED;
  siginit(p);
  if ((p->trapframe = kzalloc()) == 0 ||
      (p->pagetable = proc_pagetable(p)) == 0) {
    freeproc(p);
    release(&p->lock);
    return 0;
  }
  memset(&p->context, 0, sizeof(p->context));
  p->context.ra = (uint64)forkret;
  p->context.sp = p->kstack + KSTACKPAGES * PGSIZE;
  return p;
}

// A kernel thread's first run, from scheduler() with p->lock held.
static void kthread_entry(void) {
  struct proc *p = myproc();
  release(&p->lock);
  p->kfn(p->karg);
  panic("kernel thread %s returned", p->name);
}

// Start a kernel thread called name that runs fn(arg) in the kernel for
// ever: a process slot with no user memory, which ps lists, kill
// refuses (EPERM) and the scheduler runs like any other. It may sleep
// and take sleep locks. Returns its pid, or -EAGAIN (no free slot).
int kthread_start(const char *name, void (*fn)(void *), void *arg) {
  struct proc *p;
  for (p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state == UNUSED)
      break;
    release(&p->lock);
  }
  if (p == &proc[NPROC])
    return -EAGAIN;
  p->pid = allocpid();
  siginit(p);
  p->kfn = fn;
  p->karg = arg;
  safestrcpy(p->name, name, sizeof(p->name));
  memset(&p->context, 0, sizeof(p->context));
  p->context.ra = (uint64)kthread_entry;
  p->context.sp = p->kstack + KSTACKPAGES * PGSIZE;
  int pid = p->pid;
  makerunnable(p);
  release(&p->lock);
  return pid;
}

// Wake one hart that is idle in wfi, if any, so it finds new work.
static void kick_idle(void) {
  __sync_synchronize(); // pairs with the fence in scheduler()
  int me = cpuid();
  for (int i = 0; i < NCPU; i++) {
    if (i != me && cpus[i].started && cpus[i].idle) {
      sbi_send_ipi(1UL << i, 0);
      return;
    }
  }
}

// Make p runnable and tell an idle hart. p->lock must be held.
static void makerunnable(struct proc *p) {
  p->state = RUNNABLE;
  kick_idle();
}

// Wake p from whatever sleep it is in (a signal came). Every sleep is a
// loop on its condition, so an early wakeup only makes it look again.
// p->lock must be held.
void wakeproc(struct proc *p) {
  if (p->state == SLEEPING)
    makerunnable(p);
}

// The first process. It starts with an empty address space; forkret
// execs /init for it once the file system can be used.
void userinit(void) {
  struct proc *p = allocproc();
  if (p == 0)
    panic("userinit");
  initproc = p;
  safestrcpy(p->name, "init", sizeof(p->name));
  p->pgid = p->sid = p->pid; // init leads the first group and session
  makerunnable(p);
  release(&p->lock);
}

// Grow (n > 0) or shrink (n < 0) user memory by n bytes.
int growproc(int64 n) {
  struct proc *p = myproc();
  uint64 sz = p->sz;
  if (n > 0) {
    if ((uint64)n > SIGTRAMP || sz + n > SIGTRAMP)
      return -ENOMEM;
    if ((sz = uvmalloc(p->pagetable, sz, sz + n, PTE_W)) == 0)
      return -ENOMEM;
  } else if (n < 0) {
    if ((uint64)-n > sz - p->stackbase - USERSTACKPAGES * PGSIZE)
      return -EINVAL; // would free the stack or the program
    sz = uvmdealloc(p->pagetable, sz, sz + n);
  }
  p->sz = sz;
  return 0;
}

// Create a copy of the calling process. Returns the child's pid to
// the parent (the child sees 0), or -EAGAIN / -ENOMEM.
int fork(void) {
  struct proc *p = myproc();
  acquire(&p->lock); // p's parent may be changing its group
  int pgid = p->pgid, sid = p->sid;
  release(&p->lock);
  struct proc *np = allocproc();
  if (np == 0)
    return -EAGAIN;
  if (uvmcopy(p->pagetable, np->pagetable, p->sz) < 0) {
    freeproc(np);
    release(&np->lock);
    return -ENOMEM;
  }
  np->sz = p->sz;
  np->stackbase = p->stackbase;
  *np->trapframe = *p->trapframe;
  np->trapframe->x[REG_A0] = 0; // fork returns 0 in the child
  for (int i = 0; i < NOFILE; i++) {
    if (p->ofile[i])
      np->ofile[i] = filedup(p->ofile[i]);
    np->fdflags[i] = p->fdflags[i];
  }
  np->cwd = idup(p->cwd);
  safestrcpy(np->name, p->name, sizeof(p->name));
  sigfork(np, p);
  np->pgid = pgid;
  np->sid = sid;
  int pid = np->pid;
  release(&np->lock);

  acquire(&wait_lock);
  np->parent = p;
  release(&wait_lock);

  acquire(&np->lock);
  makerunnable(np);
  release(&np->lock);
  return pid;
}

// Give p's children to init. wait_lock must be held.
static void reparent(struct proc *p) {
  for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
    if (pp->parent == p) {
      pp->parent = initproc;
      wakeup(initproc);
    }
  }
}

// p is ending with wait() status word status: wake its parent's wait
// and send it SIGCHLD. A parent that ignores SIGCHLD (or asked for
// SA_NOCLDWAIT) leaves its children to init, which reaps them, as POSIX
// says. wait_lock held.
static void tellparent(struct proc *p, int status) {
  struct proc *pp = p->parent;
  int sig = status & 0x7f;
  struct ksiginfo info = {sig ? CLD_KILLED : CLD_EXITED, p->pid,
                          sig ? sig : (status >> 8) & 0xff, 0};
  wakeup(pp);
  acquire(&pp->lock);
  struct k_sigaction *a = &pp->sig.act[SIGCHLD];
  int noreap = a->handler == SIGH_IGN || (a->flags & SA_NOCLDWAIT);
  sigpost_locked(pp, SIGCHLD, &info);
  release(&pp->lock);
  if (noreap && pp != initproc) {
    p->parent = initproc;
    wakeup(initproc);
  }
}

// End the calling process with a wait() status word (netv6/wait.h).
// It stays a ZOMBIE until its parent waits for it.
void kexit(int status) {
  struct proc *p = myproc();
  if (p == initproc)
    panic("init exiting (status %d)", status);

  xv6sock_exit(p->pid); // the xv6 face's ports are not files

  for (int fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd]) {
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
    }
  }
  begin_op();
  iput(p->cwd);
  end_op();
  p->cwd = 0;

  acquire(&wait_lock);
  reparent(p);
  tellparent(p, status);
  acquire(&p->lock);
  p->xstate = status;
  p->alarm_at = 0;
  p->state = ZOMBIE;
  release(&wait_lock);
  sched();
  panic("zombie exit");
}

// Wait for a child to end: any child if pid is -1, else that one.
// Copy its status to user address addr if non-zero. With WNOHANG,
// return 0 at once if no such child has ended. Returns its pid, 0,
// -ECHILD (no such child), -ERESTARTSYS (a signal came) or -EFAULT.
int kwait(int pid, uint64 addr, int options) {
  struct proc *p = myproc();
  acquire(&wait_lock);
  for (;;) {
    int havekids = 0;
    for (struct proc *pp = proc; pp < &proc[NPROC]; pp++) {
      if (pp->parent != p)
        continue;
      acquire(&pp->lock);
      if (pid != -1 && pp->pid != pid) {
        release(&pp->lock);
        continue;
      }
      havekids = 1;
      if (pp->state == ZOMBIE) {
        int cpid = pp->pid;
        if (addr != 0 &&
            copyout(p->pagetable, addr, &pp->xstate, sizeof(pp->xstate)) < 0) {
          release(&pp->lock);
          release(&wait_lock);
          return -EFAULT; // the child stays a zombie for a retry
        }
        freeproc(pp);
        release(&pp->lock);
        release(&wait_lock);
        return cpid;
      }
      release(&pp->lock);
    }
    if (!havekids) {
      release(&wait_lock);
      return -ECHILD;
    }
    if (options & WNOHANG) {
      release(&wait_lock);
      return 0;
    }
    int err = sleep_intr(p, &wait_lock);
    if (err < 0) {
      release(&wait_lock);
      return err;
    }
  }
}

// Each hart runs this forever after starting: pick a RUNNABLE process,
// run it until it gives the hart back, repeat; wfi when there is none.
void scheduler(void) {
  struct cpu *c = mycpu();
  c->proc = 0;
  for (;;) {
    intr_on(); // let device interrupts in between runs
    int ran = 0;
    for (struct proc *p = proc; p < &proc[NPROC]; p++) {
      acquire(&p->lock);
      if (p->state == RUNNABLE) {
        p->state = RUNNING;
        c->proc = p;
        swtch(&c->context, &p->context);
        c->proc = 0; // the process has given the hart back
        ran = 1;
      }
      release(&p->lock);
    }
    if (ran)
      continue;
    // Nothing to run. Say we are idle before looking once more, so a
    // process made runnable after that look comes with a kick (IPI).
    intr_off();
    c->idle = 1;
    __sync_synchronize();
    int any = 0;
    for (struct proc *p = proc; p < &proc[NPROC]; p++)
      if (*(volatile enum procstate *)&p->state == RUNNABLE)
        any = 1;
    if (!any)
      asm volatile("wfi"); // wakes on a pending interrupt even with SIE off
    c->idle = 0;
  }
}

// Give the hart back to the scheduler. The caller holds exactly
// p->lock and has changed p->state.
void sched(void) {
  struct proc *p = myproc();
  if (!holding(&p->lock))
    panic("sched: p->lock");
  if (mycpu()->noff != 1)
    panic("sched: locks held");
  if (p->state == RUNNING)
    panic("sched: running");
  if (intr_get())
    panic("sched: interruptible");
  int intena = mycpu()->intena;
  swtch(&p->context, &mycpu()->context);
  mycpu()->intena = intena;
}

void yield(void) {
  struct proc *p = myproc();
  acquire(&p->lock);
  p->state = RUNNABLE;
  sched();
  release(&p->lock);
}

// A new process's first run in the kernel starts here, from scheduler()
// with p->lock held.
static void forkret(void) {
  static int first = 1;
  release(&myproc()->lock);
  if (first) {
    // The file system needs a process context (it sleeps on the disk),
    // so it is set up here, once, by the first process.
    first = 0;
    fsinit(ROOTDEV);
    struct proc *p = myproc();
    p->cwd = namei("/");
    if (p->cwd == 0)
      panic("no root directory");
    char *argv[] = {"init", 0};
    int err = kexec("/init", argv);
    if (err < 0)
      panic("cannot exec /init (error %d)", -err);
    __sync_synchronize();
  }
  usertrapret();
}

// Sleep on chan, releasing lk while asleep and taking it back after
// (lk is held on every return). With intr, a process with a signal to
// act on (sigpending_locked: a kill, or a pending unblocked signal) does
// not go to sleep: -ERESTARTSYS. The check is made under p->lock, which
// posting a signal takes too, so a signal cannot slip in between the
// caller's last look at its condition and the sleep.
static int sleep_locked(void *chan, struct spinlock *lk, uint64 deadline,
                        int intr) {
  struct proc *p = myproc();
  // Holding p->lock means a wakeup() cannot slip in between the
  // release of lk and the switch away: it needs p->lock too.
  acquire(&p->lock);
  if (intr && sigpending_locked(p)) {
    p->wake_at = 0;
    release(&p->lock);
    return -ERESTARTSYS;
  }
  release(lk);
  p->chan = chan;
  p->wake_at = deadline;
  p->sleepintr = intr;
  p->state = SLEEPING;
  sched();
  p->chan = 0;
  p->wake_at = 0;
  release(&p->lock);
  acquire(lk);
  return 0;
}

// Sleep until woken; not cut short by signals (for waits that always
// end soon: disk I/O, sleeplocks, the log).
void sleep(void *chan, struct spinlock *lk) { sleep_locked(chan, lk, 0, 0); }

// Sleep on chan until woken, a signal, or the tick deadline (0: none).
// Returns 0 (woken: the caller looks at its condition again, and sleeps
// again if it must, which is when a signal that came meanwhile is
// reported), -ERESTARTSYS (a signal is to be acted on, see
// kernel/sigframe.c: the call is restarted or fails with EINTR) or
// -ETIMEDOUT.
int sleep_until(void *chan, struct spinlock *lk, uint64 deadline) {
  struct proc *p = myproc();
  if (deadline != 0) {
    if (ticks >= deadline)
      return -ETIMEDOUT;
    // wake_at before the deadline is published: a tick that sees the
    // new deadline then also sees this process waiting for it (and, if
    // it is not asleep yet, looks again at the next tick).
    acquire(&p->lock);
    p->wake_at = deadline;
    release(&p->lock);
    note_deadline(deadline);
  }
  int r = sleep_locked(chan, lk, deadline, 1);
  if (r < 0)
    return r;
  return deadline != 0 && ticks >= deadline ? -ETIMEDOUT : 0;
}

// Sleep until woken or a signal: 0 or -ERESTARTSYS.
int sleep_intr(void *chan, struct spinlock *lk) {
  return sleep_until(chan, lk, 0);
}

// Sleep until tick until (ticksleep): 0, or -EINTR if a signal comes
// first. The process sleeps the whole time; only the deadline or a
// signal wakes it.
int kpause(uint64 until) {
  int r;
  acquire(&pauselock);
  while ((r = sleep_until(&pauselock, &pauselock, until)) == 0)
    ;
  release(&pauselock);
  return r == -ETIMEDOUT ? 0 : -EINTR;
}

// Sleep until wakeproc(p) (a signal): for sigsuspend and pause, which
// look at p's signals, under p->lock. p->lock held, and again on return.
void sleep_self(struct proc *p) {
  p->chan = p;
  p->sleepintr = 1;
  p->state = SLEEPING;
  sched();
  p->chan = 0;
}

static uint64 next_deadline; // [tickslock] earliest wake_at, or 0

void note_deadline(uint64 t) {
  acquire(&tickslock);
  if (next_deadline == 0 || t < next_deadline)
    next_deadline = t;
  release(&tickslock);
}

// p's interval timer is due: SIGALRM, and the next one if it repeats.
// p->lock held.
static void alarm(struct proc *p, uint64 now) {
  struct ksiginfo info = {SI_TIMER, 0, 0, 0};
  sigpost_locked(p, SIGALRM, &info);
  p->alarm_at = p->alarm_every ? now + p->alarm_every : 0;
}

// From the timer tick: wake sleepers whose deadline has come, and post
// SIGALRM to processes whose interval timer is due. Cheap unless a
// deadline is due. tickslock held (now is ticks).
void wake_deadlines(uint64 now) {
  if (next_deadline == 0 || now < next_deadline)
    return;
  uint64 next = 0;
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    uint64 t = 0;
    if (p->wake_at != 0) {
      if (p->wake_at <= now && p->state == SLEEPING)
        makerunnable(p);
      else // not due, or due but not asleep yet: look again then
        t = p->wake_at > now ? p->wake_at : now + 1;
    }
    if (p->alarm_at != 0 && p->alarm_at <= now)
      alarm(p, now);
    if (p->alarm_at != 0 && (t == 0 || p->alarm_at < t))
      t = p->alarm_at;
    if (t != 0 && (next == 0 || t < next))
      next = t;
    release(&p->lock);
  }
  next_deadline = next;
}

// Wake every process sleeping on chan. Must not hold any p->lock.
void wakeup(void *chan) {
  struct proc *me = myproc();
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    if (p == me)
      continue;
    acquire(&p->lock);
    if (p->state == SLEEPING && p->chan == chan)
      makerunnable(p);
    release(&p->lock);
  }
}

void setkilled(struct proc *p, int sig) {
  acquire(&p->lock);
  if (p->killed == 0)
    p->killed = sig;
  release(&p->lock);
}

// The signal p was killed with, or 0. A null p (no process) is never killed.
int killed(struct proc *p) {
  if (p == 0)
    return 0;
  acquire(&p->lock);
  int k = p->killed;
  release(&p->lock);
  return k;
}

// Copy to a user address (user_dst) or a kernel address.
int either_copyout(int user_dst, uint64 dst, const void *src, uint64 len) {
  if (user_dst)
    return copyout(myproc()->pagetable, dst, src, len);
  memmove((void *)dst, src, len);
  return 0;
}

int either_copyin(void *dst, int user_src, uint64 src, uint64 len) {
  if (user_src)
    return copyin(myproc()->pagetable, dst, src, len);
  memmove(dst, (void *)src, len);
  return 0;
}

// Processes in use, for sysinfo.
int nprocs(void) {
  int n = 0;
  for (struct proc *p = proc; p < &proc[NPROC]; p++)
    if (p->state != UNUSED)
      n++;
  return n;
}

int getppid(void) {
  struct proc *p = myproc();
  acquire(&wait_lock);
  int ppid = p->parent ? p->parent->pid : 0;
  release(&wait_lock);
  return ppid;
}

// From the timer interrupt, on every hart: the process running here
// (if any) spent this tick. No spinlock is held on this hart (they
// keep interrupts off), so taking p->lock cannot deadlock.
void chargetick(void) {
  struct proc *p = myproc();
  if (p == 0)
    return;
  acquire(&p->lock);
  p->runticks++;
  release(&p->lock);
}

// procsnap fills *pi with what procinfo() reports of the process in
// slot i of the table; returns 0 (and leaves *pi alone) if the slot is
// unused. Locks are held only while the entry is filled, so the caller
// copies it out with none.
int procsnap(int i, struct procinfo *pi) {
  static const int ps[] = {[USED] = PS_NEW,
                           [SLEEPING] = PS_SLEEPING,
                           [RUNNABLE] = PS_RUNNABLE,
                           [RUNNING] = PS_RUNNING,
                           [ZOMBIE] = PS_ZOMBIE};
  struct proc *p = &proc[i];
  acquire(&wait_lock); // p->parent; the parent cannot be freed meanwhile
  acquire(&p->lock);
  int used = p->state != UNUSED;
  if (used) {
    memset(pi, 0, sizeof(*pi));
    pi->pid = p->pid;
    pi->ppid = p->parent ? p->parent->pid : 0;
    pi->state = ps[p->state];
    if (p->state == SLEEPING && !p->sleepintr)
      pi->state = PS_UNINTR;
    pi->sysnum = p->sysnum;
    pi->killed = p->killed;
    pi->pgid = p->pgid;
    pi->sid = p->sid;
    pi->runticks = p->runticks;
    pi->size = p->sz; // [o]: a snapshot, as of some moment
    safestrcpy(pi->name, p->name, sizeof(pi->name));
  }
  release(&p->lock);
  release(&wait_lock);
  return used;
}

// ^P on the console: the process list. No locks, so that it works
// even when something is stuck holding one.
void procdump(void) {
  static const char *states[] = {
      [UNUSED] = "unused",   [USED] = "used",   [SLEEPING] = "sleep",
      [RUNNABLE] = "runble", [RUNNING] = "run", [ZOMBIE] = "zombie"};
  printf("\n");
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    if (p->state == UNUSED)
      continue;
    printf("%d %s %s%s\n", p->pid, states[p->state], p->name,
           p->killed ? " (killed)" : "");
  }
}
