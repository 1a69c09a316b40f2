// kernel/net/inet.c: the AF_INET family: its protocols, what sets the
// stack up at boot, and the IPPROTO_IP options its sockets share.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "socket.h"
#include "inpcb.h"
#include "netstack.h"
#include "netif.h"

extern const struct protosw udp_proto;  // udp.c
extern const struct protosw ping_proto; // ping.c

// SOCK_DGRAM with protocol 0 is UDP: the first of its type.
static const struct protosw *const inet_protos[] = {
    &udp_proto,
    &ping_proto,
};

static void inet_init(void) {
  route_init();
  arp_init();
  icmp_init();
  ip_reass_init();
  udp_init();
  ping_init();
}

const struct domain inet_domain = {
    .family = AF_INET,
    .init = inet_init,
    .protos = inet_protos,
    .nprotos = NELEM(inet_protos),
};

// SO_BINDTODEVICE: sends to a broadcast address leave through this
// interface, even one with no address yet (a DHCP client's). An empty
// name undoes it. *so->lk held.
static int bindtodevice(struct socket *so, const char *val, int len) {
  struct inpcb *p = so->pcb;
  char name[NETIF_NAMESZ];
  if (len < 0 || len > NETIF_NAMESZ)
    return -EINVAL;
  memset(name, 0, sizeof(name));
  memmove(name, val, len);
  name[NETIF_NAMESZ - 1] = 0;
  if (name[0] == 0) {
    p->ifindex = 0;
    return 0;
  }
  struct netif *ifp = netif_byname(name);
  if (ifp == 0)
    return -ENODEV;
  p->ifindex = ifp->index + 1;
  return 0;
}

// IP_TTL (1..255; -1 restores the default) and IP_TOS. *so->lk held.
int inet_setopt(struct socket *so, int level, int name, const void *val,
                int len) {
  struct inpcb *p = so->pcb;
  int v;
  if (level == SOL_SOCKET && name == SO_BINDTODEVICE)
    return bindtodevice(so, val, len);
  if (level != IPPROTO_IP)
    return -ENOPROTOOPT;
  if (len < (int)sizeof(int))
    return -EINVAL;
  memmove(&v, val, sizeof(v));
  switch (name) {
  case IP_TTL:
    if (v == -1)
      v = 0;
    if (v < 0 || v > 255)
      return -EINVAL;
    p->ttl = v;
    return 0;
  case IP_TOS:
    p->tos = v & 0xff;
    return 0;
  }
  return -ENOPROTOOPT;
}

int inet_getopt(struct socket *so, int level, int name, void *val, int *len) {
  struct inpcb *p = so->pcb;
  int v;
  if (level == SOL_SOCKET && name == SO_BINDTODEVICE) {
    struct netif *ifp = p->ifindex ? netif_get(p->ifindex - 1) : 0;
    const char *n = ifp ? ifp->name : "";
    int l = strlen(n) + 1;
    if (*len > l)
      *len = l;
    memmove(val, n, *len);
    return 0;
  }
  if (level != IPPROTO_IP)
    return -ENOPROTOOPT;
  switch (name) {
  case IP_TTL:
    v = p->ttl ? p->ttl : IP_DEFTTL;
    break;
  case IP_TOS:
    v = p->tos;
    break;
  default:
    return -ENOPROTOOPT;
  }
  if (*len > (int)sizeof(v))
    *len = sizeof(v);
  memmove(val, &v, *len);
  return 0;
}
