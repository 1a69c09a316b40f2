// user/sigtests.c: the in-guest suite for signals and process groups
// (user space; tests the kernel as a black box through kill, sigaction,
// sigprocmask, sigsuspend, pause, sigreturn, alarm, the process group
// calls and the blocking calls a signal interrupts).
//
//   sigtests          every case, then the leak check
//   sigtests -q       the quick subset, then the leak check
//   sigtests NAME...  the named cases, then the leak check
//
// Output, parsed by tests/run.py (the protocol of usertests):
//   START name                       before each case
//   PASS name  |  FAIL name: why     after it
//   sigtests: N passed, M failed     at the end; exit status 1 if M > 0
//
// Each case runs in a forked child inside the scratch directory /sg,
// under a watchdog. Processes of a case wait for each other with pipes
// and wait(), never by sleeping. A signal meant to interrupt a blocked
// call is sent again and again (poke) until the blocked process reports
// back, so no case depends on timing; every loop is bounded.
//
// The cases are in sigtests_deliver.inc (sending, actions, handlers,
// masks, the frame), sigtests_intr.inc (EINTR and SA_RESTART in every
// kind of blocking call), sigtests_group.inc (process groups, sessions,
// the console's foreground group) and sigtests_sys.inc (the signals the
// system sends: SIGPIPE, SIGCHLD, SIGALRM, faults).
//
// `sigtests -disp SIG` is not a test run: it is what the exec cases
// run, and exits 0 if SIG's action is the default, 1 if it is ignored,
// 2 if it has a handler, plus 4 if SIG is blocked.

#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testlib/testlib.h"

static char buf[8192]; // scratch

// ---- handlers ------------------------------------------------------------

static volatile int hits[NSIG];  // deliveries, by signal
static volatile siginfo_t last;  // what the last SA_SIGINFO handler got
static volatile int report = -1; // where handlers report, if >= 0
static volatile int inside;      // the case is inside its blocking call

static void count(int sig) {
  hits[sig]++;
  if (report >= 0 && inside)
    write(report, "h", 1);
}

static void info(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  hits[sig]++;
  last = *si;
}

// CATCH(sig, fn, flags): install fn (a plain handler, or an SA_SIGINFO
// one if flags say so) with an empty sa_mask.
#define CATCH(sig, fn, flags) catch_((sig), (void *)(fn), (flags), __LINE__)
static void catch_(int sig, void *fn, int flags, int line) {
  struct sigaction a;
  memset(&a, 0, sizeof(a));
  a.sa_handler = (sighandler_t)fn;
  a.sa_flags = flags;
  if (sigaction(sig, &a, 0) < 0)
    fail(line, "sigaction(%d): %s", sig, strerror(errno));
}

// MASK(how, sig): sigprocmask with a one-signal set; gives the old mask.
#define MASK(how, sig) mask_((how), (sig), __LINE__)
static sigset_t mask_(int how, int sig, int line) {
  sigset_t s, old;
  sigemptyset(&s);
  if (sig)
    sigaddset(&s, sig);
  if (sigprocmask(how, &s, &old) < 0)
    fail(line, "sigprocmask: %s", strerror(errno));
  return old;
}

static sigset_t curmask(void) {
  sigset_t m;
  OK(sigprocmask(SIG_BLOCK, 0, &m));
  return m;
}

static int ismember(sigset_t s, int sig) { return (s >> (sig - 1)) & 1; }

// ---- between processes -----------------------------------------------------

// POKE(pid, sig, fd): send sig to pid until fd has something to read
// (the target reports that its blocked call returned, or a handler ran
// inside it), then read one byte and give it. Up to 500 tries, 20 ms
// apart: the target need not be blocked yet when the first one comes.
#define POKE(pid, sig, fd) poke_((pid), (sig), (fd), __LINE__)
static char poke_(int pid, int sig, int fd, int line) {
  for (int i = 0; i < 500; i++) {
    if (kill(pid, sig) < 0)
      fail(line, "kill(%d, %d): %s", pid, sig, strerror(errno));
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 20) == 1) {
      char c;
      int r = read(fd, &c, 1);
      if (r != 1)
        fail(line, "no report from %d: %s", pid,
             r == 0 ? "it ended" : strerror(errno));
      return c;
    }
  }
  fail(line, "no report from %d after 500 signals %d", pid, sig);
}

