// user/testlib/testlib.h: the support library of the in-guest test
// suites (usertests, socktests, sockettests). User space; built into
// build/user/libtest.a and linked into those programs only. A suite
// includes this as "testlib/testlib.h".
//
// The runner: main() fills a struct suite and returns runsuite(), which
// takes `[-s SCALE] [-q] [case...]`, runs each chosen case in a forked
// child inside the scratch directory under a watchdog, then the leak
// check, and prints what tests/run.py parses:
//   NAME: starting N cases: a b ... leaks   the plan: what will run
//   START case                      before each case
//   PASS case  |  FAIL case: why    after it (the leak check is "leaks")
//   NAME: N passed, M failed        at the end
// It returns 1 if anything failed, 2 for an unknown case name (after
// listing the cases) or a bad option, 0 otherwise. -s SCALE (such as 3
// or 1.5; below 1 counts as 1) stretches every time bound of the
// checks and the watchdogs: tests/run.py passes NETV6_TIMEOUT_SCALE.
//
// The checks: a case (or any process it forks) fails through fail(),
// mostly by way of the macros below, which report "line N: why" to the
// runner and exit FAILCODE. N is the line of the macro's use; for the
// helpers without a line argument (lowfd) it is a line of testlib.c.

#ifndef TESTLIB_H
#define TESTLIB_H

#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h> // SYS_name, for WAITBLOCKED

#define PGSIZE 4096
#define PGROUNDUP(a) (((uintptr_t)(a) + PGSIZE - 1) & ~(uintptr_t)(PGSIZE - 1))
#define FAILCODE 1 // exit status of a process that failed a check

// ---- the runner ----------------------------------------------------------

struct tcase {
  const char *name;
  void (*fn)(void);
  int quick; // in the -q subset
  int secs;  // the watchdog's limit
};

// suite.flags: where the suites differ.
//
// T_WHYFILE  reasons go to the file DIR/why instead of a pipe, and the
//            runner reads them after every end of a case (a timeout or
//            a signal too), after its own "case ended with exit 1: ".
// T_SWEEP    after each case, kill every process it left running (every
//            pid made since it began); a passing case that left any fails.
// T_NOSOCK   the leak check also wants no socket in use at the end.
// T_KILLKIDS fail() kills and reaps the children this process SPAWNed
//            (waiting 5 s, scaled, at most: a broken kill must not hang it).
#define T_WHYFILE 1
#define T_SWEEP 2
#define T_NOSOCK 4
#define T_KILLKIDS 8

struct suite {
  const char *name; // the program's name, which starts its own lines
  const char *dir;  // the scratch directory: the cases' working directory
  struct tcase *cases;
  int ncases;
  // warmup goes through the paths the cases use, so that what the
  // kernel allocates once and keeps is there before the leak check's
  // first look. May be 0.
  void (*warmup)(void);
  int flags;
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

// runsuite runs the suite as argv (main's, program name first) asks;
// returns main's exit status.
int runsuite(struct suite *s, int argc, char *argv[]);

// ---- failing and checking --------------------------------------------------

void fail(int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

#define FAIL(...) fail(__LINE__, __VA_ARGS__)
#define EXPECT(c, ...)   \
  do {                   \
    if (!(c))            \
      FAIL(__VA_ARGS__); \
  } while (0)

// OK(call): the call must succeed (not return a negative value); gives
// its result.
#define OK(call) ok_((long)(call), #call, __LINE__)
long ok_(long r, const char *what, int line);

// FAILS(call, err): the call must return -1 with errno err (0: any).
#define FAILS(call, err) \
  fails_((errno = 0, (long)(call)), (err), #call, __LINE__)
void fails_(long r, int err, const char *what, int line);

// describe puts a wait status into words ("exit 3", "signal 9"); the
// string lasts until the next call.
const char *describe(int st);

// WAITFOR(pid): the next child to end must be pid; gives its status.
#define WAITFOR(pid) waitfor_((pid), __LINE__)
int waitfor_(int pid, int line);

// EXITED(pid, code), SIGNALED(pid, sig): waits for the child, which
// must exit with code, or die of signal sig.
#define EXITED(pid, code) exited_((pid), (code), __LINE__)
void exited_(int pid, int code, int line);
#define SIGNALED(pid, sig) signaled_((pid), (sig), __LINE__)
void signaled_(int pid, int sig, int line);

// REAP(pids, n, st): waits for the n children in pids, in whatever order
// they end, and puts each one's status at its index in st.
// REAPALL(pids, n): the same, and each must exit 0.
#define REAP(pids, n, st) reap_((pids), (n), (st), __LINE__)
#define REAPALL(pids, n) reap_((pids), (n), 0, __LINE__)
void reap_(const int *pids, int n, int *st, int line);

// SPAWN(): fork, failing if it cannot; the parent remembers the child
// (see T_KILLKIDS).
#define SPAWN() spawn_(__LINE__)
int spawn_(int line);

// READY(fd): a child tells its parent, through the pipe fd, that it got
// somewhere; AWAIT(fd): the parent waits for that.
#define READY(fd) ready_((fd), __LINE__)
void ready_(int fd, int line);
#define AWAIT(fd) await_((fd), __LINE__)
void await_(int fd, int line);

// lowfd returns the lowest free descriptor (without keeping it).
int lowfd(void);

// reportto sends this process's reasons to fd from now on (a test of a
// check catches them so); returns where they went before.
int reportto(int fd);

// ---- time bounds and blocked processes (waits.c) ---------------------------

// scaled_ms(ms), scaled_ticks(ticks): an upper bound on how long
// something may take, stretched by the scale (-s). A lower bound (a
// timeout must not end early) stays as it is.
long scaled_ms(long ms);
long scaled_ticks(long ticks);
// setscale takes the -s argument ("3", "1.5"); -1 if it is not a number.
int setscale(const char *s);

// WAITBLOCKED(pid, SYS_call): waits until process pid is seen asleep
// (PS_SLEEPING: waiting for an event) inside that system call, looking
// with procinfo() once a tick. Fails, saying what it saw last, if the
// process ends or is not seen so within BLOCKWAIT_MS (scaled). A case
// that must show a wakeup calls this before it acts, so that the
// sleeper is surely asleep when the event comes.
#define BLOCKWAIT_MS 10000
#define WAITBLOCKED(pid, sysnum) \
  waitblocked_((pid), (sysnum), BLOCKWAIT_MS, __LINE__)
void waitblocked_(int pid, int sysnum, long ms, int line);
// WAITENDED(pid): waits the same way until the child pid has ended (a
// zombie, not yet reaped): after a kill, say, so that a kill that did not
// end a blocked call fails in seconds, not at the watchdog.
#define WAITENDED(pid) waitended_((pid), BLOCKWAIT_MS, __LINE__)
void waitended_(int pid, long ms, int line);
// callname names a system call number ("no system call" for 0).
const char *callname(int num);

#endif
