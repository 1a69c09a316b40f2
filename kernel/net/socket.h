// kernel/net/socket.h: the socket core. One socket object serves every
// face (xv6 calls, BSD calls on file descriptors, /net files later) and
// every family (AF_UNIX now, AF_INET later) through a protocol table.
#ifndef KERNEL_NET_SOCKET_H
#define KERNEL_NET_SOCKET_H

#include <netv6/socket.h>
#include "../types.h"
#include "../spinlock.h"
#include "sostate.h"
#include "sockbuf.h"

#define NSOCKET 128 // sockets in the system at once

struct socket;
struct inode;

// A destination address for sendto, resolved before any lock is taken
// (a protocol's resolve may look it up, may sleep, and may hold what it
// found in ref until its unresolve).
struct sodest {
  const struct sockaddr *addr;
  int len;
  void *ref; // the protocol's (AF_UNIX: the path's socket inode)
};

// What a protocol (a family, type and protocol number) provides.
// Return 0 / a count, or -errno. Optional entries may be 0.
struct protosw {
  int family;
  int type;
  int protocol; // the number socket() may name besides 0 (IPPROTO_UDP...)
  // The lock for all sockets of this protocol, or 0: one lock each.
  struct spinlock *lock;
  // A new socket: set up so->pcb. *so->lk held.
  int (*attach)(struct socket *so);
  // The last reference is gone: disconnect from any peer, stop being
  // found by name or address. *so->lk held.
  void (*detach)(struct socket *so);
  // Optional: after detach, with no lock held (it may sleep): let go of
  // what needs sleeping and free the pcb.
  void (*release)(struct socket *so);
  // Optional: connect two new sockets to each other (socketpair).
  // No lock held.
  int (*pair)(struct socket *a, struct socket *b);
  // bind and connect are called with no lock held (a name may have
  // to be looked up in the file system); they take *so->lk themselves
  // and change the state with sotransition().
  int (*bind)(struct socket *so, const struct sockaddr *addr, int len);
  // Start a connection: 0 if it is up, or an error. nonblock: do not
  // wait for room in the listener's queue (-EAGAIN instead). A datagram
  // socket only records its default destination.
  int (*connect)(struct socket *so, const struct sockaddr *addr, int len,
                 int nonblock);
  // The rest are called with *so->lk held, but for resolve/unresolve.
  int (*listen)(struct socket *so, int backlog);
  // Put up to n bytes from src (a user address if user) on their way, to
  // the connected peer or (datagrams) to the address to. Returns the
  // bytes taken: a stream may take part; a message-based socket all or
  // nothing. -EAGAIN means no room now: the core waits on so->sndchan.
  int (*send)(struct socket *so, int user, uint64 src, int n,
              const struct sodest *to);
  // Optional: check or look up a sendto destination (no lock held; may
  // sleep). It may refuse it (-errno) or set to->addr = 0 to ignore
  // it. Without resolve, the address goes to send as it is.
  int (*resolve)(struct socket *so, struct sodest *to);
  // Optional: let go of what resolve held in to->ref (no lock held).
  void (*unresolve)(struct sodest *to);
  // The receiver took data out of so->rcv: senders may go on.
  void (*rcvd)(struct socket *so);
  // SHUT_RD, SHUT_WR or SHUT_RDWR.
  int (*shutdown)(struct socket *so, int how);
  // Bytes sent that the peer has not read yet.
  int (*unread)(struct socket *so);
  // The local (peer = 0) or peer address; returns its length, or
  // -ENOTCONN for a peer there is not.
  int (*sockaddr)(struct socket *so, struct sockaddr_storage *a, int peer);
  // Could a send to the connected peer go on now?
  int (*writable)(struct socket *so);
  // Optional: options at levels other than SOL_SOCKET (IPPROTO_IP,
  // IPPROTO_TCP...); without them, -ENOPROTOOPT. *so->lk held.
  int (*setopt)(struct socket *so, int level, int name, const void *val,
                int len);
  int (*getopt)(struct socket *so, int level, int name, void *val, int *len);
};

// A family: its protocols and what sets it up at boot. A family plugs
// into the core by adding its domain to the table in socket.c.
struct domain {
  int family;
  void (*init)(void);
  const struct protosw *const *protos;
  int nprotos;
};

// A socket. Field legend: [i] set at creation, immutable after;
// [t] socktable.lock; [s] *so->lk, the protocol's lock (for AF_UNIX one
// lock for the whole family, so a connected pair shares it).
struct socket {
  int ref;                  // [t] holders: open files, xv6 ports
  int closing;              // [t] the last reference is being dropped
  struct spinlock *lk;      // [i]
  int family, type;         // [i]
  const struct protosw *pr; // [i]
  void *pcb;                // [s] the protocol's per-socket state

