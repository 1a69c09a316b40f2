// kernel/net/netif.h: network interfaces: lo and the NICs (eth0...).
//
// An interface is what IP sends through and receives from: a name, a
// hardware address, an MTU, up/down and link state, its IPv4 addresses
// and counters. A driver fills in `xmit` and registers the interface;
// frames it receives go to netif_input (from its interrupt handler),
// which queues them for the network thread (netthread.c). Nothing below
// IP knows about sockets.
//
// Field legend: [i] set at registration, immutable after; [n] netif.lock
// (the interface's own spinlock) must be held; [a] updated with atomic
// adds, read without a lock (counters may be a packet apart).
#ifndef KERNEL_NET_NETIF_H
#define KERNEL_NET_NETIF_H

#include "../types.h"
#include "../spinlock.h"
#include "inet.h"

struct netbuf;

#define NETIF_MAX 4   // interfaces: lo and up to three NICs
#define NETIF_NADDR 4 // IPv4 addresses per interface
#define NETIF_NAMESZ 8

enum netif_type { NETIF_LOOP, NETIF_ETHER };

struct ifaddr {
  ipaddr_t addr; // 0: slot unused
  int plen;      // prefix length (the mask's 1 bits)
};

struct netif_stats {
  uint64 ipackets, ibytes, ierrors, idrops; // [a]
  uint64 opackets, obytes, oerrors, odrops; // [a]
};

struct netif {
  struct spinlock lock;
  char name[NETIF_NAMESZ];         // [i] "lo", "eth0"
  int index;                       // [i] its number in /net/ipifc/N
  enum netif_type type;            // [i]
  uint8 mac[ETH_ALEN];             // [i] zero for lo
  uint32 mtu;                      // [n] largest IP datagram it carries
  int up;                          // [n] administratively up (ifconfig up)
  int link;                        // [n] the driver sees a carrier
  struct ifaddr addr[NETIF_NADDR]; // [n]
  struct netif_stats st;           // [a]
  // The driver: send one frame (a single netbuf, the link header
  // already in place); it owns nb from then on, whatever it returns.
  // 0, or -errno (the frame was dropped). Called with no lock held.
  int (*xmit)(struct netif *ifp, struct netbuf *nb);
};

// Register an interface the driver has filled in (name, type, mac, mtu,
// xmit). Returns its index, or -ENOSPC.
int netif_register(struct netif *ifp);
// The interface with this index or name, or 0. Interfaces are never
// unregistered, so the pointer stays good.
struct netif *netif_get(int index);
struct netif *netif_byname(const char *name);
int netif_count(void);

// A driver received a frame (from interrupt context): count it and
// queue it for the network thread, which owns nb from then on.
void netif_input(struct netif *ifp, struct netbuf *nb);
// The driver's link state changed.
void netif_setlink(struct netif *ifp, int up);

// Addresses (each takes ifp->lock itself).
int netif_hasaddr(struct netif *ifp, ipaddr_t a);
// a is the limited broadcast or the directed broadcast of a prefix of ifp.
int netif_isbcast(struct netif *ifp, ipaddr_t a);
// The address to send from on ifp towards dst: one in dst's prefix, or
// the first; 0 if ifp has none.
ipaddr_t netif_srcaddr(struct netif *ifp, ipaddr_t dst);
// The interface that has address a, or 0.
struct netif *netif_owner(ipaddr_t a);
// Add a/plen (with its connected route; a gratuitous ARP if up): 0,
// -EINVAL (not a usable host address), -EADDRINUSE (some interface has
// it), -ENOSPC. Remove one (plen -1: any): 0 or -EADDRNOTAVAIL.
int netif_addaddr(struct netif *ifp, ipaddr_t a, int plen);
int netif_deladdr(struct netif *ifp, ipaddr_t a, int plen);
// Administratively up or down; up and with a carrier.
int netif_setup(struct netif *ifp, int up);
int netif_isup(struct netif *ifp);

// Count with atomic adds (any context).
#define NETIF_COUNT(ifp, field, n) \
  __atomic_fetch_add(&(ifp)->st.field, (n), __ATOMIC_RELAXED)

#endif
