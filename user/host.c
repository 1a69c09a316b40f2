// user/host.c: host, a DNS lookup (user program; the resolver of
// resolv.h), printing what Linux's host prints for A records.
//
//   host [-W secs] [-R tries] NAME [SERVER]
//
// Asks the name servers (those of /net/ndb or /etc/resolv.conf, or
// SERVER, an address or a name to look up first) for NAME's A records,
// and prints "NAME has address A.B.C.D" for each. Like Linux's host it
// asks DNS only: /etc/hosts is not read for NAME. CNAMEs are followed.
//
// -W secs   wait this long for each reply (default 2, or resolv.conf's)
// -R tries  rounds over the servers (default 3, or resolv.conf's)
// -h        this help
//
// Exit status 0 when addresses were printed, 1 otherwise:
//   Host NAME not found: 3(NXDOMAIN)     no such name (also 2(SERVFAIL),
//                                        5(REFUSED), ...)
//   NAME has no A record                 the name exists, without one
//   ;; connection timed out; no servers could be reached
//   host: no name server: ...            none configured
// Reverse lookups (an address for NAME) are not supported.
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void usage(int status) {
  fprintf(status ? stderr : stdout,
          "usage: host [-W secs] [-R tries] NAME [SERVER]\n"
          "  look up NAME's addresses (A records) in DNS, asking SERVER or\n"
          "  the name servers of /net/ndb or /etc/resolv.conf\n"
          "  -W secs   wait for each reply (default %d)\n"
          "  -R tries  rounds over the servers (default %d)\n",
          RES_TIMEOUT, RES_DFLRETRY);
  exit(status);
}

static int number(const char *s, int max) {
  char *end;
  long v = strtol(s, &end, 10);
  if (end == s || *end != 0 || v < 1 || v > max) {
    fprintf(stderr, "host: %s: not a number from 1 to %d\n", s, max);
    usage(1);
  }
  return (int)v;
}

static const char *rcodename(int rcode) {
  static const char *names[] = {"NOERROR",  "FORMERR", "SERVFAIL",
                                "NXDOMAIN", "NOTIMP",  "REFUSED"};
  return rcode >= 0 && rcode < 6 ? names[rcode] : "RCODE";
}

// Make SERVER the only name server, as Linux's host does and says.
static void useserver(const char *server) {
  struct addrinfo hints, *ai;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_INET;
  hints.ai_socktype = SOCK_DGRAM;
  int err = getaddrinfo(server, "domain", &hints, &ai);
  if (err != 0) {
    fprintf(stderr, "host: couldn't get address for '%s': %s\n", server,
            gai_strerror(err));
    exit(1);
  }
  memcpy(&_res.nsaddr_list[0], ai->ai_addr, sizeof(struct sockaddr_in));
  _res.nscount = 1;
  freeaddrinfo(ai);
  char a[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &_res.nsaddr_list[0].sin_addr, a, sizeof(a));
  printf("Using domain server:\nName: %s\nAddress: %s#%d\nAliases: \n\n",
         server, a, ntohs(_res.nsaddr_list[0].sin_port));
}

int main(int argc, char *argv[]) {
  int secs = 0, tries = 0, c;
  while ((c = getopt(argc, argv, "hW:R:")) != -1) {
    switch (c) {
    case 'h':
      usage(0);
    case 'W':
      secs = number(optarg, 30);
      break;
    case 'R':
      tries = number(optarg, 5);
      break;
    default:
      usage(1);
    }
  }
  if (optind >= argc || argc - optind > 2)
    usage(1);
  const char *name = argv[optind];
  struct in_addr in;
  if (inet_aton(name, &in)) {
    fprintf(stderr, "host: %s: reverse lookups (PTR) are not supported\n",
            name);
    return 1;
  }
  res_init();
  if (secs > 0)
    _res.retrans = secs;
  if (tries > 0)
    _res.retry = tries;
  if (optind + 1 < argc)
    useserver(argv[optind + 1]);
  if (_res.nscount == 0) {
    fprintf(stderr, "host: no name server: no dns= in /net/ndb, no "
                    "nameserver in /etc/resolv.conf\n");
    return 1;
  }
  struct res_answer ans;
  if (res_querya(name, &ans) < 0) {
    if (h_errno == TRY_AGAIN)
      printf(";; connection timed out; no servers could be reached\n");
    else if (errno == EINVAL)
      fprintf(stderr, "host: '%s' is not a valid host name\n", name);
    else
      fprintf(stderr, "host: %s\n", strerror(errno));
    return 1;
  }
  if (ans.rcode != 0) {
    printf("Host %s not found: %d(%s)\n", name, ans.rcode,
           rcodename(ans.rcode));
    return 1;
  }
  if (ans.naddr == 0) {
    printf("%s has no A record\n", name);
    return 1;
  }
  for (int i = 0; i < ans.naddr; i++) {
    char a[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &ans.addr[i], a, sizeof(a));
    printf("%s has address %s\n", name, a);
  }
  return 0;
}
