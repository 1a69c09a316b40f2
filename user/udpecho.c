// user/udpecho.c: udpecho, a UDP echo server (user program; RFC 862
// over UDP): every datagram goes back to its sender unchanged.
//
//   udpecho [-p PORT] [-n COUNT] [-v]
//
// -p PORT   the port (default 7, echo; 0 picks a free one)
// -n COUNT  exit after echoing COUNT datagrams (default: run until killed)
// -v        print a line for each datagram (sender and size)
// -h        this help
//
// Once bound it prints "udpecho: port N" (the port it got), so a script
// or a test knows when it is ready and where.
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char buf[65536];

static void usage(int status) {
  fprintf(status ? stderr : stdout,
          "usage: udpecho [-p PORT] [-n COUNT] [-v]\n"
          "  echo every UDP datagram back to its sender\n"
          "  -p PORT   the port (default 7; 0: any free one)\n"
          "  -n COUNT  exit after COUNT datagrams\n"
          "  -v        a line for each datagram\n");
  exit(status);
}

static long number(const char *s, long max) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end != 0 || v < 0 || v > max) {
    fprintf(stderr, "udpecho: %s: not a number from 0 to %ld\n", s, max);
    usage(1);
  }
  return v;
}

static void die(const char *what) {
  fprintf(stderr, "udpecho: %s: %s\n", what, strerror(errno));
  exit(1);
}

int main(int argc, char *argv[]) {
  long port = 7, count = -1;
  int verbose = 0, c;
  while ((c = getopt(argc, argv, "hp:n:v")) != -1) {
    switch (c) {
    case 'h':
      usage(0);
    case 'p':
      port = number(optarg, 65535);
      break;
    case 'n':
      count = number(optarg, 1000000000);
      break;
    case 'v':
      verbose = 1;
      break;
    default:
      usage(1);
    }
  }
  if (optind != argc)
    usage(1);
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  if (s < 0)
    die("socket");
  struct sockaddr_in me;
  memset(&me, 0, sizeof(me));
  me.sin_family = AF_INET;
  me.sin_port = htons(port);
  me.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(s, (struct sockaddr *)&me, sizeof(me)) < 0)
    die("bind");
  socklen_t len = sizeof(me);
  if (getsockname(s, (struct sockaddr *)&me, &len) < 0)
    die("getsockname");
  printf("udpecho: port %d\n", ntohs(me.sin_port));
  for (long done = 0; count < 0 || done < count; done++) {
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    int n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);
    if (n < 0)
      die("recvfrom");
    if (verbose)
      printf("udpecho: %d bytes from %s port %d\n", n, inet_ntoa(from.sin_addr),
             ntohs(from.sin_port));
    if (sendto(s, buf, n, 0, (struct sockaddr *)&from, flen) < 0)
      fprintf(stderr, "udpecho: sendto %s: %s\n", inet_ntoa(from.sin_addr),
              strerror(errno));
  }
  return 0;
}
