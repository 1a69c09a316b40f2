// kernel/signal.c: POSIX signals, the generating side: posting a signal
// to a process (kill, and the kernel's own: faults, SIGCHLD, SIGPIPE,
// the console, timers), actions and masks (sigaction, sigprocmask,
// sigpending), and waiting for a signal (sigsuspend, pause).
//
// A posted signal sets a bit in p->sig.pending and, unless blocked,
// wakes p from any sleep. Interruptible sleeps (sleep_until, under
// p->lock) refuse to sleep while sigpending_locked(p) is true, so a
// signal posted between a caller's last look and its sleep is never
// lost. The signal is acted on when p next returns to user space
// (kernel/sigframe.c). SIGKILL does not pend: it sets p->killed, the
// path every blocking call already knows.
//
// Ignored signals (SIG_IGN, or a default action of ignoring) are
// dropped when posted unless blocked; p->sig.ignored keeps them apart
// from the pending signals that interrupt sleeps.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

#define BIT(s) (1UL << ((s)-1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
// Signals whose default action is to ignore them. netv6 has no stopped
// processes, so the stop signals (and SIGCONT) are ignored too.
#define DEFAULT_IGNORED                                                       \
  (BIT(SIGCHLD) | BIT(SIGCONT) | BIT(SIGURG) | BIT(SIGWINCH) | BIT(SIGSTOP) | \
   BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))

extern struct proc proc[NPROC];

// A fresh process's signal state: every action the default, nothing
// blocked or pending. p->lock held (or p not yet visible).
void siginit(struct proc *p) {
  memset(&p->sig, 0, sizeof(p->sig));
  p->sig.ignored = DEFAULT_IGNORED;
}

// exec: caught signals go back to their default action (the handlers
// are gone with the old program); ignored ones stay ignored, and the
// mask and pending signals stay.
void sigexec(struct proc *p) {
  acquire(&p->lock);
  for (int s = 1; s < NSIG; s++) {
    struct k_sigaction *a = &p->sig.act[s];
    if (a->handler != SIGH_DFL && a->handler != SIGH_IGN) {
      memset(a, 0, sizeof(*a));
      if (DEFAULT_IGNORED & BIT(s))
        p->sig.ignored |= BIT(s);
    }
  }
  p->sig.pending &= ~(p->sig.ignored & ~p->sig.blocked);
  release(&p->lock);
}

// fork: the child gets the parent's actions and mask, nothing pending.
// The parent reads its own actions without its lock (only it changes
// them); np->lock held.
void sigfork(struct proc *np, struct proc *p) {
  np->sig = p->sig;
  np->sig.pending = 0;
  np->sig.suspended = 0;
}

// Does p have a signal to act on (a kill, or an unblocked pending
// signal that is not ignored)? An interruptible sleep must not begin,
// and a blocking call must return, if so. p->lock held.
int sigpending_locked(struct proc *p) {
  return p->killed || (p->sig.pending & ~p->sig.blocked & ~p->sig.ignored);
}

// The same, taking p->lock: -ERESTARTSYS if so (the blocking call ends
// and is restarted or fails with EINTR, see sigframe.c), else 0. A null
// p (no process) is never interrupted.
int interrupted(struct proc *p) {
  if (p == 0)
    return 0;
  acquire(&p->lock);
  int r = sigpending_locked(p) ? -ERESTARTSYS : 0;
  release(&p->lock);
  return r;
}

// Post sig (1..NSIG-1) to p, with what info says about it. p->lock
// held. A zombie or unused slot takes nothing.
void sigpost_locked(struct proc *p, int sig, const struct ksiginfo *info) {
  if (p->state == UNUSED || p->state == ZOMBIE)
    return;
  uint64 bit = BIT(sig);
  if (sig == SIGKILL) {
    if (p->killed == 0)
      p->killed = SIGKILL;
  } else {
    if ((p->sig.ignored & bit) && !(p->sig.blocked & bit))
      return; // dropped: ignored signals are not kept
    if (!(p->sig.pending & bit)) {
      p->sig.pending |= bit;    // a second one before the first is handled
      p->sig.info[sig] = *info; // is merged with it, as POSIX allows
    }
    if (p->sig.blocked & bit)
      return;
  }
  wakeproc(p);
}

