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

#define NSOCKET 128  // sockets in the system at once

struct socket;

// What a protocol (a family and type) provides. Called with *so->lk held
// unless noted. Return 0 / a count, or -errno.
struct protosw {
  int family;
  int type;
  // The lock for all sockets of this protocol, or 0: one lock each.
  struct spinlock *lock;
  // A new socket: set up so->pcb. *so->lk held.
  int (*attach)(struct socket *so);
  // The last reference is gone: disconnect from any peer, free the pcb.
  void (*detach)(struct socket *so);
  // bind and connect are called with no lock held (a name may have
  // to be looked up in the file system); they take *so->lk themselves
  // and change the state with sotransition().
  int (*bind)(struct socket *so, const struct sockaddr *addr, int len);
  int (*listen)(struct socket *so, int backlog);
  // Start a connection; 0 if it is up, -EINPROGRESS if it will come
  // up later, or an error. nonblock: do not wait for room in the
  // listener's queue.
  int (*connect)(struct socket *so, const struct sockaddr *addr, int len,
                 int nonblock);
  // Put up to n bytes from src (user address if user) on their way.
  // Returns bytes taken (0 if there is no room now: the core waits on
  // so->sndwait), or -EPIPE if the other side cannot receive.
  int (*send)(struct socket *so, int user, uint64 src, int n);
  // The receiver took data out of so->rcv: the sender may go on.
  void (*rcvd)(struct socket *so);
  // SHUT_RD, SHUT_WR or SHUT_RDWR.
  int (*shutdown)(struct socket *so, int how);
  // Bytes sent that the peer has not read yet.
  int (*unread)(struct socket *so);
};

// A socket. Field legend: [i] set at creation, immutable after;
// [t] socktable.lock; [s] *so->lk, the protocol's lock (for AF_UNIX one
// lock for the whole family, so a connected pair shares it).
struct socket {
  int ref;                    // [t] holders: open files, xv6 ports
  struct spinlock *lk;        // [i]
  int family, type;           // [i]
  const struct protosw *pr;   // [i]
  void *pcb;                  // [s] the protocol's per-socket state

  enum sostate state;         // [s]
  int error;                  // [s] pending error (SO_ERROR)
  int rdshut;                 // [s] this side will read no more
  int wrshut;                 // [s] this side will write no more
  int eof;                    // [s] no more data will arrive
  struct sockbuf rcv;         // [s] received data, waiting for recv

  // A listening socket's queue of connections ready for accept().
  struct socket *q_head;      // [s]
  struct socket *q_tail;      // [s]
  struct socket *q_next;      // [s] link in the listener's queue
  int qlen;                   // [s]
  int backlog;                // [s]

  char sndwait;               // [s] wait channel: room to send
  char connwait;              // [s] wait channel: connection state changed
};

// Wait channels: &so->rcv (readable), &so->sndwait (writable),
// &so->q_head (a connection to accept), &so->connwait.

void sockinit(void);
int socreate(int family, int type, struct socket **sop);
void soref(struct socket *so);
void sorelease(struct socket *so);
int sobind(struct socket *so, const struct sockaddr *addr, int len);
int solisten(struct socket *so, int backlog);
int soconnect(struct socket *so, const struct sockaddr *addr, int len,
              int nonblock);
int soacceptable(struct socket *so);
int soaccept(struct socket *so, int nonblock, struct socket **newp);
int sosend(struct socket *so, int user, uint64 src, int n, int nonblock);
int sorecv(struct socket *so, int user, uint64 dst, int n, int nonblock,
           int peek);
int sowaitconn(struct socket *so);
int soshutdown(struct socket *so, int how);
int sowaitsent(struct socket *so);
int sostate_get(struct socket *so);
int nsockets(void);

// For protocols: change state through the state machine (the caller
// holds *so->lk); wake the waiters of each condition.
int sotransition(struct socket *so, enum soevent e);
void sowakeup_all(struct socket *so);
void soqueue_add(struct socket *listener, struct socket *so);
int soalloc_locked(int family, int type, struct socket **sop);

#endif
