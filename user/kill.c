// user/kill.c: kill [-SIG] pid... sends signal SIG (a number; default
// SIGTERM) to each process.

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// number parses a whole non-negative decimal int; -1 if s is not one.
static int number(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < 0 || v > 0x7fffffff || errno)
    return -1;
  return (int)v;
}

int main(int argc, char *argv[]) {
  int sig = SIGTERM, i = 1;
  if (argc > 1 && argv[1][0] == '-') {
    sig = number(argv[1] + 1);
    if (sig < 0) {
      fprintf(stderr, "kill: bad signal %s\n", argv[1] + 1);
      return 1;
    }
    i++;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: kill [-SIG] pid...\n");
    return 1;
  }
  int status = 0;
  for (; i < argc; i++) {
    int pid = number(argv[i]);
    if (pid < 0) {
      fprintf(stderr, "kill: bad pid %s\n", argv[i]);
      status = 1;
    } else if (kill(pid, sig) < 0) {
      fprintf(stderr, "kill: %d: %s\n", pid, strerror(errno));
      status = 1;
    }
  }
  return status;
}
