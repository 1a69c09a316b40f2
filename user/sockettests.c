// user/sockettests.c: the in-guest suite for the BSD socket face (user
// space; tests the kernel as a black box through socket calls on file
// descriptors: AF_UNIX stream, datagram and seqpacket sockets, poll,
// fcntl, and the limits).
//
//   sockettests          every case, then the leak check
//   sockettests -q       the quick subset, then the leak check
//   sockettests NAME...  the named cases, then the leak check
//   sockettests -s 3 ... the same with every time bound tripled
//
// Output, parsed by tests/run.py (the protocol of usertests):
//   START name                          before each case
//   PASS name  |  FAIL name: why        after it
//   sockettests: N passed, M failed     at the end; exit status 1 if M > 0
//
// Each case runs in a forked child inside the scratch directory /st,
// under a watchdog that kills it after its time limit. A case fails
// through the EXPECT/OK/FAILS macros: the reason goes up a pipe to the
// runner, and the process exits 1 after killing the helper processes it
// SPAWNed. Processes of a case wait for each other with pipes, wait()
// and the blocking rules of sockets; a case that shows a wakeup acts only
// once the sleeper is seen asleep in its call (WAITBLOCKED: procinfo()
// polled with ticksleep(1) between looks), so no sleep stands in for
// synchronisation. Every loop is bounded, and the bounds scale with -s.
// The leak check compares sysinfo() counts (free pages, processes,
// files, inodes, sockets) from before the cases with those after them,
// and wants no socket left at all. The runner and the common checks are
// the suites' library, user/testlib (testlib.h).
//
// The cases are in sockettests_calls.inc (one call at a time),
// sockettests_data.inc (moving data), sockettests_wait.inc (blocking,
// timeouts, poll, select, kill) and sockettests_load.inc (many clients, the
// limits, the programs), included below to make one program. To add a
// case, write a void function there and add it to cases[].
//
// `sockettests -fds cN oN ...` is not a test run: it is what the cloexec
// case execs, and exits 0 if descriptor N is closed (cN) or an open
// socket (oN) for each argument.

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netv6.h>
#include <netv6/fs.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib/testlib.h"

// A datagram send with no destination: EDESTADDRREQ as POSIX says
// (Linux says ENOTCONN).
#define NODEST EDESTADDRREQ
#define CHUNK 1024 // bytes per send when filling a buffer

static char buf[8192];  // scratch
static char big[65536]; // scratch for larger transfers

// KILLED(pid): waits for the child, which must have died of SIGKILL.
#define KILLED(pid) SIGNALED((pid), SIGKILL)

// ---- helpers ---------------------------------------------------------------

#define SA(a) ((struct sockaddr *)(a))

// mkaddr fills *a with an AF_UNIX name and returns the length to pass:
// a path ("dir/name"), or an abstract name written "@name" (sun_path
// starts with a NUL; the length ends the name, no NUL after it).
static socklen_t mkaddr(struct sockaddr_un *a, const char *name) {
  size_t n = strlen(name);
  memset(a, 0, sizeof(*a));
  a->sun_family = AF_UNIX;
  if (name[0] == '@') {
    memcpy(a->sun_path + 1, name + 1, n - 1);
    return offsetof(struct sockaddr_un, sun_path) + n;
  }
  memcpy(a->sun_path, name, n + 1);
  return offsetof(struct sockaddr_un, sun_path) + n + 1;
}

// The raw calls with a name: -1 and errno on failure, for FAILS.
static int bindto(int fd, const char *name) {
  struct sockaddr_un a;
  socklen_t n = mkaddr(&a, name);
  return bind(fd, SA(&a), n);
}

static int connectto(int fd, const char *name) {
  struct sockaddr_un a;
  socklen_t n = mkaddr(&a, name);
  return connect(fd, SA(&a), n);
}

static int sendtoname(int fd, const void *p, int n, const char *name) {
  struct sockaddr_un a;
  socklen_t len = mkaddr(&a, name);
  return sendto(fd, p, n, 0, SA(&a), len);
}

// SOCK(type): a new AF_UNIX socket (type may carry SOCK_* flags).
#define SOCK(type) ((int)OK(socket(AF_UNIX, (type), 0)))

