// user/sockettests.c: the in-guest suite for the BSD socket face (user
// space; tests the kernel as a black box through socket calls on file
// descriptors: AF_UNIX stream, datagram and seqpacket sockets, poll,
// fcntl, and the limits).
//
//   sockettests          every case, then the leak check
//   sockettests -q       the quick subset, then the leak check
//   sockettests NAME...  the named cases, then the leak check
//
// Output, parsed by tests/run.py (the protocol of usertests):
//   START name                          before each case
//   PASS name  |  FAIL name: why        after it
//   sockettests: N passed, M failed     at the end; exit status 1 if M > 0
//
// Each case runs in a forked child inside the scratch directory /st,
// under a watchdog that kills it after its time limit. A case fails
// through the EXPECT/OK/FAILS macros: the reason goes up a pipe to the
// runner, and the process exits 1. Processes of a case wait for each
// other with pipes, wait() and the blocking rules of sockets, never by
// sleeping; every loop is bounded. The leak check compares sysinfo()
// counts (free pages, processes, files, inodes, sockets) from before
// the cases with those after them, and wants no socket left at all.
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
#include <netv6.h>
#include <netv6/fs.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
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

#define CASEFAIL 1 // the exit status of a process that failed a check
// A datagram send with no destination: EDESTADDRREQ as POSIX says
// (Linux says ENOTCONN).
#define NODEST EDESTADDRREQ
#define CHUNK 1024 // bytes per send when filling a buffer

static int repfd = -1;  // where reasons go: the pipe to the runner
static char buf[8192];  // scratch
static char big[65536]; // scratch for larger transfers

// ---- checks ------------------------------------------------------------

// The helper processes a case started (with SPAWN): a failing case
// kills and reaps them, so that none lives on holding sockets.
static int kids[NPROC];
static int nkids;

static void fail(int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
static void fail(int line, const char *fmt, ...) {
  char msg[256];
  int n = snprintf(msg, sizeof(msg), "line %d: ", line);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof(msg) - n - 1, fmt, ap);
  va_end(ap);
  n = strlen(msg);
  msg[n++] = '\n';
  write(repfd >= 0 ? repfd : 2, msg, n);
  for (int i = 0; i < nkids; i++)
    kill(kids[i], SIGKILL);
  for (int i = 0; i < nkids && wait(NULL) >= 0; i++)
    ;
  exit(CASEFAIL);
}

// SPAWN(): fork, remembering the child for fail().
#define SPAWN() spawn_(__LINE__)
static int spawn_(int line) {
  int pid = fork();
  if (pid < 0)
    fail(line, "fork: %s", strerror(errno));
  if (pid == 0)
    nkids = 0;
  else if (nkids < NPROC)
    kids[nkids++] = pid;
  return pid;
}

#define FAIL(...) fail(__LINE__, __VA_ARGS__)
#define EXPECT(cond, ...)                                                      \
  do {                                                                         \
    if (!(cond))                                                               \
      FAIL(__VA_ARGS__);                                                       \
  } while (0)
