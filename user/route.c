// user/route.c: show and change the IPv4 routing table through
// /net/iproute (docs/network.md).
//
//   route                                   the table
//   route add default gw GW                 a default route
//   route add -net DST/LEN gw GW            (or -net DST netmask MASK gw GW)
//   route add -net DST/LEN dev IF           on the link (IF unused: the
//                                           interface holding DST's prefix)
//   route del default | route del -net DST/LEN [gw GW]
#include <errno.h>
#include <netv6.h>
#include <stdio.h>
#include <string.h>

static int usage(void) {
  fprintf(stderr,
          "usage: route [add|del] [default | -net DST/LEN [netmask MASK]] "
          "[gw GW | dev IF]\n");
  return 2;
}

static int show(void) {
  static char buf[4096];
  if (net_read("/net/iproute", buf, sizeof(buf)) < 0) {
    fprintf(stderr, "route: /net/iproute: %s\n", strerror(errno));
    return 1;
  }
  printf("%-18s %-15s %-6s %s\n", "Destination", "Gateway", "Iface", "Flags");
  for (char *l = buf; *l;) {
    char *nl = strchr(l, '\n');
    if (nl)
      *nl = 0;
    char dst[24], gw[16], ifn[8], fl[4];
    int i = 0;
    char *f[4] = {dst, gw, ifn, fl};
    int sz[4] = {24, 16, 8, 4};
    for (char *p = l; *p && i < 4; i++) {
      while (*p == ' ')
        p++;
      int k = 0;
      while (*p && *p != ' ' && k < sz[i] - 1)
        f[i][k++] = *p++;
      f[i][k] = 0;
    }
    if (i == 4)
      printf("%-18s %-15s %-6s %s\n",
             strcmp(dst, "0.0.0.0/0") ? dst : "default", gw, ifn,
             strcmp(fl, "c") == 0 ? "U" : "UG");
    if (!nl)
      break;
    l = nl + 1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc == 1)
    return show();
  if (argc < 3 || (strcmp(argv[1], "add") && strcmp(argv[1], "del")))
    return usage();
  int add = strcmp(argv[1], "add") == 0, i = 2;
  char dst[40] = "", gw[24] = "-", mask[24] = "";
  if (strcmp(argv[i], "default") == 0) {
    strcpy(dst, "0.0.0.0/0");
    i++;
  } else if (strcmp(argv[i], "-net") == 0 && i + 1 < argc) {
    snprintf(dst, sizeof(dst), "%s", argv[i + 1]);
    i += 2;
  } else {
    return usage();
  }
  for (; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "gw") == 0)
      snprintf(gw, sizeof(gw), "%s", argv[i + 1]);
    else if (strcmp(argv[i], "netmask") == 0)
      snprintf(mask, sizeof(mask), "%s", argv[i + 1]);
    else if (strcmp(argv[i], "dev") != 0)
      return usage();
  }
  if (i != argc)
    return usage();
  char cmd[128];
  if (add)
    snprintf(cmd, sizeof(cmd), "add %s%s%s %s", dst, mask[0] ? " " : "", mask,
             gw);
  else
    snprintf(cmd, sizeof(cmd), "remove %s%s%s%s%s", dst, mask[0] ? " " : "",
             mask, strcmp(gw, "-") ? " " : "", strcmp(gw, "-") ? gw : "");
  if (net_ctl("/net/iproute", cmd) < 0) {
    fprintf(stderr, "route: %s: %s\n", cmd, strerror(errno));
    return 1;
  }
  return 0;
}
