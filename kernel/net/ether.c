// kernel/net/ether.c: Ethernet input and output (the glue over
// ether_wire.c). Input keeps frames for our MAC address or broadcast
// and hands the payload to ARP or IP by EtherType; anything else is
// dropped and counted. Output prepends the header and gives the frame
// to the driver.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "ether_wire.h"
#include "wire.h"
#include "netstat.h"

void ether_input(struct netif *ifp, struct netbuf *nb) {
  struct eth_hdr h;
  int err = eth_parse(nb->data, nb->len, &h);
  if (err < 0) {
    netstat_wire(NS_ETHER, err);
    NETIF_COUNT(ifp, ierrors, 1);
    nb_free(nb);
    return;
  }
  if (!eth_eq(h.dst, ifp->mac) && !eth_is_broadcast(h.dst)) {
    NETSTAT(ether_otherhost); // another host's, or a group we are not in
    nb_free(nb);
    return;
  }
  nb_pull(nb, ETH_HLEN);
  switch (h.type) {
  case ETHERTYPE_ARP:
    arp_input(ifp, nb, h.src);
    break;
  case ETHERTYPE_IP:
    ip_input(ifp, nb);
    break;
  default:
    NETSTAT(ether_unknown);
    NETIF_COUNT(ifp, idrops, 1);
    nb_free(nb);
  }
}

int ether_output(struct netif *ifp, struct netbuf *nb, const uint8 *dst,
                 uint16 type) {
  uint8 *p = nb_push(nb, ETH_HLEN);
  if (p == 0) {
    NETIF_COUNT(ifp, oerrors, 1); // a caller without headroom: a bug
    nb_free(nb);
    return -EINVAL;
  }
  eth_emit(p, dst, ifp->mac, type);
  return ifp->xmit(ifp, nb);
}
