// user/nettests.c: the in-guest suite of the IPv4 stack (user space;
// the kernel as a black box through AF_INET sockets): UDP over the
// loopback interface, every call and its errors, boundaries up to
// 65507-byte datagrams, ephemeral ports, ICMP errors as ECONNREFUSED,
// poll, and a leak check that counts packet buffers too; and name
// resolution and the UDP programs (nettests_dns.inc).
//
//   nettests          every case, then the leak check
//   nettests -q       the quick subset
//   nettests NAME...  the named cases
//
// The protocol and the runner are user/testlib's (testlib.h).
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netv6.h>
#include <poll.h>
#include <resolv.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testlib/testlib.h"

#define SA(a) ((struct sockaddr *)(a))
#define UDP() ((int)OK(socket(AF_INET, SOCK_DGRAM, 0)))

static char buf[65536], big[65536];

static struct sockaddr_in addr(uint32_t ip, int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof(a));
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(ip);
  return a;
}

#define LOOP(port) addr(INADDR_LOOPBACK, (port))

// The local port of s.
static int portof(int s) {
  struct sockaddr_in a;
  socklen_t n = sizeof(a);
  OK(getsockname(s, SA(&a), &n));
  EXPECT(n == sizeof(a) && a.sin_family == AF_INET, "getsockname: len %d",
         (int)n);
  return ntohs(a.sin_port);
}

// A socket bound to 127.0.0.1 on an ephemeral port; its port in *port.
static int bound(int *port) {
  int s = UDP();
  struct sockaddr_in a = LOOP(0);
  OK(bind(s, SA(&a), sizeof(a)));
  *port = portof(s);
  return s;
}

static void fill(char *p, int n, int seed) {
  for (int i = 0; i < n; i++)
    p[i] = (char)(i * 7 + seed);
}

// ---- the cases ---------------------------------------------------------

static void udpsocket(void) {
  int s = UDP();
  close(s);
  s = OK(socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP));
  int v = 0;
  socklen_t n = sizeof(v);
  OK(getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &v, &n));
  EXPECT(v == IPPROTO_UDP, "SO_PROTOCOL %d", v);
  OK(getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &n));
  EXPECT(v == AF_INET, "SO_DOMAIN %d", v);
  struct sockaddr_in a;
  n = sizeof(a);
  OK(getsockname(s, SA(&a), &n));
  EXPECT(a.sin_port == 0 && a.sin_addr.s_addr == 0, "unbound name");
  FAILS(getpeername(s, SA(&a), &n), ENOTCONN);
  FAILS(listen(s, 1), EOPNOTSUPP);
  FAILS(accept(s, 0, 0), EOPNOTSUPP);
  close(s);
  FAILS(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT);
  FAILS(socket(AF_INET, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT);
  int sv[2];
  FAILS(socketpair(AF_INET, SOCK_DGRAM, 0, sv), EOPNOTSUPP);
}

static void udpbind(void) {
  int s = UDP(), t = UDP();
  struct sockaddr_in a = LOOP(0);
  OK(bind(s, SA(&a), sizeof(a)));
  int p = portof(s);
  FAILS(bind(s, SA(&a), sizeof(a)), EINVAL); // bound already
  a = LOOP(p);
  FAILS(bind(t, SA(&a), sizeof(a)), EADDRINUSE);
  a = addr(INADDR_ANY, p);
  FAILS(bind(t, SA(&a), sizeof(a)), EADDRINUSE); // the wildcard overlaps
  a = addr(0x0a090909, 0);
  FAILS(bind(t, SA(&a), sizeof(a)), EADDRNOTAVAIL);
  a = LOOP(0);
  FAILS(bind(t, SA(&a), sizeof(a) - 1), EINVAL);
  a.sin_family = AF_UNIX;
  FAILS(bind(t, SA(&a), sizeof(a)), EAFNOSUPPORT);
  FAILS(bind(t, (struct sockaddr *)8, sizeof(a)), EFAULT);
  close(s);
  // Gone: the port is free again.
  a = LOOP(p);
  OK(bind(t, SA(&a), sizeof(a)));
  close(t);
  // SO_REUSEADDR on both shares a port.
  int on = 1;
  s = UDP();
  t = UDP();
  OK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)));
  OK(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)));
  a = LOOP(p);
  OK(bind(s, SA(&a), sizeof(a)));
  OK(bind(t, SA(&a), sizeof(a)));
  close(s);
  close(t);
}