void sigpost(struct proc *p, int sig, const struct ksiginfo *info) {
  acquire(&p->lock);
  sigpost_locked(p, sig, info);
  release(&p->lock);
}

// The kernel raises sig in the calling process (SIGPIPE for a write
// nobody will read).
void sigself(int sig) {
  struct ksiginfo info = {SI_KERNEL, 0, 0, 0};
  sigpost(myproc(), sig, &info);
}

// A fault in user mode raises sig (SIGSEGV, SIGILL, SIGBUS, SIGTRAP) at
// once. Returns 1 if a handler will take it, else 0: the caller then
// reports the fault and the process dies of sig (a blocked or ignored
// fault signal cannot be put off: the instruction would fault again).
int sigfault(struct proc *p, int sig, int code, uint64 addr) {
  struct ksiginfo info = {code, 0, 0, addr};
  acquire(&p->lock);
  uint64 h = p->sig.act[sig].handler;
  int caught = h != SIGH_DFL && h != SIGH_IGN && !(p->sig.blocked & BIT(sig));
  if (caught)
    sigpost_locked(p, sig, &info);
  else if (p->killed == 0)
    p->killed = sig;
  release(&p->lock);
  return caught;
}

enum { TO_PID, TO_GROUP, TO_ALL };

// Is p a target (to is TO_PID: process id; TO_GROUP: group id; TO_ALL:
// every process but init, kernel threads and me)? p->lock held.
static int target(struct proc *p, int to, int id, struct proc *me) {
  if (p->state == UNUSED)
    return 0;
  if (to == TO_PID)
    return p->pid == id;
  if (to == TO_GROUP)
    return p->pgid == id;
  return p != me && p->pid != 1 && !p->kfn;
}

// Post sig (0: none, only look) to every target. init and kernel
// threads take no signals. Returns 0, -ESRCH (no target) or -EPERM (the
// only targets were init or kernel threads).
static int post(int to, int id, int sig, const struct ksiginfo *info,
                struct proc *me) {
  int found = 0, init = 0;
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (target(p, to, id, me)) {
      if (p->pid == 1 || p->kfn) {
        init = 1;
      } else {
        found = 1;
        if (sig != 0)
          sigpost_locked(p, sig, info);
      }
    }
    release(&p->lock);
  }
  if (found)
    return 0;
  return init ? (sig != 0 ? -EPERM : 0) : -ESRCH;
}

// kill(pid, sig) from the calling process: to process pid (pid > 0), to
// its own process group (pid 0), to group -pid (pid < -1), or to every
// process but init and itself (pid -1). Signal 0 only checks that there
// is a target. Returns 0, -EINVAL (bad signal), -ESRCH or -EPERM.
int sigsend(int pid, int sig) {
  struct proc *me = myproc();
  struct ksiginfo info = {SI_USER, me->pid, 0, 0};
  if (sig < 0 || sig >= NSIG)
    return -EINVAL;
  if (pid == INT32_MIN)
    return -ESRCH; // there is no group -pid
  if (pid > 0)
    return post(TO_PID, pid, sig, &info, me);
  if (pid == -1)
    return post(TO_ALL, 0, sig, &info, me);
  acquire(&me->lock);
  int pgid = pid == 0 ? me->pgid : -pid;
  release(&me->lock);
  return post(TO_GROUP, pgid, sig, &info, me);
}

// The kernel sends sig to process group pgid (the console's ^C).
void siggroup(int pgid, int sig) {
  struct ksiginfo info = {SI_KERNEL, 0, 0, 0};
  post(TO_GROUP, pgid, sig, &info, 0);
}

