// user/ifconfig.c: show and configure network interfaces through
// /net/ipifc (docs/network.md).
//
//   ifconfig                          every interface
//   ifconfig IF                       one
//   ifconfig IF ADDR netmask MASK     add an address (and bring IF up)
//   ifconfig IF ADDR/LEN              the same
//   ifconfig IF del ADDR              remove one
//   ifconfig IF up | down
#include <errno.h>
#include <netv6.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf[2048];

// The value of "key value" in a status text, or "" (into out).
static void field(const char *text, const char *key, char *out, int n) {
  int kl = strlen(key);
  out[0] = 0;
  for (const char *p = text; *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "")
    if (strncmp(p, key, kl) == 0 && p[kl] == ' ') {
      int i = 0;
      for (p += kl + 1; *p && *p != '\n' && i < n - 1; p++)
        out[i++] = *p;
      out[i] = 0;
      return;
    }
}

static void show(int n) {
  char path[40], name[16], v[32], up[8], link[8], mtu[16];
  snprintf(path, sizeof(path), "/net/ipifc/%d/status", n);
  if (net_read(path, buf, sizeof(buf)) < 0)
    return;
  field(buf, "name", name, sizeof(name));
  field(buf, "up", up, sizeof(up));
  field(buf, "link", link, sizeof(link));
  field(buf, "mtu", mtu, sizeof(mtu));
  field(buf, "type", v, sizeof(v));
  int loop = strcmp(v, "loopback") == 0;
  printf("%s: flags=%s%s%s  mtu %s\n", name,
         strcmp(up, "yes") == 0 ? "UP" : "DOWN",
         strcmp(link, "yes") == 0 ? ",RUNNING" : "", loop ? ",LOOPBACK" : "",
         mtu);
  for (const char *p = strstr(buf, "\naddr "); p;
       p = strstr(p + 1, "\naddr ")) {
    unsigned len = 0;
    const char *q = p + 6;
    char txt[24];
    int i = 0;
    while (*q && *q != '\n' && i < 23)
      txt[i++] = *q++;
    txt[i] = 0;
    char *slash = strchr(txt, '/');
    if (slash) {
      *slash = 0;
      len = atoi(slash + 1);
    }
    unsigned m = len ? 0xffffffffu << (32 - len) : 0;
    printf("        inet %s  netmask %u.%u.%u.%u", txt, m >> 24, m >> 16 & 255,
           m >> 8 & 255, m & 255);
    printf("\n");
  }
  if (!loop) {
    field(buf, "mac", v, sizeof(v));
    printf("        ether %s\n", v);
  }
  char p1[24], p2[24], p3[24], p4[24];
  field(buf, "ipackets", p1, 24);
  field(buf, "ibytes", p2, 24);
  field(buf, "ierrors", p3, 24);
  field(buf, "idrops", p4, 24);
  printf("        RX packets %s  bytes %s  errors %s  dropped %s\n", p1, p2, p3,
         p4);
  field(buf, "opackets", p1, 24);
  field(buf, "obytes", p2, 24);
  field(buf, "oerrors", p3, 24);
  field(buf, "odrops", p4, 24);
  printf("        TX packets %s  bytes %s  errors %s  dropped %s\n\n", p1, p2,
         p3, p4);
}

static int usage(void) {
  fprintf(stderr, "usage: ifconfig [IF [ADDR [netmask MASK] | ADDR/LEN | "
                  "del ADDR | up | down]]\n");
  return 2;
}

static int doctl(int n, const char *cmd) {
  char path[40];
  snprintf(path, sizeof(path), "/net/ipifc/%d/ctl", n);
  if (net_ctl(path, cmd) < 0) {
    fprintf(stderr, "ifconfig: %s: %s\n", cmd, strerror(errno));
    return 1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc > 1 && (strcmp(argv[1], "-h") == 0 || argv[1][0] == '-'))
    return usage();
  if (argc == 1) {
    for (int n = 0; n < 16; n++)
      show(n);
    return 0;
  }
  int n = net_ifindex(argv[1]);
  if (n < 0) {
    fprintf(stderr, "ifconfig: %s: no such interface\n", argv[1]);
    return 1;
  }
  if (argc == 2) {
    show(n);
    return 0;
  }
  char cmd[96];
  if (argc == 3 && (strcmp(argv[2], "up") == 0 || strcmp(argv[2], "down") == 0))
    return doctl(n, argv[2]);
  if (argc == 4 && strcmp(argv[2], "del") == 0) {
    snprintf(cmd, sizeof(cmd), "remove %s", argv[3]);
    return doctl(n, cmd);
  }
  if (argc == 3)
    snprintf(cmd, sizeof(cmd), "add %s", argv[2]);
  else if (argc == 5 && strcmp(argv[3], "netmask") == 0)
    snprintf(cmd, sizeof(cmd), "add %s %s", argv[2], argv[4]);
  else
    return usage();
  if (strchr(argv[2], '/') == 0 && argc == 3) {
    fprintf(stderr, "ifconfig: %s: give a prefix length (/24) or a netmask\n",
            argv[2]);
    return 2;
  }
  return doctl(n, cmd) || doctl(n, "up");
}