// OK(call): the call must not fail; gives its result.
#define OK(call) must_((long)(call), #call, __LINE__)
// FAILS(call, err): the call must return -1 with errno err.
#define FAILS(call, err)                                                       \
  mustfail_((errno = 0, (long)(call)), (err), #call, __LINE__)

static long must_(long r, const char *what, int line) {
  if (r < 0)
    fail(line, "%s: %s", what, strerror(errno));
  return r;
}

static void mustfail_(long r, int err, const char *what, int line) {
  if (r != -1)
    fail(line, "%s gave %ld, want -1 (%s)", what, r, strerror(err));
  if (errno != err)
    fail(line, "%s: %s (%d), want %s (%d)", what, strerror(errno), errno,
         strerror(err), err);
}

// What a wait status says, in words.
static const char *status(int st) {
  static char s[32];
  if (WIFEXITED(st))
    snprintf(s, sizeof(s), "exit %d", WEXITSTATUS(st));
  else
    snprintf(s, sizeof(s), "signal %d", WTERMSIG(st));
  return s;
}

// EXITED(pid, code): waits for the child, which must exit with code.
#define EXITED(pid, code) exited_((pid), (code), __LINE__)
static void exited_(int pid, int code, int line) {
  int st = 0, w = wait(&st);
  if (w != pid)
    fail(line, "wait gave %d (%s), want child %d", w,
         w < 0 ? strerror(errno) : "another child", pid);
  if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
    fail(line, "child %s, want exit %d", status(st), code);
}

// KILLED(pid): waits for the child, which must have died of SIGKILL.
#define KILLED(pid) killed_((pid), __LINE__)
static void killed_(int pid, int line) {
  int st = 0, w = wait(&st);
  if (w != pid)
    fail(line, "wait gave %d, want child %d", w, pid);
  if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
    fail(line, "child %s, want signal %d", status(st), SIGKILL);
}

// REAPALL(pids, n): waits for all n children, in any order; each must
// exit 0.
#define REAPALL(pids, n) reapall_((pids), (n), __LINE__)
static void reapall_(const int *pids, int n, int line) {
  int bad = 0, badst = 0;
  for (int done = 0; done < n; done++) {
    int st = 0, w = wait(&st), i;
    if (w < 0)
      fail(line, "wait: %s after %d of %d children", strerror(errno), done, n);
    for (i = 0; i < n && pids[i] != w; i++)
      ;
    if (i == n)
      fail(line, "wait gave %d, not one of ours", w);
    if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0) && !bad)
      bad = w, badst = st;
  }
  if (bad)
    fail(line, "child %d: %s", bad, status(badst));
}

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
#define LISTENER(name, type, backlog)                                          \
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

// The lowest free descriptor.
static int lowfd(void) {
  int fd = OK(dup(0));
  close(fd);
  return fd;
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

// The ticks that passed since t0.
static long since(long t0) { return uptime() - t0; }

// A child reports that it got somewhere; the parent waits for that.
static void ready(int fd) {
  if (write(fd, "r", 1) != 1)
    FAIL("ready: %s", strerror(errno));
}

#define AWAIT(fd) await_((fd), __LINE__)
static void await_(int fd, int line) {
  char c;
  if (read(fd, &c, 1) != 1)
    fail(line, "the child never got ready");
}

static int fileexists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 || errno != ENOENT;
}

// The cases.
#include "sockettests_calls.inc"
#include "sockettests_data.inc"
#include "sockettests_wait.inc"
#include "sockettests_load.inc"

// ---- the runner ------------------------------------------------------------

struct testcase {
  const char *name;
  void (*fn)(void);
  int quick; // part of -q
  int secs;  // the watchdog's limit
};

static struct testcase cases[] = {
    {"socket", sockcreate, 1, 60},
    {"socketpair", sockpair, 1, 60},
    {"bind", bindcalls, 1, 60},
    {"bindnames", bindnames, 1, 60},
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
    {"nc", ncprog, 0, 120},
    {"echopoll", echopollprog, 0, 180},
};
#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

static int npass, nfail;

static void report(const char *name, const char *why) {
  if (why) {
    nfail++;
    printf("FAIL %s: %s\n", name, why);
  } else {
    npass++;
    printf("PASS %s\n", name);
  }
}

// Reads the reasons the case's processes sent, as one line. The pipe
// is non-blocking: a helper process left behind must not hang the run.
static void reasons(int fd, char *why, int size) {
  static char raw[512];
  int k = 0;
  fcntl(fd, F_SETFL, O_NONBLOCK);
  int n = read(fd, raw, sizeof(raw) - 1);
  if (n < 0)
    n = 0;
  while (n > 0 && raw[n - 1] == '\n')
    n--;
  for (int i = 0; i < n && k < size - 3; i++) {
    if (raw[i] == '\n') {
      why[k++] = ';';
      why[k++] = ' ';
    } else {
      why[k++] = raw[i];
    }
  }
  why[k] = 0;
}

