// user/kill.c: kill sends a signal to processes or process groups.
//
//   kill [-s SIG | -SIG] [--] pid...   send SIG (a name such as INT or
//                                      SIGINT, or a number; default TERM)
//                                      to each pid; a negative pid is a
//                                      process group (-1: every process)
//   kill -l [N]                        list the signal names, or the name
//                                      of signal N (or of exit status N,
//                                      128 + the signal)

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void) {
  fprintf(stderr, "usage: kill [-s SIG | -SIG] pid...\n"
                  "       kill -l [N]\n");
  exit(2);
}

// list prints every signal's name, eight to a line, or the name of one.
static int list(const char *arg) {
  if (arg) {
    int n = atoi(arg);
    if (n > 128)
      n -= 128;
    if (!signame(n)) {
      fprintf(stderr, "kill: %s: no such signal\n", arg);
      return 1;
    }
    printf("%s\n", signame(n));
    return 0;
  }
  int k = 0;
  for (int s = 1; s < NSIG; s++) {
    if (!signame(s))
      continue;
    printf("%2d %-7s%s", s, signame(s), ++k % 6 ? " " : "\n");
  }
  printf("%sreal-time: %d..%d\n", k % 6 ? "\n" : "", SIGRTMIN, SIGRTMAX);
  return 0;
}

// pid parses a whole decimal process id, negative for a group.
static int pid(const char *s, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < -0x7fffffff || v > 0x7fffffff || errno)
    return -1;
  *out = (int)v;
  return 0;
}

// sigarg parses a signal name or number, or exits.
static int sigarg(const char *s) {
  int sig = signum(s);
  if (sig < 0) {
    fprintf(stderr, "kill: %s: no such signal\n", s);
    exit(2);
  }
  return sig;
}

int main(int argc, char *argv[]) {
  int sig = SIGTERM, i = 1;
  if (argc > 1 && strcmp(argv[1], "-l") == 0)
    return list(argc > 2 ? argv[2] : NULL);
  if (i < argc && strcmp(argv[i], "-s") == 0) {
    if (++i >= argc)
      usage();
    sig = sigarg(argv[i++]);
  } else if (i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
    sig = sigarg(argv[i++] + 1); // -SIG; a group comes after it, or --
  }
  if (i < argc && strcmp(argv[i], "--") == 0)
    i++;
  if (i >= argc)
    usage();
  int status = 0;
  for (; i < argc; i++) {
    int p;
    if (pid(argv[i], &p) < 0) {
      fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
      status = 1;
    } else if (kill(p, sig) < 0) {
      fprintf(stderr, "kill: %s: %s\n", argv[i], strerror(errno));
      status = 1;
    }
  }
  return status;
}