int64 sys_kill(void) { return sigsend(argint(0), argint(1)); }

// sigaction(sig, act, oldact): set (if act) and/or get (if oldact) the
// action for sig. SIGKILL and SIGSTOP keep theirs.
int64 sys_sigaction(void) {
  int sig = argint(0);
  uint64 uact = argaddr(1), uold = argaddr(2);
  struct k_sigaction act, old;
  struct proc *p = myproc();
  if (sig < 1 || sig >= NSIG)
    return -EINVAL;
  if (uact) {
    if (sig == SIGKILL || sig == SIGSTOP)
      return -EINVAL;
    if (copyin(p->pagetable, &act, uact, sizeof(act)) < 0)
      return -EFAULT;
    act.mask &= ~UNBLOCKABLE;
  }
  acquire(&p->lock);
  old = p->sig.act[sig];
  if (uact) {
    p->sig.act[sig] = act;
    uint64 bit = BIT(sig);
    if (act.handler == SIGH_IGN ||
        (act.handler == SIGH_DFL && (DEFAULT_IGNORED & bit))) {
      p->sig.ignored |= bit;
      p->sig.pending &= ~bit; // POSIX: a pending one is discarded
    } else {
      p->sig.ignored &= ~bit;
    }
  }
  release(&p->lock);
  if (uold && copyout(p->pagetable, uold, &old, sizeof(old)) < 0)
    return -EFAULT;
  return 0;
}

// sigprocmask(how, set, oldset): change (if set) and/or get (if oldset)
// the mask. SIGKILL and SIGSTOP are never blocked.
int64 sys_sigprocmask(void) {
  int how = argint(0);
  uint64 uset = argaddr(1), uold = argaddr(2), set = 0;
  struct proc *p = myproc();
  if (uset) {
    if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
      return -EINVAL;
    if (copyin(p->pagetable, &set, uset, sizeof(set)) < 0)
      return -EFAULT;
  }
  acquire(&p->lock);
  uint64 old = p->sig.blocked;
  if (uset) {
    if (how == SIG_BLOCK)
      p->sig.blocked |= set;
    else if (how == SIG_UNBLOCK)
      p->sig.blocked &= ~set;
    else
      p->sig.blocked = set;
    p->sig.blocked &= ~UNBLOCKABLE;
  }
  release(&p->lock);
  if (uold && copyout(p->pagetable, uold, &old, sizeof(old)) < 0)
    return -EFAULT;
  return 0;
}

// sigpending(set): the signals pending while blocked.
int64 sys_sigpending(void) {
  struct proc *p = myproc();
  acquire(&p->lock);
  uint64 set = p->sig.pending & p->sig.blocked;
  release(&p->lock);
  return copyout(p->pagetable, argaddr(0), &set, sizeof(set));
}

// Wait, with mask as the signal mask if set is non-zero, until a signal
// is to be acted on; then -EINTR (never restarted). The handler runs
// with the mask of the wait; sigreturn puts back the one from before.
static int sigwait(int set, uint64 mask) {
  struct proc *p = myproc();
  acquire(&p->lock);
  if (set) {
    p->sig.saved = p->sig.blocked;
    p->sig.suspended = 1;
    p->sig.blocked = mask & ~UNBLOCKABLE;
  }
  while (!sigpending_locked(p))
    sleep_self(p);
  release(&p->lock);
  return -EINTR;
}

// sigsuspend(mask): wait for a signal with *mask as the mask.
int64 sys_sigsuspend(void) {
  uint64 mask;
  if (copyin(myproc()->pagetable, &mask, argaddr(0), sizeof(mask)) < 0)
    return -EFAULT;
  return sigwait(1, mask);
}

// pause(): wait for a signal.
int64 sys_pause(void) { return sigwait(0, 0); }
