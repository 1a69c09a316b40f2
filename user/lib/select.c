// user/lib/select.c: select() made of poll() (libc, I/O multiplexing).
//
// The three fd_sets become one pollfd per descriptor named in any of
// them (POLLIN for readfds, POLLOUT for writefds, POLLPRI for
// exceptfds); after poll the sets are rebuilt from revents, as Linux
// does: readable on POLLIN, POLLHUP or POLLERR; writable on POLLOUT or
// POLLERR; exceptional on POLLPRI. POLLNVAL (a descriptor not open)
// makes select fail with EBADF.

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/select.h>

#define RSET (POLLIN | POLLHUP | POLLERR)
#define WSET (POLLOUT | POLLERR)
#define XSET POLLPRI

static int isset(int fd, fd_set *s) { return s && FD_ISSET(fd, s); }

// Fill fds from the sets; returns the number of entries.
static int topoll(int nfds, fd_set *r, fd_set *w, fd_set *x,
                  struct pollfd *fds) {
  int n = 0;
  for (int fd = 0; fd < nfds; fd++) {
    short ev = (isset(fd, r) ? POLLIN : 0) | (isset(fd, w) ? POLLOUT : 0) |
               (isset(fd, x) ? POLLPRI : 0);
    if (ev) {
      fds[n].fd = fd;
      fds[n].events = ev;
      fds[n].revents = 0;
      n++;
    }
  }
  return n;
}

// Rebuild the sets from the polled entries; returns the number of bits
// set, or -1 with errno EBADF if an entry was not open.
static int frompoll(struct pollfd *fds, int n, fd_set *r, fd_set *w,
                    fd_set *x) {
  int count = 0;
  for (int i = 0; i < n; i++)
    if (fds[i].revents & POLLNVAL) {
      errno = EBADF;
      return -1;
    }
  if (r)
    FD_ZERO(r);
  if (w)
    FD_ZERO(w);
  if (x)
    FD_ZERO(x);
  for (int i = 0; i < n; i++) {
    int fd = fds[i].fd;
    short ev = fds[i].events, rev = fds[i].revents;
    if ((ev & POLLIN) && (rev & RSET)) {
      FD_SET(fd, r);
      count++;
    }
    if ((ev & POLLOUT) && (rev & WSET)) {
      FD_SET(fd, w);
      count++;
    }
    if ((ev & POLLPRI) && (rev & XSET)) {
      FD_SET(fd, x);
      count++;
    }
  }
  return count;
}

// A timeval as poll's milliseconds (rounded up); -2 if invalid.
static int tomillis(const struct timeval *tv) {
  if (tv == 0)
    return -1;
  if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
    return -2;
  long ms_max = INT_MAX;
  if (tv->tv_sec >= ms_max / 1000)
    return INT_MAX;
  return tv->tv_sec * 1000 + (tv->tv_usec + 999) / 1000;
}

int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds,
           struct timeval *timeout) {
  struct pollfd fds[FD_SETSIZE];
  int ms = tomillis(timeout);
  if (nfds < 0 || nfds > FD_SETSIZE || ms == -2) {
    errno = EINVAL;
    return -1;
  }
  int n = topoll(nfds, readfds, writefds, exceptfds, fds);
  int r = poll(fds, n, ms);
  if (r < 0)
    return -1;
  return frompoll(fds, n, readfds, writefds, exceptfds);
}
