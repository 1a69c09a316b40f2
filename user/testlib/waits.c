// user/testlib/waits.c: time bounds that follow the host's scale, and
// waiting until another process is blocked (the interface is in
// testlib.h).
//
// The scale: tests/run.py passes its NETV6_TIMEOUT_SCALE to the suite
// as `-s SCALE`; every bound a check puts on how long something may
// take goes through scaled_ms() or scaled_ticks(), so a slow host
// stretches the bounds instead of failing them. Lower bounds (a timeout
// must not end early) are not scaled.
//
// WAITBLOCKED and WAITENDED poll procinfo() until the process is asleep
// inside the given system call, or has ended, with ticksleep(1) between
// looks.

#include <netv6.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "testlib.h"

static int scalepct = 100; // the scale factor in hundredths

int setscale(const char *s) {
  long whole = 0, frac = 0, unit = 100;
  const char *p = s;
  for (; *p >= '0' && *p <= '9' && whole < 1000; p++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++)
      if (unit > 1)
        unit /= 10, frac += (*p - '0') * unit;
  if (p == s || *p != 0 || whole >= 1000)
    return -1;
  long pct = whole * 100 + frac;
  scalepct = pct < 100 ? 100 : (int)pct; // never tighter than written
  return 0;
}

long scaled_ms(long ms) { return ms * scalepct / 100; }
long scaled_ticks(long ticks) { return ticks * scalepct / 100; }

const char *callname(int num) {
  if (num == 0)
    return "no system call";
  const char *name = syscallname(num);
  return name ? name : "an unknown call";
}

static const char *statename(int st) {
  static const char *const names[] = {[PS_NEW] = "new",
                                      [PS_RUNNABLE] = "runnable",
                                      [PS_RUNNING] = "running",
                                      [PS_SLEEPING] = "sleeping",
                                      [PS_UNINTR] = "in a disk wait",
                                      [PS_ZOMBIE] = "ended"};
  return st > 0 && st < NELEM(names) && names[st] ? names[st] : "in no state";
}

// waitproc polls until pid is asleep in call sysnum, or (sysnum -1)
// has ended; fails after ms (scaled), saying what it saw last.
static void waitproc(int pid, int sysnum, long ms, int line) {
  static struct procinfo ps[NPROC];
  char want[48];
  snprintf(want, sizeof(want), sysnum < 0 ? "ended" : "asleep in %s",
           callname(sysnum));
  long limit = scaled_ms(ms), t0 = uptime();
  for (;;) {
    int n = procinfo(ps, NPROC), i;
    if (n < 0)
      fail(line, "procinfo: %s", strerror(errno));
    for (i = 0; i < n && ps[i].pid != pid; i++)
      ;
    if (i == n)
      fail(line, "process %d is gone (reaped, or never was): not %s", pid,
           want);
    struct procinfo *p = &ps[i];
    if (sysnum < 0 ? p->state == PS_ZOMBIE
                   : p->state == PS_SLEEPING && p->sysnum == sysnum)
      return;
    if (p->state == PS_ZOMBIE)
      fail(line, "process %d ended instead of blocking in %s", pid,
           callname(sysnum));
    if ((uptime() - t0) * 1000 / HZ > limit)
      fail(line, "process %d not seen %s within %ld ms: last seen %s, in %s",
           pid, want, limit, statename(p->state), callname(p->sysnum));
    ticksleep(1);
  }
}

void waitblocked_(int pid, int sysnum, long ms, int line) {
  waitproc(pid, sysnum, ms, line);
}

void waitended_(int pid, long ms, int line) { waitproc(pid, -1, ms, line); }
