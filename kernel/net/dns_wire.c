// kernel/net/dns_wire.c: DNS queries and replies for a stub resolver
// (RFC 1035).
#include "wire.h"
#include "dns_wire.h"

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c; }

// 1 if the dotted names a and b are equal ignoring case and a trailing
// dot.
static int same_name(const char *a, const char *b) {
  while (*a != 0 && *b != 0 && lower(*a) == lower(*b)) {
    a++;
    b++;
  }
  if (*a == '.' && a[1] == 0)
    a++;
  if (*b == '.' && b[1] == 0)
    b++;
  return *a == 0 && *b == 0;
}

// Write name as labels at p (cap bytes). Returns the bytes written, or
// 0 if it is not a name for the wire or does not fit.
static size_t name_write(uint8_t *p, size_t cap, const char *name) {
  size_t n = 0, chars = 0;
  const char *s = name;
  if (s[0] == '.' && s[1] == 0)
    s++; // the root
  while (*s != 0) {
    size_t l = 0;
    while (s[l] != 0 && s[l] != '.')
      l++;
    if (l == 0 || l > 63)
      return 0;
    if (n + 1 + l >= cap)
      return 0;
    p[n] = (uint8_t)l;
    net_copy(p + n + 1, s, l);
    n += 1 + l;
    chars += l + 1;
    s += l;
    if (*s == '.')
      s++;
  }
  if (chars > 254 || n + 1 > cap)
    return 0;
  p[n++] = 0;
  return n;
}

size_t dns_query(uint8_t *p, size_t cap, uint16_t id, const char *name,
                 uint16_t qtype) {
  if (cap < DNS_HLEN + 5)
    return 0;
  net_zero(p, DNS_HLEN);
  put16(p, id);
  put16(p + 2, DNS_RD);
  put16(p + 4, 1); // one question
  size_t n = name_write(p + DNS_HLEN, cap - DNS_HLEN - 4, name);
  if (n == 0)
    return 0;
  uint8_t *q = p + DNS_HLEN + n;
  put16(q, qtype);
  put16(q + 2, DNS_CLASS_IN);
  return DNS_HLEN + n + 4;
}

int dns_name_read(const uint8_t *msg, size_t len, size_t *off, char *out,
                  size_t cap) {
  size_t at = *off, end = 0, wire = 0, o = 0;
  int jumped = 0;
  if (cap == 0)
    return -WIRE_LONG;
  for (;;) {
    if (at >= len)
      return -WIRE_SHORT;
    uint8_t l = msg[at];
    if ((l & 0xc0) == 0xc0) { // a pointer: strictly backwards
      if (at + 1 >= len)
        return -WIRE_SHORT;
      size_t to = (size_t)(l & 0x3f) << 8 | msg[at + 1];
      if (to >= at)
        return -WIRE_FORMAT;
      if (!jumped)
        end = at + 2;
      jumped = 1;
      at = to;
      continue;
    }
    if (l & 0xc0)
      return -WIRE_FORMAT; // the reserved label types
    wire += 1 + (size_t)l;
    if (wire > DNS_MAXNAME)
      return -WIRE_FORMAT;
    if (l == 0)
      break;
    if (at + 1 + l > len)
      return -WIRE_SHORT;
    if (o + l + 1 >= cap)
      return -WIRE_LONG;
    if (o > 0)
      out[o++] = '.';
    net_copy(out + o, msg + at + 1, l);
    o += l;
    at += 1 + (size_t)l;
  }
  out[o] = 0;
  *off = jumped ? end : at + 1;
  return 0;
}

int dns_parse_reply(const uint8_t *p, size_t len, uint16_t id, const char *name,
                    uint16_t qtype, struct dns_reply *out) {
  char owner[DNS_MAXNAME + 1], alias[DNS_MAXNAME + 1], target[DNS_MAXNAME + 1];
  if (len < DNS_HLEN)
    return -WIRE_SHORT;
  uint16_t flags = get16(p + 2);
  if (!(flags & DNS_QR) || (flags >> 11 & 0xf) != 0)
    return -WIRE_TYPE;
  if (get16(p) != id || get16(p + 4) != 1)
    return -WIRE_MISMATCH;
  size_t off = DNS_HLEN;
  int err = dns_name_read(p, len, &off, owner, sizeof owner);
  if (err < 0)
    return err == -WIRE_LONG ? -WIRE_FORMAT : err;
  if (len - off < 4)
    return -WIRE_SHORT;
  if (!same_name(owner, name) || get16(p + off) != qtype ||
      get16(p + off + 2) != DNS_CLASS_IN)
    return -WIRE_MISMATCH;
  off += 4;
  out->flags = flags;
  out->rcode = DNS_RCODE(flags);
  out->naddr = 0;
  out->ttl = 0xffffffffu;
  if (out->rcode != DNS_NOERROR)
    return 0;
  // The answers: follow CNAMEs from the name, keep A records of the
  // name or its current alias.
  net_copy(alias, owner, sizeof alias);
  for (uint16_t n = get16(p + 6); n > 0; n--) {
    if ((err = dns_name_read(p, len, &off, owner, sizeof owner)) < 0)
      return err == -WIRE_LONG ? -WIRE_FORMAT : err;
    if (len - off < 10)
      return -WIRE_SHORT;
    uint16_t type = get16(p + off), class = get16(p + off + 2);
    uint32_t ttl = get32(p + off + 4);
    uint16_t rdlen = get16(p + off + 8);
    off += 10;
    if (rdlen > len - off)
      return -WIRE_SHORT;
    if (class == DNS_CLASS_IN && same_name(owner, alias)) {
      if (type == DNS_TYPE_CNAME) {
        size_t t = off;
        if ((err = dns_name_read(p, off + rdlen, &t, target, sizeof target)) <
            0)
          return err == -WIRE_LONG ? -WIRE_FORMAT : err;
        net_copy(alias, target, sizeof alias);
        out->ttl = ttl < out->ttl ? ttl : out->ttl;
      } else if (type == DNS_TYPE_A && rdlen == 4 && out->naddr < DNS_MAXADDR) {
        out->addr[out->naddr++] = get32(p + off);
        out->ttl = ttl < out->ttl ? ttl : out->ttl;
      }
    }
    off += rdlen;
  }
  return 0;
}