  enum sostate state; // [s]
  int error;          // [s] pending error (SO_ERROR): soseterror()
  int rdshut;         // [s] this side will read no more
  int wrshut;         // [s] this side will write no more
  int eof;            // [s] no more data will arrive
  struct sockbuf rcv; // [s] received data, waiting for recv

  // A listening socket's queue of connections ready for accept().
  struct socket *q_head; // [s]
  struct socket *q_tail; // [s]
  struct socket *q_next; // [s] link in the listener's queue
  int qlen;              // [s]
  int backlog;           // [s]

  // Options (SOL_SOCKET).
  uint64 rcvtimeo; // [s] ticks; 0 waits for ever
  uint64 sndtimeo; // [s]
  int sndbuf;      // [s] SO_SNDBUF, as set
  int reuseaddr;   // [s] SO_REUSEADDR, as set
  int broadcast;   // [s] SO_BROADCAST: datagrams to broadcast addresses
  int keepalive;   // [s] SO_KEEPALIVE
  int sndlowat;    // [s] SO_SNDLOWAT: POLLOUT needs this much room
  int lastmsg;     // [s] the size of the last message sent or tried

  void *sndchan; // [s] where a blocked sender waits
  char sndwait;  // [s] wait channel: room to send
  char connwait; // [s] wait channel: room in the accept queue
};

// Wait channels: &so->rcv (readable), so->sndchan (writable, by default
// &so->sndwait), &so->q_head (a connection to accept), &so->connwait.

// Flags for sosend/sorecv (a subset of MSG_*, plus the file's O_NONBLOCK).
#define SOF_NONBLOCK 1
#define SOF_PEEK 2
#define SOF_WAITALL 4

void sockinit(void);
int socreate(int family, int type, int protocol, struct socket **sop);
int sopair(int family, int type, int protocol, struct socket **a,
           struct socket **b);
void soref(struct socket *so);
int sotryref(struct socket *so);
void sorelease(struct socket *so);
int sobind(struct socket *so, const struct sockaddr *addr, int len);
int solisten(struct socket *so, int backlog);
int soconnect(struct socket *so, const struct sockaddr *addr, int len,
              int nonblock);
int soacceptable(struct socket *so);
int soaccept(struct socket *so, int nonblock, struct socket **newp);
int sowaitconn(struct socket *so);
int sosend(struct socket *so, int user, uint64 src, int n, int flags,
           const struct sockaddr *to, int tolen);
int sorecv(struct socket *so, int user, uint64 dst, int n, int flags,
           struct sockaddr_storage *from, int *fromlen, int *msglen);
int sosendfile(struct socket *so, uint64 src, int n, int nonblock);
int sorecvfile(struct socket *so, uint64 dst, int n, int nonblock);
int soshutdown(struct socket *so, int how);
int sowaitsent(struct socket *so);
int sostate_get(struct socket *so);
int sosigpipe(struct socket *so, int r, int nosig);
int sopoll(struct socket *so);
int sogetname(struct socket *so, struct sockaddr_storage *a, int peer);
int sosetopt(struct socket *so, int level, int name, const void *val, int len);
int sogetopt(struct socket *so, int level, int name, void *val, int *len);
int nsockets(void);

// What /net/sockets and netstat show of one socket: a copy taken under
// its lock. A length of local or peer <= 0: no such name.
struct sosnap {
  int family, type, protocol;
  enum sostate state;
  int error;    // pending (SO_ERROR)
  uint32 rcvq;  // bytes waiting to be read (sb_len)
  int sndq;     // bytes sent that the peer has not read
  int qlen;     // a listener's connections waiting for accept
  int backlog;  // a listener's limit
  int locallen; // sockaddr's result for the local name
  int peerlen;  // and the peer's (-ENOTCONN if none)
  struct sockaddr_storage local, peer;
};
// Copy socket slot i (0..NSOCKET-1). Returns 0, or -ENOENT if the slot
// is free or its socket is being closed. No lock held; may sleep (if
// everybody else lets go of the socket meanwhile, this closes it).
int sosnapshot(int i, struct sosnap *s);

// For protocols: change state through the state machine (the caller
// holds *so->lk); wake the waiters of a condition (and pollers).
int sotransition(struct socket *so, enum soevent e);
void sowakeup(void *chan);
void sowakeup_all(struct socket *so);
void soseterror(struct socket *so, int err);
void soqueue_add(struct socket *listener, struct socket *so);
int soalloc_locked(int family, int type, struct socket **sop);

#endif
