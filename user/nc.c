// user/nc.c: nc, netcat for UDP and AF_UNIX sockets.
//
//   nc -u [-d] [-w secs] HOST PORT                UDP client
//   nc -l -u [-d] [-v] [-w secs] [ADDR] PORT      UDP listener
//   nc [-u] [-d] [-w secs] -U path                AF_UNIX client
//   nc -l [-u] [-k] [-d] [-w secs] -U path        AF_UNIX listener
//
// HOST is a name (getaddrinfo: /etc/hosts, then DNS) or an address;
// PORT a number or a service name ("echo", "domain"). There is no TCP
// yet: without -u or -U, nc says so.
//
// Stream mode copies standard input to the socket and the socket to
// standard output, watching both with poll(). When standard input ends,
// nc shuts down its sending side (the peer reads end of file) and goes
// on reading until the peer closes; then it exits. When the peer is the
// first to finish, nc still sends the rest of a file or pipe on its
// standard input, but does not wait for a terminal (the console).
//
// -u   datagrams: each line of standard input (newline included; a line
//      longer than 4096 bytes in pieces; what is left at its end) is
//      one datagram, and each datagram received is written out as it
//      is. The client sends to its peer (a UDP client connects, so an
//      ICMP port unreachable ends it with "Connection refused"; an
//      AF_UNIX client binds an abstract name of its own so that
//      replies reach it) and exits at the end of standard input (with
//      -w, once no reply has come for secs seconds after it). The
//      listener prints what anyone sends and sends standard input to
//      the last sender that has an address; it runs until killed (or
//      -w), so -k changes nothing for it.
// -l   listen: UDP binds PORT (on ADDR, or every address); AF_UNIX binds
//      path (a stale socket name there, one nobody answers at, is
//      removed first; any other file is left alone), accepts one
//      client, copies, exits. The name is removed at exit, and when a
//      signal (^C, kill) ends nc.
// -k   with -l -U: after a client, accept the next one, forever.
// -p   with -l: the port, as traditional netcat takes it (nc -lu -p 7).
// -v   with -l -u: print where it listens ("nc: listening on 0.0.0.0
//      port 7", useful with port 0) and each new sender, on stderr.
// -d   never read standard input (for a job in the background, which
//      shares the console with the shell); unlike the end of standard
//      input, this does not shut down the sending side.
// -w   give up after secs seconds with nothing to read or send (not
//      counting the wait of -l for a client); an AF_UNIX client also
//      keeps trying to connect for secs seconds while the name is
//      missing or nobody listens (a server started in the background a
//      moment before may not have bound its name yet).
// -h   this help.

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netv6.h>
#include <poll.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static int lflag, kflag, uflag, dflag, Uflag, vflag;
static int wsecs = -1;    // -w; -1: none
static const char *bound; // the path we bound, removed at exit
static char buf[4096];

static void usage(int status) {
  fprintf(status ? stderr : stdout,
          "usage: nc -u [-d] [-w secs] HOST PORT        UDP: send lines\n"
          "       nc -l -u [-d] [-v] [-w secs] [ADDR] PORT  UDP: listen\n"
          "       nc [-u] [-d] [-w secs] -U path         AF_UNIX\n"
          "       nc -l [-u] [-k] [-d] [-w secs] -U path  AF_UNIX: listen\n"
          "  -u datagrams  -l listen  -k another client after one (-l)\n"
          "  -d never read standard input  -w secs give up when idle\n"
          "  -v say where it listens and who sends  -p PORT as PORT\n");
  exit(status);
}

static void quit(int status) {
  if (bound)
    unlink(bound);
  exit(status);
}

// A signal that ends nc (^C, kill) removes the bound name first, then
// ends it as it would have.
static void onsignal(int sig) {
  if (bound)
    unlink(bound);
  signal(sig, SIG_DFL);
  raise(sig);
}

