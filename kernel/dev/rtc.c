// kernel/dev/rtc.c: clocks. The wall clock comes from QEMU virt's
// Goldfish real-time clock (nanoseconds since 1970, read as two 32-bit
// halves: reading the low half latches the high one); the monotonic
// clock from the time CSR (TIMEBASE ticks per second since reset).
#include <netv6/time.h>
#include "../types.h"
#include "../param.h"
#include "../memlayout.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"

#define RTC_TIME_LOW 0x00
#define RTC_TIME_HIGH 0x04

static uint64 rtc_nanos(void) {
  volatile uint32 *r = (volatile uint32 *)RTC;
  uint64 lo = r[RTC_TIME_LOW / 4];
  uint64 hi = r[RTC_TIME_HIGH / 4];
  return hi << 32 | lo;
}

// clock_gettime(clock, ts)
int64 sys_clock_gettime(void) {
  int clock = argint(0);
  struct timespec ts;
  uint64 ns;
  if (clock == CLOCK_REALTIME) {
    ns = rtc_nanos();
  } else if (clock == CLOCK_MONOTONIC) {
    uint64 t = r_time();
    ns = t / TIMEBASE * 1000000000ULL +
         t % TIMEBASE * (1000000000ULL / TIMEBASE);
  } else {
    return -EINVAL;
  }
  ts.tv_sec = ns / 1000000000ULL;
  ts.tv_nsec = ns % 1000000000ULL;
  return copyout(myproc()->pagetable, argaddr(1), &ts, sizeof(ts));
}
