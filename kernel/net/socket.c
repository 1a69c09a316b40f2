// kernel/net/socket.c: the socket core. Creating and freeing sockets,
// the state machine, and the generic parts of every call: checking the
// state, waiting (interruptibly) for data, room or a connection, and
// moving data between the caller and the receive buffer. What depends on
// the family and type is in the protocol's table (struct protosw).
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "socket.h"
#include "net.h"

static struct {
  struct spinlock lock;  // protects every ref and the free slots
  struct socket so[NSOCKET];
  struct spinlock own[NSOCKET];  // per-socket locks for protocols without one
} socktable;

static const struct protosw *const protocols[] = {
    &unix_stream_proto,
};

void sockinit(void) {
  initlock(&socktable.lock, "socktable");
  for (int i = 0; i < NSOCKET; i++)
    initlock(&socktable.own[i], "socket");
  unixinit();
}

// Glue for sockbuf.c.
int sb_copyin(void *dst, int user, uint64 src, uint32 n) {
  return either_copyin(dst, user, src, n);
}
int sb_copyout(int user, uint64 dst, const void *src, uint32 n) {
  return either_copyout(user, dst, src, n);
}
void *sb_page_alloc(void) { return kalloc(); }
void sb_page_free(void *page) { kfree(page); }

static const struct protosw *findproto(int family, int type, int *err) {
  int known = 0;
  for (uint i = 0; i < NELEM(protocols); i++) {
    if (protocols[i]->family != family)
      continue;
    known = 1;
    if (protocols[i]->type == type)
      return protocols[i];
  }
  *err = known ? -ESOCKTNOSUPPORT : -EAFNOSUPPORT;
  return 0;
}

// Take a free slot for a socket of pr, with ref 1. 0 if none.
static struct socket *slot_alloc(const struct protosw *pr) {
  acquire(&socktable.lock);
  for (int i = 0; i < NSOCKET; i++) {
    struct socket *so = &socktable.so[i];
    if (so->ref == 0) {
      memset(so, 0, sizeof(*so));
      so->ref = 1;
      so->pr = pr;
      so->family = pr->family;
      so->type = pr->type;
      so->lk = pr->lock ? pr->lock : &socktable.own[i];
      so->state = SS_NEW;
      sb_init(&so->rcv, SB_DEFAULT);
      release(&socktable.lock);
      return so;
    }
  }
  release(&socktable.lock);
  return 0;
}

static void slot_free(struct socket *so) {
  acquire(&socktable.lock);
  so->ref = 0;
  so->pr = 0;
  release(&socktable.lock);
}

// A new socket of the given family and type, with one reference.
// Returns 0, -EAFNOSUPPORT, -ESOCKTNOSUPPORT or -ENFILE (table full).
int socreate(int family, int type, struct socket **sop) {
  int err;
  const struct protosw *pr = findproto(family, type, &err);
  if (pr == 0)
    return err;
  struct socket *so = slot_alloc(pr);
  if (so == 0)
    return -ENFILE;
  acquire(so->lk);
  err = pr->attach(so);
  release(so->lk);
  if (err < 0) {
    slot_free(so);
    return err;
  }
  *sop = so;
  return 0;
}

// The same, for a protocol that holds its lock (*so->lk) already: a
// socket made for an incoming connection.
int soalloc_locked(int family, int type, struct socket **sop) {
  int err;
  const struct protosw *pr = findproto(family, type, &err);
  if (pr == 0)
    return err;
  struct socket *so = slot_alloc(pr);
  if (so == 0)
    return -ENFILE;
  if ((err = pr->attach(so)) < 0) {
    slot_free(so);
    return err;
  }
  *sop = so;
  return 0;
}

void soref(struct socket *so) {
  acquire(&socktable.lock);
  if (so->ref < 1)
    panic("soref");
  so->ref++;
  release(&socktable.lock);
}

int sotransition(struct socket *so, enum soevent e) {
  int next = sostate_next(so->state, e);
  if (next >= 0)
    so->state = next;
  return next;
}

void sowakeup_all(struct socket *so) {
  wakeup(&so->rcv);
  wakeup(&so->sndwait);
  wakeup(&so->q_head);
  wakeup(&so->connwait);
}

// Drop a reference. The last one closes the socket: the protocol
// disconnects it, connections still waiting in its accept queue are
// closed (their peers see the connection reset), buffers are freed.
void sorelease(struct socket *so) {
  acquire(&socktable.lock);
  if (so->ref < 1)
    panic("sorelease");
  if (so->ref > 1) {
    so->ref--;
    release(&socktable.lock);
    return;
  }
  // The last reference: the slot stays taken (ref 1) until slot_free,
  // so nobody can allocate it while it is being torn down.
  release(&socktable.lock);

  acquire(so->lk);
  struct socket *q = so->q_head;
  so->q_head = so->q_tail = 0;
  so->qlen = 0;
  sotransition(so, SE_CLOSE);
  so->pr->detach(so);
  sb_free(&so->rcv);
  sowakeup_all(so);
  release(so->lk);

  while (q) {
    struct socket *next = q->q_next;
    q->q_next = 0;
    sorelease(q);
    q = next;
  }
  slot_free(so);
}

void soqueue_add(struct socket *listener, struct socket *so) {
  so->q_next = 0;
  if (listener->q_tail)
    listener->q_tail->q_next = so;
  else
    listener->q_head = so;
  listener->q_tail = so;
  listener->qlen++;
  wakeup(&listener->q_head);
}

int sobind(struct socket *so, const struct sockaddr *addr, int len) {
  return so->pr->bind(so, addr, len);
}

