// user/lib/calls.c: POSIX calls made of netv6 system calls (libc,
// system call layer): exit, execv, sleep, usleep. (_exit is the exit
// system call's stub, see usys.S.)

#include <fcntl.h>
#include <limits.h>
#include <netv6.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

// exit flushes the output waiting in stdio streams, then ends.
void exit(int status) {
  fflush(NULL);
  _exit(status);
}

int execv(const char *path, char *const argv[]) { return exec(path, argv); }

unsigned sleep(unsigned seconds) {
  int ticks = seconds > INT_MAX / HZ ? INT_MAX : (int)(seconds * HZ);
  if (ticksleep(ticks) < 0)
    return seconds;
  return 0;
}

int usleep(useconds_t usec) {
  unsigned long per = 1000000 / HZ; // microseconds in a tick
  unsigned long ticks = (usec + per - 1) / per;
  return ticksleep(ticks > INT_MAX ? INT_MAX : (int)ticks) < 0 ? -1 : 0;
}
