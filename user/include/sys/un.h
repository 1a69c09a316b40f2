// sys/un.h: AF_UNIX addresses (struct sockaddr_un, from netv6/socket.h).
// sun_path is a file-system path, NUL-terminated, or an abstract name:
// sun_path[0] == 0 and the bytes after it, as many as the address
// length given to bind/connect says.
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <netv6/socket.h>
#include <string.h>

// The length of a path address: the family and the path, no NUL.
#define SUN_LEN(a)                                                \
  ((socklen_t)(__builtin_offsetof(struct sockaddr_un, sun_path) + \
               strlen((a)->sun_path)))

// netv6's helper for servers: bind s to the path in a, first removing a
// stale socket name left there by an earlier server (a socket inode that
// nobody answers at). Any other file, or a live socket, at the path
// gives -1 and EADDRINUSE; other bind errors as bind gives them.
int bindreplace(int s, const struct sockaddr_un *a, socklen_t len);

#endif
