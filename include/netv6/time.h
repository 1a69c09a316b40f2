// netv6/time.h: clocks for clock_gettime(), shared by kernel and user.
#ifndef NETV6_TIME_H
#define NETV6_TIME_H

#include <stdint.h>

#define CLOCK_REALTIME 0  // wall-clock time: seconds since 1970 (UTC)
#define CLOCK_MONOTONIC 1 // time since boot, never jumps

struct timespec {
  int64_t tv_sec;
  long tv_nsec; // 0 .. 999999999
};

#endif
