// kernel/systime.c: sleeping and the interval timer: ticksleep(ticks),
// nanosleep(req, rem) and setitimer/getitimer(ITIMER_REAL), whose
// SIGALRM the timer tick posts (wake_deadlines in proc.c). All count
// in timer ticks (HZ per second); times given finer are rounded up.
//
// A signal ends a sleep with -EINTR: sleeps are never restarted (they
// would start over); nanosleep reports the time that was left.
#include "types.h"
#include "param.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"
#include <netv6/time.h>

#define NS_PER_TICK (1000000000UL / HZ)
#define MAXTICKS (1UL << 40) // longer is for ever (over 300 years)

// The user's struct timeval and struct itimerval.
struct ktimeval {
  long sec;
  long usec; // 0 .. 999999
};
struct kitimerval {
  struct ktimeval interval; // reload value; 0: one shot
  struct ktimeval value;    // time left; 0: disarmed
};

// Sleep n ticks, or until a signal: then -EINTR and *left the ticks that
// were left.
static int sleepticks(uint64 n, uint64 *left) {
  if (n == 0)
    return 0;
  uint64 end = ticks + n;
  int err = kpause(end);
  uint64 now = ticks;
  *left = end > now ? end - now : 0;
  return err;
}

// ticksleep(ticks): sleep for ticks timer ticks.
int64 sys_ticksleep(void) {
  int n = argint(0);
  uint64 left;
  if (n < 0)
    return -EINVAL;
  return sleepticks(n, &left);
}

// nanosleep(req, rem): sleep for *req; after a signal, -EINTR and the
// time left in *rem (if rem is not 0).
int64 sys_nanosleep(void) {
  struct timespec ts;
  uint64 urem = argaddr(1), left;
  struct proc *p = myproc();
  if (copyin(p->pagetable, &ts, argaddr(0), sizeof(ts)) < 0)
    return -EFAULT;
  if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
    return -EINVAL;
  uint64 n =
      (uint64)ts.tv_sec >= MAXTICKS / HZ
          ? MAXTICKS
          : ts.tv_sec * HZ + (ts.tv_nsec + NS_PER_TICK - 1) / NS_PER_TICK;
  int err = sleepticks(n, &left);
  if (err < 0 && urem) {
    ts.tv_sec = left / HZ;
    ts.tv_nsec = (left % HZ) * NS_PER_TICK;
    if (copyout(p->pagetable, urem, &ts, sizeof(ts)) < 0)
      return -EFAULT;
  }
  return err;
}

// A timeval as ticks, rounded up; -1 if it is not a valid time.
static int64 tvticks(const struct ktimeval *tv) {
  if (tv->sec < 0 || tv->usec < 0 || tv->usec >= 1000000)
    return -1;
  if ((uint64)tv->sec >= MAXTICKS / HZ)
    return MAXTICKS;
  return tv->sec * HZ + (tv->usec * 1000 + NS_PER_TICK - 1) / NS_PER_TICK;
}

static void tickstv(uint64 t, struct ktimeval *tv) {
  tv->sec = t / HZ;
  tv->usec = (t % HZ) * (NS_PER_TICK / 1000);
}

// The caller's timer as it stands. p->lock held.
static void itimer_get(struct proc *p, struct kitimerval *v) {
  tickstv(p->alarm_at ? (p->alarm_at > ticks ? p->alarm_at - ticks : 1) : 0,
          &v->value);
  tickstv(p->alarm_every, &v->interval);
}

// setitimer(ITIMER_REAL, new, old): SIGALRM after new->it_value (0:
// never), then every it_interval (0: once); the timer before in *old.
// Other timers (ITIMER_VIRTUAL, ITIMER_PROF) are not kept: EINVAL.
int64 sys_setitimer(void) {
  struct kitimerval nv, ov;
  uint64 uold = argaddr(2);
  struct proc *p = myproc();
  if (argint(0) != 0)
    return -EINVAL;
  if (copyin(p->pagetable, &nv, argaddr(1), sizeof(nv)) < 0)
    return -EFAULT;
  int64 value = tvticks(&nv.value), every = tvticks(&nv.interval);
  if (value < 0 || every < 0)
    return -EINVAL;
  acquire(&p->lock);
  itimer_get(p, &ov);
  p->alarm_at = value ? ticks + value : 0;
  p->alarm_every = every;
  uint64 at = p->alarm_at;
  release(&p->lock);
  if (at)
    note_deadline(at); // after alarm_at is set: see sleep_until
  if (uold && copyout(p->pagetable, uold, &ov, sizeof(ov)) < 0)
    return -EFAULT;
  return 0;
}

// getitimer(ITIMER_REAL, cur): the timer as it stands.
int64 sys_getitimer(void) {
  struct kitimerval v;
  struct proc *p = myproc();
  if (argint(0) != 0)
    return -EINVAL;
  acquire(&p->lock);
  itimer_get(p, &v);
  release(&p->lock);
  return copyout(p->pagetable, argaddr(1), &v, sizeof(v));
}
