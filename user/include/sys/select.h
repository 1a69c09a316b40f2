// sys/select.h: select(), made of poll() in libc (select.c).
//
// An fd_set holds descriptors 0..FD_SETSIZE-1 (a process has at most 64
// open); the FD_* macros ignore descriptors outside that range.
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/time.h>
#include <sys/types.h>

#define FD_SETSIZE 64

#define __NFDBITS (8 * (int)sizeof(unsigned long))

typedef struct {
  unsigned long fds_bits[(FD_SETSIZE + __NFDBITS - 1) / __NFDBITS];
} fd_set;

#define __FD_IN(fd) ((unsigned)(fd) < FD_SETSIZE)
#define __FD_WORD(fd) ((unsigned)(fd) / __NFDBITS)
#define __FD_BIT(fd) (1UL << ((unsigned)(fd) % __NFDBITS))

#define FD_ZERO(s) ((void)__builtin_memset((s), 0, sizeof(fd_set)))
#define FD_SET(fd, s) \
  ((void)(__FD_IN(fd) && ((s)->fds_bits[__FD_WORD(fd)] |= __FD_BIT(fd))))
#define FD_CLR(fd, s) \
  ((void)(__FD_IN(fd) && ((s)->fds_bits[__FD_WORD(fd)] &= ~__FD_BIT(fd))))
#define FD_ISSET(fd, s) \
  (__FD_IN(fd) && ((s)->fds_bits[__FD_WORD(fd)] & __FD_BIT(fd)) != 0)

// select waits until a descriptor below nfds in readfds is readable (or
// at end of file, or has a connection to accept), one in writefds is
// writable, or one in exceptfds has an exceptional condition; or until
// *timeout passes (NULL: no limit). The sets (any may be NULL) are
// rewritten to hold only the ready descriptors; *timeout is left as is.
// Returns how many bits are set in all three, 0 on timeout, or -1:
// EBADF (a descriptor in a set is not open), EINVAL (nfds outside
// 0..FD_SETSIZE, a bad timeout), EINTR.
int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
           struct timeval *timeout);

#endif
