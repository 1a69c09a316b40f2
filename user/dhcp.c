// user/dhcp.c: dhcp [-v] [-1] [-t SECONDS] [IFNAME]: the DHCP client
// (RFC 2131). Brings the interface (default eth0) up, asks for an
// address (DISCOVER, OFFER, REQUEST, ACK, retrying with backoff), and
// configures what it got through /net: the address in
// /net/ipifc/N/ctl, a default route in /net/iproute, and what it
// learned in /net/ndb (for the resolver). Unless -1, it then stays in
// the background to renew the lease at T1 (unicast to the server), and
// rebinds (broadcast) at T2; an expired lease takes the address away.
//
//   -v   show every message sent and received
//   -1   configure once and exit (no renewals)
//   -t   give up after SECONDS without an answer (default 20)
//   -b   at boot (init): silent without the interface; after 6 s with no
//        answer, say so and go on asking in the background
//
// Exit status: 0 configured, 1 no answer (or a NAK), 2 an error.
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <netv6.h>
#include <unistd.h>

#include "../kernel/net/dhcp_wire.h"

static int verbose;
static const char *ifname = "eth0";
static int ifindex = -1;
static uint8_t mac[6];

static long long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void ipstr(char *out, ipaddr_t a) {
  snprintf(out, 16, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255,
           a & 255);
}

static int masklen(ipaddr_t m) {
  int n = 0;
  while (n < 32 && (m & (0x80000000u >> n)))
    n++;
  return n;
}

// Find ifname among /net/ipifc/N: its number and MAC address.
static int findif(void) {
  char path[40], buf[1024];
  for (int n = 0; n < 16; n++) {
    snprintf(path, sizeof(path), "/net/ipifc/%d/status", n);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      continue;
    int len = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (len <= 0)
      continue;
    buf[len] = 0;
    // "name eth0\n...mac 52:54:00:12:34:56\n..."
    int nl = strlen(ifname);
    if (strncmp(buf, "name ", 5) != 0 || strncmp(buf + 5, ifname, nl) != 0 ||
        buf[5 + nl] != '\n')
      continue;
    char *m = strstr(buf, "\nmac ");
    if (m == 0)
      return -1;
    m += 5;
    for (int i = 0; i < 6; i++) {
      char *end;
      long v = strtol(m, &end, 16);
      if (end == m || v < 0 || v > 255 || (i < 5 && *end != ':'))
        return -1;
      mac[i] = v;
      m = end + 1;
    }
    ifindex = n;
    return 0;
  }
  return -1;
}

static const char *typename(int t) {
  static const char *names[] = {"?",       "DISCOVER", "OFFER",
                                "REQUEST", "DECLINE",  "ACK",
                                "NAK",     "RELEASE",  "INFORM"};
  return t >= 1 && t <= 8 ? names[t] : "?";
}

static void show(const char *dir, const struct dhcp_msg *m) {
  if (!verbose)
    return;
  char a[16], b[16];
  ipstr(a, m->yiaddr);
  ipstr(b, m->server);
  printf("dhcp: %s %s xid %08x yiaddr %s server %s\n", dir, typename(m->type),
         m->xid, a, b);
}

static int sock = -1;
static uint32_t xid;

// Send a client message of type to dst (broadcast, or the server).
static int sendmsg_(int type, ipaddr_t ciaddr, ipaddr_t reqaddr,
                    ipaddr_t server, ipaddr_t dst, long long started) {
  struct dhcp_msg m;
  memset(&m, 0, sizeof(m));
  m.type = type;
  m.xid = xid;
  long long secs = (now_ms() - started) / 1000;
  m.secs = secs > 65535 ? 65535 : secs;
  m.flags = ciaddr ? 0 : DHCP_FLAG_BROADCAST; // no address: answer broadcast
  m.ciaddr = ciaddr;
  memcpy(m.chaddr, mac, 6);
  m.reqaddr = reqaddr;
  m.server = server;
  uint8_t buf[DHCP_BUILDLEN];
  size_t n = dhcp_build(buf, sizeof(buf), &m);
  struct sockaddr_in to;
  memset(&to, 0, sizeof(to));
  to.sin_family = AF_INET;
  to.sin_port = htons(67);
  to.sin_addr.s_addr = htonl(dst);
  show("send", &m);
  if (sendto(sock, buf, n, 0, (struct sockaddr *)&to, sizeof(to)) != (int)n) {
    fprintf(stderr, "dhcp: sendto: %s\n", strerror(errno));
    return -1;
  }
  return 0;
}

