// kernel/net/indgram.h: the parts the AF_INET datagram protocols (udp.c,
// ping.c) share, as protosw entries or called from theirs.
#ifndef KERNEL_NET_INDGRAM_H
#define KERNEL_NET_INDGRAM_H

#include "../types.h"
#include "inet.h"

struct socket;
struct sockaddr;
struct inpcbtable;
struct netbuf;

// bind for a protosw: the address, then the state (no lock held).
int indg_bind(struct inpcbtable *t, struct socket *so, const struct sockaddr *a,
              int len);
// Bind to an ephemeral port if not bound yet. *so->lk held.
int indg_autobind(struct inpcbtable *t, struct socket *so);
// connect to AF_UNSPEC: forget the default destination. 1 if a was
// AF_UNSPEC (done), 0 if it is for the caller to handle. No lock held.
int indg_unconnect(struct inpcbtable *t, struct socket *so,
                   const struct sockaddr *a, int len);
// protosw entries. *so->lk held.
int indg_shutdown(struct socket *so, int how);
void indg_rcvd(struct socket *so);
int indg_unread(struct socket *so);
int indg_writable(struct socket *so);
int indg_listen(struct socket *so, int backlog);
// Put n bytes at offset off of nb in so's receive buffer as one message
// from src:sport, and drop the reference the caller took on so (no lock
// held). 0, or why it was dropped (-EAGAIN full, -EMSGSIZE, -EPIPE shut).
int indg_deliver(struct socket *so, const struct netbuf *nb, uint32 off,
                 uint32 n, ipaddr_t src, uint16 sport);

#endif
