// kernel/net/netstack.h: the entry points between the layers of the
// IPv4 stack (the kernel glue of each protocol). Who owns a netbuf:
// every *_input and *_output takes ownership of the packet it is given
// (it passes it on or frees it), whatever it returns.
#ifndef KERNEL_NET_NETSTACK_H
#define KERNEL_NET_NETSTACK_H

#include "../types.h"
#include "inet.h"

struct netbuf;
struct netif;

// Boot: buffers, the interface table, the receive queue, lo, the NICs
// (before any interrupt); then, once processes exist, the threads.
void netinit(void);
void netstart(void);
void netq_init(void);
void netthread_start(void);
void virtio_net_init(void);
void netif_init(void);
void loop_init(void);

// ether.c: a received frame (header at data); send an IP packet or ARP
// message to dst (a MAC address) on an Ethernet interface.
void ether_input(struct netif *ifp, struct netbuf *nb);
int ether_output(struct netif *ifp, struct netbuf *nb, const uint8 *dst,
                 uint16 type);

// arp.c: a received ARP message (from the Ethernet source src); send an
// IP packet to the neighbour nexthop (0, or -EHOSTUNREACH when it did
// not answer lately: nb is freed either way unless it waits for an
// answer); announce an address; the cache's table for /net/arp.
void arp_init(void);
void arp_input(struct netif *ifp, struct netbuf *nb, const uint8 *src);
int arp_output(struct netif *ifp, ipaddr_t nexthop, struct netbuf *nb);
void arp_announce(struct netif *ifp, ipaddr_t addr);
int arp_delete(ipaddr_t ip);
void arp_flush(void);
struct arpentry;
int arp_snapshot(struct arpentry *out, int n, uint64 *now_ms);

// iproute.c: the kernel's routing table (route.h under a lock).
void route_init(void);
int route_add(ipaddr_t dst, int plen, ipaddr_t gw, int ifindex, int flags);
int route_del(ipaddr_t dst, int plen, ipaddr_t gw);
// Where a datagram to dst goes: the interface and the next hop (dst
// itself on the link, or a gateway). 0 or -ENETUNREACH.
int route_lookup(ipaddr_t dst, struct netif **ifp, ipaddr_t *nexthop);
struct rtentry;
int route_snapshot(struct rtentry *out, int n);

// ip.c: a received IPv4 packet (header at data), from ether_input or lo.
void ip_input(struct netif *ifp, struct netbuf *nb);

#define IP_DEFTTL 64

// What ip_input tells the protocol above about a datagram it hands up
// (the packet still starts with the IP header, hlen bytes).
struct ipinfo {
  struct netif *ifp; // it came in on
  ipaddr_t src, dst;
  uint8 proto, ttl, tos, hlen;
  int bcast; // sent to a broadcast address
};

// What a protocol asks ip_output for. src 0: the interface's address.
struct ipout {
  ipaddr_t src, dst;
  uint8 proto, ttl, tos; // ttl 0: IP_DEFTTL
  int df;                // don't fragment (-EMSGSIZE if it must)
  // SO_BINDTODEVICE: a limited broadcast leaves through this interface,
  // from src 0.0.0.0 if it has no address yet (a DHCP client). 0: route.
  struct netif *ifp;
};

// Send the transport packet nb (any length up to 65515, a chain is fine,
// with NB_MAXHDR of headroom in its first buffer). 0, or -ENETUNREACH
// (no route), -ENETDOWN, -EADDRNOTAVAIL (no source address),
// -EHOSTUNREACH (ARP gave up lately), -EMSGSIZE, -ENOBUFS. Frees nb.
int ip_output(struct netbuf *nb, const struct ipout *o);
// The source address a datagram to dst would leave with (for a
// transport's checksum): 0, -ENETUNREACH or -EADDRNOTAVAIL.
int ip_select_src(ipaddr_t dst, ipaddr_t *src);
// a is the limited broadcast or the directed broadcast of one of our
// prefixes.
int ip_isbcast(ipaddr_t a);

// ipreass.c: a fragment (header at data, trimmed to its total length).
// Returns the whole datagram once complete (its first fragment's header
// at data, the total length in *h), or 0 while it waits (or when it was
// dropped, counted).
struct ip_hdr;
struct netbuf *ip_reass(struct netbuf *nb, struct ip_hdr *h);
void ip_reass_init(void);
struct reass_stats;
void ip_reass_stats(struct reass_stats *st, uint32 *bytes);

// icmp.c: a received ICMP message; an ICMP error about the datagram nb
// (its IP header at data; nb is not freed), rate-limited and never about
// an ICMP error, a broadcast or a later fragment.
void icmp_input(struct netbuf *nb, const struct ipinfo *in);
void icmp_error(struct netbuf *nb, int type, int code, uint32 info);

// udp.c: a received UDP datagram; an ICMP error about one we sent
// (src:sport to dst:dport), err the errno it means.
void udp_input(struct netbuf *nb, const struct ipinfo *in);
void udp_ctlinput(ipaddr_t src, uint16 sport, ipaddr_t dst, uint16 dport,
                  int err);

// inet.c and the protocols' boot calls; IPPROTO_IP options.
struct socket;
void icmp_init(void);
void udp_init(void);
void ping_init(void);
// ping.c: an echo reply for a ping socket (nb not freed).
struct icmp_hdr;
void ping_input(struct netbuf *nb, const struct ipinfo *in,
                const struct icmp_hdr *ic);
int inet_setopt(struct socket *so, int level, int name, const void *val,
                int len);
int inet_getopt(struct socket *so, int level, int name, void *val, int *len);

#endif
