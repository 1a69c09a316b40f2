// kernel/dev/virtio_net.c: the virtio network card (virtio 1.x spec,
// section 5.1), registered as interface eth0.
//
// Two queues: receiveq (0), kept full of empty page-sized netbufs the
// device writes frames into, and transmitq (1), one descriptor per frame
// sent. Every buffer starts with the 12-byte struct virtio_net_hdr; no
// offloads are negotiated, so it is all zeroes on the way out and
// ignored on the way in. The interrupt handler only moves buffers: a
// received frame goes to netif_input (the network thread does the
// rest), a sent one is freed. No NIC (no device found) means no eth0.
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "virtio.h"
#include "../net/netbuf.h"
#include "../net/netif.h"

#define VIRTIO_NET_F_MAC (1ULL << 5)     // config space holds the MAC
#define VIRTIO_NET_F_STATUS (1ULL << 16) // config space holds link status
#define VIRTIO_NET_S_LINK_UP 1
#define NET_CFG_MAC 0    // config offset of the MAC (6 bytes)
#define NET_CFG_STATUS 6 // config offset of the status (16 bits)
#define NET_HDR 12       // struct virtio_net_hdr in virtio 1.x
#define NET_QSIZE 64
#define ETH_FRAME_MAX 1514 // largest frame without the CRC

static struct {
  struct spinlock lock; // the queues and the arrays below
  int slot;
  uint64 features;
  struct virtq rxq, txq;
  struct netbuf *rxbuf[NET_QSIZE]; // by descriptor: posted for receive
  struct netbuf *txbuf[NET_QSIZE]; // by descriptor: being sent
  struct netif ifp;
} nic;

static void net_intr(int slot);

static uint8 cfg8(int off) {
  // Config space is read 32 bits at a time (MMIO); pick the byte.
  uint32 w = virtio_read(nic.slot, VIRTIO_MMIO_CONFIG + (off & ~3));
  return (w >> (8 * (off & 3))) & 0xff;
}

static int link_status(void) {
  if (!(nic.features & VIRTIO_NET_F_STATUS))
    return 1; // not offered: always up
  return (cfg8(NET_CFG_STATUS) & VIRTIO_NET_S_LINK_UP) != 0;
}

// Give the device empty buffers until every receive descriptor has one.
// nic.lock held. A buffer that cannot be had now is tried again at the
// next interrupt; the ring never empties while buffers exist.
static void rx_refill(void) {
  uint16 d;
  while (nic.rxq.nfree > 0) {
    struct netbuf *nb = nb_alloc(0, NB_CAP);
    if (nb == 0)
      break;
    virtq_alloc(&nic.rxq, 1, &d);
    nic.rxbuf[d] = nb;
    nic.rxq.desc[d].addr = (uint64)nb->data;
    nic.rxq.desc[d].len = nb->len;
    nic.rxq.desc[d].flags = VIRTQ_DESC_F_WRITE;
    nic.rxq.desc[d].next = 0;
    virtq_submit(&nic.rxq, d);
  }
}

// Send one frame (the Ethernet header in place). Owns nb.
static int net_xmit(struct netif *ifp, struct netbuf *nb) {
  if (nb->more || nb->len > ETH_FRAME_MAX || nb_push(nb, NET_HDR) == 0) {
    NETIF_COUNT(ifp, oerrors, 1); // a caller's bug: never a chain here
    nb_free(nb);
    return -EINVAL;
  }
  memset(nb->data, 0, NET_HDR);
  uint16 d;
  acquire(&nic.lock);
  if (virtq_alloc(&nic.txq, 1, &d) < 0) {
    release(&nic.lock);
    NETIF_COUNT(ifp, odrops, 1); // the ring is full: a drop, as a NIC does
    nb_free(nb);
    return -ENOBUFS;
  }
  nic.txbuf[d] = nb;
  nic.txq.desc[d].addr = (uint64)nb->data;
  nic.txq.desc[d].len = nb->len;
  nic.txq.desc[d].flags = 0;
  nic.txq.desc[d].next = 0;
  NETIF_COUNT(ifp, opackets, 1);
  NETIF_COUNT(ifp, obytes, nb->len - NET_HDR);
  virtq_submit(&nic.txq, d);
  release(&nic.lock);
  return 0;
}

void virtio_net_init(void) {
  initlock(&nic.lock, "virtio_net");
  nic.slot = virtio_find(VIRTIO_DEV_NET, 0);
  if (nic.slot < 0)
    return; // no NIC: no eth0
  if (virtio_begin(nic.slot, VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS,
                   &nic.features) < 0 ||
      virtq_init(&nic.rxq, nic.slot, 0, NET_QSIZE) < 0 ||
      virtq_init(&nic.txq, nic.slot, 1, NET_QSIZE) < 0) {
    printf("virtio_net: device setup failed; no eth0\n");
    return;
  }
  struct netif *ifp = &nic.ifp;
  safestrcpy(ifp->name, "eth0", sizeof(ifp->name));
  ifp->type = NETIF_ETHER;
  ifp->mtu = 1500;
  ifp->xmit = net_xmit;
  if (nic.features & VIRTIO_NET_F_MAC) {
    for (int i = 0; i < ETH_ALEN; i++)
      ifp->mac[i] = cfg8(NET_CFG_MAC + i);
  } else {
    // No MAC offered: a locally administered one from the slot.
    uint8 mac[ETH_ALEN] = {0x02, 0x6e, 0x76, 0x36, 0, (uint8)nic.slot};
    memmove(ifp->mac, mac, ETH_ALEN);
  }
  ifp->link = link_status();
  acquire(&nic.lock);
  rx_refill();
  release(&nic.lock);
  virtio_set_handler(nic.slot, net_intr);
  virtio_ready(nic.slot);
  if (netif_register(ifp) < 0)
    printf("virtio_net: no room for another interface\n");
}

static void net_intr(int slot) {
  uint32 why = virtio_ack(slot);
  uint32 id, len;
  acquire(&nic.lock);
  while (virtq_next_used(&nic.txq, &id, &len)) {
    if (id < NET_QSIZE && nic.txbuf[id]) {
      nb_free(nic.txbuf[id]);
      nic.txbuf[id] = 0;
      virtq_free_chain(&nic.txq, id);
    }
  }
  while (virtq_next_used(&nic.rxq, &id, &len)) {
    struct netbuf *nb = id < NET_QSIZE ? nic.rxbuf[id] : 0;
    if (nb == 0)
      continue; // never handed out: ignore the device's mistake
    nic.rxbuf[id] = 0;
    virtq_free_chain(&nic.rxq, id);
    if (len < NET_HDR || len > nb->len || nb_trim(nb, len) < 0) {
      NETIF_COUNT(&nic.ifp, ierrors, 1);
      nb_free(nb);
      continue;
    }
    nb_pull(nb, NET_HDR);
    release(&nic.lock); // netif_input takes the network queue's lock
    netif_input(&nic.ifp, nb);
    acquire(&nic.lock);
  }
  rx_refill();
  release(&nic.lock);
  if (why & 2)
    netif_setlink(&nic.ifp, link_status());
}
