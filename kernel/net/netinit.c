// kernel/net/netinit.c: bringing the IPv4 stack up at boot, and its
// counters (netstat.h).
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"

#define NB_LIMIT 2048 // packet buffers in use at once (8 MiB)

struct netstat netstat;

void netstat_wire(enum ns_layer layer, int err) {
  if (err < 0)
    err = -err;
  if (layer < NS_NLAYER && err > 0 && err < WIRE_NERR)
    __atomic_fetch_add(&netstat.wire[layer][err], 1, __ATOMIC_RELAXED);
}

static void *nb_page(void) { return kalloc(); }
static void nb_unpage(void *p) { kfree(p); }

// Before interrupts are on and before the first process: everything a
// driver's interrupt may touch.
void netinit(void) {
  nb_init(nb_page, nb_unpage, NB_LIMIT);
  netif_init();
  netq_init();
  loop_init();
  virtio_net_init();
}

// Once the process table works: the network thread.
void netstart(void) { netthread_start(); }
