// user/ping.c: ping [-c count] [-i seconds] [-s size] [-W seconds]
// [-t ttl] host: send ICMP echo requests through an ICMP datagram socket
// (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), no privilege needed) and
// report the replies and a summary in Linux ping's words. Exit status 0
// if a reply came, 1 if none did, 2 on an error.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXSIZE 65507

static long long now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

// "1", "0.2", "1.5": seconds in microseconds; -1 if not a number.
static long long seconds(const char *s) {
  long long whole = 0, frac = 0, scale = 100000;
  const char *p = s;
  if (*p < '0' || *p > '9')
    if (*p != '.')
      return -1;
  for (; *p >= '0' && *p <= '9'; p++)
    whole = whole * 10 + (*p - '0');
  if (*p == '.')
    for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
      frac += (*p - '0') * scale;
  return *p ? -1 : whole * 1000000 + frac;
}

static void usage(void) {
  fprintf(stderr, "usage: ping [-c count] [-i interval] [-s size] "
                  "[-W timeout] [-t ttl] host\n");
  exit(2);
}

static long long isqrt(long long v) {
  long long r = 0;
  while ((r + 1) * (r + 1) <= v)
    r++;
  return r;
}

// "12.345": microseconds as milliseconds with three decimals.
static void ms(char *out, int n, long long us) {
  snprintf(out, n, "%lld.%03lld", us / 1000, us % 1000);
}

static unsigned char pkt[MAXSIZE + 8], reply[MAXSIZE + 8];

int main(int argc, char *argv[]) {
  long count = -1, size = 56, ttl = 0;
  long long interval = 1000000, wait = 2000000;
  int c;
  while ((c = getopt(argc, argv, "c:i:s:W:t:h")) != -1) {
    switch (c) {
    case 'c':
      count = atol(optarg);
      if (count <= 0) {
        fprintf(stderr, "ping: bad number of packets: %s\n", optarg);
        return 2;
      }
      break;
    case 'i':
      interval = seconds(optarg);
      if (interval < 0) {
        fprintf(stderr, "ping: bad interval: %s\n", optarg);
        return 2;
      }
      break;
    case 's':
      size = atol(optarg);
      if (size < 0 || size > MAXSIZE - 8) {
        fprintf(stderr, "ping: bad size %s (0..%d)\n", optarg, MAXSIZE - 8);
        return 2;
      }
      break;
    case 'W':
      wait = seconds(optarg);
      if (wait < 0) {
        fprintf(stderr, "ping: bad timeout: %s\n", optarg);
        return 2;
      }
      break;
    case 't':
      ttl = atol(optarg);
      if (ttl < 1 || ttl > 255) {
        fprintf(stderr, "ping: ttl %s out of range (1..255)\n", optarg);
        return 2;
      }
      break;
    default:
      usage();
    }
  }
  if (optind != argc - 1)
    usage();
  const char *host = argv[optind];
  struct sockaddr_in to;
  memset(&to, 0, sizeof(to));
  to.sin_family = AF_INET;
  if (strcmp(host, "localhost") == 0)
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  else if (inet_pton(AF_INET, host, &to.sin_addr) != 1) {
    fprintf(stderr, "ping: %s: Name or service not known\n", host);
    return 2;
  }
  char addr[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &to.sin_addr, addr, sizeof(addr));
  int s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
  if (s < 0) {
    fprintf(stderr, "ping: socket: %s\n", strerror(errno));
    return 2;
  }
  int on = 1;
  setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on));
  if (ttl && setsockopt(s, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)) < 0) {
    fprintf(stderr, "ping: IP_TTL: %s\n", strerror(errno));
    return 2;
  }
  printf("PING %s (%s) %ld(%ld) bytes of data.\n", host, addr, size, size + 28);
  long sent = 0, got = 0;
  long long start = now_us(), next = start, min = -1, max = 0, sum = 0,
            sum2 = 0;
  for (long i = 0; count < 0 || i < count; i++) {
    // An echo request: type 8, code 0, the id the kernel sets, seq i+1;
    // the send time in the data when it fits, a pattern after it.
    memset(pkt, 0, 8);
    pkt[0] = 8;
    pkt[6] = (unsigned char)((i + 1) >> 8);
    pkt[7] = (unsigned char)(i + 1);
    long long t = now_us();
    for (long k = 0; k < size; k++)
      pkt[8 + k] = (unsigned char)(k + 8);
    if (size >= 8)
      memcpy(pkt + 8, &t, 8);
    if (sendto(s, pkt, 8 + size, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
      printf("ping: sendto: %s\n", strerror(errno));
    else
      sent++;
    next += interval;
    long long until = (count > 0 && i == count - 1) ? now_us() + wait : next;
    for (;;) {
      long long left = until - now_us();
      if (left <= 0)
        break;
      struct pollfd p = {s, POLLIN, 0};
      if (poll(&p, 1, (int)((left + 999) / 1000)) <= 0)
        continue;
      struct sockaddr_in from;
      socklen_t fl = sizeof(from);
      int n =
          recvfrom(s, reply, sizeof(reply), 0, (struct sockaddr *)&from, &fl);
      if (n < 0) {
        char fa[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &to.sin_addr, fa, sizeof(fa));
        printf("From %s icmp_seq=%ld %s\n", fa, i + 1, strerror(errno));
        continue;
      }
      if (n < 8 || reply[0] != 0)
        continue;
      int seq = reply[6] << 8 | reply[7];
      long long rtt = -1;
      if (n >= 16) {
        long long sent_at;
        memcpy(&sent_at, reply + 8, 8);
        rtt = now_us() - sent_at;
      }
      got++;
      char fa[INET_ADDRSTRLEN], tm[32];
      inet_ntop(AF_INET, &from.sin_addr, fa, sizeof(fa));
      if (rtt >= 0) {
        ms(tm, sizeof(tm), rtt);
        printf("%d bytes from %s: icmp_seq=%d time=%s ms\n", n, fa, seq, tm);
        if (min < 0 || rtt < min)
          min = rtt;
        if (rtt > max)
          max = rtt;
        sum += rtt;
        sum2 += rtt * rtt;
      } else {
        printf("%d bytes from %s: icmp_seq=%d\n", n, fa, seq);
      }
      if (count > 0 && got >= count && i == count - 1)
        break;
    }
  }
  long long total = (now_us() - start) / 1000;
  printf("\n--- %s ping statistics ---\n", host);
  printf("%ld packets transmitted, %ld received, %ld%% packet loss, time "
         "%lldms\n",
         sent, got, sent ? (sent - got) * 100 / sent : 0, total);
  if (got > 0 && min >= 0) {
    long long avg = sum / got, mdev = isqrt(sum2 / got - avg * avg);
    char a[32], b[32], d[32], e[32];
    ms(a, sizeof(a), min);
    ms(b, sizeof(b), avg);
    ms(d, sizeof(d), max);
    ms(e, sizeof(e), mdev);
    printf("rtt min/avg/max/mdev = %s/%s/%s/%s ms\n", a, b, d, e);
  }
  return got > 0 ? 0 : 1;
}
