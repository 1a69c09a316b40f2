// kernel/poll.c: poll() over any descriptors.
//
// Each kind of file reports its state through filepoll() (fs/file.c).
// Whatever may change that state (data arriving, room appearing, a
// connection, a close) calls pollnotify(), which wakes every process in
// poll() to look again. Pollers are few, so one wait channel for all of
// them is enough; pollnotify costs nothing while nobody polls.
#include <netv6/poll.h>
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "proc.h"
#include "file.h"
#include "defs.h"

#define POLLMAX 256 // descriptors one poll() call may watch

static struct spinlock polllock;
static uint64 pollseq;        // [polllock] bumped by every notification
static volatile int npollers; // [polllock] processes inside poll()

void pollinit(void) { initlock(&polllock, "poll"); }

// Something a poller may wait for has happened.
void pollnotify(void) {
  __sync_synchronize(); // the state change before the npollers check
  if (npollers == 0)
    return;
  acquire(&polllock);
  pollseq++;
  wakeup(&pollseq);
  release(&polllock);
}

// The ready events of each entry; returns how many entries have some.
static int scan(struct pollfd *fds, int nfds) {
  struct proc *p = myproc();
  int n = 0;
  for (int i = 0; i < nfds; i++) {
    fds[i].revents = 0;
    if (fds[i].fd < 0)
      continue;
    struct file *f = fds[i].fd < NOFILE ? p->ofile[fds[i].fd] : 0;
    if (f == 0)
      fds[i].revents = POLLNVAL;
    else
      fds[i].revents = filepoll(f) & (fds[i].events | POLLERR | POLLHUP);
    if (fds[i].revents)
      n++;
  }
  return n;
}

// poll(fds, nfds, timeout): timeout in milliseconds, -1 for none.
int64 sys_poll(void) {
  uint64 ufds = argaddr(0);
  int nfds = argint(1);
  int timeout = argint(2);
  if (nfds < 0 || nfds > POLLMAX)
    return -EINVAL;
  struct pollfd *fds = kalloc(); // POLLMAX entries fit in a page
  if (fds == 0)
    return -ENOMEM;
  _Static_assert(POLLMAX * sizeof(struct pollfd) <= PGSIZE, "pollfds fit");
  int err = copyin(myproc()->pagetable, fds, ufds, nfds * sizeof(*fds));
  if (err < 0)
    goto out;
  uint64 deadline = 0;
  if (timeout > 0)
    deadline = ticks + (timeout * (uint64)HZ + 999) / 1000;

  acquire(&polllock);
  npollers++;
  for (;;) {
    uint64 seq = pollseq;
    release(&polllock);
    int n = scan(fds, nfds);
    acquire(&polllock);
    if (n > 0 || timeout == 0) {
      err = n;
      break;
    }
    if (interrupted(myproc())) {
      err = -EINTR; // never restarted (its timeout would start over)
      break;
    }
    if (pollseq == seq) {
      int r = sleep_until(&pollseq, &polllock, deadline);
      if (r == -ERESTARTSYS) {
        err = -EINTR;
        break;
      }
      if (r == -ETIMEDOUT)
        timeout = 0; // one last look, then return
    }
  }
  npollers--;
  release(&polllock);
  if (err >= 0 &&
      copyout(myproc()->pagetable, ufds, fds, nfds * sizeof(*fds)) < 0)
    err = -EFAULT;
out:
  kfree(fds);
  return err;
}
