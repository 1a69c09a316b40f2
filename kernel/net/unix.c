// kernel/net/unix.c: AF_UNIX sockets: in-memory transports between
// sockets of this machine, of three types:
//   SOCK_STREAM     a connection carrying bytes
//   SOCK_SEQPACKET  a connection carrying whole messages
//   SOCK_DGRAM      messages to any bound socket (or a connected one)
// Sending appends to the receiving socket's buffer; reading there wakes
// the sender.
//
// Names: a file-system path (bind creates a socket inode, which ls shows
// and unlink removes; connect looks the path up), or an abstract name
// (sun_path[0] == 0: the bytes that follow, up to the given length),
// unique among bound sockets. The xv6 face names its ports this way.
//
// One lock, unix_lock, protects every AF_UNIX socket's [s] fields and
// the pcbs below, so both ends of a connection change together.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../file.h"
#include "../defs.h"
#include "socket.h"
#include "net.h"

static struct spinlock unix_lock;
static char dgram_room; // wait channel: a datagram reader made room

// [u] unix_lock must be held.
struct unixpcb {
  int inuse;               // [u]
  struct socket *so;       // [u] owner
  struct socket *peer;     // [u] connected peer (dgram: default destination)
  struct sockaddr_un addr; // [u] bound name (accepted sockets: the listener's)
  int addrlen;             // [u] its length; 0 if none
  int bound;               // [u] addr is this socket's own name (findable)
  struct inode *ip;        // [u] the socket inode of a path name
  int binding;             // [u] a bind is under way
  struct sockaddr_un peeraddr; // [u] the peer's name when connected
  int peerlen;                 // [u] (kept after the peer goes, as Linux)
  int destlost;                // [u] dgram: the connected destination closed
};

static struct unixpcb pcbs[NSOCKET];

static void unixinit(void) { initlock(&unix_lock, "unix"); }

static struct unixpcb *pcb(struct socket *so) { return so->pcb; }

static int unix_attach(struct socket *so) {
  for (int i = 0; i < NSOCKET; i++) {
    if (!pcbs[i].inuse) {
      memset(&pcbs[i], 0, sizeof(pcbs[i]));
      pcbs[i].inuse = 1;
      pcbs[i].so = so;
      so->pcb = &pcbs[i];
      if (so->type == SOCK_DGRAM)
        so->sndchan = &dgram_room;
      return 0;
    }
  }
  return -ENOBUFS;
}

// Forget every datagram socket's default destination that is so.
static void undestine(struct socket *so) {
  for (int i = 0; i < NSOCKET; i++) {
    if (pcbs[i].inuse && pcbs[i].so->type == SOCK_DGRAM && pcbs[i].peer == so) {
      pcbs[i].peer = 0;
      pcbs[i].destlost = 1; // the next send says ECONNREFUSED
    }
  }
}

// The last reference is gone: the peer sees the end, the name can no
// longer be found. The pcb stays until unix_release.
static void unix_detach(struct socket *so) {
  struct unixpcb *u = pcb(so);
  if (so->type == SOCK_DGRAM) {
    undestine(so);
  } else if (u->peer) {
    struct socket *peer = u->peer;
    pcb(peer)->peer = 0;
    peer->eof = 1;
    sotransition(peer, SE_PEERCLOSED);
    sowakeup_all(peer);
  }
  u->peer = 0;
  u->bound = 0;
  u->addrlen = 0;
  wakeup(&dgram_room);
}

// After detach, no lock held: free the pcb and put a path name's inode
// (the name itself stays in the file system until unlink).
static void unix_release(struct socket *so) {
  acquire(&unix_lock);
  struct unixpcb *u = pcb(so);
  struct inode *ip = u->ip;
  u->ip = 0;
  u->inuse = 0;
  so->pcb = 0;
  release(&unix_lock);
  if (ip) {
    begin_op();
    iput(ip);
    end_op();
  }
}

