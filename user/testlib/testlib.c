// user/testlib/testlib.c: the in-guest suites' runner and checks (the
// interface and the output protocol are in testlib.h).
//
// A case runs in a forked child; a second child, the watchdog, sleeps
// for the case's time limit, and if it ends first the runner kills the
// case. Reasons travel "line N: why\n" at a time, through a pipe (read
// without blocking, so that a helper process left behind holding it
// cannot hang the run) or, with T_WHYFILE, through a file whose offset
// all the case's processes share. The runner joins them into one line,
// "; " apart. The leak check compares sysinfo() counts taken after the
// suite's warm-up with those after the last case.

#include <fcntl.h>
#include <netv6.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib.h"

static struct suite *cur; // the suite being run
static int repfd = -1;    // in a case: where its reasons go
static char whypath[64];  // T_WHYFILE: DIR/why
static int kids[NPROC];   // the children this process SPAWNed
static int nkids;
static int npass, nfail;

// ---- failing and checking --------------------------------------------------

void fail(int line, const char *fmt, ...) {
  char msg[256];
  int n = snprintf(msg, sizeof(msg), "line %d: ", line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
  va_end(ap);
  n = strlen(msg);
  msg[n++] = '\n';
  write(repfd >= 0 ? repfd : 1, msg, n);
  if (cur && (cur->flags & T_KILLKIDS)) {
    for (int i = 0; i < nkids; i++)
      kill(kids[i], SIGKILL);
    // Reap them, for 5 s (scaled) at most: a kernel whose kill is broken
    // must not hang the failure too.
    long t0 = uptime();
    for (int left = nkids; left > 0;) {
      int w = waitpid(-1, NULL, WNOHANG);
      if (w < 0 || (w == 0 && uptime() - t0 > scaled_ticks(5 * HZ)))
        break;
      if (w > 0)
        left--;
      else
        ticksleep(1);
    }
  }
  exit(FAILCODE);
}

long ok_(long r, const char *what, int line) {
  if (r < 0)
    fail(line, "%s: %ld (%s)", what, r, strerror(errno));
  return r;
}

void fails_(long r, int err, const char *what, int line) {
  if (r != -1)
    fail(line, "%s returned %ld, want -1", what, r);
  if (err && errno != err)
    fail(line, "%s: errno %d (%s), want %d (%s)", what, errno, strerror(errno),
         err, strerror(err));
}

const char *describe(int st) {
  static char s[40];
  if (WIFEXITED(st))
    snprintf(s, sizeof(s), "exit %d", WEXITSTATUS(st));
  else
    snprintf(s, sizeof(s), "signal %d", WTERMSIG(st));
  return s;
}

int waitfor_(int pid, int line) {
  int st = 0;
  int w = wait(&st);
  if (w != pid)
    fail(line, "wait returned %d (%s), want pid %d: %s", w,
         w < 0 ? strerror(errno) : "other", pid, describe(st));
  return st;
}

void exited_(int pid, int code, int line) {
  int st = waitfor_(pid, line);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
    fail(line, "child %d %s, want exit %d", pid, describe(st), code);
}

void signaled_(int pid, int sig, int line) {
  int st = waitfor_(pid, line);
  if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
    fail(line, "child %d %s, want signal %d", pid, describe(st), sig);
}

void reap_(const int *pids, int n, int *sts, int line) {
  for (int done = 0; done < n; done++) {
    int st = 0, w = wait(&st), i;
    if (w < 0)
      fail(line, "wait: %s after %d of %d children", strerror(errno), done, n);
    for (i = 0; i < n && pids[i] != w; i++)
      ;
    if (i == n)
      fail(line, "wait returned pid %d, not one of ours", w);
    if (sts)
      sts[i] = st;
    else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
      fail(line, "child %d (#%d) %s", w, i, describe(st));
  }
}

int spawn_(int line) {
  int pid = fork();
  if (pid < 0)
    fail(line, "fork: %s", strerror(errno));
  if (pid == 0)
    nkids = 0;
  else if (nkids < NPROC)
    kids[nkids++] = pid;
  return pid;
}

void ready_(int fd, int line) {
  if (write(fd, "r", 1) != 1)
    fail(line, "ready: %s", strerror(errno));
}

void await_(int fd, int line) {
  char c;
  if (read(fd, &c, 1) != 1)
    fail(line, "child never got ready");
}

int reportto(int fd) {
  int old = repfd;
  repfd = fd;
  return old;
}

int lowfd(void) {
  int fd = dup(0);
  if (fd < 0)
    FAIL("lowfd: dup(0): %s", strerror(errno));
  close(fd);
  return fd;
}

// ---- the runner ------------------------------------------------------------

static void result(const char *name, const char *why) {
  if (why) {
    nfail++;
    printf("FAIL %s: %s\n", name, why);
  } else {
    npass++;
    printf("PASS %s\n", name);
  }
}

// reasons reads what the case's processes wrote to fd (-1: nothing) into
// why[0..size) as one line; returns its length.
static int reasons(int fd, char *why, int size) {
  static char raw[512];
  int n = fd >= 0 ? read(fd, raw, sizeof(raw) - 1) : 0, k = 0;
  if (n < 0)
    n = 0;
  while (n > 0 && raw[n - 1] == '\n')
    n--;
  for (int i = 0; i < n && k < size - 3; i++) {
    if (raw[i] == '\n')
      why[k++] = ';', why[k++] = ' ';
    else
      why[k++] = raw[i];
  }
  why[k] = 0;
  return k;
}

// watch waits for the case's process pid under a watchdog that gives it
// secs seconds (the watchdog first closes keep, if not -1). Returns what
// wait gave, with the status in *st; *late says the time ran out.
static int watch(int pid, int secs, int keep, int *st, int *late) {
  int wd = fork();
  if (wd == 0) {
    if (keep >= 0)
      close(keep);
    ticksleep(scaled_ticks(secs * HZ));
    exit(0);
  }
  int w = -1;
  *late = 0;
  for (int i = 0; i < 3; i++) {
    w = wait(st);
    if (w == pid || w < 0)
      break;
    if (w == wd) { // time is up
      *late = 1;
      wd = -1;
      kill(pid, SIGKILL);
    }
  }
  if (wd > 0) {
    kill(wd, SIGKILL);
    wait(NULL);
  }
  return w;
}

// sweep kills every process with a pid in [lo, hi) (a case's leftovers:
// nothing else forks while a case runs) and waits, up to 10 s (scaled),
// until they are gone. Returns how many were still there.
static int sweep(int lo, int hi) {
  int left = 0;
  for (int pid = lo; pid < hi; pid++) {
    if (kill(pid, 0) == 0) {
      left++;
      kill(pid, SIGKILL);
    }
  }
  for (int t = 0; left > 0 && t < scaled_ticks(5 * HZ); t++) {
    int alive = 0;
    for (int pid = lo; pid < hi; pid++)
      alive += kill(pid, 0) == 0;
    if (alive == 0)
      break;
    ticksleep(2);
  }
  return left;
}

// leftovers sweeps up after the case whose process was pid. Every pid
// the case could have made lies below the next fork's.
static int leftovers(int pid) {
  int probe = fork();
  if (probe == 0)
    exit(0);
  if (probe > 0)
    wait(NULL);
  return sweep(pid + 1, probe > 0 ? probe : pid + 1000);
}

// runcase runs one case and reports it.
static void runcase(struct tcase *t) {
  static char why[600];
  int file = cur->flags & T_WHYFILE, rep[2] = {-1, -1};
  why[0] = 0;
  printf("START %s\n", t->name);
  if (file && (rep[1] = open(whypath, O_CREAT | O_TRUNC | O_WRONLY)) < 0) {
    snprintf(why, sizeof(why), "cannot create %s: %s", whypath,
             strerror(errno));
    result(t->name, why);
    return;
  }
  if (!file && pipe(rep) < 0) {
    snprintf(why, sizeof(why), "pipe: %s", strerror(errno));
    result(t->name, why);
    return;
  }
  int pid = fork();
  if (pid == 0) {
    if (rep[0] >= 0)
      close(rep[0]);
    repfd = rep[1];
    t->fn();
    exit(0);
  }
  int err = errno;
  close(rep[1]);
  if (pid < 0) {
    if (rep[0] >= 0)
      close(rep[0]);
    snprintf(why, sizeof(why), "fork: %s", strerror(err));
    result(t->name, why);
    return;
  }
  int st = 0, late;
  int w = watch(pid, t->secs, rep[0], &st, &late);
  int left = cur->flags & T_SWEEP ? leftovers(pid) : 0;

  // failed: the case's process failed a check. Through a pipe its
  // reasons alone say why; a file's come after the runner's words.
  int failed =
      w == pid && !late && WIFEXITED(st) && WEXITSTATUS(st) == FAILCODE;
  int k = 0;
  if (w != pid)
    k = snprintf(why, sizeof(why), "lost the case's child (wait: %d)", w);
  else if (late)
    k = snprintf(why, sizeof(why), "timed out after %ld s",
                 scaled_ms(t->secs * 1000) / 1000);
  else if ((!WIFEXITED(st) || WEXITSTATUS(st) != 0) && (file || !failed))
    k = snprintf(why, sizeof(why), "case ended with %s", describe(st));
  if (left && k < (int)sizeof(why) - 80)
    k += snprintf(why + k, sizeof(why) - k, "%s%d process(es) left running",
                  k ? "; " : "", left);
  if (file || failed) {
    if (k > 0 && k < (int)sizeof(why) - 4)
      why[k++] = ':', why[k++] = ' ';
    int fd = file ? open(whypath, O_RDONLY) : rep[0];
    if (!file)
      fcntl(fd, F_SETFL, O_NONBLOCK);
    int r = reasons(fd, why + k, sizeof(why) - k);
    if (file && fd >= 0)
      close(fd);
    if (r == 0 && k >= 2 && why[k - 2] == ':')
      why[k - 2] = 0; // no reason written: drop the ": "
    if (failed && k + r == 0)
      snprintf(why, sizeof(why), "exit %d with no reason", FAILCODE);
  }
  if (rep[0] >= 0)
    close(rep[0]);
  result(t->name, why[0] ? why : NULL);
}

// Do the counts in b match those in a (and no socket, if asked)?
static int same(const struct sysinfo *a, const struct sysinfo *b) {
  return a->freepages == b->freepages && a->nproc == b->nproc &&
         a->nfile == b->nfile && a->ninode == b->ninode &&
         a->nsocket == b->nsocket && a->nnetbuf == b->nnetbuf &&
         (!(cur->flags & T_NOSOCK) || b->nsocket == 0);
}

static void leakcheck(struct sysinfo *a) {
  struct sysinfo b;
  static char why[240];
  // The kernel's network thread may still hold the last packet a case
  // sent, and a reference on its socket, for a moment after the case
  // ended: counts that differ are looked at again for up to a second
  // before they count as a leak. A real leak does not go away.
  for (int tries = 0;; tries++) {
    if (sysinfo(&b) < 0) {
      snprintf(why, sizeof(why), "sysinfo: %s", strerror(errno));
      result("leaks", why);
      return;
    }
    if (same(a, &b) || tries == 100)
      break;
    usleep(10000);
  }
  snprintf(why, sizeof(why),
           "freepages %ld (%lu -> %lu), nproc %d, nfile %d, ninode %d, "
           "nsocket %d (%u -> %u), nnetbuf %d",
           (long)(b.freepages - a->freepages), (unsigned long)a->freepages,
           (unsigned long)b.freepages, (int)(b.nproc - a->nproc),
           (int)(b.nfile - a->nfile), (int)(b.ninode - a->ninode),
           (int)(b.nsocket - a->nsocket), (unsigned)a->nsocket,
           (unsigned)b.nsocket, (int)(b.nnetbuf - a->nnetbuf));
  result("leaks", same(a, &b) ? NULL : why);
}

static struct tcase *lookup(struct suite *s, const char *name) {
  for (int i = 0; i < s->ncases; i++)
    if (strcmp(s->cases[i].name, name) == 0)
      return &s->cases[i];
  return 0;
}

// chosen says whether case t runs, given the case names asked for
// (none: all, or the quick ones with -q).
static int chosen(struct tcase *t, int argc, char *argv[], int quick) {
  int yes = argc == 0 ? !quick || t->quick : 0;
  for (int j = 0; j < argc; j++)
    yes |= strcmp(argv[j], t->name) == 0;
  return yes;
}

// announce prints the plan line, every case that will run and the leak
// check, so that the runner can count the ones that never report.
static void announce(struct suite *s, int argc, char *argv[], int quick) {
  int n = 1; // the leak check
  for (int i = 0; i < s->ncases; i++)
    n += chosen(&s->cases[i], argc, argv, quick);
  printf("%s: starting %d cases:", s->name, n);
  for (int i = 0; i < s->ncases; i++)
    if (chosen(&s->cases[i], argc, argv, quick))
      printf(" %s", s->cases[i].name);
  printf(" leaks\n");
}

int runsuite(struct suite *s, int argc, char *argv[]) {
  int quick = 0;
  cur = s;
  argc--, argv++;
  if (argc > 1 && strcmp(argv[0], "-s") == 0) {
    if (setscale(argv[1]) < 0) {
      printf("%s: -s %s: not a scale factor\n", s->name, argv[1]);
      return 2;
    }
    argc -= 2, argv += 2;
  }
  if (argc > 0 && strcmp(argv[0], "-q") == 0)
    quick = 1, argc--, argv++;
  for (int i = 0; i < argc; i++) {
    if (!lookup(s, argv[i])) {
      printf("%s: no case %s; cases:", s->name, argv[i]);
      for (int j = 0; j < s->ncases; j++)
        printf(" %s", s->cases[j].name);
      printf("\n");
      return 2;
    }
  }
  if ((mkdir(s->dir, 0755) < 0 && errno != EEXIST) || chdir(s->dir) < 0) {
    printf("%s: cannot make %s: %s\n", s->name, s->dir, strerror(errno));
    return 1;
  }
  snprintf(whypath, sizeof(whypath), "%s/why", s->dir);
  announce(s, argc, argv, quick);
  if (s->flags & T_WHYFILE) { // made before the leak check's first look
    int fd = open(whypath, O_CREAT | O_TRUNC | O_WRONLY);
    if (fd >= 0)
      close(fd);
  }
  if (s->warmup)
    s->warmup();
  struct sysinfo before;
  int have = sysinfo(&before) == 0;
  for (int i = 0; i < s->ncases; i++)
    if (chosen(&s->cases[i], argc, argv, quick))
      runcase(&s->cases[i]);
  if (have)
    leakcheck(&before);
  else
    result("leaks", "sysinfo failed before the cases");
  // The scratch directory goes, or the run fails ("scratch"): a case
  // that left something in it has left a file behind.
  static char why[160];
  if ((s->flags & T_WHYFILE) && unlink(whypath) < 0)
    snprintf(why, sizeof(why), "unlink %s: %s", whypath, strerror(errno));
  else if (chdir("/") < 0)
    snprintf(why, sizeof(why), "chdir /: %s", strerror(errno));
  else if (unlink(s->dir) < 0)
    snprintf(why, sizeof(why), "unlink %s: %s", s->dir, strerror(errno));
  if (why[0])
    result("scratch", why);
  printf("%s: %d passed, %d failed\n", s->name, npass, nfail);
  return nfail ? 1 : 0;
}
