// poll.h: waiting for several descriptors at once. struct pollfd and
// the POLL* events come from netv6/poll.h (Linux values).
#ifndef _POLL_H
#define _POLL_H

#include <netv6/poll.h>

typedef unsigned long nfds_t;

// poll waits until one of fds[0..nfds) has an event it asks for (or
// POLLERR, POLLHUP, POLLNVAL, always reported), or timeout milliseconds
// pass (-1: no limit, 0: just look). Returns the number of entries with
// revents set, 0 on timeout, or -1 (EINTR, EINVAL for nfds > 256, ...).
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
