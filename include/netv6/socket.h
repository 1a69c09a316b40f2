// netv6/socket.h: socket constants and address layouts shared by the
// kernel and user space. Values are Linux's, so POSIX programs and their
// expectations carry over.
#ifndef NETV6_SOCKET_H
#define NETV6_SOCKET_H

#include <stdint.h>

// Address families.
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10 // not supported: EAFNOSUPPORT
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_UNIX
#define PF_INET AF_INET

// Socket types, and flags that may be or-ed into the type.
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_SEQPACKET 5
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK 0x800
#define SOCK_CLOEXEC 0x80000

// send/recv flags.
#define MSG_PEEK 0x2
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000

// shutdown() how.
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

// Socket-level options.
#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_LINGER 13
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20
#define SO_BINDTODEVICE 25 // an interface name (AF_INET)
#define SO_SNDTIMEO 21
#define SO_ACCEPTCONN 30
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

#define SOMAXCONN 128

typedef uint16_t sa_family_t;
typedef uint32_t socklen_t;

struct sockaddr {
  sa_family_t sa_family;
  char sa_data[14];
};

// AF_UNIX: a file-system path, or (sun_path[0] == 0) an abstract name.
#define UNIX_PATH_MAX 108
struct sockaddr_un {
  sa_family_t sun_family;
  char sun_path[UNIX_PATH_MAX];
};

// Big enough for any address the kernel knows.
struct sockaddr_storage {
  sa_family_t ss_family;
  char ss_data[126];
};

#endif
