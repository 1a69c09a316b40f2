// user/echofork.c: echofork [-n N] PATH, an echo server with one
// process per client.
//
// Listens on the AF_UNIX stream socket PATH (removing a stale socket
// name there first). For each connection it forks a child that echoes
// with plain blocking read/write until the client shuts down its
// sending side, then exits. With -n N it stops accepting after N
// clients, waits for the children, prints "echofork: served N clients"
// and exits. The name is removed at exit.
//
// Reaping, without SIGCHLD or waitpid(WNOHANG): each child gets a "death
// notice": a pipe whose write end only that child holds and never
// writes. The parent polls the listener and every pipe's read end; when
// a child exits, for whatever reason (even a fault), the kernel closes
// its write end and the parent's end reports POLLHUP. That child has
// exited or is about to, so the one wait() the parent then calls returns
// at once (with that child or another that exited already). Each
// notice is matched by exactly one wait(), so the parent never blocks
// on a live child and never leaves a zombie behind.

#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXCHILD 32

static int notice[MAXCHILD]; // read ends of the death notices; -1 free
static int nchild;
static long accepted, served, failed, limit = -1;
static const char *path;

static void fail(const char *what) {
  fprintf(stderr, "echofork: %s: %s\n", what, strerror(errno));
  if (path)
    unlink(path);
  exit(1);
}

// Bind s to a, replacing a stale name of an earlier server.
static void bindname(int s, struct sockaddr_un *a, socklen_t len) {
  if (bindreplace(s, a, len) < 0) {
    fprintf(stderr, "echofork: bind %s: %s\n", a->sun_path, strerror(errno));
    exit(1);
  }
}

// The child: echo on s until end of stream. Exit status 0 if all went
// well.
static void echo(int s) {
  static char buf[4096];
  int n;
  while ((n = read(s, buf, sizeof(buf))) > 0) {
    for (int off = 0; off < n;) {
      int w = write(s, buf + off, n - off);
      if (w < 0)
        exit(1); // EPIPE: the client is gone
      off += w;
    }
  }
  exit(n < 0);
}

// Reap one child, whose notice at slot k has arrived.
static void reap(int k) {
  close(notice[k]);
  notice[k] = -1;
  nchild--;
  int st;
  if (wait(&st) < 0)
    fail("wait");
  served++;
  if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
    failed++;
}

// Serve connection s in a new child.
static void spawn(int l, int s) {
  int k = 0, pfd[2];
  while (notice[k] >= 0)
    k++;
  if (pipe(pfd) < 0) {
    fprintf(stderr, "echofork: pipe: %s\n", strerror(errno));
    close(s);
    return;
  }
  int pid = fork();
  if (pid == 0) {
    // Keep only the connection and our own notice's write end.
    close(l);
    close(pfd[0]);
    for (int j = 0; j < MAXCHILD; j++)
      if (notice[j] >= 0)
        close(notice[j]);
    echo(s);
  }
  close(pfd[1]);
  close(s);
  if (pid < 0) {
    fprintf(stderr, "echofork: fork: %s\n", strerror(errno));
    close(pfd[0]);
    return;
  }
  notice[k] = pfd[0];
  nchild++;
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
    fprintf(stderr, "usage: echofork [-n N] PATH\n");
    return 2;
  }
  struct sockaddr_un a;
  if (strlen(argv[i]) >= sizeof(a.sun_path)) {
    fprintf(stderr, "echofork: %s: name too long\n", argv[i]);
    return 1;
  }
  memset(&a, 0, sizeof(a));
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, argv[i]);

  signal(SIGPIPE, SIG_IGN); // a client gone early: EPIPE, not our end
  int l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (l < 0)
    fail("socket");
  bindname(l, &a, SUN_LEN(&a));
  path = argv[i];
  if (listen(l, 16) < 0)
    fail("listen");
  for (int k = 0; k < MAXCHILD; k++)
    notice[k] = -1;

  while (limit < 0 || accepted < limit || nchild > 0) {
    struct pollfd p[MAXCHILD + 1];
    int slot[MAXCHILD + 1];
    int n = 0;
    if (nchild < MAXCHILD && (limit < 0 || accepted < limit)) {
      p[n].fd = l;
      p[n].events = POLLIN;
      slot[n++] = -1;
    }
    for (int k = 0; k < MAXCHILD; k++) {
      if (notice[k] >= 0) {
        p[n].fd = notice[k];
        p[n].events = POLLIN;
        slot[n++] = k;
      }
    }
    if (poll(p, n, -1) < 0)
      fail("poll");
    for (int k = 0; k < n; k++) {
      if (p[k].revents == 0)
        continue;
      if (slot[k] >= 0) {
        reap(slot[k]);
        continue;
      }
      int s = accept(l, 0, 0); // ready: does not block
      if (s < 0) {
        if (errno != EMFILE && errno != ENFILE && errno != ENOBUFS)
          fail("accept");
        fprintf(stderr, "echofork: accept: %s\n", strerror(errno));
        ticksleep(HZ / 10); // out of descriptors or sockets: wait a little
        continue;
      }
      accepted++;
      spawn(l, s);
    }
  }
  close(l);
  unlink(path);
  printf("echofork: served %ld clients", served);
  if (failed)
    printf(", %ld failed", failed);
  printf("\n");
  return 0;
}
