// user/lib/socket.c: the BSD socket calls that are not system calls of
// their own (libc, socket face): accept, send and recv, special cases
// of accept4, sendto and recvfrom. The other calls are stubs in usys.S.

#include <sys/socket.h>

// This file defines the BSD entry points themselves: no dispatch.
#undef send
#undef recv

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
  return accept4(fd, addr, len, 0);
}

ssize_t send(int fd, const void *buf, size_t len, int flags) {
  return sendto(fd, buf, len, flags, 0, 0);
}

ssize_t recv(int fd, void *buf, size_t len, int flags) {
  return recvfrom(fd, buf, len, flags, 0, 0);
}
