// kernel/net/dhcp_wire.h: DHCP messages (RFC 2131, options RFC 2132),
// parsed and built, for a client on Ethernet.
//
// A message is a UDP payload: the fixed BOOTP part (236 bytes), the magic
// cookie, then options as type-length-value, ending with 255. Parsing
// keeps the options a client needs; the others are skipped. Options
// carried in the sname and file fields ("overload", option 52) are not
// read.
//
// Host-compilable; pure functions of their arguments (usable by a
// kernel client and by a user-space one alike).
#ifndef KERNEL_NET_DHCP_WIRE_H
#define KERNEL_NET_DHCP_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "inet.h"

#define DHCP_FIXED 236    // op .. file
#define DHCP_MINLEN 240   // the fixed part and the magic cookie
#define DHCP_BUILDLEN 300 // what dhcp_build writes (BOOTP's minimum)
#define DHCP_MAGIC 0x63825363
#define DHCP_BOOTREQUEST 1
#define DHCP_BOOTREPLY 2
#define DHCP_FLAG_BROADCAST 0x8000
#define DHCP_HTYPE_ETHER 1 // the hardware type of Ethernet

// Message types (option 53).
#define DHCPDISCOVER 1
#define DHCPOFFER 2
#define DHCPREQUEST 3
#define DHCPDECLINE 4
#define DHCPACK 5
#define DHCPNAK 6
#define DHCPRELEASE 7
#define DHCPINFORM 8

// Options.
#define DHCPOPT_PAD 0
#define DHCPOPT_MASK 1
#define DHCPOPT_ROUTER 3
#define DHCPOPT_DNS 6
#define DHCPOPT_HOSTNAME 12
#define DHCPOPT_BROADCAST 28
#define DHCPOPT_REQADDR 50
#define DHCPOPT_LEASE 51
#define DHCPOPT_TYPE 53
#define DHCPOPT_SERVER 54
#define DHCPOPT_PARAMS 55
#define DHCPOPT_T1 58
#define DHCPOPT_T2 59
#define DHCPOPT_END 255

#define DHCP_MAXDNS 3

struct dhcp_msg {
  uint8_t op;   // DHCP_BOOTREQUEST or DHCP_BOOTREPLY
  uint8_t type; // DHCPDISCOVER ... DHCPINFORM
  uint32_t xid; // transaction id
  uint16_t secs, flags;
  ipaddr_t ciaddr, yiaddr, siaddr, giaddr;
  uint8_t chaddr[ETH_ALEN];
  // Options; 0 where absent.
  ipaddr_t mask;             // 1
  ipaddr_t router;           // 3: the first router
  ipaddr_t dns[DHCP_MAXDNS]; // 6: the first ones
  int ndns;
  ipaddr_t broadcast; // 28
  ipaddr_t reqaddr;   // 50
  uint32_t lease;     // 51, seconds (0xffffffff: infinite)
  ipaddr_t server;    // 54, the server identifier
  uint32_t t1, t2;    // 58, 59, seconds
};

// Parse the DHCP message of len bytes at p. Returns 0 or:
//   -WIRE_SHORT  len < DHCP_MINLEN
//   -WIRE_TYPE   op not 1 or 2, hardware not Ethernet (1, length 6), or
//                no DHCP message type (a plain BOOTP message), or one
//                outside 1..8
//   -WIRE_FORMAT the magic cookie is wrong, an option runs past the end,
//                or an option the client reads has the wrong length
int dhcp_parse(const uint8_t *p, size_t len, struct dhcp_msg *out);

// Build a client's message from *m (op is set to BOOTREQUEST; type,
// xid, secs, flags, ciaddr and chaddr are used; reqaddr and server are
// sent as options 50 and 54 when nonzero; a parameter request list asks
// for mask, router, DNS, lease, T1 and T2). Writes DHCP_BUILDLEN bytes
// at p (cap must allow it) and returns that, or 0 if cap is too small.
size_t dhcp_build(uint8_t *p, size_t cap, const struct dhcp_msg *m);

#endif