// cleanup has the signals that end a listener go through onsignal
// (those ignored, as by a background job of a script, stay ignored).
static void cleanup(void) {
  static const int sigs[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM};
  for (int i = 0; i < 4; i++)
    if (signal(sigs[i], onsignal) == SIG_IGN)
      signal(sigs[i], SIG_IGN);
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
      int w = send(s, out + off, len - off, MSG_NOSIGNAL);
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
    ticksleep(HZ / 20);
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

// ---- datagrams
// ---------------------------------------------------------------

// The text of an address for messages: "127.0.0.1 port 7" or the path.
static const char *addrtext(const struct sockaddr *sa) {
  static char t[128];
  const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
  if (sa->sa_family == AF_INET)
    snprintf(t, sizeof(t), "%s port %d", inet_ntoa(in->sin_addr),
             ntohs(in->sin_port));
  else
    snprintf(t, sizeof(t), "%s", ((const struct sockaddr_un *)sa)->sun_path);
  return t;
}

// Standard input goes out a line at a time: each line (newline
// included), or as much of one as fills a datagram, or what is left at
// the end of input, is one datagram, sent to to (NULL: the connected
// peer). Reads once; returns 1, 0 at the end of input, -1 if the send
// failed (errno).
static int sendlines(int s, const struct sockaddr *to, socklen_t tolen) {
  static char line[sizeof(buf)];
  static int llen;
  int n = read(0, buf, sizeof(buf)), err = 0;
  for (int i = 0; i < n || (n <= 0 && llen > 0); i++) {
    if (n > 0)
      line[llen++] = buf[i];
    if (n <= 0 || buf[i] == '\n' || llen == sizeof(line)) {
      if (sendto(s, line, llen, 0, to, to ? tolen : 0) < 0)
        err = errno;
      llen = 0;
    }
  }
  if (err != 0) {
    errno = err;
    return -1;
  }
  return n > 0;
}

// Datagrams both ways on s. A client (listener 0) sends to its
// connected peer, and stops at the end of standard input, or with -w
// when no reply has come for that long after it. A listener prints
// what anyone sends and sends standard input to the last sender with an
// address (waiting for a first one before reading it); it runs until
// killed, or idle for -w.
static void dgrams(int s, int listener) {
  int inopen = !dflag, havepeer = !listener;
  struct sockaddr_storage peer;
  socklen_t peerlen = 0;
  for (;;) {
    struct pollfd p[2] = {{s, POLLIN, 0}, {0, POLLIN, 0}};
    int r = poll(p, inopen && havepeer ? 2 : 1, idlems());
    if (r < 0)
      fail("poll");
    if (r == 0)
      quit(0);
    if (p[0].revents) {
      struct sockaddr_storage from;
      socklen_t flen = sizeof(from);
      int m = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
      if (m < 0)
        fail("recv"); // ECONNREFUSED: nobody at the client's peer
      if (listener && flen > sizeof(sa_family_t)) {
        if (vflag && (flen != peerlen || memcmp(&from, &peer, flen) != 0))
          fprintf(stderr, "nc: from %s\n", addrtext((struct sockaddr *)&from));
        peer = from;
        peerlen = flen;
        havepeer = 1;
      }
      if (writeall(1, buf, m) < 0)
        fail("write");
    }
    if (inopen && havepeer && p[1].revents) {
      r = sendlines(s, listener ? (struct sockaddr *)&peer : 0, peerlen);
      if (r < 0 && !listener)
        fail("send");
      if (r < 0)
        fprintf(stderr, "nc: sendto: %s\n", strerror(errno));
      if (r == 0) {
        inopen = 0;
        if (!listener && wsecs <= 0)
          quit(0);
      }
    }
  }
}

static void unixdgramclient(const char *path) {
  struct sockaddr_un a, me;
  socklen_t len = mkaddr(&a, path);
  int s = connectwait(SOCK_DGRAM, &a, len);
  // An abstract name of our own, so the peer can answer.
  memset(&me, 0, sizeof(me));
  me.sun_family = AF_UNIX;
  int n = snprintf(me.sun_path + 1, sizeof(me.sun_path) - 1, "nc.%d", getpid());
  if (bind(s, (struct sockaddr *)&me, sizeof(sa_family_t) + 1 + n) < 0)
    fail("bind");
  dgrams(s, 0);
}

static void unixdgramlisten(const char *path) {
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  if (s < 0)
    fail("socket");
  bindpath(s, path);
  dgrams(s, 1);
}

// host and port (passive: for bind; host may be NULL) as an address;
// exits with the resolver's reason if it cannot.
static void lookup(const char *host, const char *port, int passive,
                   struct sockaddr_in *a) {
  struct addrinfo hints, *ai;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = passive ? AI_PASSIVE : 0;
  int err = getaddrinfo(host, port, &hints, &ai);
  if (err != 0) {
    fprintf(stderr, "nc: %s%s%s: %s\n", host ? host : "", host ? " " : "", port,
            gai_strerror(err));
    if (err == EAI_AGAIN && _res.nscount == 0)
      fprintf(stderr, "nc: no name server (no dns= in /net/ndb, no "
                      "nameserver in /etc/resolv.conf)\n");
    quit(1);
  }
  memcpy(a, ai->ai_addr, sizeof(*a));
  freeaddrinfo(ai);
}

static void udpclient(const char *host, const char *port) {
  struct sockaddr_in a;
  lookup(host, port, 0, &a);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0)
    fail("socket");
  // Connected: only the peer's datagrams come in, and an ICMP port
  // unreachable comes back as ECONNREFUSED.
  if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0)
    fail(addrtext((struct sockaddr *)&a));
  dgrams(s, 0);
}