// LISTENER(name, type, backlog): a socket listening at name.
#define LISTENER(name, type, backlog) \
  listener_((name), (type), (backlog), __LINE__)
static int listener_(const char *name, int type, int backlog, int line) {
  int fd = socket(AF_UNIX, type, 0);
  if (fd < 0 || bindto(fd, name) < 0 || listen(fd, backlog) < 0)
    fail(line, "listener at %s: %s", name, strerror(errno));
  return fd;
}

// DIAL(name, type): a new socket connected to name.
#define DIAL(name, type) dial_((name), (type), __LINE__)
static int dial_(const char *name, int type, int line) {
  int fd = socket(AF_UNIX, type, 0);
  if (fd < 0 || connectto(fd, name) < 0)
    fail(line, "connect to %s: %s", name, strerror(errno));
  return fd;
}

// PAIR(type, sv): a connected pair.
#define PAIR(type, sv) OK(socketpair(AF_UNIX, (type), 0, (sv)))

// SENDS(fd, text): a send of the whole string must succeed;
// GETS(fd, text): the next recv must give exactly the string.
#define SENDS(fd, text) sends_((fd), (text), __LINE__)
static void sends_(int fd, const char *text, int line) {
  int n = strlen(text);
  int r = send(fd, text, n, 0);
  if (r != n)
    fail(line, "send \"%s\" gave %d (%s)", text, r,
         r < 0 ? strerror(errno) : "short");
}

#define GETS(fd, text) gets_((fd), (text), __LINE__)
static void gets_(int fd, const char *text, int line) {
  static char got[512];
  int n = strlen(text);
  int r = recv(fd, got, sizeof(got) - 1, 0);
  if (r < 0)
    fail(line, "recv (want \"%s\"): %s", text, strerror(errno));
  got[r] = 0;
  if (r != n || memcmp(got, text, n) != 0)
    fail(line, "recv gave %d bytes \"%s\", want \"%s\"", r, got, text);
}

// EMPTY(fd): nothing to read now, and not the end of the stream either.
#define EMPTY(fd) empty_((fd), __LINE__)
static void empty_(int fd, int line) {
  char c;
  errno = 0;
  int r = recv(fd, &c, 1, MSG_DONTWAIT);
  if (r != -1 || errno != EAGAIN)
    fail(line, "recv on an empty socket gave %d (%s), want EAGAIN", r,
         r < 0    ? strerror(errno)
         : r == 0 ? "end of stream"
                  : "data");
}

// ATEOF(fd): the stream has ended (recv gives 0 at once).
#define ATEOF(fd) ateof_((fd), __LINE__)
static void ateof_(int fd, int line) {
  char c;
  int r = recv(fd, &c, 1, MSG_DONTWAIT);
  if (r != 0)
    fail(line, "recv gave %d (%s), want 0: end of stream", r,
         r < 0 ? strerror(errno) : "data");
}

static int nsock(void) {
  struct sysinfo si;
  OK(sysinfo(&si));
  return si.nsocket;
}

static int nfile(void) {
  struct sysinfo si;
  OK(sysinfo(&si));
  return si.nfile;
}

// How many descriptors are open in this process.
static int nopen(void) {
  int n = 0;
  for (int fd = 0; fd < NOFILE; fd++)
    if (fcntl(fd, F_GETFD) >= 0)
      n++;
  return n;
}

#define GETINT(fd, name) getint_((fd), (name), #name, __LINE__)
static int getint_(int fd, int name, const char *what, int line) {
  int v = -12345;
  socklen_t n = sizeof(v);
  if (getsockopt(fd, SOL_SOCKET, name, &v, &n) < 0)
    fail(line, "getsockopt %s: %s", what, strerror(errno));
  if (n != sizeof(v))
    fail(line, "getsockopt %s: length %d, want %d", what, (int)n,
         (int)sizeof(v));
  return v;
}

#define SETINT(fd, name, v) setint_((fd), (name), (v), #name, __LINE__)
static void setint_(int fd, int name, int v, const char *what, int line) {
  if (setsockopt(fd, SOL_SOCKET, name, &v, sizeof(v)) < 0)
    fail(line, "setsockopt %s %d: %s", what, v, strerror(errno));
}

