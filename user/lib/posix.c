// user/lib/posix.c: small POSIX functions: abort, assert's failure,
// remove, getenv, rand/srand, time, gettimeofday, getopt.
#include <errno.h>
#include <netv6.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

void abort(void) {
  kill(getpid(), SIGABRT);
  exit(128 + SIGABRT); // not reached: the kill ends the process
}

void __assert_fail(const char *expr, const char *file, int line,
                   const char *func) {
  fprintf(stderr, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);
  abort();
}

int remove(const char *path) { return unlink(path); }

char *getenv(const char *name) {
  (void)name;
  return NULL;
}

// A linear congruential generator (the constants of POSIX's example).
static unsigned long randstate = 1;

int rand(void) {
  randstate = randstate * 1103515245 + 12345;
  return (int)((randstate / 65536) % ((unsigned long)RAND_MAX + 1));
}

void srand(unsigned seed) { randstate = seed; }

time_t time(time_t *t) {
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
    return -1;
  if (t)
    *t = ts.tv_sec;
  return ts.tv_sec;
}

int gettimeofday(struct timeval *tv, struct timezone *tz) {
  (void)tz;
  struct timespec ts;
  if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
    return -1;
  tv->tv_sec = ts.tv_sec;
  tv->tv_usec = ts.tv_nsec / 1000;
  return 0;
}

char *optarg;
int optind = 1, opterr = 1, optopt;
static int optpos = 1; // within argv[optind], for grouped options (-ab)

int getopt(int argc, char *const argv[], const char *optstring) {
  optarg = NULL;
  if (optind >= argc || argv[optind] == NULL || argv[optind][0] != '-' ||
      argv[optind][1] == '\0')
    return -1;
  if (strcmp(argv[optind], "--") == 0) {
    optind++;
    return -1;
  }
  int c = argv[optind][optpos];
  const char *spec = c == ':' ? NULL : strchr(optstring, c);
  int quiet = optstring[0] == ':';
  if (spec == NULL) {
    optopt = c;
    if (opterr && !quiet)
      fprintf(stderr, "%s: unknown option -%c\n", argv[0], c);
    if (argv[optind][++optpos] == '\0') {
      optind++;
      optpos = 1;
    }
    return '?';
  }
  if (spec[1] == ':') {
    if (argv[optind][optpos + 1] != '\0') {
      optarg = &argv[optind][optpos + 1]; // -ovalue
    } else if (optind + 1 < argc) {
      optarg = argv[++optind]; // -o value
    } else {
      optopt = c;
      optind++;
      optpos = 1;
      if (opterr && !quiet)
        fprintf(stderr, "%s: option -%c needs an argument\n", argv[0], c);
      return quiet ? ':' : '?';
    }
    optind++;
    optpos = 1;
    return c;
  }
  if (argv[optind][++optpos] == '\0') {
    optind++;
    optpos = 1;
  }
  return c;
}
