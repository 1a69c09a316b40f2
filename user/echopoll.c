// user/echopoll.c: echopoll [-n N] PATH, an echo server for many
// clients in one process, driven by poll().
//
// Listens on the AF_UNIX stream socket PATH (removing a stale socket
// name there first) and sends every client back what it sends, until
// the client shuts down its sending side and everything is echoed; then
// closes that connection. Up to 32 clients at once; more wait in the
// listen queue. With -n N it stops accepting after N clients and exits
// once they are all done, printing "echopoll: served N clients".
// The name is removed at exit.
//
// Everything is non-blocking: the listener (fcntl O_NONBLOCK) is
// drained with accept4(SOCK_NONBLOCK) until EAGAIN, and each client has
// one buffer: while it holds bytes not yet echoed (a write may take only
// part of them), the client is polled for POLLOUT and not read, so a
// client that does not read its echo only stops itself, never the
// server.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAXCLIENTS 32
#define BUFSIZE 4096

struct client {
  int fd;       // -1: a free slot
  int off, len; // buf[off..len) is still to be echoed
  int eof;      // the client has sent all it will
  char buf[BUFSIZE];
};

static struct client cl[MAXCLIENTS];
static int nclients;
static long accepted, served, failed, limit = -1;
static const char *path;

static void fail(const char *what) {
  fprintf(stderr, "echopoll: %s: %s\n", what, strerror(errno));
  if (path)
    unlink(path);
  exit(1);
}

// Bind s to a, replacing a stale name of an earlier server.
static void bindname(int s, struct sockaddr_un *a, socklen_t len) {
  if (bindreplace(s, a, len) < 0) {
    fprintf(stderr, "echopoll: bind %s: %s\n", a->sun_path, strerror(errno));
    exit(1);
  }
}

static void finish(struct client *c, int ok) {
  close(c->fd);
  c->fd = -1;
  nclients--;
  served++;
  if (!ok)
    failed++;
}

// Take every connection waiting, while there is room.
static void acceptall(int l) {
  while (nclients < MAXCLIENTS && (limit < 0 || accepted < limit)) {
    int fd = accept4(l, 0, 0, SOCK_NONBLOCK);
    if (fd < 0) {
      if (errno == EAGAIN)
        return;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS) {
        fprintf(stderr, "echopoll: accept: %s\n", strerror(errno));
        return; // try again when something has closed
      }
      fail("accept");
    }
    struct client *c = cl;
    while (c->fd >= 0)
      c++;
    c->fd = fd;
    c->off = c->len = c->eof = 0;
    nclients++;
    accepted++;
  }
}

// Move c along: echo what is pending, else read more.
static void service(struct client *c) {
  if (c->off == c->len && !c->eof) {
    int n = read(c->fd, c->buf, BUFSIZE);
    if (n < 0 && errno != EAGAIN) {
      finish(c, 0);
      return;
    }
    if (n == 0)
      c->eof = 1;
    if (n > 0) {
      c->off = 0;
      c->len = n;
    }
  }
  if (c->off < c->len) {
    int w = write(c->fd, c->buf + c->off, c->len - c->off);
    if (w < 0 && errno != EAGAIN) {
      finish(c, 0); // EPIPE: the client is gone
      return;
    }
    if (w > 0)
      c->off += w;
    if (c->off == c->len)
      c->off = c->len = 0;
  }
  if (c->eof && c->off == c->len)
    finish(c, 1);
}

int main(int argc, char *argv[]) {
  int i = 1;
  if (argc > 2 && strcmp(argv[1], "-n") == 0) {
    char *end;
    limit = strtol(argv[2], &end, 10);
    if (end == argv[2] || *end || limit < 1)
      argc = 0; // to usage
    i = 3;
  }
  if (argc != i + 1) {
    fprintf(stderr, "usage: echopoll [-n N] PATH\n");
    return 2;
  }
  struct sockaddr_un a;
  if (strlen(argv[i]) >= sizeof(a.sun_path)) {
    fprintf(stderr, "echopoll: %s: name too long\n", argv[i]);
    return 1;
  }
  memset(&a, 0, sizeof(a));
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, argv[i]);

  signal(SIGPIPE, SIG_IGN); // a client gone early: EPIPE, not our end
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  if (l < 0)
    fail("socket");
  bindname(l, &a, SUN_LEN(&a));
  path = argv[i];
  if (listen(l, MAXCLIENTS) < 0)
    fail("listen");
  int fl = fcntl(l, F_GETFL);
  if (fl < 0 || fcntl(l, F_SETFL, fl | O_NONBLOCK) < 0)
    fail("fcntl");
  for (int k = 0; k < MAXCLIENTS; k++)
    cl[k].fd = -1;

  while (limit < 0 || served < limit) {
    struct pollfd p[MAXCLIENTS + 1];
    struct client *who[MAXCLIENTS + 1];
    int n = 0;
    if (nclients < MAXCLIENTS && (limit < 0 || accepted < limit)) {
      p[n].fd = l;
      p[n].events = POLLIN;
      who[n++] = 0;
    }
    for (int k = 0; k < MAXCLIENTS; k++) {
      struct client *c = &cl[k];
      if (c->fd < 0)
        continue;
      p[n].fd = c->fd;
      p[n].events = c->off < c->len ? POLLOUT : POLLIN;
      who[n++] = c;
    }
    if (poll(p, n, -1) < 0)
      fail("poll");
    for (int k = 0; k < n; k++) {
      if (p[k].revents == 0)
        continue;
      if (who[k])
        service(who[k]);
      else
        acceptall(l);
    }
  }
  close(l);
  unlink(path);
  printf("echopoll: served %ld clients", served);
  if (failed)
    printf(", %ld failed", failed);
  printf("\n");
  return 0;
}