static void udpephemeral(void) {
  enum { N = 24 };
  int s[N], ports[N];
  for (int i = 0; i < N; i++) {
    s[i] = bound(&ports[i]);
    EXPECT(ports[i] >= 32768 && ports[i] <= 60999, "port %d", ports[i]);
    for (int j = 0; j < i; j++)
      EXPECT(ports[i] != ports[j], "port %d twice", ports[i]);
  }
  int seq = 0; // not counting up one by one from a fixed start
  for (int i = 1; i < N; i++)
    seq += ports[i] == ports[i - 1] + 1;
  EXPECT(seq < N - 1, "ephemeral ports are sequential");
  for (int i = 0; i < N; i++)
    close(s[i]);
  // sendto on an unbound socket binds it to an ephemeral port.
  int r, rp;
  r = bound(&rp);
  int u = UDP();
  struct sockaddr_in a = LOOP(rp);
  EXPECT(sendto(u, "x", 1, 0, SA(&a), sizeof(a)) == 1, "sendto: %s",
         strerror(errno));
  int up = portof(u);
  EXPECT(up >= 32768 && up <= 60999, "autobound to %d", up);
  struct sockaddr_in from;
  socklen_t n = sizeof(from);
  EXPECT(recvfrom(r, buf, sizeof(buf), 0, SA(&from), &n) == 1, "recvfrom: %s",
         strerror(errno));
  EXPECT(ntohs(from.sin_port) == up &&
             ntohl(from.sin_addr.s_addr) == INADDR_LOOPBACK,
         "from %x:%d", ntohl(from.sin_addr.s_addr), ntohs(from.sin_port));
  close(u);
  close(r);
}

static void udploop(void) {
  int rp, r = bound(&rp), s = UDP();
  struct sockaddr_in to = LOOP(rp);
  int sizes[] = {0, 1, 100, 1472, 1473, 4000, 8000, 30000, 65507};
  int rcv = 65536 * 2;
  OK(setsockopt(r, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof(rcv)));
  for (int i = 0; i < NELEM(sizes); i++) {
    int n = sizes[i];
    fill(big, n, i);
    EXPECT(sendto(s, big, n, 0, SA(&to), sizeof(to)) == n, "send %d: %s", n,
           strerror(errno));
    memset(buf, 0, sizeof(buf));
    int got = recv(r, buf, sizeof(buf), 0);
    EXPECT(got == n, "size %d: got %d (%s)", n, got, strerror(errno));
    EXPECT(memcmp(buf, big, n) == 0, "size %d: data differs", n);
  }
  FAILS(sendto(s, big, 65508, 0, SA(&to), sizeof(to)), EMSGSIZE);
  struct sockaddr_in zero = LOOP(0);
  FAILS(sendto(s, "x", 1, 0, SA(&zero), sizeof(zero)), EINVAL);
  FAILS(send(s, "x", 1, 0), EDESTADDRREQ);
  FAILS(sendto(s, (void *)8, 10, 0, SA(&to), sizeof(to)), EFAULT);
  FAILS(recv(r, buf, 10, MSG_DONTWAIT), EAGAIN); // nothing sent by those
  close(s);
  close(r);
}

static void udpconnect(void) {
  int ap, a = bound(&ap), bp, b = bound(&bp);
  struct sockaddr_in to = LOOP(bp), peer;
  OK(connect(a, SA(&to), sizeof(to)));
  socklen_t n = sizeof(peer);
  OK(getpeername(a, SA(&peer), &n));
  EXPECT(ntohs(peer.sin_port) == bp, "peer port %d", ntohs(peer.sin_port));
  EXPECT(send(a, "hello", 5, 0) == 5, "send: %s", strerror(errno));
  EXPECT(read(b, buf, sizeof(buf)) == 5 && memcmp(buf, "hello", 5) == 0,
         "read");
  EXPECT(write(a, "again", 5) == 5, "write: %s", strerror(errno));
  EXPECT(recv(b, buf, sizeof(buf), 0) == 5, "recv");
  // A connected socket takes datagrams from its peer only.
  int cp, c = bound(&cp);
  struct sockaddr_in toa = LOOP(ap);
  EXPECT(sendto(c, "no", 2, 0, SA(&toa), sizeof(toa)) == 2, "sendto");
  EXPECT(sendto(b, "yes", 3, 0, SA(&toa), sizeof(toa)) == 3, "sendto");
  EXPECT(recv(a, buf, sizeof(buf), 0) == 3 && memcmp(buf, "yes", 3) == 0,
         "the stranger's datagram got through");
  // AF_UNSPEC disconnects.
  struct sockaddr un = {.sa_family = AF_UNSPEC};
  OK(connect(a, &un, sizeof(un)));
  FAILS(getpeername(a, SA(&peer), &n), ENOTCONN);
  FAILS(send(a, "x", 1, 0), EDESTADDRREQ);
  close(a);
  close(b);
  close(c);
}