// run runs one case in a child under a watchdog and reports it.
static void run(struct testcase *t) {
  static char why[600];
  int rep[2];
  printf("START %s\n", t->name);
  if (pipe(rep) < 0) {
    snprintf(why, sizeof(why), "pipe: %s", strerror(errno));
    report(t->name, why);
    return;
  }
  int pid = fork();
  if (pid == 0) {
    close(rep[0]);
    repfd = rep[1];
    t->fn();
    exit(0);
  }
  if (pid < 0) {
    snprintf(why, sizeof(why), "fork: %s", strerror(errno));
    close(rep[0]);
    close(rep[1]);
    report(t->name, why);
    return;
  }
  int dog = fork();
  if (dog == 0) {
    close(rep[0]);
    close(rep[1]);
    pause(t->secs * HZ);
    exit(0);
  }
  int st = 0, w = -1, late = 0;
  for (int i = 0; i < 3; i++) {
    w = wait(&st);
    if (w == pid || w < 0)
      break;
    if (w == dog) {
      late = 1;
      dog = -1;
      kill(pid, SIGKILL);
    }
  }
  if (dog > 0) {
    kill(dog, SIGKILL);
    wait(NULL);
  }
  close(rep[1]);
  why[0] = 0;
  if (w != pid) {
    snprintf(why, sizeof(why), "lost the case's process (wait gave %d)", w);
  } else if (late) {
    snprintf(why, sizeof(why), "timed out after %d s", t->secs);
  } else if (WIFEXITED(st) && WEXITSTATUS(st) == CASEFAIL) {
    reasons(rep[0], why, sizeof(why));
    if (why[0] == 0)
      snprintf(why, sizeof(why), "exit %d with no reason", CASEFAIL);
  } else if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
    snprintf(why, sizeof(why), "the case ended with %s", status(st));
  }
  close(rep[0]);
  report(t->name, why[0] ? why : NULL);
}

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

static void leakcheck(struct sysinfo *a) {
  static char why[240];
  struct sysinfo b;
  if (sysinfo(&b) < 0) {
    snprintf(why, sizeof(why), "sysinfo: %s", strerror(errno));
    report("leaks", why);
    return;
  }
  snprintf(why, sizeof(why),
           "freepages %ld (%lu -> %lu), nproc %d, nfile %d, ninode %d, "
           "nsocket %d (%u left)",
           (long)(b.freepages - a->freepages), (unsigned long)a->freepages,
           (unsigned long)b.freepages, (int)(b.nproc - a->nproc),
           (int)(b.nfile - a->nfile), (int)(b.ninode - a->ninode),
           (int)(b.nsocket - a->nsocket), (unsigned)b.nsocket);
  int same = a->freepages == b.freepages && a->nproc == b.nproc &&
             a->nfile == b.nfile && a->ninode == b.ninode &&
             a->nsocket == b.nsocket && b.nsocket == 0;
  report("leaks", same ? NULL : why);
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

static int chosen(struct testcase *t, int argc, char *argv[], int quick) {
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
  if (argc > 0 && strcmp(argv[0], "-fds") == 0)
    return fdcheck(argc - 1, argv + 1);
  if (argc > 0 && strcmp(argv[0], "-q") == 0)
    quick = 1, argc--, argv++;
  for (int i = 0; i < argc; i++) {
    int j = 0;
    while (j < NCASES && strcmp(argv[i], cases[j].name) != 0)
      j++;
    if (j == NCASES) {
      printf("sockettests: no case %s; the cases:", argv[i]);
      for (j = 0; j < NCASES; j++)
        printf(" %s", cases[j].name);
      printf("\n");
      return 2;
    }
  }
  if ((mkdir("/st", 0755) < 0 && errno != EEXIST) || chdir("/st") < 0) {
    printf("sockettests: cannot make /st: %s\n", strerror(errno));
    return 1;
  }
  printf("sockettests: starting\n");
  warmup();
  struct sysinfo before;
  int have = sysinfo(&before) == 0;
  for (int i = 0; i < NCASES; i++)
    if (chosen(&cases[i], argc, argv, quick))
      run(&cases[i]);
  if (have)
    leakcheck(&before);
  else
    report("leaks", "sysinfo failed before the cases");
  chdir("/");
  unlink("/st");
  printf("sockettests: %d passed, %d failed\n", npass, nfail);
  return nfail ? 1 : 0;
}
