// sys/time.h: struct timeval, the time argument of select() and of the
// SO_RCVTIMEO / SO_SNDTIMEO socket options. As POSIX asks, it also makes
// select() and fd_set visible (<sys/select.h>). gettimeofday reads the
// wall clock (see <time.h>).
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
  time_t tv_sec;
  suseconds_t tv_usec; // 0..999999
};

#include <sys/select.h>

struct timezone;
// gettimeofday fills *tv with the wall-clock time; tz is ignored.
int gettimeofday(struct timeval *tv, struct timezone *tz);

// The interval timer: SIGALRM after it_value (0: disarmed), then every
// it_interval (0: once). Only ITIMER_REAL (the wall clock) is kept;
// the others give EINVAL. Times are rounded up to timer ticks (1/HZ s).
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2
struct itimerval {
  struct timeval it_interval;
  struct timeval it_value;
};
int setitimer(int which, const struct itimerval *v, struct itimerval *old);
int getitimer(int which, struct itimerval *v);

#endif
