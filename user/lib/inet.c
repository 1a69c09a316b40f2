// user/lib/inet.c: IPv4 addresses as text (libc, socket face):
// inet_pton, inet_ntop, inet_aton, inet_addr, inet_ntoa. AF_INET only.

#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>

int inet_pton(int af, const char *src, void *dst) {
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return -1;
  }
  uint32_t addr = 0;
  for (int part = 0; part < 4; part++) {
    if (part > 0 && *src++ != '.')
      return 0;
    int v = 0, digits = 0;
    while (*src >= '0' && *src <= '9') {
      if (digits > 0 && v == 0)
        return 0; // a leading zero
      v = v * 10 + (*src++ - '0');
      if (++digits > 3 || v > 255)
        return 0;
    }
    if (digits == 0)
      return 0;
    addr = addr << 8 | v;
  }
  if (*src != 0)
    return 0;
  struct in_addr *in = dst;
  in->s_addr = htonl(addr);
  return 1;
}

// Append v in decimal at p; returns the end.
static char *putdec(char *p, unsigned v) {
  if (v >= 100)
    *p++ = '0' + v / 100;
  if (v >= 10)
    *p++ = '0' + v / 10 % 10;
  *p++ = '0' + v % 10;
  return p;
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size) {
  if (af != AF_INET) {
    errno = EAFNOSUPPORT;
    return 0;
  }
  const unsigned char *b = src; // network order: the first byte first
  char tmp[INET_ADDRSTRLEN], *p = tmp;
  for (int i = 0; i < 4; i++) {
    if (i > 0)
      *p++ = '.';
    p = putdec(p, b[i]);
  }
  *p++ = 0;
  if (size < (socklen_t)(p - tmp)) {
    errno = ENOSPC;
    return 0;
  }
  for (int i = 0; i < p - tmp; i++)
    dst[i] = tmp[i];
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
