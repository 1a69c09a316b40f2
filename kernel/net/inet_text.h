// kernel/net/inet_text.h: IPv4 addresses as text, for the /net control
// files (ipifc now; iproute and arp next) and what they print. Pure (no
// kernel header): host-tested in tests/unit/test_netfs.c.
#ifndef KERNEL_NET_INET_TEXT_H
#define KERNEL_NET_INET_TEXT_H

#include "inet.h"

// Print an address with "%d.%d.%d.%d" and IP_ARGS(a).
#define IP_FMT "%d.%d.%d.%d"
#define IP_ARGS(a)                                                       \
  (int)((a) >> 24 & 255), (int)((a) >> 16 & 255), (int)((a) >> 8 & 255), \
      (int)((a)&255)

// A dotted quad: four decimal numbers 0..255 apart by dots, nothing
// else (no leading zeros, which some readers take for octal). Returns 0
// and the address in *a, or -EINVAL.
int inet_text_addr(const char *s, ipaddr_t *a);

// The prefix length of a netmask (255.255.255.0 is 24), or -EINVAL if
// its one bits are not contiguous from the top.
int inet_text_masklen(ipaddr_t mask);

// An address with its prefix, as the commands write it: "A/LEN" (mask
// 0), or "A" and a netmask "M" (mask not 0), or "A" alone (mask 0 and no
// slash: *plen is -1, which callers may take as "any" or refuse).
// Returns 0 with *a and *plen (0..32 or -1), or -EINVAL.
int inet_text_prefix(const char *s, const char *mask, ipaddr_t *a, int *plen);

#endif