// Check an AF_UNIX address from the user. Returns 1 for a path (copied
// NUL-terminated into path, MAXPATH bytes), 0 for an abstract name, or
// -EINVAL.
static int parseaddr(const struct sockaddr *addr, int len, char *path) {
  if (len <= (int)sizeof(sa_family_t) || len > (int)sizeof(struct sockaddr_un))
    return -EINVAL;
  if (addr->sa_family != AF_UNIX)
    return -EINVAL;
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  int n = len - sizeof(sa_family_t);
  if (a->sun_path[0] == 0)
    return 0;
  int i = 0;
  while (i < n && a->sun_path[i] != 0 && i < MAXPATH - 1) {
    path[i] = a->sun_path[i];
    i++;
  }
  if (i == MAXPATH - 1 && i < n && a->sun_path[i] != 0)
    return -ENAMETOOLONG;
  path[i] = 0;
  return 1;
}

// The bound socket of type with this abstract name or inode, or 0.
static struct unixpcb *lookup(int type, const struct sockaddr_un *a, int len,
                              struct inode *ip) {
  for (int i = 0; i < NSOCKET; i++) {
    struct unixpcb *u = &pcbs[i];
    if (!u->inuse || !u->bound || (type && u->so->type != type))
      continue;
    if (ip ? u->ip == ip
           : (u->ip == 0 && u->addrlen == len &&
              memcmp(u->addr.sun_path, a->sun_path,
                     len - sizeof(sa_family_t)) == 0))
      return u;
  }
  return 0;
}

static void unresolve(struct inode *ip);

static int unix_bind(struct socket *so, const struct sockaddr *addr, int len) {
  char path[MAXPATH];
  int kind = parseaddr(addr, len, path);
  if (kind < 0)
    return kind;
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  struct unixpcb *u = pcb(so);

  acquire(&unix_lock);
  int err = sostate_next(so->state, SE_BIND);
  if (err >= 0 && (u->binding || u->bound))
    err = -EINVAL;
  if (err >= 0 && kind == 0 && lookup(0, a, len, 0))
    err = -EADDRINUSE;
  if (err >= 0 && kind == 0) {
    // An abstract name: check and take it in one critical section.
    memset(&u->addr, 0, sizeof(u->addr));
    memmove(&u->addr, a, len);
    u->addrlen = len;
    u->bound = 1;
    sotransition(so, SE_BIND);
    release(&unix_lock);
    return 0;
  }
  if (err < 0) {
    release(&unix_lock);
    return err;
  }
  u->binding = 1; // a path: the file system decides (it may sleep)
  release(&unix_lock);

  struct inode *ip = 0;
  if (kind == 1) {
    // A new socket inode at path; an existing name of any kind is in use.
    begin_op();
    ip = icreate(path, T_SOCK, 0, 0, 1, &err);
    if (ip)
      iunlock(ip);
    end_op();
    if (ip == 0 && err == -EEXIST)
      err = -EADDRINUSE;
  }

  acquire(&unix_lock);
  u->binding = 0;
  wakeup(&u->binding); // a connect waiting for the bind may go on
  // Nothing can change the state meanwhile (connect waits for the bind,
  // listen wants it done, the caller holds a reference), but if it did,
  // the bind fails whole: the new name is taken away again.
  if (err >= 0 && sotransition(so, SE_BIND) < 0)
    err = -EINVAL;
  if (err >= 0) {
    memset(&u->addr, 0, sizeof(u->addr));
    memmove(&u->addr, a, len);
    u->addrlen = len;
    u->bound = 1;
    u->ip = ip;
    ip = 0;
  }
  release(&unix_lock);
  if (ip) {
    kunlink(path);
    unresolve(ip);
  }
  return err < 0 ? err : 0;
}

// Find the target of a connect or sendto. For a path, looks it up in
// the file system (no lock held). Returns 0 with *ip referenced (or 0
// for an abstract name), or -errno.
static int resolve(const struct sockaddr *addr, int len, struct inode **ip) {
  char path[MAXPATH];
  *ip = 0;
  int kind = parseaddr(addr, len, path);
  if (kind <= 0)
    return kind;
  int err;
  begin_op();
  struct inode *p = namei_err(path, &err);
  end_op();
  if (p == 0)
    return err;
  ilock(p);
  int type = p->type;
  iunlock(p);
  if (type != T_SOCK) {
    begin_op();
    iput(p);
    end_op();
    return -ECONNREFUSED;
  }
  *ip = p;
  return 0;
}

