// user/lib/calls.c: POSIX calls made of netv6 system calls (libc,
// system call layer): exit, execv, sleep, usleep, alarm. (_exit is the
// exit system call's stub, see usys.S.)

#include <fcntl.h>
#include <limits.h>
#include <netv6.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

// exit flushes the output waiting in stdio streams, then ends.
void exit(int status) {
  fflush(NULL);
  _exit(status);
}

int execv(const char *path, char *const argv[]) { return exec(path, argv); }

// sleep: after a signal, the seconds that were left (rounded up).
unsigned sleep(unsigned seconds) {
  struct timespec ts = {seconds, 0};
  if (nanosleep(&ts, &ts) < 0)
    return ts.tv_sec + (ts.tv_nsec > 0);
  return 0;
}

int usleep(useconds_t usec) {
  struct timespec ts = {usec / 1000000, (usec % 1000000) * 1000L};
  return nanosleep(&ts, 0);
}

// alarm: the seconds left of the alarm before (rounded to the nearest,
// but at least 1 if there was one), as Linux.
unsigned alarm(unsigned seconds) {
  struct itimerval v = {{0, 0}, {seconds, 0}}, old;
  if (setitimer(ITIMER_REAL, &v, &old) < 0)
    return 0;
  unsigned left = old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
  return left == 0 && old.it_value.tv_usec > 0 ? 1 : left;
}
