// kernel/net/netstat.h: the IPv4 stack's counters, for /net/stats and
// netstat -s: drops by layer and by the reason a parser gave (wire.h),
// and the events each protocol counts. Updated with atomic adds from
// any context; read without a lock (a count may be a packet behind).
#ifndef KERNEL_NET_NETSTAT_H
#define KERNEL_NET_NETSTAT_H

#include "../types.h"
#include "wire.h"

enum ns_layer { NS_ETHER, NS_ARP, NS_IP, NS_ICMP, NS_UDP, NS_NLAYER };

struct netstat {
  uint64 wire[NS_NLAYER][WIRE_NERR]; // refused by the parser, by reason
  uint64 ether_otherhost;            // frames for another MAC address
  uint64 ether_unknown;              // EtherTypes we do not speak
  uint64 arp_conflict;               // someone else claims one of our addresses
  uint64 arp_replies;                // replies we sent
  uint64 ip_martian;                 // impossible source addresses
  uint64 ip_ifdown;                  // arrived on an interface that is down
  uint64 ip_notours;                 // for another host (we do not forward)
  uint64 ip_delivered;               // handed to ICMP, UDP...
  uint64 ip_noproto;                 // for a protocol we do not speak
  uint64 ip_sent;                    // datagrams sent whole
  uint64 ip_fragmented;              // datagrams sent in fragments
  uint64 ip_fragments;               // fragments sent
  uint64 ip_reass_dropped;           // fragments dropped by reassembly
  uint64 icmp_ratelimited;           // errors not sent: over the rate
  uint64 icmp_errors_sent;           // errors sent
  uint64 icmp_badquote;              // errors received quoting garbage
  uint64 icmp_bcast_echo;            // echo requests to a broadcast, ignored
  uint64 icmp_echo_replies;          // replies sent
  uint64 icmp_ignored;               // other types
  uint64 udp_sent;                   // datagrams sent
  uint64 udp_delivered;              // datagrams put in a socket's buffer
  uint64 udp_noport;                 // for a port nobody has
  uint64 udp_fullsock;               // dropped: the socket's buffer was full
  uint64 udp_nobufs;                 // sends refused for want of packet buffers
};

extern struct netstat netstat;

#define NETSTAT(field) __atomic_fetch_add(&netstat.field, 1, __ATOMIC_RELAXED)

// A parser of layer refused a packet with err (-WIRE_...).
void netstat_wire(enum ns_layer layer, int err);

#endif