// SETTIMEO(fd, SO_RCVTIMEO or SO_SNDTIMEO, milliseconds).
#define SETTIMEO(fd, name, ms) settimeo_((fd), (name), (ms), __LINE__)
static void settimeo_(int fd, int name, int ms, int line) {
  struct timeval tv;
  tv.tv_sec = ms / 1000;
  tv.tv_usec = (ms % 1000) * 1000;
  if (setsockopt(fd, SOL_SOCKET, name, &tv, sizeof(tv)) < 0)
    fail(line, "setsockopt timeout %d ms: %s", ms, strerror(errno));
}

#define NONBLOCK(fd, on) nonblock_((fd), (on), __LINE__)
static void nonblock_(int fd, int on, int line) {
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK) < 0)
    fail(line, "fcntl O_NONBLOCK: %s", strerror(errno));
}

// pat: the byte at offset off of the test stream number seed.
static char pat(long off, int seed) {
  return (char)(off * 7 + (off >> 8) * 3 + (off >> 16) * 5 + seed * 41);
}

// FILL(fd, seed): sends pat() bytes without blocking until the peer's
// buffer is full (EAGAIN); returns how many it took.
#define FILL(fd, seed) fill_((fd), (seed), __LINE__)
static long fill_(int fd, int seed, int line) {
  long total = 0;
  for (int k = 0; k < 2048; k++) {
    for (int i = 0; i < CHUNK; i++)
      buf[i] = pat(total + i, seed);
    int r = send(fd, buf, CHUNK, MSG_DONTWAIT);
    if (r < 0) {
      if (errno != EAGAIN)
        fail(line, "send while filling: %s", strerror(errno));
      if (total == 0)
        fail(line, "no room at all in an empty socket");
      return total;
    }
    total += r;
  }
  fail(line, "the buffer took %ld bytes and is not full", total);
}

// TAKE(fd, off, n, seed): receives exactly n bytes of stream seed,
// starting at offset off, checking each.
#define TAKE(fd, off, n, seed) take_((fd), (off), (n), (seed), __LINE__)
static void take_(int fd, long off, long n, int seed, int line) {
  long got = 0;
  for (int k = 0; got < n && k < 100000; k++) {
    long want = n - got < (long)sizeof(big) ? n - got : (long)sizeof(big);
    int r = recv(fd, big, want, 0);
    if (r <= 0)
      fail(line, "recv after %ld of %ld bytes: %s", got, n,
           r < 0 ? strerror(errno) : "end of stream");
    for (int i = 0; i < r; i++)
      if (big[i] != pat(off + got + i, seed))
        fail(line, "wrong byte at offset %ld", off + got + i);
    got += r;
  }
  if (got != n)
    fail(line, "got %ld bytes, want %ld", got, n);
}

// HEARD(fd, ms): the byte a child sends up the pipe fd when its call
// returns, which must come within ms milliseconds (scaled). A child
// still blocked then fails the case (fail() kills it), so a lost wakeup
// costs a few seconds, not a hung case.
#define HEARD(fd, ms) heard_((fd), (ms), __LINE__)
static char heard_(int fd, int ms, int line) {
  struct pollfd p = {fd, POLLIN, 0};
  char c = 0;
  ms = scaled_ms(ms);
  if (poll(&p, 1, ms) != 1 || read(fd, &c, 1) != 1)
    fail(line, "no word from the child in %d ms: it is still blocked", ms);
  return c;
}

// The ticks that passed since t0.
static long since(long t0) { return uptime() - t0; }

static int fileexists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 || errno != ENOENT;
}

// The cases.
#include "sockettests_calls.inc"
#include "sockettests_opts.inc"
#include "sockettests_data.inc"
#include "sockettests_wait.inc"
#include "sockettests_poll.inc"
#include "sockettests_load.inc"
#include "sockettests_core.inc"

// ---- the cases, for the runner (testlib) ----------------------------------

