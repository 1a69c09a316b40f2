// kernel/fs/pipe.c: pipes. A ring buffer with a reader side and a
// writer side; readers wait for data, writers for room. Reading with
// no writers left gives end of file; writing with no readers gives
// -EPIPE (and filewrite raises SIGPIPE).
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../file.h"
#include "../defs.h"
#include <netv6/poll.h>

#define PIPESIZE 4096

// [l] pi->lock must be held.
struct pipe {
  struct spinlock lock;
  uint64 nread;  // [l] bytes read, ever (never wraps in practice)
  uint64 nwrite; // [l] bytes written, ever
  int readopen;  // [l] read end still open?
  int writeopen; // [l] write end still open?
  char data[PIPESIZE - sizeof(struct spinlock) - 24];
};
_Static_assert(sizeof(struct pipe) <= PGSIZE, "a pipe fits in a page");
#define PIPEDATA ((uint)sizeof(((struct pipe *)0)->data))

// Make a pipe and its two file objects. Returns 0 or -ENFILE/-ENOMEM.
int pipealloc(struct file **f0, struct file **f1) {
  struct pipe *pi = 0;
  *f0 = *f1 = 0;
  int err = -ENFILE;
  if ((*f0 = filealloc()) == 0 || (*f1 = filealloc()) == 0)
    goto bad;
  err = -ENOMEM;
  if ((pi = kalloc()) == 0)
    goto bad;
  pi->readopen = 1;
  pi->writeopen = 1;
  pi->nwrite = 0;
  pi->nread = 0;
  initlock(&pi->lock, "pipe");
  (*f0)->type = FD_PIPE;
  (*f0)->readable = 1;
  (*f0)->writable = 0;
  (*f0)->pipe = pi;
  (*f1)->type = FD_PIPE;
  (*f1)->readable = 0;
  (*f1)->writable = 1;
  (*f1)->pipe = pi;
  return 0;

bad:
  if (*f0)
    fileclose(*f0);
  if (*f1)
    fileclose(*f1);
  return err;
}

void pipeclose(struct pipe *pi, int writable) {
  acquire(&pi->lock);
  if (writable) {
    pi->writeopen = 0;
    wakeup(&pi->nread);
  } else {
    pi->readopen = 0;
    wakeup(&pi->nwrite);
  }
  pollnotify();
  if (pi->readopen == 0 && pi->writeopen == 0) {
    release(&pi->lock);
    kfree(pi);
  } else {
    release(&pi->lock);
  }
}

// Poll state of one end of the pipe.
int pipepoll(struct pipe *pi, int writable) {
  int ev = 0;
  acquire(&pi->lock);
  if (writable) {
    if (!pi->readopen)
      ev |= POLLERR | POLLOUT; // a write fails with EPIPE at once
    else if (pi->nwrite != pi->nread + PIPEDATA)
      ev |= POLLOUT;
  } else {
    if (pi->nread != pi->nwrite)
      ev |= POLLIN;
    if (!pi->writeopen)
      ev |= POLLHUP;
  }
  release(&pi->lock);
  return ev;
}

// Tell readers (and pollers) that data arrived. pi->lock held.
static void pipe_readable(struct pipe *pi) {
  wakeup(&pi->nread);
  pollnotify();
}

int pipewrite(struct pipe *pi, uint64 addr, int n, int flags) {
  struct proc *pr = myproc();
  int i = 0, err = 0;
  acquire(&pi->lock);
  while (i < n) {
    if (!pi->readopen) {
      err = -EPIPE;
      break;
    }
    if (pi->nwrite == pi->nread + PIPEDATA) {
      if (flags & O_NONBLOCK) {
        err = -EAGAIN;
        break;
      }
      pipe_readable(pi); // what is there may be read while we wait
      if ((err = sleep_intr(&pi->nwrite, &pi->lock)) < 0)
        break; // a signal: the count so far, or -ERESTARTSYS
      continue;
    }
    // Copy as much as fits in one go, up to the end of the ring.
    uint room = PIPEDATA - (pi->nwrite - pi->nread);
    uint at = pi->nwrite % PIPEDATA;
    uint m = n - i;
    if (m > room)
      m = room;
    if (m > PIPEDATA - at)
      m = PIPEDATA - at;
    if (copyin(pr->pagetable, &pi->data[at], addr + i, m) < 0) {
      err = -EFAULT;
      break;
    }
    pi->nwrite += m;
    i += m;
  }
  if (i > 0)
    pipe_readable(pi); // on every way out that wrote something
  release(&pi->lock);
  return i > 0 ? i : err;
}

int piperead(struct pipe *pi, uint64 addr, int n, int flags) {
  struct proc *pr = myproc();
  acquire(&pi->lock);
  while (pi->nread == pi->nwrite && pi->writeopen) {
    int err = flags & O_NONBLOCK ? -EAGAIN : sleep_intr(&pi->nread, &pi->lock);
    if (err < 0) {
      release(&pi->lock);
      return err;
    }
  }
  int i = 0;
  while (i < n && pi->nread != pi->nwrite) {
    uint avail = pi->nwrite - pi->nread;
    uint at = pi->nread % PIPEDATA;
    uint m = n - i;
    if (m > avail)
      m = avail;
    if (m > PIPEDATA - at)
      m = PIPEDATA - at;
    if (copyout(pr->pagetable, addr + i, &pi->data[at], m) < 0) {
      if (i == 0) {
        release(&pi->lock);
        return -EFAULT;
      }
      break;
    }
    pi->nread += m;
    i += m;
  }
  wakeup(&pi->nwrite);
  pollnotify();
  release(&pi->lock);
  return i;
}
