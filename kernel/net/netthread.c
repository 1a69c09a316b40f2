// kernel/net/netthread.c: where received packets are processed.
//
// A NIC's interrupt handler only takes finished buffers off its ring and
// calls netif_input, which queues each frame (with its interface) and
// wakes the network thread, a kernel thread ("net") that takes frames
// off the queue one at a time and runs them up the stack: Ethernet,
// ARP or IP, then ICMP or UDP, and into a socket's receive buffer. It
// runs with interrupts on, may take sleep locks, and takes no lock
// across a whole packet, so a slow packet delays only packets.
//
// The loopback interface queues here too (lo's xmit is netif_input), so
// a packet sent to 127.0.0.1 goes up through the same IP input as any
// other, in this thread, never in the sender's call chain.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"

#define NETQ_MAX 512 // frames waiting; more are dropped (and counted)

// [q] rxq.lock: the queue of frames for the thread.
static struct {
  struct spinlock lock;
  struct nbqueue q; // [q] each frame's interface in cb.ptr[0]
  uint64 drops;     // [q] frames dropped because the queue was full
} rxq;

void netif_input(struct netif *ifp, struct netbuf *nb) {
  NETIF_COUNT(ifp, ipackets, 1);
  NETIF_COUNT(ifp, ibytes, nb_totlen(nb));
  acquire(&rxq.lock);
  if (rxq.q.count >= NETQ_MAX) {
    rxq.drops++;
    release(&rxq.lock);
    NETIF_COUNT(ifp, idrops, 1);
    nb_free(nb);
    return;
  }
  nb->cb.ptr[0] = ifp;
  nbq_put(&rxq.q, nb);
  wakeup(&rxq.q);
  release(&rxq.lock);
}

static void netthread(void *arg) {
  (void)arg;
  acquire(&rxq.lock);
  for (;;) {
    struct netbuf *nb;
    while ((nb = nbq_get(&rxq.q)) == 0)
      sleep(&rxq.q, &rxq.lock);
    release(&rxq.lock);
    struct netif *ifp = nb->cb.ptr[0];
    if (ifp->type == NETIF_ETHER)
      ether_input(ifp, nb);
    else
      ip_input(ifp, nb);
    acquire(&rxq.lock);
  }
}

void netq_init(void) {
  initlock(&rxq.lock, "netq");
  nbq_init(&rxq.q);
}

void netthread_start(void) {
  if (kthread_start("net", netthread, 0) < 0)
    panic("no process slot for the network thread");
}