static void unresolve(struct inode *ip) {
  if (ip) {
    begin_op();
    iput(ip);
    end_op();
  }
}

// Remember b's name as a's peer name. unix_lock held.
static void setpeername(struct socket *a, struct socket *b) {
  struct unixpcb *ub = pcb(b);
  pcb(a)->peeraddr = ub->addr;
  pcb(a)->peerlen = ub->addrlen;
}

// Link two sockets as a connected pair. unix_lock held.
static void link(struct socket *a, struct socket *b) {
  pcb(a)->peer = b;
  pcb(b)->peer = a;
  setpeername(a, b);
  setpeername(b, a);
}

static int unix_connect(struct socket *so, const struct sockaddr *addr, int len,
                        int nonblock) {
  struct inode *ip;
  int err = resolve(addr, len, &ip);
  if (err < 0)
    return err;
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  uint64 dl = 0; // SO_SNDTIMEO deadline for waiting on a full backlog

  acquire(&unix_lock);
  for (;;) {
    if (pcb(so)->binding) {
      // A bind through another descriptor is creating the name: wait
      // for it, as Linux's socket lock makes a connect wait.
      if ((err = sleep_intr(&pcb(so)->binding, &unix_lock)) < 0)
        break;
      continue;
    }
    if (so->type == SOCK_DGRAM) {
      // Only a default destination: sends go there, nothing else.
      struct unixpcb *t = lookup(SOCK_DGRAM, a, len, ip);
      if (t == 0) {
        err = -ECONNREFUSED;
        break;
      }
      pcb(so)->peer = t->so;
      pcb(so)->destlost = 0;
      setpeername(so, t->so);
      err = 0;
      break;
    }
    if ((err = sostate_next(so->state, SE_CONNECT)) < 0)
      break;
    struct unixpcb *l = lookup(so->type, a, len, ip);
    if (l == 0 && lookup(0, a, len, ip)) {
      err = -EPROTOTYPE; // a socket of another type has that name
      break;
    }
    if (l == 0 || l->so->state != SS_LISTENING) {
      err = -ECONNREFUSED;
      break;
    }
    struct socket *listener = l->so;
    if (listener->rdshut) {
      err = -ECONNREFUSED; // shut down: it accepts no more
      break;
    }
    if (listener->qlen >= listener->backlog) {
      if (nonblock) {
        err = -EAGAIN;
        break;
      }
      // Wait for room, as long as SO_SNDTIMEO allows (EAGAIN after).
      if (dl == 0 && so->sndtimeo)
        dl = ticks + so->sndtimeo;
      int r = sleep_until(&listener->connwait, &unix_lock, dl);
      if (r == -ERESTARTSYS || r == -ETIMEDOUT) {
        // A signal: restart (SA_RESTART), unless a timeout would start
        // over (then EINTR, as Linux).
        err = r == -ETIMEDOUT ? -EAGAIN : dl ? -EINTR : r;
        break;
      }
      continue; // look again: the listener may be gone
    }
    // The server's end of the connection, queued for accept().
    struct socket *ns;
    if ((err = soalloc_locked(AF_UNIX, so->type, &ns)) < 0) {
      err = -ENOBUFS;
      break;
    }
    pcb(ns)->addr = l->addr; // its name is the listener's
    pcb(ns)->addrlen = l->addrlen;
    link(so, ns);
    sotransition(ns, SE_ESTABLISHED);
    sotransition(so, SE_CONNECT);
    sotransition(so, SE_ESTABLISHED);
    soqueue_add(listener, ns);
    sowakeup_all(so);
    err = 0;
    break;
  }
  release(&unix_lock);
  unresolve(ip);
  return err;
}

