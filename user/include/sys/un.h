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

#endif
