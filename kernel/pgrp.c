// kernel/pgrp.c: process groups and sessions (setpgid, getpgid, setsid,
// getsid) and the console's foreground process group (tcsetpgrp,
// tcgetpgrp), the group that ^C and ^\ signal (dev/console.c).
//
// Every process is in a group (p->pgid) and a session (p->sid); fork
// passes both on. init leads group and session 1. The console is the
// controlling terminal of session 1, which every process belongs to
// unless it has called setsid(); only that session may choose the
// console's foreground group. Changes of pgid and sid are made under
// wait_lock (which also keeps p->parent) and p->lock, so a reader
// holding either lock sees them whole.
#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "proc.h"
#include "file.h"
#include "defs.h"

#define CONSOLE_SID 1 // the console's session: init's

extern struct proc proc[NPROC];

// The live process pid, or 0. wait_lock held.
static struct proc *findproc(int pid) {
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    int found = p->state != UNUSED && p->pid == pid;
    release(&p->lock);
    if (found)
      return p;
  }
  return 0;
}

// Is there a live process in group pgid of session sid? wait_lock held.
static int groupin(int pgid, int sid) {
  int found = 0;
  for (struct proc *p = proc; p < &proc[NPROC] && !found; p++) {
    acquire(&p->lock);
    found = p->state != UNUSED && p->state != ZOMBIE && p->pgid == pgid &&
            p->sid == sid;
    release(&p->lock);
  }
  return found;
}

// setpgid(pid, pgid): put process pid (0: the caller), the caller or a
// child of it, in group pgid (0: pid's own number), a new group or one
// of its session. Returns 0, -EINVAL, -ESRCH or -EPERM.
int64 sys_setpgid(void) {
  int pid = argint(0), pgid = argint(1);
  struct proc *me = myproc();
  if (pid < 0 || pgid < 0)
    return -EINVAL;
  acquire(&wait_lock);
  struct proc *t = pid == 0 ? me : findproc(pid);
  int err = 0;
  if (t == 0 || (t != me && t->parent != me))
    err = -ESRCH;
  else if (pgid == 0)
    pgid = t->pid;
  if (err == 0 && (t->sid == t->pid || t->sid != me->sid))
    err = -EPERM; // a session leader, or in another session
  else if (err == 0 && pgid != t->pid && !groupin(pgid, me->sid))
    err = -EPERM; // no such group here to join
  if (err == 0) {
    acquire(&t->lock);
    t->pgid = pgid;
    release(&t->lock);
  }
  release(&wait_lock);
  return err;
}

// The group (or session, if sid) of process pid (0: the caller).
static int getid(int pid, int sid) {
  struct proc *me = myproc();
  acquire(&wait_lock);
  struct proc *t = pid == 0 ? me : findproc(pid);
  int r = t == 0 ? -ESRCH : sid ? t->sid : t->pgid;
  release(&wait_lock);
  return r;
}

int64 sys_getpgid(void) {
  int pid = argint(0);
  return pid < 0 ? -ESRCH : getid(pid, 0);
}

int64 sys_getsid(void) {
  int pid = argint(0);
  return pid < 0 ? -ESRCH : getid(pid, 1);
}

// setsid(): a new session and group, both numbered as the caller, who
// leads them and has no controlling terminal. -EPERM if a group already
// has that number (the caller leads a group).
int64 sys_setsid(void) {
  struct proc *me = myproc();
  int err = 0;
  acquire(&wait_lock);
  for (struct proc *p = proc; p < &proc[NPROC]; p++) {
    acquire(&p->lock);
    if (p->state != UNUSED && p->pgid == me->pid)
      err = -EPERM;
    release(&p->lock);
  }
  if (err == 0) {
    acquire(&me->lock);
    me->pgid = me->sid = me->pid;
    release(&me->lock);
  }
  release(&wait_lock);
  return err < 0 ? err : me->pid;
}

// The console open at descriptor argument 0, for the caller's session:
// 0, -EBADF or -ENOTTY (not the console, or not its session).
static int argtty(void) {
  struct file *f = argfile(0);
  if (f == 0)
    return -EBADF;
  if (f->type != FD_DEVICE || f->major != CONSOLE ||
      myproc()->sid != CONSOLE_SID)
    return -ENOTTY;
  return 0;
}

// tcsetpgrp(fd, pgrp): make group pgrp, of the caller's session, the
// console's foreground group: the one ^C and ^\ signal.
int64 sys_tcsetpgrp(void) {
  int pgrp = argint(1);
  int err = argtty();
  if (err < 0)
    return err;
  if (pgrp <= 0)
    return -EINVAL;
  acquire(&wait_lock);
  if (!groupin(pgrp, CONSOLE_SID))
    err = -EPERM;
  else
    consfg_set(pgrp);
  release(&wait_lock);
  return err;
}

// tcgetpgrp(fd): the console's foreground group.
int64 sys_tcgetpgrp(void) {
  int err = argtty();
  return err < 0 ? err : consfg();
}
