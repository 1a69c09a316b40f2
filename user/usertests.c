// user/usertests.c: the in-guest test suite (user space; tests the
// kernel as a black box through its system calls).
//
//   usertests          every case, then the leak check
//   usertests -q       the quick subset, then the leak check
//   usertests NAME...  the named cases, then the leak check
//   usertests -s 3 ... the same with every time bound tripled
//
// Output, parsed by tests/run.py:
//   START name                        before each case
//   PASS name  |  FAIL name: why      after it
//   usertests: N passed, M failed     at the end; exit status 1 if M > 0
//
// Each case runs in a forked child inside the scratch directory /ut.
// A case fails by calling fail() (through the EXPECT/OK/FAILS macros),
// which sends the reason up a pipe to the parent and exits 1; any other
// end (another exit code, a signal) is reported by the parent. A
// watchdog child kills a case that outlives its time limit. The leak
// check compares sysinfo() counts after a warm-up and after the cases.
// No sleep stands in for synchronisation: processes wait for each other
// with pipes and wait(), and a case that shows a wakeup acts only once
// the sleeper is seen asleep in its call (WAITBLOCKED, which polls
// procinfo() with ticksleep(1) between looks). Every loop is bounded, and
// the bounds scale with -s. The runner and the checks are the suites'
// library, user/testlib (testlib.h).
//
// This file holds the suite's own helpers and its list of cases; the
// cases live in usertests_proc.inc, usertests_fs.inc, usertests_io.inc
// and usertests_procinfo.inc, included below so that the program stays one
// compilation unit. To add a case, write a void function there and add
// a line to tests[].

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netv6.h>
#include <netv6/fs.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib/testlib.h"

static char buf[8192]; // scratch for the case in progress

// ---- small helpers ---------------------------------------------------

// pat is the byte at offset off of a test pattern; neighbouring blocks
// differ, so a block written to the wrong place shows.
static unsigned char pat(long off, int seed) {
  return (unsigned char)(off + (off >> 10) * 13 + (off >> 18) * 101 + seed);
}

#define MKFILE(path, data, n) mkfile_((path), (data), (n), __LINE__)
static void mkfile_(const char *path, const void *data, int n, int line) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC);
  if (fd < 0)
    fail(line, "create %s: %s", path, strerror(errno));
  if (write(fd, data, n) != n)
    fail(line, "write %s: %s", path, strerror(errno));
  close(fd);
}

// HAS(path, text): the file holds exactly text.
#define HAS(path, text) has_((path), (text), __LINE__)
static void has_(const char *path, const char *text, int line) {
  static char got[512];
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    fail(line, "open %s: %s", path, strerror(errno));
  int n = read(fd, got, sizeof(got) - 1);
  close(fd);
  if (n < 0)
    fail(line, "read %s: %s", path, strerror(errno));
  got[n] = 0;
  if (strcmp(got, text) != 0)
    fail(line, "%s holds \"%s\", want \"%s\"", path, got, text);
}

static long inum(const char *path) {
  struct stat st;
  return stat(path, &st) < 0 ? -1 : (long)st.st_ino;
}

// exec_fails: exec(path, argv) in a child must return -1 with errno err
// (0: any), and the child must go on running.
#define EXEC_FAILS(path, argv, err) \
  execfails_((path), (argv), (err), #path, __LINE__)
static void execfails_(const char *path, char **argv, int err, const char *what,
                       int line) {
  int pid = OK(fork());
  if (pid == 0) {
    close(1); // an exec that wrongly succeeds prints into /dev/null
    open("/dev/null", O_WRONLY);
    errno = 0;
    fails_(exec(path, argv), err, what, line);
    exit(42);
  }
  int st = waitfor_(pid, line);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 42)
    fail(line, "exec %s did not fail cleanly: %s", what, describe(st));
}

static char *echoargv[] = {"echo", "x", NULL};

// The cases.
#include "usertests_proc.inc"
#include "usertests_fs.inc"
#include "usertests_io.inc"
#include "usertests_procinfo.inc"

// ---- the cases, for the runner (testlib) ----------------------------------

static struct tcase tests[] = {
    {"exitcodes", exitcodes, 1, 60},
    {"waitnochild", waitnochild, 1, 60},
    {"timing", timing, 1, 60},
    {"manychildren", manychildren, 0, 120},
    {"killpause", killpause, 1, 60},
    {"killpipe", killpipe, 1, 60},
    {"killspin", killspin, 1, 60},
    {"procinfo", procinfos, 1, 60},
    {"waitblocked", waitblocked, 1, 60},
    {"execargs", execargs, 1, 60},
    {"execnoent", execnoent, 1, 60},
    {"execbad", execbad, 1, 60},
    {"sbrkbasic", sbrkbasic, 1, 60},
    {"sbrkfail", sbrkfail, 1, 60},
    {"segv", segv, 1, 60},
    {"textwrite", textwrite, 1, 60},
    {"nxdata", nxdata, 1, 60},
    {"opencreate", opencreate, 1, 60},
    {"offsets", offsets, 1, 60},
    {"seeks", seeks, 1, 60},
    {"streams", streams, 1, 60},
    {"fstats", fstats, 1, 60},
    {"links", links, 1, 60},
    {"unlinkopen", unlinkopen, 1, 60},
    {"dirs", dirs, 1, 60},
    {"dirsiz", dirsiz, 1, 60},
    {"bigfile1m", bigfile1m, 1, 120},
    {"pipe1m", pipe1m, 1, 120},
    {"pipeeof", pipeeof, 1, 60},
    {"pipeepipe", pipeepipe, 1, 60},
    {"pipenbwake", pipenbwake, 1, 60},
    {"pipepollfill", pipepollfill, 1, 60},
    {"dup2self", dup2self, 1, 60},
    {"badptr", badptr, 1, 120},
    {"badfd", badfd, 1, 60},
    {"badlen", badlen, 1, 60},
    {"sysfuzz", sysfuzz, 0, 180},
    {"fdexhaust", fdexhaust, 1, 60},
    {"bigfile6m", bigfile6m, 0, 400},
    {"dir300", dir300, 0, 300},
    {"concreate", concreate, 0, 300},
    {"nfile", nfile, 0, 120},
    {"forkexhaust", forkexhaust, 0, 120},
    {"sbrkexhaust", sbrkexhaust, 0, 180},
    {"stackoverflow", stackoverflow, 0, 120},
};

// warmup exercises the paths the cases use so that anything the kernel
// allocates once and keeps is allocated before the leak check's first look.
static void warmup(void) {
  int pid = fork();
  if (pid == 0) {
    close(1);
    open("/dev/null", O_WRONLY);
    exec("/echo", echoargv);
    exit(1);
  }
  if (pid > 0)
    wait(NULL);
  int p[2];
  if (pipe(p) == 0) {
    write(p[1], "x", 1);
    close(p[0]);
    close(p[1]);
  }
  int fd = open("warmup", O_CREAT | O_RDWR);
  if (fd >= 0) {
    write(fd, "x", 1);
    close(fd);
    unlink("warmup");
  }
}

int main(int argc, char *argv[]) {
  static struct suite suite = {.name = "usertests",
                               .dir = "/ut",
                               .cases = tests,
                               .ncases = NELEM(tests),
                               .warmup = warmup};
  signal(SIGPIPE, SIG_IGN); // the cases check EPIPE; sigtests, SIGPIPE
  return runsuite(&suite, argc, argv);
}
