// kernel/net/arpcache.h: the ARP cache's logic (RFC 826, with the
// timers of RFC 1122 2.3.2.1): which IPv4 neighbour has which Ethernet
// address, and the packets waiting while one is being asked for.
// arp.c is the kernel glue (the lock, the timer, sending requests).
//
// An entry is INCOMPLETE while a request is out (up to ARP_QMAX packets
// wait on it, so the first packet of a conversation is never lost),
// REACHABLE once answered (for ARP_REACHABLE_MS, then it is forgotten
// and the next packet asks again), or FAILED after ARP_TRIES requests
// went unanswered (for ARP_FAILED_MS sends fail at once with
// EHOSTUNREACH instead of waiting again). A full table evicts the entry
// used longest ago, preferring complete entries over incomplete ones.
//
// Time is an argument, in milliseconds. Host-compilable; no lock inside.
#ifndef KERNEL_NET_ARPCACHE_H
#define KERNEL_NET_ARPCACHE_H

#include <stdint.h>
#include "inet.h"
#include "netbuf.h"

#define ARP_NENTRY 64
#define ARP_QMAX 8 // packets waiting on one entry; the oldest goes first
#define ARP_REACHABLE_MS 60000
#define ARP_RETRY_MS 1000
#define ARP_TRIES 3
#define ARP_FAILED_MS 20000

enum arp_state { ARP_FREE, ARP_INCOMPLETE, ARP_REACHABLE, ARP_FAILED };

struct arpentry {
  enum arp_state state;
  int ifindex;
  ipaddr_t ip;
  uint8_t mac[ETH_ALEN];
  uint64_t expire;  // REACHABLE/FAILED: forgotten then; INCOMPLETE: retry
  uint64_t used;    // last looked up, for eviction
  int tries;        // requests sent (INCOMPLETE)
  struct nbqueue q; // packets waiting (INCOMPLETE)
};

struct arpcache {
  struct arpentry e[ARP_NENTRY];
  uint64_t drops; // packets dropped: queue overflow, eviction, failure
};

void arpc_init(struct arpcache *c);

// What arpc_resolve did with a packet for ip on interface ifindex.
enum arp_verdict {
  ARPV_SEND,    // known: *mac is filled, the caller sends nb now
  ARPV_QUEUED,  // nb waits in the cache; a request is already out
  ARPV_REQUEST, // nb waits in the cache; the caller sends a request now
  ARPV_UNREACH  // the neighbour did not answer lately: nb freed
};
enum arp_verdict arpc_resolve(struct arpcache *c, int ifindex, ipaddr_t ip,
                              struct netbuf *nb, uint8_t *mac, uint64_t now);

// An ARP message from ip at mac arrived on ifindex. An entry for ip is
// updated (RFC 826's merge); with create (the message was meant for us)
// a new one is made. Returns the packets that were waiting for mac, a
// queue linked by `next`, which the caller sends (0 if none).
struct netbuf *arpc_update(struct arpcache *c, int ifindex, ipaddr_t ip,
                           const uint8_t *mac, int create, uint64_t now);

// The timer: forget expired entries, retry requests that went
// unanswered (request(arg, ifindex, ip) for each; called with the
// caller's lock held, so it must only queue or send without locking the
// cache), fail entries out of tries (their packets are freed). Returns
// the time of the next thing to do (UINT64_MAX: nothing).
uint64_t arpc_tick(struct arpcache *c, uint64_t now,
                   void (*request)(void *arg, int ifindex, ipaddr_t ip),
                   void *arg);

// Remove the entry for ip (any interface if ifindex < 0), freeing its
// packets; 0 or -ESRCH. arpc_flush removes all.
int arpc_delete(struct arpcache *c, int ifindex, ipaddr_t ip);
void arpc_flush(struct arpcache *c);

#endif
