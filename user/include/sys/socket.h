// sys/socket.h: the BSD socket calls (libc, socket face). Constants,
// struct sockaddr and socklen_t come from netv6/socket.h (Linux values).
//
// Every call returns -1 and sets errno on failure. A send on a stream
// socket whose peer is gone fails with EPIPE and raises SIGPIPE, which
// ends the process unless it is caught or ignored; MSG_NOSIGNAL keeps
// the signal back (as on Linux).
//
// listen, connect, send and recv are also calls of the xv6 socket face;
// <bits/sockcall.h> makes each name pick its face by the number of
// arguments, so listen(fd, 5) is the call below and listen(port) the
// xv6 one. The prototypes here pass through those macros unchanged.
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <netv6/socket.h>
#include <sys/types.h>
#include <bits/sockcall.h>

// SO_LINGER's value (the kernel does not implement the option).
struct linger {
  int l_onoff;
  int l_linger;
};

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
// accept4's flags: SOCK_NONBLOCK, SOCK_CLOEXEC for the new descriptor.
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int shutdown(int fd, int how);

ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags,
               const struct sockaddr *to, socklen_t tolen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags,
                 struct sockaddr *from, socklen_t *fromlen);

int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);

#endif
