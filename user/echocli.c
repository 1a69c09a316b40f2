// user/echocli.c: echocli PATH [count] [size] checks an echo server.
//
// Connects to the AF_UNIX stream socket at PATH (trying again for up to
// 5 seconds while the name is missing or nobody listens, so a server
// started in the background just before has time to bind), then runs
// count rounds (default 4): each sends size bytes (default 1000) of a
// pattern that depends on the offset and on this process, and reads the
// echo back, checking every byte. Sending and reading are interleaved
// with poll() on a non-blocking socket, so any size works whatever the
// buffers hold. Finally it shuts down its sending side and expects the
// server to close without sending more.
//
// Prints "echocli: OK N bytes" and exits 0, or "echocli: FAIL ..." and
// exits 1. No step waits more than 10 seconds.

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <netv6.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define STEP_MS 10000
#define CHUNK 4096

static unsigned seed;
static char out[CHUNK], in[CHUNK];

static void failx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
static void failx(const char *fmt, ...) {
  char msg[160];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  printf("echocli: FAIL %s\n", msg);
  exit(1);
}

static void failerr(const char *what) {
  printf("echocli: FAIL %s: %s\n", what, strerror(errno));
  exit(1);
}

// The byte at stream offset off.
static unsigned char pattern(long off) {
  return (unsigned char)(off * 7 + (off >> 8) * 13 + seed);
}

static int connectwait(const char *path) {
  struct sockaddr_un a;
  if (strlen(path) >= sizeof(a.sun_path))
    failx("path too long");
  memset(&a, 0, sizeof(a));
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, path);
  long until = uptime() + 5 * HZ;
  for (;;) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    if (s < 0)
      failerr("socket");
    if (connect(s, (struct sockaddr *)&a, SUN_LEN(&a)) == 0)
      return s;
    int e = errno;
    close(s);
    errno = e;
    if ((e != ENOENT && e != ECONNREFUSED) || uptime() >= until)
      failerr("connect");
    ticksleep(HZ / 20);
  }
}

// One round: send bytes [base, base+size) and read them back.
static void round1(int s, long base, long size) {
  long sent = 0, got = 0;
  while (got < size) {
    struct pollfd p = {s, POLLIN | (sent < size ? POLLOUT : 0), 0};
    int r = poll(&p, 1, STEP_MS);
    if (r < 0)
      failerr("poll");
    if (r == 0)
      failx("timeout: sent %ld, received %ld of %ld bytes", base + sent,
            base + got, base + size);
    if ((p.revents & POLLOUT) && sent < size) {
      int n = size - sent < CHUNK ? size - sent : CHUNK;
      for (int i = 0; i < n; i++)
        out[i] = pattern(base + sent + i);
      int w = write(s, out, n);
      if (w < 0 && errno != EAGAIN)
        failerr("write");
      if (w > 0)
        sent += w;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      int n = read(s, in, sizeof(in));
      if (n < 0 && errno != EAGAIN)
        failerr("read");
      if (n == 0)
        failx("end of stream after %ld of %ld bytes", base + got, base + size);
      if (got + n > sent)
        failx("received %ld bytes, only %ld sent", base + got + n, base + sent);
      for (int i = 0; i < n; i++) {
        unsigned char want = pattern(base + got + i);
        if ((unsigned char)in[i] != want)
          failx("byte %ld: expected %d, got %d", base + got + i, want,
                (unsigned char)in[i]);
      }
      if (n > 0)
        got += n;
    }
  }
}

static long number(const char *s, long max) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end || v < 0 || v > max) {
    fprintf(stderr, "usage: echocli PATH [count] [size]\n");
    exit(2);
  }
  return v;
}

int main(int argc, char *argv[]) {
  if (argc < 2 || argc > 4) {
    fprintf(stderr, "usage: echocli PATH [count] [size]\n");
    return 2;
  }
  long count = argc > 2 ? number(argv[2], 1000000) : 4;
  long size = argc > 3 ? number(argv[3], 1L << 30) : 1000;
  seed = getpid() * 37;
  int s = connectwait(argv[1]);
  if (fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK) < 0)
    failerr("fcntl");
  for (long i = 0; i < count; i++)
    round1(s, i * size, size);
  if (shutdown(s, SHUT_WR) < 0)
    failerr("shutdown");
  for (;;) {
    struct pollfd p = {s, POLLIN, 0};
    int r = poll(&p, 1, STEP_MS);
    if (r < 0)
      failerr("poll");
    if (r == 0)
      failx("timeout waiting for the server to close");
    int n = read(s, in, sizeof(in));
    if (n == 0)
      break;
    if (n > 0)
      failx("%d bytes more than were sent", n);
    if (errno != EAGAIN)
      failerr("read at end");
  }
  close(s);
  printf("echocli: OK %ld bytes\n", count * size);
  return 0;
}
