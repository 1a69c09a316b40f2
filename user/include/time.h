// time.h: clocks. CLOCK_REALTIME is the wall clock (QEMU's real-time
// clock, UTC); CLOCK_MONOTONIC counts from boot.
#ifndef _TIME_H
#define _TIME_H

#include <netv6/time.h>
#include <sys/types.h>

typedef int clockid_t;

int clock_gettime(clockid_t clock, struct timespec *ts);
// nanosleep sleeps for *req (rounded up to timer ticks); after a signal,
// -1 (EINTR) and, if rem is not NULL, the time left in *rem.
int nanosleep(const struct timespec *req, struct timespec *rem);
// time returns the seconds since 1970 (and stores them in *t if t).
time_t time(time_t *t);

#endif
