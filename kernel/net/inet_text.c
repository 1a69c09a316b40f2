// kernel/net/inet_text.c: IPv4 addresses and prefixes from text (see
// inet_text.h).
#include <netv6/errno.h>
#include "../fs/netfs_args.h"
#include "inet_text.h"

int inet_text_addr(const char *s, ipaddr_t *a) {
  ipaddr_t v = 0;
  for (int i = 0; i < 4; i++) {
    char part[4];
    int n = 0;
    while (*s && *s != '.' && n < 3)
      part[n++] = *s++;
    part[n] = 0;
    unsigned x;
    if (netfs_uint(part, 255, &x) < 0)
      return -EINVAL;
    if (*s != (i < 3 ? '.' : 0))
      return -EINVAL; // a fourth digit, a missing or extra part, junk
    if (i < 3)
      s++;
    v = v << 8 | x;
  }
  *a = v;
  return 0;
}

int inet_text_masklen(ipaddr_t mask) {
  int plen = 0;
  while (plen < 32 && (mask & (0x80000000u >> plen)))
    plen++;
  return mask == ip_mask(plen) ? plen : -EINVAL;
}

int inet_text_prefix(const char *s, const char *mask, ipaddr_t *a, int *plen) {
  char addr[16];
  int n = 0;
  while (s[n] && s[n] != '/' && n < 15) {
    addr[n] = s[n];
    n++;
  }
  addr[n] = 0;
  ipaddr_t v;
  if (inet_text_addr(addr, &v) < 0)
    return -EINVAL;
  int len = -1;
  if (s[n] == '/') {
    unsigned x;
    if (mask || netfs_uint(s + n + 1, 32, &x) < 0)
      return -EINVAL; // a length and a mask; a bad length
    len = x;
  } else if (s[n] != 0) {
    return -EINVAL;
  } else if (mask) {
    ipaddr_t m;
    if (inet_text_addr(mask, &m) < 0 || (len = inet_text_masklen(m)) < 0)
      return -EINVAL;
  }
  *a = v;
  *plen = len;
  return 0;
}