int solisten(struct socket *so, int backlog) {
  if (backlog < 1)
    backlog = 1;
  if (backlog > SOMAXCONN)
    backlog = SOMAXCONN;
  acquire(so->lk);
  int err = sostate_next(so->state, SE_LISTEN);
  if (err >= 0)
    err = so->pr->listen(so, backlog);
  if (err >= 0) {
    so->backlog = backlog;
    sotransition(so, SE_LISTEN);
  }
  release(so->lk);
  return err < 0 ? err : 0;
}

// Connect; the protocol completes it or says it is in progress.
int soconnect(struct socket *so, const struct sockaddr *addr, int len,
              int nonblock) {
  return so->pr->connect(so, addr, len, nonblock);
}

// Is so listening with room in its queue for one more connection?
int soacceptable(struct socket *so) {
  acquire(so->lk);
  int ok = so->state == SS_LISTENING && so->qlen < so->backlog;
  release(so->lk);
  return ok;
}

// Sleep on chan with *so->lk held; -EINTR if the process is killed.
static int sowait(struct socket *so, void *chan) {
  if (killed(myproc()))
    return -EINTR;
  sleep(chan, so->lk);
  return 0;
}

// Take the next connection from a listening socket's queue; the caller
// gets its reference. Returns 0, -EINVAL (not listening), -EAGAIN or -EINTR.
int soaccept(struct socket *so, int nonblock, struct socket **newp) {
  int err = 0;
  acquire(so->lk);
  while (err == 0 && so->q_head == 0) {
    if (so->state != SS_LISTENING)
      err = -EINVAL;
    else if (nonblock)
      err = -EAGAIN;
    else
      err = sowait(so, &so->q_head);
  }
  if (err == 0) {
    struct socket *s = so->q_head;
    so->q_head = s->q_next;
    if (so->q_head == 0)
      so->q_tail = 0;
    s->q_next = 0;
    so->qlen--;
    wakeup(&so->connwait);  // a connector may wait for room in the queue
    *newp = s;
  }
  release(so->lk);
  return err;
}

// Send n bytes. A blocking send sends them all (or stops at an error
// or kill after sending some); a non-blocking one sends what fits.
// Returns the count, or -EPIPE, -ENOTCONN, -EAGAIN, -EINTR, -EFAULT.
int sosend(struct socket *so, int user, uint64 src, int n, int nonblock) {
  int done = 0, err = 0;
  acquire(so->lk);
  while (done < n) {
    if (so->error) {
      err = -so->error;
      so->error = 0;
      break;
    }
    if (so->wrshut) {
      err = -EPIPE;
      break;
    }
    if (so->state != SS_CONNECTED && so->state != SS_CLOSING) {
      err = so->state == SS_CLOSED ? -EPIPE : -ENOTCONN;
      break;
    }
    int r = so->pr->send(so, user, src + done, n - done);
    if (r < 0) {
      err = r;
      break;
    }
    done += r;
    if (r > 0)
      continue;
    if (nonblock) {
      err = -EAGAIN;
      break;
    }
    if ((err = sowait(so, &so->sndwait)) < 0)
      break;
  }
  release(so->lk);
  return done > 0 ? done : err;
}

// Receive up to n bytes: waits until some data is there (unless
// nonblock), then returns what there is. 0 means end of file.
int sorecv(struct socket *so, int user, uint64 dst, int n, int nonblock,
           int peek) {
  int err = 0;
  acquire(so->lk);
  for (;;) {
    if (sb_len(&so->rcv) > 0 && n > 0) {
      err = sb_read(&so->rcv, user, dst, n, peek);
      if (err > 0 && !peek)
        so->pr->rcvd(so);
      break;
    }
    if (so->error) {
      err = -so->error;
      so->error = 0;
      break;
    }
    if (so->rdshut || so->eof || n == 0)
      break;  // end of file
    if (so->state != SS_CONNECTED && so->state != SS_CLOSING) {
      err = -ENOTCONN;
      break;
    }
    if (nonblock) {
      err = -EAGAIN;
      break;
    }
    if ((err = sowait(so, &so->rcv)) < 0)
      break;
  }
  release(so->lk);
  return err;
}

// Wait until a connection is queued on a listening socket (without
// taking it). Returns 0, -EINVAL or -EINTR.
int sowaitconn(struct socket *so) {
  int err = 0;
  acquire(so->lk);
  while (err == 0 && so->q_head == 0) {
    if (so->state != SS_LISTENING)
      err = -EINVAL;
    else
      err = sowait(so, &so->q_head);
  }
  release(so->lk);
  return err;
}

int soshutdown(struct socket *so, int how) {
  if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
    return -EINVAL;
  acquire(so->lk);
  int err = 0;
  if (so->state != SS_CONNECTED && so->state != SS_CLOSING)
    err = -ENOTCONN;
  else
    err = so->pr->shutdown(so, how);
  release(so->lk);
  return err;
}

// Wait until the peer has read everything sent so far. Returns 0,
// -EPIPE if the peer is gone, or -EINTR.
int sowaitsent(struct socket *so) {
  int err = 0;
  acquire(so->lk);
  while (so->pr->unread(so) > 0) {
    if ((err = sowait(so, &so->sndwait)) < 0)
      break;
  }
  if (err == 0 && so->state != SS_CONNECTED)
    err = -EPIPE;
  release(so->lk);
  return err;
}

int sostate_get(struct socket *so) {
  acquire(so->lk);
  int s = so->state;
  release(so->lk);
  return s;
}

int nsockets(void) {
  int n = 0;
  acquire(&socktable.lock);
  for (int i = 0; i < NSOCKET; i++)
    if (socktable.so[i].ref > 0)
      n++;
  release(&socktable.lock);
  return n;
}
