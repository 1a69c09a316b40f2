// kernel/sigframe.c: POSIX signals, the receiving side: acting on
// pending signals on every return to user space (sigdeliver, from
// usertrap), the signal frame a handler runs on, sigreturn, and
// restarting system calls a signal interrupted.
//
// A handler is entered with a signal frame pushed on the user stack:
// the siginfo_t and a ucontext_t holding every user register (the pc in
// gregs[0]) and the mask to restore. a0 = signal, a1 = &info, a2 =
// &context, ra = SIGTRAMP, the kernel's trampoline page (sigtramp.S),
// whose two instructions call sigreturn when the handler returns.
// sigreturn trusts nothing in the frame it reads back: the registers
// are user registers anyway (sstatus and the privilege level are never
// taken from it), the pc must lie in user memory, the mask can never
// block SIGKILL, and a frame that cannot be read or fails these checks
// kills the process (SIGSEGV), nothing else.
//
// A blocking call cut short by a signal returns -ERESTARTSYS (see
// sleep_until). If a handler without SA_RESTART runs, the call returns
// -EINTR; otherwise (SA_RESTART, or no handler at all) it is restarted:
// the pc goes back to the ecall and a0 gets its first argument back, as
// Linux does. Calls that must not restart (poll, sigsuspend, the sleeps,
// socket calls with a timeout) return -EINTR themselves.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"
#include <netv6/wait.h>

#define BIT(s) (1UL << ((s)-1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define FRAME_MAGIC 0x6e76367369676672UL // "nv6sigfr"

// What a handler finds on its stack.
struct sigframe {
  siginfo_t info;
  ucontext_t uc;
  uint64 magic; // checked by sigreturn
};

// The lowest-numbered signal to act on, or 0. p->lock held.
static int nextsig(struct proc *p) {
  uint64 set = p->sig.pending & ~p->sig.blocked;
  for (int s = 1; s < NSIG; s++)
    if (set & BIT(s))
      return s;
  return 0;
}

// Put the pc back on the ecall, and a0 back, so the call runs again.
static void restartcall(struct proc *p) {
  p->trapframe->epc -= 4;
  p->trapframe->x[REG_A0] = p->sysa0;
}

// Push a frame for sig on the user stack and point the registers at
// the handler. Returns 0, or -EFAULT if the stack cannot take it.
static int pushframe(struct proc *p, int sig, const struct k_sigaction *act,
                     const struct ksiginfo *ki, uint64 oldmask) {
  struct trapframe *tf = p->trapframe;
  struct sigframe f;
  memset(&f, 0, sizeof(f));
  f.info.si_signo = sig;
  f.info.si_code = ki->code;
  f.info.si_pid = ki->pid;
  f.info.si_status = ki->status;
  f.info.si_addr = (void *)ki->addr;
  f.uc.uc_sigmask = oldmask;
  f.uc.uc_mcontext.gregs[0] = tf->epc;
  for (int i = 1; i < 32; i++)
    f.uc.uc_mcontext.gregs[i] = tf->x[i];
  f.magic = FRAME_MAGIC;
  uint64 sp = (tf->x[REG_SP] - sizeof(f)) & ~15UL;
  if (sp >= tf->x[REG_SP] || copyout(p->pagetable, sp, &f, sizeof(f)) < 0)
    return -EFAULT;
  tf->epc = act->handler;
  tf->x[REG_A0] = sig;
  tf->x[REG_A1] = sp + offsetof(struct sigframe, info);
  tf->x[REG_A2] = sp + offsetof(struct sigframe, uc);
  tf->x[REG_RA] = SIGTRAMP;
  tf->x[REG_SP] = sp;
  return 0;
}

// Act on p's signals before it returns to user space: die of a kill or
// a signal whose default is to terminate, drop ignored ones, or enter
// the handler of one (the next waits for the next return: sigreturn).
// restart: the system call just made returned -ERESTARTSYS.
void sigdeliver(int restart) {
  struct proc *p = myproc();
  for (;;) {
    acquire(&p->lock);
    int sig = p->killed;
    if (sig) {
      release(&p->lock);
      kexit(W_KILLED(sig));
    }
    if ((sig = nextsig(p)) == 0)
      break;
    p->sig.pending &= ~BIT(sig);
    struct k_sigaction act = p->sig.act[sig];
    struct ksiginfo info = p->sig.info[sig];
    if (p->sig.ignored & BIT(sig)) {
      release(&p->lock);
      continue;
    }
    if (act.handler == SIGH_DFL) { // the default is to terminate
      p->killed = sig;
      release(&p->lock);
      kexit(W_KILLED(sig));
    }
    // The handler runs with sa_mask and the signal itself blocked too;
    // the frame keeps the mask to go back to (from before sigsuspend).
    uint64 old = p->sig.suspended ? p->sig.saved : p->sig.blocked;
    p->sig.suspended = 0;
    p->sig.blocked |= act.mask | (act.flags & SA_NODEFER ? 0 : BIT(sig));
    p->sig.blocked &= ~UNBLOCKABLE;
    if (act.flags & SA_RESETHAND) {
      p->sig.act[sig].handler = SIGH_DFL;
      p->sig.act[sig].flags &= ~SA_SIGINFO;
    }
    release(&p->lock);
    if (restart) {
      if (act.flags & SA_RESTART)
        restartcall(p);
      else
        p->trapframe->x[REG_A0] = -EINTR;
    }
    if (pushframe(p, sig, &act, &info, old) < 0) {
      printf("pid %d (%s): killed: no room on the stack for signal %d, sp "
             "%p\n",
             p->pid, p->name, sig, (void *)p->trapframe->x[REG_SP]);
      setkilled(p, SIGSEGV);
      kexit(W_KILLED(SIGSEGV));
    }
    return;
  }
  // Nothing (more) to act on; p->lock is held.
  if (p->sig.suspended) {
    p->sig.blocked = p->sig.saved;
    p->sig.suspended = 0;
  }
  release(&p->lock);
  if (restart)
    restartcall(p);
}

// sigreturn(): back from a handler, through the trampoline. The frame
// is at sp, as the handler found it (it may have changed the registers
// in it). Returns a0 as restored, which syscall() puts back in a0.
int64 sys_sigreturn(void) {
  struct proc *p = myproc();
  struct trapframe *tf = p->trapframe;
  struct sigframe f;
  uint64 sp = tf->x[REG_SP];
  uint64 pc = 0;
  int ok =
      copyin(p->pagetable, &f, sp, sizeof(f)) == 0 && f.magic == FRAME_MAGIC;
  if (ok) {
    pc = f.uc.uc_mcontext.gregs[0];
    ok = pc < p->sz || (pc >= SIGTRAMP && pc < SIGTRAMP + PGSIZE);
  }
  if (!ok) {
    printf("pid %d (%s): killed: bad signal frame at %p (pc %p)\n", p->pid,
           p->name, (void *)sp, (void *)pc);
    setkilled(p, SIGSEGV);
    return -EFAULT; // not seen: the process dies on its way out
  }
  tf->epc = pc;
  for (int i = 1; i < 32; i++)
    tf->x[i] = f.uc.uc_mcontext.gregs[i];
  acquire(&p->lock);
  p->sig.blocked = f.uc.uc_sigmask & ~UNBLOCKABLE;
  release(&p->lock);
  return tf->x[REG_A0];
}
