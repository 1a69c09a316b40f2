// user/socktests.c: the in-guest test suite of the xv6 socket face
// (listen, connect, send, recv, disconnect; error codes and limits in
// include/signalcodes.h, rules in docs/xv6-socket-api.md). User space:
// it tests the kernel as a black box through the five calls.
//
//   socktests          every case, then the leak check
//   socktests -q       the quick subset (no exhaustion, no stress)
//   socktests NAME...  the named cases, then the leak check
//   socktests -s 3 ... the same with every time bound tripled
//
// Output, parsed by tests/run.py like usertests':
//   START name                        before each case
//   PASS name  |  FAIL name: why      after it
//   socktests: N passed, M failed     at the end; exit status 1 if M > 0
//
// Each case runs in a forked child, under a watchdog. A case (or any
// process it forks) fails through the EXPECT/IS/OK macros, which append
// the reason to the file /st/why and exit 1. After the case the runner
// kills whatever the case left running (every process created since the
// case began: pids only grow), so that a failed case cannot keep ports
// and spoil the next one; a passing case must leave nothing behind.
//
// Ports are system-wide, so a case assumes every port is free when it
// starts and leaves them free. No sleep stands in for synchronisation:
// processes wait for each other with pipes, wait() and the face's own
// blocking rules, and where there is nothing to block on they poll a
// condition they can see, with ticksleep(1) between looks: dial() and
// AWAITPORT() until a server's port exists, WAITBLOCKED (testlib) until
// another process is seen asleep inside a given call (procinfo). Where a
// test shows that a call blocks, the observer acts only once the
// blocked process is seen asleep in it, records an event in a pipe, and
// the blocked process records one when its call returns; the rule under
// test fixes their order. Every loop has a time bound, scaled by -s.
//
// The cases live in socktests_args.inc (error codes), socktests_flow.inc
// (blocking, ports, messages, one client at a time), socktests_reset.inc
// (disconnect, exit, kill) and socktests_load.inc (full tables, every
// port, stress, the xv6 course program), included below. The runner
// and the common checks are the suites' library, user/testlib
// (testlib.h); this file adds the face's checks and its list of cases.

#include <signalcodes.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netv6.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h> // for case coretable: BSD sockets fill the table
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bits/sockcall.h>

#include "testlib/testlib.h"

#define RESET E_CONNECTION_RESET_BY_REMOTE
#define SENTINEL 0xEE // fills the unused tail of a receive buffer

static char buf[XV6_MAXMSG + 64]; // scratch for the case in progress
static char buf2[XV6_MAXMSG + 64];

// ---- failing and checking ----------------------------------------------

// code names a result of the face: 0, a code of signalcodes.h, or a number.
static const char *code(long r) {
  switch (r) {
  case E_NOTFOUND:
    return "E_NOTFOUND";
  case E_ACCESS_DENIED:
    return "E_ACCESS_DENIED";
  case E_WRONG_STATE:
    return "E_WRONG_STATE";
  case E_FAIL:
    return "E_FAIL";
  case E_INVALID_ARG:
    return "E_INVALID_ARG";
  case RESET:
    return "E_CONNECTION_RESET_BY_REMOTE";
  }
  static char s[4][24];
  static int k;
  k = (k + 1) % 4;
  snprintf(s[k], sizeof(s[k]), "%ld", r);
  return s[k];
}

// IS(call, want): the call must return exactly want.
#define IS(call, want) is_((long)(call), (want), #call, __LINE__)
static long is_(long r, long want, const char *what, int line) {
  if (r != want)
    fail(line, "%s = %s, want %s", what, code(r), code(want));
  return r;
}

// OK(call): the call must not fail (result >= 0); gives the result. A
// failure of the face is named by its code (testlib's OK would print
// errno's words).
#undef OK
#define OK(call) okcode_((long)(call), #call, __LINE__)
static long okcode_(long r, const char *what, int line) {
  if (r == -1)
    fail(line, "%s failed: %s", what, strerror(errno));
  if (r < 0)
    fail(line, "%s = %s", what, code(r));
  return r;
}

#define PIPE(p) pipe_((p), __LINE__)
static void pipe_(int *p, int line) {
  if (pipe(p) < 0)
    fail(line, "pipe: %s", strerror(errno));
}

// ---- events: one byte each in a pipe ------------------------------------

#define MARK(fd, c) mark_((fd), (c), __LINE__)
static void mark_(int fd, char c, int line) {
  if (write(fd, &c, 1) != 1)
    fail(line, "event write: %s", strerror(errno));
}

