// user/netstat.c: sockets, interfaces, routes and counters, from /net
// (docs/network.md).
//
//   netstat       every socket (UDP, ICMP and AF_UNIX) with its names
//   netstat -i    the interfaces' counters
//   netstat -r    the routing table (route's)
//   netstat -s    every counter of the stack
#include <errno.h>
#include <netv6.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[16384];

static int cat(const char *path) {
  if (net_read(path, buf, sizeof(buf)) < 0) {
    fprintf(stderr, "netstat: %s: %s\n", path, strerror(errno));
    return 1;
  }
  fputs(buf, stdout);
  return 0;
}

static int interfaces(void) {
  printf("%-6s %6s %10s %6s %6s %10s %6s %6s\n", "Iface", "MTU", "RX-OK",
         "RX-ERR", "RX-DRP", "TX-OK", "TX-ERR", "TX-DRP");
  for (int n = 0; n < 16; n++) {
    char path[40];
    snprintf(path, sizeof(path), "/net/ipifc/%d/status", n);
    if (net_read(path, buf, sizeof(buf)) < 0)
      continue;
    char v[10][24];
    const char *keys[] = {"name",   "mtu",      "ipackets", "ierrors",
                          "idrops", "opackets", "oerrors",  "odrops"};
    for (int k = 0; k < 8; k++) {
      v[k][0] = 0;
      int kl = strlen(keys[k]);
      for (char *p = buf; p; p = strchr(p, '\n'), p = p ? p + 1 : 0)
        if (strncmp(p, keys[k], kl) == 0 && p[kl] == ' ') {
          int i = 0;
          for (p += kl + 1; *p && *p != '\n' && i < 23; p++)
            v[k][i++] = *p;
          v[k][i] = 0;
          break;
        }
    }
    printf("%-6s %6s %10s %6s %6s %10s %6s %6s\n", v[0], v[1], v[2], v[3], v[4],
           v[5], v[6], v[7]);
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc == 1)
    return cat("/net/sockets");
  if (argc == 2 && strcmp(argv[1], "-i") == 0)
    return interfaces();
  if (argc == 2 && strcmp(argv[1], "-r") == 0) {
    char *rargv[] = {"route", 0};
    exec("/route", rargv);
    fprintf(stderr, "netstat: exec route: %s\n", strerror(errno));
    return 1;
  }
  if (argc == 2 && strcmp(argv[1], "-s") == 0)
    return cat("/net/stats");
  fprintf(stderr, "usage: netstat [-i | -r | -s]\n");
  return 2;
}