// A datagram to a port nobody has brings back an ICMP port unreachable;
// a connected sender hears it as ECONNREFUSED on its next call, SO_ERROR
// shows it, and poll says POLLERR while it is pending.
static void udprefused(void) {
  int dp, d = bound(&dp);
  close(d); // dp is closed now
  int s = UDP();
  struct sockaddr_in to = LOOP(dp);
  OK(connect(s, SA(&to), sizeof(to)));
  EXPECT(send(s, "x", 1, 0) == 1, "send: %s", strerror(errno));
  struct pollfd p = {s, POLLIN, 0};
  int r = poll(&p, 1, 5000);
  EXPECT(r == 1 && (p.revents & POLLERR), "poll: %d revents %#x", r, p.revents);
  int err = 0;
  socklen_t n = sizeof(err);
  OK(getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &n));
  EXPECT(err == ECONNREFUSED, "SO_ERROR %d", err);
  OK(getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &n));
  EXPECT(err == 0, "SO_ERROR not cleared: %d", err);
  EXPECT(send(s, "y", 1, 0) == 1, "send: %s", strerror(errno));
  p.revents = 0;
  EXPECT(poll(&p, 1, 5000) == 1, "second error");
  FAILS(recv(s, buf, sizeof(buf), 0), ECONNREFUSED);
  FAILS(recv(s, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN); // taken
  close(s);
}

static void udpflags(void) {
  int rp, r = bound(&rp), s = UDP();
  struct sockaddr_in to = LOOP(rp);
  fill(big, 100, 3);
  EXPECT(sendto(s, big, 100, 0, SA(&to), sizeof(to)) == 100, "send");
  EXPECT(recv(r, buf, 10, MSG_PEEK) == 10, "peek");
  EXPECT(recv(r, buf, 10, MSG_PEEK | MSG_TRUNC) == 100, "peek trunc");
  EXPECT(recv(r, buf, 10, MSG_TRUNC) == 100, "trunc gives the full length");
  EXPECT(memcmp(buf, big, 10) == 0, "data");
  FAILS(recv(r, buf, 10, MSG_DONTWAIT), EAGAIN); // the rest was dropped
  struct timeval tv = {0, 50000};
  OK(setsockopt(r, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
  FAILS(recv(r, buf, 10, 0), EAGAIN);
  struct pollfd p = {r, POLLIN | POLLOUT, 0};
  EXPECT(poll(&p, 1, 0) == 1 && p.revents == POLLOUT, "revents %#x", p.revents);
  EXPECT(sendto(s, "z", 1, 0, SA(&to), sizeof(to)) == 1, "send");
  p.events = POLLIN; // POLLOUT is always there: wait for the datagram
  EXPECT(poll(&p, 1, 5000) == 1 && p.revents == POLLIN, "revents %#x",
         p.revents);
  p.events = POLLIN | POLLOUT;
  EXPECT(poll(&p, 1, 0) == 1 && p.revents == (POLLIN | POLLOUT), "revents %#x",
         p.revents);
  close(s);
  close(r);
}

// A full receive buffer drops datagrams; the sender never blocks.
static void udprcvbuf(void) {
  int rp, r = bound(&rp), s = UDP();
  int small = 4096;
  OK(setsockopt(r, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)));
  struct sockaddr_in to = LOOP(rp);
  for (int i = 0; i < 20; i++)
    EXPECT(sendto(s, big, 1000, MSG_DONTWAIT, SA(&to), sizeof(to)) == 1000,
           "send %d: %s", i, strerror(errno));
  // Datagrams go up through the network thread, in order: once a
  // marker sent after them has arrived, every one of them has been kept
  // or dropped.
  int mp, m = bound(&mp);
  struct sockaddr_in tm = LOOP(mp);
  EXPECT(sendto(s, "m", 1, 0, SA(&tm), sizeof(tm)) == 1, "marker");
  struct pollfd p = {m, POLLIN, 0};
  EXPECT(poll(&p, 1, 5000) == 1, "the marker did not arrive");
  close(m);
  int got = 0;
  while (recv(r, buf, sizeof(buf), MSG_DONTWAIT) == 1000)
    got++;
  EXPECT(got >= 1 && got <= 4, "%d of 20 fit in 4096 bytes", got);
  close(s);
  close(r);
}

static void udpbroadcast(void) {
  int s = UDP();
  struct sockaddr_in to = addr(INADDR_BROADCAST, 9);
  FAILS(sendto(s, "x", 1, 0, SA(&to), sizeof(to)), EACCES);
  FAILS(connect(s, SA(&to), sizeof(to)), EACCES);
  int on = 1;
  OK(setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)));
  int r = sendto(s, "x", 1, 0, SA(&to), sizeof(to));
  // With a NIC and an address it goes out; without, there is no route.
  EXPECT(r == 1 || errno == ENETUNREACH, "broadcast: %d (%s)", r,
         strerror(errno));
  // SO_BINDTODEVICE takes an interface name; unknown ones are ENODEV.
  char name[16];
  socklen_t n = sizeof(name);
  OK(setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
  OK(getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, name, &n));
  EXPECT(n == 3 && strcmp(name, "lo") == 0, "bound to %s (%d)", name, (int)n);
  FAILS(setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "nosuch0", 8), ENODEV);
  OK(setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "", 1));
  n = sizeof(name);
  OK(getsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, name, &n));
  EXPECT(n == 1 && name[0] == 0, "still bound to %s", name);
  close(s);
  // AF_UNIX sockets have no interfaces.
  s = OK(socket(AF_UNIX, SOCK_DGRAM, 0));
  FAILS(setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3), ENOPROTOOPT);
  close(s);
}