static struct tcase cases[] = {
    {"socket", sockcreate, 1, 60},
    {"socketpair", sockpair, 1, 60},
    {"bind", bindcalls, 1, 60},
    {"bindnames", bindnames, 1, 60},
    {"bindstale", bindstale, 1, 60},
    {"bindrace", bindrace, 1, 60},
    {"opensock", opensock, 1, 60},
    {"sockstat", sockstat, 1, 60},
    {"listen", listencalls, 1, 60},
    {"accept", acceptcalls, 1, 60},
    {"connect", connectcalls, 1, 60},
    {"dgramconnect", dgramconnect, 1, 60},
    {"names", names, 1, 60},
    {"sockopts", sockopts, 1, 60},
    {"fcntl", fcntlsock, 1, 60},
    {"cloexec", cloexec, 1, 60},
    {"sendrecv", sendrecv, 1, 60},
    {"senderrs", senderrs, 1, 60},
    {"msgsize", msgsize, 1, 60},
    {"boundaries", boundaries, 1, 60},
    {"dgramfrom", dgramfrom, 1, 60},
    {"shutdown", shutdowns, 1, 60},
    {"dgramunnamed", dgramunnamed, 1, 60},
    {"sendtoconn", sendtoconn, 1, 60},
    {"dgramshut", dgramshut, 1, 60},
    {"fdshare", fdshare, 1, 60},
    {"peerclose", peerclose, 1, 60},
    {"recvblocks", recvblocks, 1, 60},
    {"acceptblocks", acceptblocks, 1, 60},
    {"sendblocks", sendblocks, 1, 60},
    {"nonblocking", nonblocking, 1, 60},
    {"timeouts", timeouts, 1, 60},
    {"poll", pollready, 1, 60},
    {"pollfiles", pollfiles, 1, 60},
    {"pollwait", pollwait, 1, 60},
    {"listenshut", listenshut, 1, 60},
    {"timeohuge", timeohuge, 1, 60},
    {"pollunconn", pollunconn, 1, 60},
    {"polldgramfull", polldgramfull, 1, 60},
    {"select", selects, 1, 60},
    {"killaccept", killaccept, 1, 60},
    {"killrecv", killrecv, 1, 60},
    {"killsend", killsend, 1, 60},
    {"killpoll", killpoll, 1, 60},
    {"killconnect", killconnect, 1, 60},
    {"emfile", emfile, 1, 60},
    {"acceptemfile", acceptemfile, 1, 60},
    {"clients20", clients20, 0, 180},
    {"stream1m", stream1m, 0, 180},
    {"enobufs", enobufs, 0, 120},
    {"enfile", enfile, 0, 120},
    {"protoopts", protoopts, 1, 60},
    {"polloutmsg", polloutmsg, 1, 60},
    {"sndlowat", sndlowat, 1, 60},
    {"bindconnrace", bindconnrace, 1, 60},
    {"nc", ncprog, 0, 120},
    {"echopoll", echopollprog, 0, 180},
};

// warmup goes through the paths the cases use, so that what the kernel
// allocates once and keeps is there before the leak check's first look.
static void warmup(void) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
    send(sv[0], "w", 1, 0);
    recv(sv[1], buf, 1, 0);
    struct pollfd p = {sv[1], POLLIN, 0};
    poll(&p, 1, 0);
    close(sv[0]);
    close(sv[1]);
  }
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (s >= 0) {
    if (bindto(s, "warm") == 0)
      unlink("warm");
    close(s);
  }
  int pid = fork();
  if (pid == 0)
    exit(0);
  if (pid > 0)
    wait(NULL);
}

// The cloexec case's checker (see the head comment).
static int fdcheck(int argc, char *argv[]) {
  for (int i = 0; i < argc; i++) {
    int fd = atoi(argv[i] + 1);
    struct stat st;
    if (argv[i][0] == 'c' && (fcntl(fd, F_GETFD) != -1 || errno != EBADF))
      return 10 + i;
    if (argv[i][0] == 'o' && (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode)))
      return 20 + i;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  static struct suite suite = {.name = "sockettests",
                               .dir = "/st",
                               .cases = cases,
                               .ncases = NELEM(cases),
                               .warmup = warmup,
                               .flags = T_NOSOCK | T_KILLKIDS};
  if (argc > 1 && strcmp(argv[1], "-fds") == 0)
    return fdcheck(argc - 2, argv + 2);
  signal(SIGPIPE, SIG_IGN); // the cases check EPIPE; sigtests, SIGPIPE
  return runsuite(&suite, argc, argv);
}
