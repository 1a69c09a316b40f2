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
#include "../file.h"
#include <netv6/poll.h>
#include "socket.h"
#include "net.h"

static struct {
  struct spinlock lock; // protects every ref and the free slots
  struct socket so[NSOCKET];
  struct spinlock own[NSOCKET]; // per-socket locks for protocols without one
} socktable;

// The families. Each brings its protocols and an init call.
static const struct domain *const domains[] = {
    &unix_domain,
    &inet_domain,
};

void sockinit(void) {
  initlock(&socktable.lock, "socktable");
  for (int i = 0; i < NSOCKET; i++)
    initlock(&socktable.own[i], "socket");
  for (uint i = 0; i < NELEM(domains); i++)
    if (domains[i]->init)
      domains[i]->init();
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

// The protocol for (family, type, protocol); protocol 0 picks the
// family's default for the type. 0 with *err = -EAFNOSUPPORT (no such
// family), -ESOCKTNOSUPPORT (no such type in it) or -EPROTONOSUPPORT.
static const struct protosw *findproto(int family, int type, int protocol,
                                       int *err) {
  const struct domain *d = 0;
  for (uint i = 0; i < NELEM(domains); i++)
    if (domains[i]->family == family)
      d = domains[i];
  if (d == 0) {
    *err = -EAFNOSUPPORT;
    return 0;
  }
  *err = -ESOCKTNOSUPPORT;
  for (int i = 0; i < d->nprotos; i++) {
    const struct protosw *pr = d->protos[i];
    if (pr->type != type)
      continue;
    if (protocol == 0 || protocol == pr->protocol)
      return pr;
    *err = -EPROTONOSUPPORT;
  }
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
      so->sndchan = &so->sndwait;
      so->sndbuf = SB_DEFAULT;
      so->sndlowat = 1;
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
// Returns 0, -EAFNOSUPPORT, -ESOCKTNOSUPPORT, -EPROTONOSUPPORT or
// -ENOBUFS (table full).
int socreate(int family, int type, int protocol, struct socket **sop) {
  int err;
  const struct protosw *pr = findproto(family, type, protocol, &err);
  if (pr == 0)
    return err;
  struct socket *so = slot_alloc(pr);
  if (so == 0)
    return -ENOBUFS; // the system's socket limit
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

// The same, for a protocol that holds its own lock (the listener's
// *so->lk) already: a socket made for an incoming connection. A new
// socket with a lock of its own is locked for attach like any other.
int soalloc_locked(int family, int type, struct socket **sop) {
  int err;
  const struct protosw *pr = findproto(family, type, 0, &err);
  if (pr == 0)
    return err;
  struct socket *so = slot_alloc(pr);
  if (so == 0)
    return -ENOBUFS; // the system's socket limit
  if (pr->lock == 0)
    acquire(so->lk);
  err = pr->attach(so);
  if (pr->lock == 0)
    release(so->lk);
  if (err < 0) {
    slot_free(so);
    return err;
  }
  *sop = so;
  return 0;
}

// A reference for someone who found so in a protocol's table (network
// input): 1, or 0 if the last reference is already gone and so is being
// torn down.
int sotryref(struct socket *so) {
  acquire(&socktable.lock);
  int ok = so->ref > 0 && !so->closing;
  if (ok)
    so->ref++;
  release(&socktable.lock);
  return ok;
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

void sowakeup(void *chan) {
  wakeup(chan);
  pollnotify();
}

void sowakeup_all(struct socket *so) {
  wakeup(&so->rcv);
  wakeup(so->sndchan);
  wakeup(&so->q_head);
  wakeup(&so->connwait);
  pollnotify();
}

// A protocol reports an error that arrived on its own (an ICMP error, a
// reset): the next call, SO_ERROR and poll (POLLERR) see it. *so->lk
// held.
void soseterror(struct socket *so, int err) {
  so->error = err;
  sowakeup_all(so);
}

// Take the pending error for a call that has done nothing yet; a call
// that moved some data returns its count and leaves the error for the
// next one. *so->lk held.
static int takeerror(struct socket *so, int done) {
  int err = so->error;
  if (done > 0 || err == 0)
    return 0;
  so->error = 0;
  return -err;
}

// Two sockets connected to each other (socketpair), if the protocol
// has pairs (-EOPNOTSUPP if not).
int sopair(int family, int type, int protocol, struct socket **a,
           struct socket **b) {
  int err = socreate(family, type, protocol, a);
  if (err < 0)
    return err;
  if ((*a)->pr->pair == 0) {
    sorelease(*a);
    return -EOPNOTSUPP;
  }
  if ((err = socreate(family, type, protocol, b)) < 0) {
    sorelease(*a);
    return err;
  }
  if ((err = (*a)->pr->pair(*a, *b)) < 0) {
    sorelease(*a);
    sorelease(*b);
    return err;
  }
  return 0;
}

// Drop a reference. The last one closes the socket: the protocol
// disconnects it, connections still waiting in its accept queue are
// closed (their peers see the end of the stream), buffers are freed,
// and the protocol's release lets go of the rest with no lock held.
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
  // so nobody can allocate it while it is being torn down, and closing
  // keeps sotryref from reviving it.
  so->closing = 1;
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
  if (so->pr->release)
    so->pr->release(so);
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
  sowakeup(&listener->q_head);
}

int sobind(struct socket *so, const struct sockaddr *addr, int len) {
  return so->pr->bind(so, addr, len);
}

int solisten(struct socket *so, int backlog) {
  if (so->type == SOCK_DGRAM)
    return -EOPNOTSUPP;
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
    sowakeup_all(so); // connectors waiting for room may go on
  }
  release(so->lk);
  return err < 0 ? err : 0;
}

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

// Sleep on chan with *so->lk held, until deadline (0: none). Returns 0,
// -EAGAIN when the deadline passes, or for a signal -ERESTARTSYS (the
// call is restarted if the handler has SA_RESTART), but -EINTR if the
// call has a timeout (as Linux: it would start over). A wakeup and the
// deadline may come in the same tick, so after any wakeup the caller
// looks at its condition again; only a call that starts past the
// deadline reports it (-EAGAIN, as SO_RCVTIMEO and SO_SNDTIMEO expiry
// does).
static int sowait(struct socket *so, void *chan, uint64 deadline) {
  if (deadline != 0 && ticks >= deadline)
    return -EAGAIN;
  int r = sleep_until(chan, so->lk, deadline);
  if (r == -ERESTARTSYS)
    return deadline ? -EINTR : r;
  return 0;
}

static uint64 deadline(uint64 timeo) {
  if (timeo == 0)
    return 0;
  uint64 t = ticks + timeo;
  return t < timeo ? ~0ULL : t; // saturate: never in the past
}

// Take the next connection from a listening socket's queue; the caller
// gets its reference. Returns 0, -EINVAL (not listening), -EAGAIN (none
// and nonblock, or SO_RCVTIMEO passed), -ERESTARTSYS or -EINTR.
int soaccept(struct socket *so, int nonblock, struct socket **newp) {
  int err = 0;
  acquire(so->lk);
  uint64 dl = deadline(so->rcvtimeo);
  while (err == 0 && so->q_head == 0) {
    if (so->state != SS_LISTENING || so->rdshut)
      err = -EINVAL; // not listening, or shut down: no more to come
    else if (nonblock)
      err = -EAGAIN;
    else
      err = sowait(so, &so->q_head, dl);
  }
  if (err == 0) {
    struct socket *s = so->q_head;
    so->q_head = s->q_next;
    if (so->q_head == 0)
      so->q_tail = 0;
    s->q_next = 0;
    so->qlen--;
    sowakeup(&so->connwait); // a connector may wait for room in the queue
    *newp = s;
  }
  release(so->lk);
  return err;
}

// Wait until a connection is queued on a listening socket (without
// taking it). Returns 0, -EINVAL or -ERESTARTSYS.
int sowaitconn(struct socket *so) {
  int err = 0;
  acquire(so->lk);
  while (err == 0 && so->q_head == 0) {
    if (so->state != SS_LISTENING)
      err = -EINVAL;
    else
      err = sowait(so, &so->q_head, 0);
  }
  release(so->lk);
  return err;
}

static int connected(struct socket *so) {
  return so->state == SS_CONNECTED || so->state == SS_CLOSING;
}

// Send n bytes. On a stream a blocking send sends them all (stopping
// early only at an error, a timeout or kill, returning the count so
// far); a non-blocking one sends what fits. A message-based socket
// sends one whole message or nothing. Returns the count, or -EPIPE,
// -ENOTCONN, -EDESTADDRREQ, -EMSGSIZE, -EAGAIN, -ERESTARTSYS, -EINTR,
// -EFAULT...
int sosend(struct socket *so, int user, uint64 src, int n, int flags,
           const struct sockaddr *to, int tolen) {
  int done = 0, err = 0;
  struct sodest dest = {to, tolen, 0};
  if (to && so->pr->resolve && (err = so->pr->resolve(so, &dest)) < 0)
    return err;
  acquire(so->lk);
  uint64 dl = deadline(so->sndtimeo);
  for (;;) {
    if ((err = takeerror(so, done)) < 0 || so->error)
      break;
    if (so->wrshut) {
      err = -EPIPE;
      break;
    }
    if (so->type != SOCK_DGRAM && !connected(so)) {
      err = so->state == SS_CLOSED ? -EPIPE : -ENOTCONN;
      break;
    }
    int r = so->pr->send(so, user, src + done, n - done, dest.addr ? &dest : 0);
    if (r >= 0) {
      done += r;
      if (so->type != SOCK_STREAM || done == n)
        break;
      continue;
    }
    if (r != -EAGAIN) {
      err = r;
      break;
    }
    if (flags & SOF_NONBLOCK) {
      err = -EAGAIN;
      break;
    }
    if ((err = sowait(so, so->sndchan, dl)) < 0)
      break;
  }
  release(so->lk);
  if (dest.ref && so->pr->unresolve)
    so->pr->unresolve(&dest);
  return done > 0 ? done : err;
}

// Receive. A stream returns what is there (at least 1 byte, waiting
// for it unless non-blocking), or with SOF_WAITALL keeps waiting for n
// bytes; 0 means end of stream. A message-based socket returns one
// message, up to n bytes of it (the rest is dropped; *msglen says how
// long it was), and the sender's address in *from (if from is not 0).
int sorecv(struct socket *so, int user, uint64 dst, int n, int flags,
           struct sockaddr_storage *from, int *fromlen, int *msglen) {
  int done = 0, err = 0;
  if (msglen)
    *msglen = -1;
  if (fromlen)
    *fromlen = 0;
  acquire(so->lk);
  uint64 dl = deadline(so->rcvtimeo);
  for (;;) {
    if (sb_len(&so->rcv) > 0 && so->type != SOCK_STREAM) {
      struct sockaddr_storage a;
      uint32 alen = sizeof(a), full;
      int r =
          sb_getrec(&so->rcv, user, dst, n, flags & SOF_PEEK, &a, &alen, &full);
      if (r >= 0) {
        if (from) {
          memmove(from, &a, alen < sizeof(a) ? alen : sizeof(a));
          *fromlen = alen;
        }
        if (msglen)
          *msglen = full;
        if (!(flags & SOF_PEEK))
          so->pr->rcvd(so);
      }
      err = r;
      break;
    }
    if (sb_len(&so->rcv) > 0 && done < n) {
      int r = sb_read(&so->rcv, user, dst + done, n - done, flags & SOF_PEEK);
      if (r < 0) {
        err = r;
        break;
      }
      done += r;
      if (!(flags & SOF_PEEK))
        so->pr->rcvd(so);
      if (done == n || !(flags & SOF_WAITALL) || (flags & SOF_PEEK))
        break;
      continue;
    }
    if ((err = takeerror(so, done)) < 0 || so->error)
      break;
    if (so->rdshut || so->eof || (n == 0 && so->type == SOCK_STREAM))
      break; // end of stream (a message socket waits for a message)
    if (so->type != SOCK_DGRAM && !connected(so)) {
      err = -ENOTCONN;
      break;
    }
    if (flags & SOF_NONBLOCK) {
      err = -EAGAIN;
      break;
    }
    if ((err = sowait(so, &so->rcv, dl)) < 0)
      break;
  }
  release(so->lk);
  return done > 0 ? done : err;
}

// r is what a send on so gave. If it is EPIPE on a stream (nobody will
// ever read what is sent), the sender gets SIGPIPE too, unless nosig
// (MSG_NOSIGNAL), as on Linux. Returns r.
int sosigpipe(struct socket *so, int r, int nosig) {
  if (r == -EPIPE && so->type == SOCK_STREAM && !nosig)
    sigself(SIGPIPE);
  return r;
}

// read() and write() on a socket descriptor.
int sosendfile(struct socket *so, uint64 src, int n, int nonblock) {
  return sosend(so, 1, src, n, nonblock ? SOF_NONBLOCK : 0, 0, 0);
}

int sorecvfile(struct socket *so, uint64 dst, int n, int nonblock) {
  return sorecv(so, 1, dst, n, nonblock ? SOF_NONBLOCK : 0, 0, 0, 0);
}

int soshutdown(struct socket *so, int how) {
  if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
    return -EINVAL;
  acquire(so->lk);
  int err = 0;
  if (so->state == SS_LISTENING) {
    // Linux allows it: a listener shut for reading accepts no more.
    if (how != SHUT_WR)
      so->rdshut = 1;
    sowakeup_all(so);
  } else if (!connected(so) && so->type != SOCK_DGRAM) {
    err = -ENOTCONN;
  } else {
    err = so->pr->shutdown(so, how);
  }
  release(so->lk);
  return err;
}

// Wait until the peer has read everything sent so far. Returns 0,
// -EPIPE if the peer is gone, or -ERESTARTSYS.
int sowaitsent(struct socket *so) {
  int err = 0;
  acquire(so->lk);
  while (so->pr->unread(so) > 0) {
    if ((err = sowait(so, so->sndchan, 0)) < 0)
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

// What poll() reports for a socket.
int sopoll(struct socket *so) {
  int ev = 0;
  acquire(so->lk);
  if (so->error)
    ev |= POLLERR;
  if (so->state == SS_LISTENING) {
    if (so->q_head || so->rdshut)
      ev |= POLLIN; // accept will not block
  } else if (so->state == SS_NEW || so->state == SS_BOUND) {
    if (so->type != SOCK_DGRAM)
      ev |= POLLOUT | POLLHUP; // as Linux: not connected
    else
      ev |= (so->pr->writable(so) ? POLLOUT : 0) |
            (sb_len(&so->rcv) > 0 ? POLLIN : 0);
  } else {
    if (sb_len(&so->rcv) > 0 || so->eof || so->rdshut)
      ev |= POLLIN;
    if (so->type == SOCK_DGRAM) {
      if (so->pr->writable(so))
        ev |= POLLOUT;
    } else if (connected(so)) {
      if (so->wrshut || so->pr->writable(so))
        ev |= POLLOUT;
    }
    if (so->state == SS_CLOSED ||
        (so->type != SOCK_DGRAM && so->eof && (so->wrshut || !connected(so))))
      ev |= POLLHUP;
    if (so->state == SS_CLOSING && so->eof)
      ev |= POLLHUP | POLLOUT; // the peer is gone: a write fails at once
  }
  release(so->lk);
  return ev;
}

int sogetname(struct socket *so, struct sockaddr_storage *a, int peer) {
  acquire(so->lk);
  memset(a, 0, sizeof(*a));
  int r = so->pr->sockaddr(so, a, peer);
  release(so->lk);
  return r;
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

int sosnapshot(int i, struct sosnap *s) {
  if (i < 0 || i >= NSOCKET)
    return -ENOENT;
  struct socket *so = &socktable.so[i];
  if (!sotryref(so)) // the reference keeps it from being freed meanwhile
    return -ENOENT;

  memset(s, 0, sizeof(*s));
  acquire(so->lk);
  s->family = so->family;
  s->type = so->type;
  s->protocol = so->pr->protocol;
  s->state = so->state;
  s->error = so->error;
  s->rcvq = sb_len(&so->rcv);
  s->sndq = so->pr->unread(so);
  s->qlen = so->qlen;
  s->backlog = so->backlog;
  s->locallen = so->pr->sockaddr(so, &s->local, 0);
  s->peerlen = so->pr->sockaddr(so, &s->peer, 1);
  release(so->lk);
  sorelease(so);
  return 0;
}