static int unix_pair(struct socket *a, struct socket *b) {
  acquire(&unix_lock);
  link(a, b);
  if (a->type != SOCK_DGRAM) {
    sotransition(a, SE_ESTABLISHED);
    sotransition(b, SE_ESTABLISHED);
  }
  release(&unix_lock);
  return 0;
}

static int unix_listen(struct socket *so, int backlog) {
  (void)backlog;
  if (so->type == SOCK_DGRAM)
    return -EOPNOTSUPP;
  // Nobody could ever reach an unnamed listener (Linux says EINVAL too).
  return pcb(so)->bound ? 0 : -EINVAL;
}

static int stream_send(struct socket *so, int user, uint64 src, int n,
                       const struct sodest *to) {
  (void)to;
  struct socket *peer = pcb(so)->peer;
  if (peer == 0 || peer->rdshut)
    return -EPIPE;
  if (n == 0)
    return 0;
  int r = sb_write(&peer->rcv, user, src, n);
  if (r == 0)
    return -EAGAIN;
  if (r > 0)
    sowakeup(&peer->rcv);
  return r;
}

// A message to peer, with so's name as the sender's address.
static int putmsg(struct socket *so, struct socket *peer, int user, uint64 src,
                  int n) {
  struct unixpcb *u = pcb(so);
  // The sender's name (an accepted socket has its listener's, as on
  // Linux); an unnamed sender has no address.
  int alen = u->addrlen;
  struct sockaddr_un from = u->addr;
  from.sun_family = AF_UNIX;
  so->lastmsg = n; // poll's POLLOUT waits for room for one more like it
  int err = sb_putrec(&peer->rcv, user, src, n, &from, alen);
  if (err < 0)
    return err;
  sowakeup(&peer->rcv);
  return n;
}

static int seqpacket_send(struct socket *so, int user, uint64 src, int n,
                          const struct sodest *to) {
  (void)to;
  struct socket *peer = pcb(so)->peer;
  if (peer == 0 || peer->rdshut)
    return -EPIPE;
  return putmsg(so, peer, user, src, n);
}

// Datagrams go to the address given (resolved by dgram_resolve), or to
// the connected destination.
static int dgram_send(struct socket *so, int user, uint64 src, int n,
                      const struct sodest *to) {
  struct socket *peer;
  if (to) {
    const struct sockaddr_un *a = (const struct sockaddr_un *)to->addr;
    struct unixpcb *t = lookup(SOCK_DGRAM, a, to->len, to->ref);
    if (t == 0)
      return -ECONNREFUSED;
    peer = t->so;
  } else {
    peer = pcb(so)->peer;
    if (peer == 0) {
      // POSIX: no destination is EDESTADDRREQ. A connected destination
      // that closed is reported once first, as ECONNREFUSED (as Linux).
      int lost = pcb(so)->destlost;
      pcb(so)->destlost = 0;
      return lost ? -ECONNREFUSED : -EDESTADDRREQ;
    }
  }
  if (peer->rdshut)
    return -EPIPE;
  return putmsg(so, peer, user, src, n);
}

static int dgram_resolve(struct socket *so, struct sodest *to) {
  (void)so;
  struct inode *ip;
  int err = resolve(to->addr, to->len, &ip);
  to->ref = ip;
  return err;
}

static void dgram_unresolve(struct sodest *to) {
  unresolve(to->ref);
  to->ref = 0;
}

// sendto on a connection: a connected stream refuses an address
// (EISCONN), a connected seqpacket ignores it, an unconnected one cannot
// send anywhere (as Linux).
static int conn_resolve(struct socket *so, struct sodest *to) {
  int st = sostate_get(so);
  if (st != SS_CONNECTED && st != SS_CLOSING)
    return so->type == SOCK_STREAM ? -EOPNOTSUPP : -ENOTCONN;
  if (so->type == SOCK_STREAM)
    return -EISCONN;
  to->addr = 0;
  return 0;
}

