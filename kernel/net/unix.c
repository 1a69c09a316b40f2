// kernel/net/unix.c: AF_UNIX stream sockets: an in-memory transport
// between two sockets of this machine. Sending appends to the peer's
// receive buffer; reading there wakes the sender.
//
// Names: an abstract name (sun_path[0] == 0, the bytes that follow up to
// the given length) is unique among bound sockets. The xv6 face names
// its ports this way.
//
// One lock, unix_lock, protects every AF_UNIX socket's [s] fields and
// the pcbs below, so both ends of a connection are always consistent.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "socket.h"
#include "net.h"

static struct spinlock unix_lock;

// [u] unix_lock must be held.
struct unixpcb {
  int inuse;                  // [u]
  struct socket *so;          // [u] owner
  struct socket *peer;        // [u] the other end of the connection
  struct sockaddr_un addr;    // [u] bound name
  int addrlen;                // [u] 0 if not bound
};

static struct unixpcb pcbs[NSOCKET];

void unixinit(void) { initlock(&unix_lock, "unix"); }

static struct unixpcb *pcb(struct socket *so) { return so->pcb; }

static int unix_attach(struct socket *so) {
  for (int i = 0; i < NSOCKET; i++) {
    if (!pcbs[i].inuse) {
      memset(&pcbs[i], 0, sizeof(pcbs[i]));
      pcbs[i].inuse = 1;
      pcbs[i].so = so;
      so->pcb = &pcbs[i];
      return 0;
    }
  }
  return -ENOBUFS;
}

static void unix_detach(struct socket *so) {
  struct unixpcb *u = pcb(so);
  if (u->peer) {
    struct socket *peer = u->peer;
    pcb(peer)->peer = 0;
    peer->eof = 1;
    sotransition(peer, SE_PEERCLOSED);
    sowakeup_all(peer);
  }
  u->peer = 0;
  u->inuse = 0;
  u->addrlen = 0;
  so->pcb = 0;
}

// Check a user's AF_UNIX address. Returns the length of the name part
// (after sun_family), or -EINVAL.
static int namelen(const struct sockaddr *addr, int len) {
  if (len <= (int)sizeof(sa_family_t) || len > (int)sizeof(struct sockaddr_un))
    return -EINVAL;
  if (addr->sa_family != AF_UNIX)
    return -EINVAL;
  return len - sizeof(sa_family_t);
}

// The bound socket with this name, or 0. unix_lock held.
static struct unixpcb *lookup(const struct sockaddr_un *a, int len) {
  for (int i = 0; i < NSOCKET; i++) {
    struct unixpcb *u = &pcbs[i];
    if (u->inuse && u->addrlen == len &&
        memcmp(u->addr.sun_path, a->sun_path, len - sizeof(sa_family_t)) == 0)
      return u;
  }
  return 0;
}

static int unix_bind(struct socket *so, const struct sockaddr *addr, int len) {
  int n = namelen(addr, len);
  if (n < 0)
    return n;
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  if (a->sun_path[0] != 0)
    return -EOPNOTSUPP;  // file-system names come with the BSD face
  acquire(&unix_lock);
  int err = sostate_next(so->state, SE_BIND);
  if (err >= 0 && lookup(a, len))
    err = -EADDRINUSE;
  if (err >= 0) {
    struct unixpcb *u = pcb(so);
    memmove(&u->addr, a, len);
    u->addrlen = len;
    sotransition(so, SE_BIND);
  }
  release(&unix_lock);
  return err < 0 ? err : 0;
}

static int unix_listen(struct socket *so, int backlog) {
  (void)so, (void)backlog;
  return 0;
}

static int unix_connect(struct socket *so, const struct sockaddr *addr,
                        int len, int nonblock) {
  int n = namelen(addr, len);
  if (n < 0)
    return n;
  const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
  if (a->sun_path[0] != 0)
    return -EOPNOTSUPP;
  int err;
  acquire(&unix_lock);
  for (;;) {
    if ((err = sostate_next(so->state, SE_CONNECT)) < 0)
      break;
    struct unixpcb *l = lookup(a, len);
    if (l == 0 || l->so->state != SS_LISTENING) {
      err = -ECONNREFUSED;
      break;
    }
    struct socket *listener = l->so;
    if (listener->qlen >= listener->backlog) {
      if (nonblock) {
        err = -EAGAIN;
        break;
      }
      if (killed(myproc())) {
        err = -EINTR;
        break;
      }
      sleep(&listener->connwait, &unix_lock);
      continue;  // look again: the listener may be gone
    }
    // The server's end of the connection, queued for accept().
    struct socket *ns;
    if ((err = soalloc_locked(AF_UNIX, SOCK_STREAM, &ns)) < 0) {
      err = -ENOBUFS;
      break;
    }
    pcb(ns)->addr = l->addr;
    pcb(ns)->addrlen = 0;  // the name stays the listener's alone
    pcb(ns)->peer = so;
    pcb(so)->peer = ns;
    sotransition(ns, SE_ESTABLISHED);
    sotransition(so, SE_CONNECT);
    sotransition(so, SE_ESTABLISHED);
    soqueue_add(listener, ns);
    err = 0;
    break;
  }
  release(&unix_lock);
  return err;
}

static int unix_send(struct socket *so, int user, uint64 src, int n) {
  struct socket *peer = pcb(so)->peer;
  if (peer == 0 || peer->rdshut)
    return -EPIPE;
  int r = sb_write(&peer->rcv, user, src, n);
  if (r > 0)
    wakeup(&peer->rcv);
  return r;
}

static void unix_rcvd(struct socket *so) {
  struct socket *peer = pcb(so)->peer;
  if (peer)
    wakeup(&peer->sndwait);
}

static int unix_shutdown(struct socket *so, int how) {
  struct socket *peer = pcb(so)->peer;
  if (how == SHUT_RD || how == SHUT_RDWR) {
    so->rdshut = 1;
    if (peer)
      wakeup(&peer->sndwait);  // its sends now fail
  }
  if (how == SHUT_WR || how == SHUT_RDWR) {
    so->wrshut = 1;
    if (peer) {
      peer->eof = 1;
      wakeup(&peer->rcv);
    }
  }
  sowakeup_all(so);
  return 0;
}

static int unix_unread(struct socket *so) {
  struct socket *peer = pcb(so)->peer;
  return peer ? (int)sb_len(&peer->rcv) : 0;
}

const struct protosw unix_stream_proto = {
    .family = AF_UNIX,
    .type = SOCK_STREAM,
    .lock = &unix_lock,
    .attach = unix_attach,
    .detach = unix_detach,
    .bind = unix_bind,
    .listen = unix_listen,
    .connect = unix_connect,
    .send = unix_send,
    .rcvd = unix_rcvd,
    .shutdown = unix_shutdown,
    .unread = unix_unread,
};