// nextevent waits up to 10 s (scaled) for an event in the pipe fd, so
// that a process that never gets to write it (a lost wakeup) fails the
// case in seconds.
static void nextevent(int fd, const char *what, int line) {
  struct pollfd p = {fd, POLLIN, 0};
  long ms = scaled_ms(10000);
  if (poll(&p, 1, ms) != 1)
    fail(line, "waiting for %s: none in %ld ms (is its writer stuck?)", what,
         ms);
}

// WANT(fd, c): the next event must be c.
#define WANT(fd, c) want_((fd), (c), __LINE__)
static void want_(int fd, char c, int line) {
  char got, what[16];
  snprintf(what, sizeof(what), "event '%c'", c);
  nextevent(fd, what, line);
  int n = read(fd, &got, 1);
  if (n != 1)
    fail(line, "waiting for event '%c': %s", c,
         n == 0 ? "end of file (its writer failed?)" : strerror(errno));
  if (got != c)
    fail(line, "event '%c' came where '%c' was due", got, c);
}

// WANTSET(fd, s): the next strlen(s) events are those of s, any order.
#define WANTSET(fd, s) wantset_((fd), (s), __LINE__)
static void wantset_(int fd, const char *s, int line) {
  char seen[16] = {0};
  int n = strlen(s);
  for (int k = 0; k < n; k++) {
    char got;
    nextevent(fd, "an event", line);
    if (read(fd, &got, 1) != 1)
      fail(line, "waiting for events \"%s\": end of file", s);
    const char *p = strchr(s, got);
    if (got == 0 || p == 0 || seen[p - s])
      fail(line, "event '%c' not among \"%s\" (or twice)", got, s);
    seen[p - s] = 1;
  }
}

// READ1(fd): the next byte of a pipe (a port number, say).
#define READ1(fd) read1_((fd), __LINE__)
static int read1_(int fd, int line) {
  unsigned char c;
  if (read(fd, &c, 1) != 1)
    fail(line, "pipe read: end of file (its writer failed?)");
  return c;
}

// holdwait: a helper child waits here until the case closes the write
// end of hold (every other copy of it must be closed: this closes the
// caller's).
static void holdwait(int hold[2]) {
  char c;
  close(hold[1]);
  for (int i = 0; i < 1000 && read(hold[0], &c, 1) > 0; i++)
    ;
}

// ---- the face --------------------------------------------------------

// dial connects to port, retrying (for up to 10 s, scaled) while there
// is no socket there yet: the server may not have reached listen(). Returns
// connect's last result.
static int dial(int port) {
  int r = E_NOTFOUND;
  long t0 = uptime();
  for (int i = 0; i < 5000 && r == E_NOTFOUND; i++) {
    r = connect(port, "localhost");
    if (r == E_NOTFOUND) {
      if (uptime() - t0 > scaled_ticks(10 * HZ))
        break;
      ticksleep(1);
    }
  }
  return r;
}

// AWAITPORT(port): waits (up to 10 s, scaled) until another process has a
// socket at port, such as a server blocked in listen. send() there is
// the probe: E_NOTFOUND until then, E_ACCESS_DENIED after, no effect.
#define AWAITPORT(port) awaitport_((port), __LINE__)
static void awaitport_(int port, int line) {
  int r = E_NOTFOUND;
  long t0 = uptime();
  for (int i = 0; i < 5000 && r == E_NOTFOUND; i++) {
    r = send(port, "?", 1);
    if (r == E_NOTFOUND) {
      if (uptime() - t0 > scaled_ticks(10 * HZ))
        break;
      ticksleep(1);
    }
  }
  if (r != E_ACCESS_DENIED)
    fail(line, "probe send(%d) = %s, want E_ACCESS_DENIED", port, code(r));
}

// pat is byte i of test pattern seed: every value occurs, zeros too.
static unsigned char pat(int i, int seed) {
  return (unsigned char)(i * 7 + (i >> 8) * 31 + seed * 57 + 3);
}

static void fill(char *p, int n, int seed) {
  for (int i = 0; i < n; i++)
    p[i] = pat(i, seed);
}

// CHECKPAT(p, n, seed): p holds n bytes of pattern seed.
#define CHECKPAT(p, n, seed) checkpat_((p), (n), (seed), __LINE__)
static void checkpat_(const char *p, int n, int seed, int line) {
  for (int i = 0; i < n; i++)
    if ((unsigned char)p[i] != pat(i, seed))
      fail(line, "byte %d of %d is %d, want %d (pattern %d)", i, n,
           (unsigned char)p[i], pat(i, seed), seed);
}

