// user/arp.c: the ARP cache through /net/arp (docs/network.md).
//
//   arp | arp -a     the cache
//   arp -d ADDR      forget one neighbour
//   arp -f           forget them all
#include <errno.h>
#include <netv6.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[]) {
  static char buf[8192];
  if (argc == 1 || (argc == 2 && strcmp(argv[1], "-a") == 0)) {
    if (net_read("/net/arp", buf, sizeof(buf)) < 0) {
      fprintf(stderr, "arp: /net/arp: %s\n", strerror(errno));
      return 1;
    }
    printf("%-15s %-17s %-6s %-10s %s\n", "Address", "HWaddress", "Iface",
           "State", "Expires");
    for (char *l = buf; *l;) {
      char *nl = strchr(l, '\n');
      if (nl)
        *nl = 0;
      char f[5][24];
      int i = 0;
      for (char *p = l; *p && i < 5; i++) {
        while (*p == ' ')
          p++;
        int k = 0;
        while (*p && *p != ' ' && k < 23)
          f[i][k++] = *p++;
        f[i][k] = 0;
      }
      if (i == 5)
        printf("%-15s %-17s %-6s %-10s %ss\n", f[0],
               strcmp(f[3], "reachable") ? "(incomplete)" : f[1], f[2], f[3],
               f[4]);
      if (!nl)
        break;
      l = nl + 1;
    }
    return 0;
  }
  char cmd[64];
  if (argc == 3 && strcmp(argv[1], "-d") == 0)
    snprintf(cmd, sizeof(cmd), "del %s", argv[2]);
  else if (argc == 2 && strcmp(argv[1], "-f") == 0)
    snprintf(cmd, sizeof(cmd), "flush");
  else {
    fprintf(stderr, "usage: arp [-a] | arp -d ADDR | arp -f\n");
    return 2;
  }
  if (net_ctl("/net/arp", cmd) < 0) {
    fprintf(stderr, "arp: %s: %s\n", cmd,
            errno == ENOENT ? "no such entry" : strerror(errno));
    return 1;
  }
  return 0;
}