// TELL(fd, c): one byte to another process of the case; HEAR(fd) waits
// for one and gives it ('?' at end of file).
#define TELL(fd, c) tell_((fd), (c), __LINE__)
static void tell_(int fd, char c, int line) {
  if (write(fd, &c, 1) != 1)
    fail(line, "tell: %s", strerror(errno));
}

static char hear(int fd) {
  char c;
  int r;
  while ((r = read(fd, &c, 1)) < 0 && errno == EINTR)
    ;
  return r == 1 ? c : '?';
}
#define HEAR(fd) hear(fd)

// ---- the cases ---------------------------------------------------------

#include "sigtests_deliver.inc"
#include "sigtests_intr.inc"
#include "sigtests_group.inc"
#include "sigtests_sys.inc"

static struct tcase cases[] = {
    // sending, actions, handlers, masks, the frame (sigtests_deliver.inc)
    {"killdefault", killdefault, 1, 60},
    {"killbad", killbad, 1, 60},
    {"actionbad", actionbad, 1, 60},
    {"handler", handler, 1, 60},
    {"siginfo", siginfo, 1, 60},
    {"masking", masking, 1, 60},
    {"handlermask", handlermask, 1, 60},
    {"resethand", resethand, 1, 60},
    {"nodefer", nodefer, 1, 60},
    {"ignoring", ignoring, 1, 60},
    {"killcannot", killcannot, 1, 60},
    {"sigsuspend", suspend, 1, 60},
    {"pause", pausecase, 1, 60},
    {"execreset", execreset, 1, 60},
    {"forkinherit", forkinherit, 1, 60},
    {"registers", registers, 1, 120},
    {"badhandler", badhandler, 1, 60},
    {"framechange", framechange, 1, 60},
    {"badframe", badframe, 1, 60},
    {"storm", storm, 0, 240},
    // EINTR and SA_RESTART (sigtests_intr.inc)
    {"pipeintr", pipeintr, 1, 60},
    {"pipewintr", pipewintr, 1, 60},
    {"recvintr", recvintr, 1, 60},
    {"acceptintr", acceptintr, 1, 60},
    {"connectintr", connectintr, 1, 60},
    {"waitintr", waitintr, 1, 60},
    {"norestart", norestart, 1, 90},
    {"xv6intr", xv6intr, 1, 60},
    // process groups, sessions, the console (sigtests_group.inc)
    {"pgrpcalls", pgrpcalls, 1, 60},
    {"killgroup", killgroup, 1, 60},
    {"foreground", foreground, 1, 60},
    {"procgroups", procgroups, 1, 60},
    // the signals the system sends (sigtests_sys.inc)
    {"sigpipepipe", sigpipepipe, 1, 60},
    {"sigpipesock", sigpipesock, 1, 60},
    {"sigchld", sigchld, 1, 60},
    {"chldignore", chldignore, 1, 60},
    {"alarms", alarms, 1, 60},
    {"itimer", itimer, 1, 60},
    {"nanosleep", nanosleeps, 1, 60},
    {"faults", faults, 1, 60},
};

// -disp SIG: the action and mask of SIG after exec (see the head).
static int disp(const char *name) {
  int sig = signum(name);
  struct sigaction a;
  if (sig <= 0 || sigaction(sig, 0, &a) < 0)
    return 99;
  int r = a.sa_handler == SIG_DFL ? 0 : a.sa_handler == SIG_IGN ? 1 : 2;
  return r + (ismember(curmask(), sig) ? 4 : 0);
}

int main(int argc, char *argv[]) {
  if (argc == 3 && strcmp(argv[1], "-disp") == 0)
    return disp(argv[2]);
  static struct suite suite = {.name = "sigtests",
                               .dir = "/sg",
                               .cases = cases,
                               .ncases = NELEM(cases),
                               .flags = T_KILLKIDS | T_NOSOCK};
  return runsuite(&suite, argc, argv);
}