static void udplisten(const char *host, const char *port) {
  struct sockaddr_in a;
  lookup(host, port, 1, &a);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0)
    fail("socket");
  if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0)
    fail(addrtext((struct sockaddr *)&a));
  socklen_t len = sizeof(a);
  if (vflag && getsockname(s, (struct sockaddr *)&a, &len) == 0)
    fprintf(stderr, "nc: listening on %s\n", addrtext((struct sockaddr *)&a));
  dgrams(s, 1);
}

// The value of the option letter at *a: the rest of its word, or the
// next word.
static const char *optval(char **a, int *i, int argc, char *argv[]) {
  const char *v = (*a)[1] ? *a + 1 : (*i + 1 < argc ? argv[++*i] : 0);
  if (v == 0)
    usage(1);
  *a += strlen(*a) - 1; // the value was the rest of this word
  return v;
}

int main(int argc, char *argv[]) {
  const char *pos[2], *pport = 0;
  int npos = 0;
  for (int i = 1; i < argc; i++) {
    char *a = argv[i];
    if (a[0] != '-' || a[1] == 0) {
      if (npos == 2)
        usage(1);
      pos[npos++] = a;
      continue;
    }
    for (a++; *a; a++) {
      switch (*a) {
      case 'h':
        usage(0);
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
      case 'v':
        vflag = 1;
        break;
      case 'U':
        Uflag = 1;
        break;
      case 'p':
        pport = optval(&a, &i, argc, argv);
        break;
      case 'w': {
        const char *v = optval(&a, &i, argc, argv);
        char *end;
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 0 || n > 1000000)
          usage(1);
        wsecs = n;
        break;
      }
      default:
        usage(1);
      }
    }
  }
  if (kflag && !lflag)
    usage(1);
  if (Uflag) {
    if (npos != 1 || pport)
      usage(1);
    if (lflag) {
      cleanup();
      uflag ? unixdgramlisten(pos[0]) : streamlisten(pos[0]);
    } else
      uflag ? unixdgramclient(pos[0]) : streamclient(pos[0]);
  }
  if (!uflag) {
    fprintf(stderr, "nc: no TCP yet: use -u (UDP) or -U (AF_UNIX)\n");
    usage(1);
  }
  if (lflag) {
    // nc -lu PORT, nc -lu ADDR PORT, nc -lu -p PORT [ADDR]
    if (pport ? npos > 1 : npos < 1)
      usage(1);
    udplisten(pport ? (npos ? pos[0] : 0) : (npos == 2 ? pos[0] : 0),
              pport ? pport : pos[npos - 1]);
  }
  if (npos != 2 || pport)
    usage(1);
  udpclient(pos[0], pos[1]);
  return 0;
}
