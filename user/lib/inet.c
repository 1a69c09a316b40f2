// user/lib/inet.c: IPv4 addresses as text (libc, socket face):
// inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa. AF_INET only.
// The strict dotted quad is nettext.c's, shared with the resolver.

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "nettext.h"

int inet_pton(int af, const char *src, void *dst) {
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  uint32_t addr;
  if (!ip4_parse(src, strlen(src), &addr))
    return 0;
  struct in_addr *in = dst;
  in->s_addr = htonl(addr);
  return 1;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size) {
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return 0;
  }
  char tmp[INET_ADDRSTRLEN];
  const unsigned char *b = src; // network order: the first byte first
  uint32_t a = (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
  socklen_t n = ip4_format(a, tmp) + 1;
  if (size < n) {
    errno = ENOSPC;
    return 0;
  }
  memcpy(dst, tmp, n);
  return dst;
}

// One part of an inet_aton address: decimal, 0 octal or 0x hex. Returns
// the end, or 0 if there is no number or it passes max.
static const char *getpart(const char *s, uint32_t max, uint32_t *out) {
  unsigned base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s += 2;
  } else if (s[0] == '0') {
    base = 8;
  }
  uint64_t v = 0;
  int digits = 0;
  for (;; s++, digits++) {
    unsigned d;
    if (*s >= '0' && *s <= '9')
      d = *s - '0';
    else if (*s >= 'a' && *s <= 'f')
      d = *s - 'a' + 10;
    else if (*s >= 'A' && *s <= 'F')
      d = *s - 'A' + 10;
    else
      break;
    if (d >= base)
      return 0;
    v = v * base + d;
    if (v > max)
      return 0;
  }
  if (digits == 0)
    return 0;
  *out = v;
  return s;
}

// a.b.c.d, a.b.c (c 16 bits), a.b (b 24 bits) or a (32 bits).
int inet_aton(const char *cp, struct in_addr *in) {
  uint32_t part[4];
  int n = 0;
  for (;;) {
    if ((cp = getpart(cp, 0xffffffff, &part[n++])) == 0)
      return 0;
    if (*cp != '.')
      break;
    if (n == 4)
      return 0;
    cp++;
  }
  if (*cp != 0)
    return 0;
  uint32_t addr = 0;
  for (int i = 0; i < n - 1; i++) {
    if (part[i] > 255)
      return 0;
    addr |= part[i] << (24 - 8 * i);
  }
  uint32_t last = part[n - 1];
  if (n > 1 && last >> (8 * (5 - n)) != 0)
    return 0; // the last part fills only the remaining bytes
  addr |= last;
  if (in)
    in->s_addr = htonl(addr);
  return 1;
}

in_addr_t inet_addr(const char *cp) {
  struct in_addr in;
  if (!inet_aton(cp, &in))
    return INADDR_NONE;
  return in.s_addr;
}

char *inet_ntoa(struct in_addr in) {
  static char buf[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &in, buf, sizeof(buf));
  return buf;
}