static void unix_rcvd(struct socket *so) {
  if (so->type == SOCK_DGRAM) {
    sowakeup(&dgram_room);
    return;
  }
  struct socket *peer = pcb(so)->peer;
  if (peer)
    sowakeup(peer->sndchan);
}

static int unix_shutdown(struct socket *so, int how) {
  struct socket *peer = pcb(so)->peer;
  if (how == SHUT_RD || how == SHUT_RDWR)
    so->rdshut = 1;
  if ((how == SHUT_WR || how == SHUT_RDWR) && !so->wrshut) {
    so->wrshut = 1;
    if (peer && so->type != SOCK_DGRAM) {
      peer->eof = 1;
      sowakeup_all(peer);
    }
  }
  if (peer)
    sowakeup_all(peer);
  sowakeup_all(so);
  return 0;
}

static int unix_unread(struct socket *so) {
  struct socket *peer = pcb(so)->peer;
  return peer ? (int)sb_len(&peer->rcv) : 0;
}

static int connected_ever(struct socket *so) {
  return so->state == SS_CONNECTED || so->state == SS_CLOSING;
}

static int unix_sockaddr(struct socket *so, struct sockaddr_storage *a,
                         int peer) {
  struct unixpcb *u = pcb(so);
  if (peer) {
    // Connected once: the peer's name stays known after it has gone.
    if (u->peer == 0 && !(so->type != SOCK_DGRAM && connected_ever(so)))
      return -ENOTCONN;
    a->ss_family = AF_UNIX;
    if (u->peerlen == 0)
      return sizeof(sa_family_t);
    memmove(a, &u->peeraddr, u->peerlen);
    return u->peerlen;
  }
  a->ss_family = AF_UNIX;
  if (u->addrlen == 0)
    return sizeof(sa_family_t);
  memmove(a, &u->addr, u->addrlen);
  return u->addrlen;
}

// POLLOUT: a stream has room for SO_SNDLOWAT bytes; a message socket
// for a message as long as the last one it sent (or tried to), and at
// least SO_SNDLOWAT, so that a sender told POLLOUT does not get EAGAIN.
static int unix_writable(struct socket *so) {
  struct socket *peer = pcb(so)->peer;
  if (peer == 0)
    return 1; // a write fails at once
  uint32 need = so->sndlowat;
  if (so->type != SOCK_STREAM) {
    uint32 rec = sb_recsize(so->lastmsg, pcb(so)->addrlen);
    if (rec > peer->rcv.hiwat)
      rec = peer->rcv.hiwat; // it can never fit: say so at once (EMSGSIZE)
    need = rec > need ? rec : need;
  }
  return sb_space(&peer->rcv) >= need;
}

#define UNIX_COMMON                                                            \
  .family = AF_UNIX, .protocol = 0, .lock = &unix_lock, .attach = unix_attach, \
  .detach = unix_detach, .release = unix_release, .pair = unix_pair,           \
  .bind = unix_bind, .connect = unix_connect, .listen = unix_listen,           \
  .rcvd = unix_rcvd, .shutdown = unix_shutdown, .unread = unix_unread,         \
  .sockaddr = unix_sockaddr, .writable = unix_writable

static const struct protosw unix_stream_proto = {
    UNIX_COMMON,
    .type = SOCK_STREAM,
    .send = stream_send,
    .resolve = conn_resolve,
};

static const struct protosw unix_seqpacket_proto = {
    UNIX_COMMON,
    .type = SOCK_SEQPACKET,
    .send = seqpacket_send,
    .resolve = conn_resolve,
};

static const struct protosw unix_dgram_proto = {
    UNIX_COMMON,
    .type = SOCK_DGRAM,
    .send = dgram_send,
    .resolve = dgram_resolve,
    .unresolve = dgram_unresolve,
};

static const struct protosw *const unix_protos[] = {
    &unix_stream_proto,
    &unix_dgram_proto,
    &unix_seqpacket_proto,
};

const struct domain unix_domain = {
    .family = AF_UNIX,
    .init = unixinit,
    .protos = unix_protos,
    .nprotos = NELEM(unix_protos),
};
