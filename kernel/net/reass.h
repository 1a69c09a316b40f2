// kernel/net/reass.h: IPv4 reassembly's logic (RFC 791 section 3.2,
// RFC 815): fragments of one datagram (same source, destination,
// protocol and identification) are kept, in order, until every byte
// from 0 to the end the last fragment gives is there; then the whole
// datagram comes out as one netbuf chain. ipreass.c is the kernel glue
// (the lock and the timer).
//
// What a hostile peer can do is bounded:
//   - overlapping fragments: an exact duplicate is dropped; any other
//     overlap drops the whole datagram (as RFC 5722 asks of IPv6: two
//     different versions of the same bytes are an attack, not a network);
//   - a fragment past the end a last fragment set, a last fragment
//     that ends before bytes already held, or fragments that add up to
//     more than 65535 bytes with the header, drop the datagram;
//   - at most REASS_MAXDGRAMS datagrams, REASS_MAXFRAGS fragments each and
//     REASS_MAXBYTES bytes held in all; when a new fragment does not fit,
//     the datagram that has waited longest is dropped to make room;
//   - a datagram still incomplete REASS_TIMEOUT_MS after its first
//     fragment is dropped.
//
// Time is an argument (milliseconds). Host-compilable; no lock inside.
#ifndef KERNEL_NET_REASS_H
#define KERNEL_NET_REASS_H

#include <stdint.h>
#include "inet.h"
#include "ip_wire.h"
#include "netbuf.h"

#define REASS_MAXDGRAMS 16
#define REASS_MAXFRAGS 64
#define REASS_MAXBYTES (256 * 1024)
#define REASS_TIMEOUT_MS 30000

struct reass_dgram {
  int inuse;
  ipaddr_t src, dst;
  uint16_t id;
  uint8_t proto;
  uint8_t hlen;         // the first fragment's header length, once here
  struct netbuf *frags; // payloads (headers pulled), by offset, via next
  uint32_t total;       // payload length, once the last fragment came
  uint32_t bytes;       // payload bytes held
  int nfrags;
  uint64_t expire;
};

struct reass_stats {
  uint64_t done;     // datagrams put back together
  uint64_t dups;     // exact duplicate fragments dropped
  uint64_t overlaps; // datagrams dropped for overlapping fragments
  uint64_t bad;      // datagrams dropped for an inconsistent end, or
                     // for adding up to more than 65535 bytes
  uint64_t toomany;  // datagrams dropped: too many fragments
  uint64_t evicted;  // datagrams dropped to make room
  uint64_t timeouts; // datagrams dropped incomplete at their deadline
};

struct reass {
  struct reass_dgram d[REASS_MAXDGRAMS];
  uint32_t bytes; // payload bytes held in all
  struct reass_stats st;
};

void reass_init(struct reass *r);
// A fragment: nb holds it from its IP header (h->hlen bytes, as parsed
// into *h) to its end (trimmed to h->totlen). The cache owns nb from
// now on. Returns the whole datagram once complete (the first
// fragment's header at data, then every payload byte in order, a chain;
// *h describes it: totlen the whole length, mf and fragoff 0), or 0.
struct netbuf *reass_input(struct reass *r, struct netbuf *nb, struct ip_hdr *h,
                           uint64_t now);
// Drop the datagrams whose time is up; returns the next deadline
// (UINT64_MAX: none waiting).
uint64_t reass_tick(struct reass *r, uint64_t now);
// Drop everything (the fragments are freed).
void reass_flush(struct reass *r);

#endif
