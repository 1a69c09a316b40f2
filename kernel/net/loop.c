// kernel/net/loop.c: the loopback interface lo, 127.0.0.1/8. Sending
// on it queues the packet for the network thread, which takes it up
// through ip_input like a packet from a NIC: lo has no link header, and
// carries a whole 64 KiB datagram (a netbuf chain) without fragments.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"

static struct netif lo;

static int loop_xmit(struct netif *ifp, struct netbuf *nb) {
  NETIF_COUNT(ifp, opackets, 1);
  NETIF_COUNT(ifp, obytes, nb_totlen(nb));
  netif_input(ifp, nb);
  return 0;
}

void loop_init(void) {
  safestrcpy(lo.name, "lo", sizeof(lo.name));
  lo.type = NETIF_LOOP;
  lo.mtu = 65536;
  lo.xmit = loop_xmit;
  lo.up = 1;
  lo.link = 1;
  if (netif_register(&lo) < 0 || netif_addaddr(&lo, IP_LOOPBACK, 8) < 0)
    panic("cannot set up lo");
}
