// user/nc.c: nc, netcat for AF_UNIX sockets.
//
//   nc [-u] [-d] [-w secs] -U path         connect to the socket at path
//   nc -l [-u] [-k] [-d] [-w secs] -U path listen at path
//
// Stream mode copies standard input to the socket and the socket to
// standard output, watching both with poll(). When standard input ends,
// nc shuts down its sending side (the peer reads end of file) and goes
// on reading until the peer closes; then it exits. When the peer is the
// first to finish, nc still sends the rest of a file or pipe on its
// standard input, but does not wait for a terminal (the console).
//
// -l   listen: bind path (a stale socket name there, one nobody answers
//      at, is removed first; any other file is left alone), accept one
//      client, copy, exit. The name is removed at exit.
// -k   with -l: after a client, accept the next one, forever.
// -u   datagrams (SOCK_DGRAM). The client binds an abstract name of its
//      own so that replies reach it, sends each read of standard input
//      as one datagram, and exits at the end of standard input (with
//      -w, once no reply has come for secs seconds after it). The
//      listener prints what it receives and sends standard input to the
//      last sender that has a name; it runs until killed (or -w).
// -d   never read standard input (for a job in the background, which
//      shares the console with the shell); unlike the end of standard
//      input, this does not shut down the sending side.
// -w   give up after secs seconds with nothing to read or send (not
//      counting the wait of -l for a client); a client also keeps trying
//      to connect for secs seconds while the name is missing or nobody
//      listens (a server started in the background a moment before may
//      not have bound its name yet).
// -U   AF_UNIX: required, the only family netv6 has.

#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int lflag, kflag, uflag, dflag, Uflag;
static int wsecs = -1;    // -w; -1: none
static const char *bound; // the path we bound, removed at exit
static char buf[4096];

static void usage(void) {
  fprintf(stderr, "usage: nc [-u] [-d] [-w secs] -U path\n"
                  "       nc -l [-u] [-k] [-d] [-w secs] -U path\n");
  exit(1);
}

static void quit(int status) {
  if (bound)
    unlink(bound);
  exit(status);
}

static void fail(const char *what) {
  fprintf(stderr, "nc: %s: %s\n", what, strerror(errno));
  quit(1);
}

static socklen_t mkaddr(struct sockaddr_un *a, const char *path) {
  if (strlen(path) >= sizeof(a->sun_path)) {
    fprintf(stderr, "nc: %s: name too long\n", path);
    quit(1);
  }
  memset(a, 0, sizeof(*a));
  a->sun_family = AF_UNIX;
  strcpy(a->sun_path, path);
  return SUN_LEN(a);
}

// bind s to path, replacing a stale socket name there (any other file
// is left alone).
static void bindpath(int s, const char *path) {
  struct sockaddr_un a;
  socklen_t len = mkaddr(&a, path);
  if (bindreplace(s, &a, len) < 0)
    fail(path);
  bound = path;
}

static int writeall(int fd, const char *p, int n) {
  while (n > 0) {
    int w = write(fd, p, n);
    if (w < 0)
      return -1;
    p += w;
    n -= w;
  }
  return 0;
}

// The poll timeout for -w.
static int idlems(void) { return wsecs < 0 ? -1 : wsecs * 1000; }

// Is standard input a terminal (a character device such as the
// console)? Such input has no end to wait for.
static int interactive(void) {
  struct stat st;
  return fstat(0, &st) == 0 && S_ISCHR(st.st_mode);
}