static void udpmany(void) {
  enum { N = 32 };
  int r[N], rp[N], s = UDP();
  for (int i = 0; i < N; i++)
    r[i] = bound(&rp[i]);
  for (int i = 0; i < N; i++) {
    struct sockaddr_in to = LOOP(rp[i]);
    snprintf(buf, 16, "to %d", i);
    EXPECT(sendto(s, buf, strlen(buf), 0, SA(&to), sizeof(to)) > 0, "send");
  }
  for (int i = 0; i < N; i++) {
    char want[16];
    snprintf(want, sizeof(want), "to %d", i);
    int n = recv(r[i], buf, sizeof(buf), 0);
    EXPECT(n == (int)strlen(want) && memcmp(buf, want, n) == 0,
           "socket %d got %d bytes", i, n);
    close(r[i]);
  }
  close(s);
}

// ICMP datagram sockets: an echo request gets its reply, with the
// socket's identifier put in by the kernel, the sequence number and the
// data unchanged; anything but an echo request is refused.
static void pingsock(void) {
  int s = OK(socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP));
  struct sockaddr_in to = LOOP(0), from;
  unsigned char pkt[64];
  memset(pkt, 0, sizeof(pkt));
  pkt[0] = 8; // echo request
  pkt[6] = 0x12;
  pkt[7] = 0x34;
  fill((char *)pkt + 8, 56, 9);
  EXPECT(sendto(s, pkt, 64, 0, SA(&to), sizeof(to)) == 64, "send: %s",
         strerror(errno));
  int id = portof(s);
  EXPECT(id != 0, "no identifier bound");
  struct pollfd p = {s, POLLIN, 0};
  EXPECT(poll(&p, 1, 5000) == 1, "no reply");
  socklen_t n = sizeof(from);
  int got = recvfrom(s, buf, sizeof(buf), 0, SA(&from), &n);
  EXPECT(got == 64, "reply of %d bytes", got);
  unsigned char *r = (unsigned char *)buf;
  EXPECT(r[0] == 0 && r[1] == 0, "type %d code %d", r[0], r[1]);
  EXPECT((r[4] << 8 | r[5]) == id, "id %d, want %d", r[4] << 8 | r[5], id);
  EXPECT(r[6] == 0x12 && r[7] == 0x34, "seq changed");
  EXPECT(memcmp(r + 8, pkt + 8, 56) == 0, "data changed");
  EXPECT(ntohl(from.sin_addr.s_addr) == INADDR_LOOPBACK, "from %x",
         ntohl(from.sin_addr.s_addr));
  pkt[0] = 13; // a timestamp request: not for ping sockets
  FAILS(sendto(s, pkt, 64, 0, SA(&to), sizeof(to)), EINVAL);
  pkt[0] = 8;
  FAILS(sendto(s, pkt, 7, 0, SA(&to), sizeof(to)), EINVAL);
  FAILS(sendto(s, (void *)8, 64, 0, SA(&to), sizeof(to)), EFAULT);
  // A big one: 8000 bytes of data.
  static unsigned char bigpkt[8008];
  memset(bigpkt, 0, 8);
  bigpkt[0] = 8;
  fill((char *)bigpkt + 8, 8000, 4);
  EXPECT(sendto(s, bigpkt, 8008, 0, SA(&to), sizeof(to)) == 8008, "send big");
  EXPECT(poll(&p, 1, 5000) == 1, "no big reply");
  EXPECT(recv(s, big, sizeof(big), 0) == 8008, "big reply");
  EXPECT(memcmp(big + 8, bigpkt + 8, 8000) == 0, "big data changed");
  close(s);
}