// Wait until deadline (ms) for a reply of our xid whose type is in want
// (a bit mask of types). 1 got one in *m, 0 timed out.
static int await(struct dhcp_msg *m, int want, long long deadline) {
  uint8_t buf[1500];
  for (;;) {
    long long left = deadline - now_ms();
    if (left <= 0)
      return 0;
    struct pollfd p = {sock, POLLIN, 0};
    if (poll(&p, 1, (int)left) <= 0)
      continue;
    int n = recv(sock, buf, sizeof(buf), 0);
    if (n < 0)
      continue;
    if (dhcp_parse(buf, n, m) < 0 || m->op != DHCP_BOOTREPLY || m->xid != xid ||
        memcmp(m->chaddr, mac, 6) != 0)
      continue; // not an answer to us
    show("recv", m);
    if (want & (1 << m->type))
      return 1;
  }
}

// One exchange: send, wait with backoff (4, 8, 16 s ...), up to the
// deadline. 1 with the reply in *r, 0 if none came.
static int exchange(int type, ipaddr_t ciaddr, ipaddr_t req, ipaddr_t server,
                    ipaddr_t dst, int want, struct dhcp_msg *r,
                    long long deadline) {
  long long started = now_ms(), wait = 4000;
  while (now_ms() < deadline) {
    if (sendmsg_(type, ciaddr, req, server, dst, started) < 0)
      return 0;
    long long until = now_ms() + wait;
    if (until > deadline)
      until = deadline;
    if (await(r, want, until))
      return 1;
    if (wait < 64000)
      wait *= 2;
  }
  return 0;
}

static char ctlpath[40];

// Apply a lease: the address, the default route, /net/ndb.
static int configure(const struct dhcp_msg *a, ipaddr_t old) {
  char ip[16], gw[16], cmd[96];
  ipaddr_t mask = a->mask ? a->mask : 0xffffff00;
  ipstr(ip, a->yiaddr);
  if (old && old != a->yiaddr) {
    char o[16];
    ipstr(o, old);
    snprintf(cmd, sizeof(cmd), "remove %s", o);
    net_ctl(ctlpath, cmd);
  }
  if (old != a->yiaddr) {
    snprintf(cmd, sizeof(cmd), "add %s/%d", ip, masklen(mask));
    if (net_ctl(ctlpath, cmd) < 0 && errno != EADDRINUSE) {
      fprintf(stderr, "dhcp: %s: %s: %s\n", ctlpath, cmd, strerror(errno));
      return -1;
    }
  }
  if (a->router) {
    ipstr(gw, a->router);
    snprintf(cmd, sizeof(cmd), "add 0.0.0.0/0 %s", gw);
    if (net_ctl("/net/iproute", cmd) < 0 && errno != EEXIST)
      fprintf(stderr, "dhcp: /net/iproute: %s: %s\n", cmd, strerror(errno));
  }
  // What the resolver and people read: Plan 9 ndb lines.
  char ndb[256], m[16], d[16];
  ipstr(m, mask);
  int n = snprintf(ndb, sizeof(ndb), "ip=%s ipmask=%s", ip, m);
  if (a->router) {
    ipstr(gw, a->router);
    n += snprintf(ndb + n, sizeof(ndb) - n, " ipgw=%s", gw);
  }
  n += snprintf(ndb + n, sizeof(ndb) - n, " lease=%u", (unsigned)a->lease);
  for (int i = 0; i < a->ndns; i++) {
    ipstr(d, a->dns[i]);
    n += snprintf(ndb + n, sizeof(ndb) - n, "\n\tdns=%s", d);
  }
  net_ctl("/net/ndb", ndb);
  printf("dhcp: %s: %s/%d", ifname, ip, masklen(mask));
  if (a->router)
    printf(" gateway %s", gw);
  if (a->ndns) {
    ipstr(d, a->dns[0]);
    printf(" dns %s", d);
  }
  printf(" lease %us\n", (unsigned)a->lease);
  return 0;
}

static void unconfigure(ipaddr_t addr) {
  char ip[16], cmd[64];
  ipstr(ip, addr);
  snprintf(cmd, sizeof(cmd), "remove %s", ip);
  net_ctl(ctlpath, cmd);
  net_ctl("/net/ndb", "\n"); // a lone newline clears it
  printf("dhcp: %s: lease of %s expired\n", ifname, ip);
}

static struct dhcp_msg offer, ack;
static int quiet; // no complaints: a background retry at boot