// Copy between standard input/output and a connected stream socket.
// *inopen says whether standard input may still be read; at its end it
// is cleared and the socket shut down for sending (so is every later
// connection, at once). With -d nothing is sent, but the sending side
// stays open.
//
// Done when the peer has finished sending (end of file on the socket)
// and nothing is left to send: standard input has ended, the peer can
// take no more (EPIPE), or standard input is a terminal or -d, which
// would only keep nc waiting for a line nobody means to send.
//
// The socket is non-blocking and what it cannot take yet waits in out[]
// (standard input is not read meanwhile), so nc always goes on reading:
// two nc's sending each other a lot at once cannot both block in write.
static void pump(int s, int *inopen) {
  static char out[4096];
  int off = 0, len = 0; // out[off..len) is still to be sent
  int netdone = 0;      // end of file from the socket
  int fl = fcntl(s, F_GETFL);
  if (fl < 0 || fcntl(s, F_SETFL, fl | O_NONBLOCK) < 0)
    fail("fcntl");
  if (!*inopen && !dflag)
    shutdown(s, SHUT_WR);
  for (;;) {
    if (netdone && off == len && (!*inopen || interactive()))
      return;
    struct pollfd p[2] = {{s, 0, 0}, {0, POLLIN, 0}};
    if (!netdone)
      p[0].events |= POLLIN;
    if (off < len)
      p[0].events |= POLLOUT;
    int r = poll(p, *inopen && off == len ? 2 : 1, idlems());
    if (r < 0)
      fail("poll");
    if (r == 0) {
      fprintf(stderr, "nc: idle for %d seconds\n", wsecs);
      quit(1);
    }
    if (!netdone && (p[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      int n = read(s, buf, sizeof(buf));
      if (n < 0 && errno != EAGAIN)
        fail("read");
      if (n == 0)
        netdone = 1;
      if (n > 0 && writeall(1, buf, n) < 0)
        fail("write");
    }
    if (off < len && (p[0].revents & (POLLOUT | POLLHUP | POLLERR))) {
      int w = write(s, out + off, len - off);
      if (w < 0 && errno == EPIPE) {
        *inopen = 0; // the peer takes no more
        off = len = 0;
      } else if (w < 0 && errno != EAGAIN) {
        fail("send");
      } else if (w > 0 && (off += w) == len) {
        off = len = 0;
      }
    }
    if (*inopen && off == len && p[1].revents) {
      int n = read(0, out, sizeof(out));
      if (n > 0) {
        off = 0;
        len = n;
      } else {
        *inopen = 0;
        shutdown(s, SHUT_WR);
      }
    }
  }
}

static int connectwait(int type, struct sockaddr_un *a, socklen_t len) {
  long until = uptime() + (wsecs > 0 ? wsecs : 0) * (long)HZ;
  for (;;) {
    int s = socket(AF_UNIX, type, 0);
    if (s < 0)
      fail("socket");
    if (connect(s, (struct sockaddr *)a, len) == 0)
      return s;
    int e = errno;
    close(s);
    errno = e;
    if ((e != ENOENT && e != ECONNREFUSED) || uptime() >= until)
      fail(a->sun_path);
    pause(HZ / 20);
  }
}

static void streamclient(const char *path) {
  struct sockaddr_un a;
  socklen_t len = mkaddr(&a, path);
  int s = connectwait(SOCK_STREAM, &a, len);
  int inopen = !dflag;
  pump(s, &inopen);
  quit(0);
}

static void streamlisten(const char *path) {
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  if (l < 0)
    fail("socket");
  bindpath(l, path);
  if (listen(l, 5) < 0)
    fail("listen");
  int inopen = !dflag;
  do {
    int s = accept(l, 0, 0);
    if (s < 0)
      fail("accept");
    pump(s, &inopen);
    close(s);
  } while (kflag);
  quit(0);
}

static void dgramclient(const char *path) {
  struct sockaddr_un a, me;
  socklen_t len = mkaddr(&a, path);
  int s = connectwait(SOCK_DGRAM, &a, len);
  // An abstract name of our own, so the peer can answer.
  memset(&me, 0, sizeof(me));
  me.sun_family = AF_UNIX;
  int n = snprintf(me.sun_path + 1, sizeof(me.sun_path) - 1, "nc.%d", getpid());
  if (bind(s, (struct sockaddr *)&me, sizeof(sa_family_t) + 1 + n) < 0)
    fail("bind");
  for (;;) {
    struct pollfd p[2] = {{s, POLLIN, 0}, {0, POLLIN, 0}};
    int r = poll(p, dflag ? 1 : 2, idlems());
    if (r < 0)
      fail("poll");
    if (r == 0)
      quit(0);
    if (p[0].revents) {
      int m = recv(s, buf, sizeof(buf), 0);
      if (m < 0)
        fail("recv");
      if (writeall(1, buf, m) < 0)
        fail("write");
    }
    if (!dflag && p[1].revents) {
      int m = read(0, buf, sizeof(buf));
      if (m <= 0) {
        if (wsecs <= 0)
          quit(0);
        dflag = 1; // with -w, wait for replies until idle
      } else if (send(s, buf, m, 0) < 0) {
        fail("send");
      }
    }
  }
}

static void dgramlisten(const char *path) {
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (s < 0)
    fail("socket");
  bindpath(s, path);
  int inopen = !dflag, havepeer = 0;
  struct sockaddr_un peer;
  socklen_t peerlen = 0;
  for (;;) {
    struct pollfd p[2] = {{s, POLLIN, 0}, {0, POLLIN, 0}};
    // Standard input waits until there is someone to send it to.
    int r = poll(p, inopen && havepeer ? 2 : 1, idlems());
    if (r < 0)
      fail("poll");
    if (r == 0)
      quit(0);
    if (p[0].revents) {
      struct sockaddr_un from;
      socklen_t flen = sizeof(from);
      int m = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
      if (m < 0)
        fail("recvfrom");
      if (flen > sizeof(sa_family_t)) {
        peer = from;
        peerlen = flen;
        havepeer = 1;
      }
      if (writeall(1, buf, m) < 0)
        fail("write");
    }
    if (inopen && havepeer && p[1].revents) {
      int m = read(0, buf, sizeof(buf));
      if (m <= 0)
        inopen = 0;
      else if (sendto(s, buf, m, 0, (struct sockaddr *)&peer, peerlen) < 0)
        fprintf(stderr, "nc: sendto: %s\n", strerror(errno));
    }
  }
}

int main(int argc, char *argv[]) {
  const char *path = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (a[0] != '-' || a[1] == 0) {
      if (path)
        usage();
      path = a;
      continue;
    }
    for (a++; *a; a++) {
      switch (*a) {
      case 'l':
        lflag = 1;
        break;
      case 'k':
        kflag = 1;
        break;
      case 'u':
        uflag = 1;
        break;
      case 'd':
        dflag = 1;
        break;
      case 'U':
        Uflag = 1;
        break;
      case 'w': {
        const char *v = a[1] ? a + 1 : (i + 1 < argc ? argv[++i] : 0);
        char *end;
        if (v == 0)
          usage();
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 0 || n > 1000000)
          usage();
        wsecs = n;
        a += strlen(a) - 1; // the value was the rest of this word
        break;
      }
      default:
        usage();
      }
    }
  }
  if (!path || (kflag && !lflag))
    usage();
  if (!Uflag) {
    fprintf(stderr, "nc: only AF_UNIX sockets (-U) are supported\n");
    usage();
  }
  if (lflag)
    uflag ? dgramlisten(path) : streamlisten(path);
  else
    uflag ? dgramclient(path) : streamclient(path);
  return 0;
}
