// netv6/poll.h: poll() events (Linux values), shared by kernel and user.
#ifndef NETV6_POLL_H
#define NETV6_POLL_H

#define POLLIN 0x001 // data to read (or end of file, or a connection)
#define POLLPRI 0x002
#define POLLOUT 0x004  // room to write
#define POLLERR 0x008  // an error is pending (always reported)
#define POLLHUP 0x010  // the other side is gone (always reported)
#define POLLNVAL 0x020 // fd is not open (always reported)
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

struct pollfd {
  int fd;
  short events;
  short revents;
};

#endif
