// user/usertests.c: the in-guest test suite (user space; tests the
// kernel as a black box through its system calls).
//
//   usertests          every case, then the leak check
//   usertests -q       the quick subset, then the leak check
//   usertests NAME...  the named cases, then the leak check
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
// Nothing sleeps to synchronise: processes wait for each other with
// pipes and wait(); every loop is bounded.
//
// This file holds the helpers and the runner; the cases live in
// usertests_proc.inc, usertests_fs.inc and usertests_io.inc, included
// below so that the program stays one compilation unit. To add a case,
// write a void function there and add a line to tests[].

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netv6.h>
#include <netv6/fs.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define PGSIZE 4096
#define PGROUNDUP(a) (((uintptr_t)(a) + PGSIZE - 1) & ~(uintptr_t)(PGSIZE - 1))
#define FAILCODE 1 // exit status of a case (or helper child) that failed

static int repfd = -1; // write end of the pipe to the parent
static char buf[8192]; // scratch for the case in progress

// ---- failing and checking ----------------------------------------------

static void fail(int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
static void fail(int line, const char *fmt, ...) {
  char msg[240];
  int n = snprintf(msg, sizeof(msg), "line %d: ", line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
  va_end(ap);
  n = strlen(msg);
  msg[n++] = '\n';
  write(repfd >= 0 ? repfd : 1, msg, n);
  exit(FAILCODE);
}

#define FAIL(...) fail(__LINE__, __VA_ARGS__)
#define EXPECT(c, ...)                                                         \
  do {                                                                         \
    if (!(c))                                                                  \
      FAIL(__VA_ARGS__);                                                       \
  } while (0)
// OK(call): the call must succeed (not return a negative value).
#define OK(call) ok_((long)(call), #call, __LINE__)
// FAILS(call, err): the call must return -1 with errno err (0: any).
#define FAILS(call, err)                                                       \
  fails_((errno = 0, (long)(call)), (err), #call, __LINE__)

static long ok_(long r, const char *what, int line) {
  if (r < 0)
    fail(line, "%s: %ld (%s)", what, r, strerror(errno));
  return r;
}

static void fails_(long r, int err, const char *what, int line) {
  if (r != -1)
    fail(line, "%s returned %ld, want -1", what, r);
  if (err && errno != err)
    fail(line, "%s: errno %d (%s), want %d (%s)", what, errno, strerror(errno),
         err, strerror(err));
}

// describe puts a wait status into words.
static const char *describe(int st) {
  static char s[40];
  if (WIFEXITED(st))
    snprintf(s, sizeof(s), "exit %d", WEXITSTATUS(st));
  else
    snprintf(s, sizeof(s), "signal %d", WTERMSIG(st));
  return s;
}

// waitfor waits for child pid and returns its status.
#define WAITFOR(pid) waitfor_((pid), __LINE__)
static int waitfor_(int pid, int line) {
  int st = 0;
  int w = wait(&st);
  if (w != pid)
    fail(line, "wait returned %d (%s), want pid %d", w,
         w < 0 ? strerror(errno) : "other", pid);
  return st;
}

// REAP(pids, n, st): waits for the n children in pids, in whatever
// order they end, and puts each one's status at its index in st.
#define REAP(pids, n, st) reap_((pids), (n), (st), __LINE__)
static void reap_(const int *pids, int n, int *st, int line) {
  for (int done = 0; done < n; done++) {
    int s = 0, w = wait(&s), i;
    if (w < 0)
      fail(line, "wait: %s after %d of %d children", strerror(errno), done, n);
    for (i = 0; i < n && pids[i] != w; i++)
      ;
    if (i == n)
      fail(line, "wait returned pid %d, not one of ours", w);
    st[i] = s;
  }
}

#define EXITED(pid, code) exited_((pid), (code), __LINE__)
static void exited_(int pid, int code, int line) {
  int st = waitfor_(pid, line);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
    fail(line, "child %s, want exit %d", describe(st), code);
}

#define SIGNALED(pid, sig) signaled_((pid), (sig), __LINE__)
static void signaled_(int pid, int sig, int line) {
  int st = waitfor_(pid, line);
  if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
    fail(line, "child %s, want signal %d", describe(st), sig);
}

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

// lowfd returns the lowest free descriptor (without keeping it).
static int lowfd(void) {
  int fd = OK(dup(0));
  close(fd);
  return fd;
}

// signal_ready / await_ready: a child tells its parent it got somewhere.
static void signal_ready(int fd) {
  if (write(fd, "r", 1) != 1)
    FAIL("ready write: %s", strerror(errno));
}

static void await_ready(int fd) {
  char c;
  EXPECT(read(fd, &c, 1) == 1, "child never got ready");
}

// exec_fails: exec(path, argv) in a child must return -1 with errno err
// (0: any), and the child must go on running.
#define EXEC_FAILS(path, argv, err)                                            \
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

// ---- the runner ------------------------------------------------------------

struct test {
  const char *name;
  void (*fn)(void);
  int quick; // in the -q subset
  int secs;  // time limit
};

static struct test tests[] = {
    {"exitcodes", exitcodes, 1, 60},
    {"waitnochild", waitnochild, 1, 60},
    {"timing", timing, 1, 60},
    {"manychildren", manychildren, 0, 120},
    {"killpause", killpause, 1, 60},
    {"killpipe", killpipe, 1, 60},
    {"killspin", killspin, 1, 60},
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
    {"fstats", fstats, 1, 60},
    {"links", links, 1, 60},
    {"unlinkopen", unlinkopen, 1, 60},
    {"dirs", dirs, 1, 60},
    {"dirsiz", dirsiz, 1, 60},
    {"bigfile1m", bigfile1m, 1, 120},
    {"pipe1m", pipe1m, 1, 120},
    {"pipeeof", pipeeof, 1, 60},
    {"pipeepipe", pipeepipe, 1, 60},
    {"badptr", badptr, 1, 120},
    {"badfd", badfd, 1, 60},
    {"badlen", badlen, 1, 60},
    {"fdexhaust", fdexhaust, 1, 60},
    {"bigfile6m", bigfile6m, 0, 400},
    {"dir300", dir300, 0, 300},
    {"concreate", concreate, 0, 300},
    {"nfile", nfile, 0, 120},
    {"forkexhaust", forkexhaust, 0, 120},
    {"sbrkexhaust", sbrkexhaust, 0, 180},
    {"stackoverflow", stackoverflow, 0, 120},
};
#define NTESTS ((int)(sizeof(tests) / sizeof(tests[0])))

static int npass, nfail;

static void result(const char *name, const char *why) {
  if (why) {
    nfail++;
    printf("FAIL %s: %s\n", name, why);
  } else {
    npass++;
    printf("PASS %s\n", name);
  }
}

// runcase runs one case in a child, under a watchdog, and reports it.
static void runcase(struct test *t) {
  static char why[600];
  int rep[2];
  printf("START %s\n", t->name);
  if (pipe(rep) < 0) {
    snprintf(why, sizeof(why), "pipe: %s", strerror(errno));
    result(t->name, why);
    return;
  }
  int pid = fork();
  if (pid == 0) {
    close(rep[0]);
    repfd = rep[1];
    t->fn();
    exit(0);
  }
  close(rep[1]);
  if (pid < 0) {
    close(rep[0]);
    snprintf(why, sizeof(why), "fork: %s", strerror(errno));
    result(t->name, why);
    return;
  }
  int wd = fork();
  if (wd == 0) {
    close(rep[0]);
    pause(t->secs * HZ);
    exit(0);
  }
  int st = 0, w, timedout = 0;
  for (int i = 0; i < 3; i++) {
    w = wait(&st);
    if (w == pid || w < 0)
      break;
    if (w == wd) { // time is up
      timedout = 1;
      wd = -1;
      kill(pid, SIGKILL);
    }
  }
  if (wd > 0) {
    kill(wd, SIGKILL);
    wait(NULL);
  }
  if (w != pid) {
    snprintf(why, sizeof(why), "lost the case's child (wait: %d)", w);
  } else if (timedout) {
    snprintf(why, sizeof(why), "timed out after %d s", t->secs);
  } else if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
    why[0] = 0;
  } else if (WIFEXITED(st) && WEXITSTATUS(st) == FAILCODE) {
    // fail() wrote its reason before exiting, so this read cannot block.
    // Reasons from several processes become one line, "; " apart.
    static char raw[400];
    int n = read(rep[0], raw, sizeof(raw) - 1), k = 0;
    while (n > 0 && raw[n - 1] == '\n')
      n--;
    for (int i = 0; i < n && k < (int)sizeof(why) - 3; i++) {
      if (raw[i] == '\n')
        why[k++] = ';', why[k++] = ' ';
      else
        why[k++] = raw[i];
    }
    why[k] = 0;
    if (k == 0)
      snprintf(why, sizeof(why), "exit 1 with no reason");
  } else {
    snprintf(why, sizeof(why), "case ended with %s", describe(st));
  }
  close(rep[0]);
  result(t->name, why[0] ? why : NULL);
}

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

static void leakcheck(struct sysinfo *a) {
  struct sysinfo b;
  static char why[200];
  if (sysinfo(&b) < 0) {
    snprintf(why, sizeof(why), "sysinfo: %s", strerror(errno));
    result("leaks", why);
    return;
  }
  snprintf(
      why, sizeof(why),
      "freepages %ld (%lu -> %lu), nproc %d, nfile %d, ninode %d, nsocket %d",
      (long)(b.freepages - a->freepages), (unsigned long)a->freepages,
      (unsigned long)b.freepages, (int)(b.nproc - a->nproc),
      (int)(b.nfile - a->nfile), (int)(b.ninode - a->ninode),
      (int)(b.nsocket - a->nsocket));
  int same = a->freepages == b.freepages && a->nproc == b.nproc &&
             a->nfile == b.nfile && a->ninode == b.ninode &&
             a->nsocket == b.nsocket;
  result("leaks", same ? NULL : why);
}

static int chosen(struct test *t, int argc, char *argv[], int quick) {
  if (argc == 0)
    return !quick || t->quick;
  for (int i = 0; i < argc; i++)
    if (strcmp(argv[i], t->name) == 0)
      return 1;
  return 0;
}

int main(int argc, char *argv[]) {
  int quick = 0;
  argc--, argv++;
  if (argc > 0 && strcmp(argv[0], "-q") == 0)
    quick = 1, argc--, argv++;
  for (int i = 0; i < argc; i++) {
    int j;
    for (j = 0; j < NTESTS && strcmp(argv[i], tests[j].name) != 0; j++)
      ;
    if (j == NTESTS) {
      printf("usertests: no case %s; cases:", argv[i]);
      for (j = 0; j < NTESTS; j++)
        printf(" %s", tests[j].name);
      printf("\n");
      return 2;
    }
  }
  if ((mkdir("/ut", 0755) < 0 && errno != EEXIST) || chdir("/ut") < 0) {
    printf("usertests: cannot make /ut: %s\n", strerror(errno));
    return 1;
  }
  printf("usertests: starting\n");
  warmup();
  struct sysinfo before;
  int haveinfo = sysinfo(&before) == 0;
  for (int i = 0; i < NTESTS; i++)
    if (chosen(&tests[i], argc, argv, quick))
      runcase(&tests[i]);
  if (haveinfo)
    leakcheck(&before);
  else
    result("leaks", "sysinfo failed before the cases");
  chdir("/");
  unlink("/ut");
  printf("usertests: %d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