// DISCOVER, OFFER, REQUEST, ACK (again after a NAK) until deadline.
// 1 with the lease in ack, 0 if no server answered in time.
static int acquire(long long deadline) {
  for (;;) {
    if (!exchange(DHCPDISCOVER, 0, 0, 0, 0xffffffff, 1 << DHCPOFFER, &offer,
                  deadline)) {
      if (!quiet)
        printf("dhcp: %s: no answer from a DHCP server\n", ifname);
      return 0;
    }
    if (!exchange(DHCPREQUEST, 0, offer.yiaddr, offer.server, 0xffffffff,
                  1 << DHCPACK | 1 << DHCPNAK, &ack, deadline)) {
      if (!quiet)
        printf("dhcp: %s: the server did not confirm the offer\n", ifname);
      return 0;
    }
    if (ack.type == DHCPACK)
      break;
    xid++; // a NAK: start again
  }
  if (ack.server == 0)
    ack.server = offer.server;
  return 1;
}

static void usage(void) {
  fprintf(stderr, "usage: dhcp [-v] [-1] [-b] [-t seconds] [ifname]\n");
  exit(2);
}

int main(int argc, char *argv[]) {
  int once = 0, boot = 0, c;
  long giveup = 20;
  while ((c = getopt(argc, argv, "v1bt:h")) != -1) {
    switch (c) {
    case 'b':
      boot = 1;
      giveup = 6;
      break;
    case 'v':
      verbose = 1;
      break;
    case '1':
      once = 1;
      break;
    case 't':
      giveup = atol(optarg);
      if (giveup < 1)
        usage();
      break;
    default:
      usage();
    }
  }
  if (optind < argc)
    ifname = argv[optind++];
  if (optind != argc)
    usage();
  if (findif() < 0) {
    if (boot)
      return 0; // no NIC: nothing to do, nothing to say
    fprintf(stderr, "dhcp: no interface %s\n", ifname);
    return 2;
  }
  snprintf(ctlpath, sizeof(ctlpath), "/net/ipifc/%d/ctl", ifindex);
  if (net_ctl(ctlpath, "up") < 0) {
    fprintf(stderr, "dhcp: %s: up: %s\n", ctlpath, strerror(errno));
    return 2;
  }
  sock = socket(AF_INET, SOCK_DGRAM, 0);
  int on = 1;
  struct sockaddr_in me;
  memset(&me, 0, sizeof(me));
  me.sin_family = AF_INET;
  me.sin_port = htons(68);
  if (sock < 0 ||
      setsockopt(sock, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)) < 0 ||
      setsockopt(sock, SOL_SOCKET, SO_BINDTODEVICE, ifname,
                 strlen(ifname) + 1) < 0 ||
      bind(sock, (struct sockaddr *)&me, sizeof(me)) < 0) {
    fprintf(stderr, "dhcp: socket on port 68: %s\n", strerror(errno));
    return 2;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  srand(ts.tv_nsec ^ getpid() ^ (mac[4] << 8 | mac[5]));
  xid = (uint32_t)rand() << 16 ^ (uint32_t)rand();

  long long deadline = now_ms() + giveup * 1000;
  if (!acquire(deadline)) {
    if (!boot)
      return 1;
    // At boot: say so, let the boot go on, and keep asking in the
    // background (backing off to a try a minute).
    printf("dhcp: %s: no answer from a DHCP server yet; going on without "
           "an address\n",
           ifname);
    if (fork() != 0)
      return 0;
    quiet = 1;
    if (!acquire(now_ms() + 365LL * 86400 * 1000))
      return 1;
  }
  if (configure(&ack, 0) < 0)
    return 2;
  if (once || ack.lease == 0xffffffff)
    return 0;
  if (fork() != 0)
    return 0; // the child keeps the lease

  // Renewals: at T1 ask the server (unicast), at T2 anyone (broadcast).
  ipaddr_t addr = ack.yiaddr, server = ack.server;
  for (;;) {
    long long got = now_ms();
    uint32_t lease = ack.lease ? ack.lease : 3600;
    long long t1 = got + 1000LL * (ack.t1 ? ack.t1 : lease / 2);
    long long t2 = got + 1000LL * (ack.t2 ? ack.t2 : lease * 7 / 8);
    long long end = got + 1000LL * lease;
    while (now_ms() < t1)
      usleep(1000000);
    xid++;
    int ok = exchange(DHCPREQUEST, addr, 0, 0, server,
                      1 << DHCPACK | 1 << DHCPNAK, &ack, t2) ||
             exchange(DHCPREQUEST, addr, 0, 0, 0xffffffff,
                      1 << DHCPACK | 1 << DHCPNAK, &ack, end);
    if (!ok || ack.type != DHCPACK) {
      unconfigure(addr);
      return 1;
    }
    if (ack.yiaddr == 0)
      ack.yiaddr = addr;
    configure(&ack, addr);
    addr = ack.yiaddr;
  }
}