// CHECKTAIL(p, from, to): recv wrote nothing in p[from, to).
#define CHECKTAIL(p, from, to) checktail_((p), (from), (to), __LINE__)
static void checktail_(const char *p, int from, int to, int line) {
  for (int i = from; i < to; i++)
    if ((unsigned char)p[i] != SENTINEL)
      fail(line, "recv wrote byte %d (%d), past the %d of the message", i,
           (unsigned char)p[i], from);
}

// RECVPAT(port, n, seed): the next message is n bytes of pattern seed,
// received into a larger buffer whose tail must stay untouched.
#define RECVPAT(port, n, seed) recvpat_((port), (n), (seed), __LINE__)
static void recvpat_(int port, int n, int seed, int line) {
  int room = n + 48 > XV6_MAXMSG ? XV6_MAXMSG : n + 48;
  memset(buf2, SENTINEL, room);
  int r = recv(port, buf2, room);
  if (r != 0)
    fail(line, "recv(%d, buf, %d) = %s, want 0", port, room, code(r));
  checkpat_(buf2, n, seed, line);
  checktail_(buf2, n, room, line);
}

// SENDPAT(port, n, seed): sends n bytes of pattern seed.
#define SENDPAT(port, n, seed) sendpat_((port), (n), (seed), __LINE__)
static void sendpat_(int port, int n, int seed, int line) {
  fill(buf, n, seed);
  int r = send(port, buf, n);
  if (r != 0)
    fail(line, "send(%d, buf, %d) = %s, want 0", port, n, code(r));
}

// RECVSTR(port, s): the next message is exactly the bytes of s.
#define RECVSTR(port, s) recvstr_((port), (s), sizeof(s) - 1, __LINE__)
static void recvstr_(int port, const char *s, int n, int line) {
  memset(buf2, SENTINEL, n + 16);
  int r = recv(port, buf2, n + 16);
  if (r != 0)
    fail(line, "recv(%d) = %s, want 0 and \"%s\"", port, code(r), s);
  if (memcmp(buf2, s, n) != 0)
    fail(line, "recv(%d) got \"%.*s\", want \"%s\"", port, n, buf2, s);
  checktail_(buf2, n, n + 16, line);
}

// ---- the cases ----------------------------------------------------------

#include "socktests_args.inc"
#include "socktests_flow.inc"
#include "socktests_reset.inc"
#include "socktests_load.inc"

// ---- the cases, for the runner (testlib) ----------------------------------

static struct tcase tests[] = {
    {"listenargs", listenargs, 1, 30},
    {"connectargs", connectargs, 1, 30},
    {"msgargs", msgargs, 1, 30},
    {"owner", owner, 1, 30},
    {"listenblock", listenblock, 1, 30},
    {"localport", localport, 1, 30},
    {"sendblock", sendblock, 1, 30},
    {"recvblock", recvblock, 1, 30},
    {"recvsplit", recvsplit, 1, 30},
    {"binary", binary, 1, 30},
    {"resetrecv", resetrecv, 1, 30},
    {"resetsend", resetsend, 1, 30},
    {"resetblocked", resetblocked, 1, 30},
    {"peerexit", peerexit, 1, 30},
    {"killrecv", killrecv, 1, 30},
    {"killsend", killsend, 1, 30},
    {"killlisten", killlisten, 1, 30},
    {"oneclient", oneclient, 1, 30},
    {"connrace", connrace, 1, 60},
    {"serial", serial, 1, 60},
    {"xv6compat", xv6compat, 1, 60},
    {"exhaust", exhaust, 0, 120},
    {"coretable", coretable, 0, 60},
    {"fullrounds", fullrounds, 0, 240},
    {"stress", stress, 0, 240},
};

// warmup exercises the paths the cases use so that anything the kernel
// allocates once and keeps is there before the leak check's first look.
static void warmup(void) {
  int pid = fork();
  if (pid == 0) {
    if (listen(100) == 0 && recv(100, buf, 1) == 0)
      exit(0);
    exit(1);
  }
  if (pid > 0) {
    int me = dial(100);
    if (me > 0) {
      send(me, "w", 1);
      disconnect(me);
    }
    wait(NULL);
  }
}

int main(int argc, char *argv[]) {
  static struct suite suite = {.name = "socktests",
                               .dir = "/st",
                               .cases = tests,
                               .ncases = NELEM(tests),
                               .warmup = warmup,
                               .flags = T_WHYFILE | T_SWEEP | T_NOSOCK};
  return runsuite(&suite, argc, argv);
}