// The ping program: three replies from 127.0.0.1 and Linux's summary.
static void pingprog(void) {
  int pid = SPAWN();
  if (pid == 0) {
    close(1);
    if (open("ping.out", O_CREAT | O_TRUNC | O_WRONLY) != 1)
      exit(3);
    char *argv[] = {"ping", "-c", "3", "-i", "0.1", "127.0.0.1", 0};
    exec("/ping", argv);
    exit(4);
  }
  EXITED(pid, 0);
  int fd = OK(open("ping.out", O_RDONLY));
  int n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  unlink("ping.out");
  EXPECT(n > 0, "no output");
  buf[n] = 0;
  EXPECT(strstr(buf, "PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.\n"),
         "header: %s", buf);
  for (int i = 1; i <= 3; i++) {
    char want[64];
    snprintf(want, sizeof(want),
             "64 bytes from 127.0.0.1: icmp_seq=%d time=", i);
    EXPECT(strstr(buf, want), "no reply %d: %s", i, buf);
  }
  EXPECT(strstr(buf, "3 packets transmitted, 3 received, 0% packet loss"),
         "summary: %s", buf);
  EXPECT(strstr(buf, "rtt min/avg/max/mdev = "), "rtt line: %s", buf);
}

#include "nettests_dns.inc"

static struct tcase cases[] = {
    {"udpsocket", udpsocket, 1, 60},
    {"udpbind", udpbind, 1, 60},
    {"udpephemeral", udpephemeral, 1, 60},
    {"udploop", udploop, 1, 60},
    {"udpconnect", udpconnect, 1, 60},
    {"udprefused", udprefused, 1, 60},
    {"udpflags", udpflags, 1, 60},
    {"udprcvbuf", udprcvbuf, 1, 60},
    {"udpbroadcast", udpbroadcast, 1, 60},
    {"udpmany", udpmany, 1, 60},
    {"pingsock", pingsock, 1, 60},
    {"pingprog", pingprog, 1, 60},
    {"dnsname", dnsname, 1, 60},
    {"dnscname", dnscname, 1, 60},
    {"dnsnxdomain", dnsnxdomain, 1, 60},
    {"dnsbadreply", dnsbadreply, 1, 60},
    {"dnssilent", dnssilent, 1, 90},
    {"dnshosts", dnshosts, 1, 60},
    {"dnsconf", dnsconf, 1, 60},
    {"gairules", gairules, 1, 60},
    {"nameinfo", nameinfo, 1, 60},
    {"hostprog", hostprog, 1, 90},
    {"ncudp", ncudp, 1, 60},
    {"ncargs", ncargs, 1, 60},
    {"udpechoprog", udpechoprog, 1, 60},
    {"udptextbook", udptextbook, 1, 60},
};

static void warmup(void) {
  int rp, r = socket(AF_INET, SOCK_DGRAM, 0),
          s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a = LOOP(0);
  if (r >= 0 && s >= 0 && bind(r, SA(&a), sizeof(a)) == 0) {
    rp = portof(r);
    a = LOOP(rp);
    sendto(s, "w", 1, 0, SA(&a), sizeof(a));
    struct pollfd p = {r, POLLIN, 0};
    poll(&p, 1, 1000);
    recv(r, buf, 1, MSG_DONTWAIT);
  }
  close(r);
  close(s);
  // The network thread lets go of the last packet and socket a moment
  // after the reader has them: wait until the counts are still.
  struct sysinfo was, now;
  sysinfo(&was);
  for (int i = 0; i < 100; i++) {
    usleep(10000);
    sysinfo(&now);
    if (now.nsocket == 0 && now.nnetbuf == was.nnetbuf &&
        now.freepages == was.freepages)
      break;
    was = now;
  }
}

int main(int argc, char *argv[]) {
  static struct suite suite = {.name = "nettests",
                               .dir = "/nt",
                               .cases = cases,
                               .ncases = NELEM(cases),
                               .warmup = warmup,
                               .flags = T_NOSOCK | T_KILLKIDS};
  return runsuite(&suite, argc, argv);
}
