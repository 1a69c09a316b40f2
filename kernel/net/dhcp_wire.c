// kernel/net/dhcp_wire.c: DHCP messages (RFC 2131, RFC 2132).
#include "wire.h"
#include "dhcp_wire.h"

// Read one option the client keeps. Returns 0 or -WIRE_FORMAT (a
// length the option cannot have).
static int option(struct dhcp_msg *m, uint8_t code, const uint8_t *v,
                  size_t n) {
  switch (code) {
  case DHCPOPT_TYPE:
    if (n != 1)
      return -WIRE_FORMAT;
    m->type = v[0];
    return 0;
  case DHCPOPT_ROUTER:
  case DHCPOPT_DNS:
    if (n == 0 || n % 4 != 0)
      return -WIRE_FORMAT;
    if (code == DHCPOPT_ROUTER) {
      m->router = get32(v);
      return 0;
    }
    for (size_t i = 0; i < n && m->ndns < DHCP_MAXDNS; i += 4)
      m->dns[m->ndns++] = get32(v + i);
    return 0;
  case DHCPOPT_MASK:
  case DHCPOPT_BROADCAST:
  case DHCPOPT_REQADDR:
  case DHCPOPT_LEASE:
  case DHCPOPT_SERVER:
  case DHCPOPT_T1:
  case DHCPOPT_T2:
    break;
  default:
    return 0; // not ours: skipped
  }
  if (n != 4)
    return -WIRE_FORMAT;
  uint32_t x = get32(v);
  switch (code) {
  case DHCPOPT_MASK:
    m->mask = x;
    break;
  case DHCPOPT_BROADCAST:
    m->broadcast = x;
    break;
  case DHCPOPT_REQADDR:
    m->reqaddr = x;
    break;
  case DHCPOPT_LEASE:
    m->lease = x;
    break;
  case DHCPOPT_SERVER:
    m->server = x;
    break;
  case DHCPOPT_T1:
    m->t1 = x;
    break;
  default:
    m->t2 = x;
    break;
  }
  return 0;
}

int dhcp_parse(const uint8_t *p, size_t len, struct dhcp_msg *out) {
  if (len < DHCP_MINLEN)
    return -WIRE_SHORT;
  if ((p[0] != DHCP_BOOTREQUEST && p[0] != DHCP_BOOTREPLY) ||
      p[1] != DHCP_HTYPE_ETHER || p[2] != ETH_ALEN)
    return -WIRE_TYPE;
  if (get32(p + DHCP_FIXED) != DHCP_MAGIC)
    return -WIRE_FORMAT;
  net_zero(out, sizeof *out);
  out->op = p[0];
  out->xid = get32(p + 4);
  out->secs = get16(p + 8);
  out->flags = get16(p + 10);
  out->ciaddr = get32(p + 12);
  out->yiaddr = get32(p + 16);
  out->siaddr = get32(p + 20);
  out->giaddr = get32(p + 24);
  net_copy(out->chaddr, p + 28, ETH_ALEN);
  size_t i = DHCP_MINLEN;
  while (i < len && p[i] != DHCPOPT_END) {
    if (p[i] == DHCPOPT_PAD) {
      i++;
      continue;
    }
    if (len - i < 2 || (size_t)p[i + 1] > len - i - 2)
      return -WIRE_FORMAT;
    int err = option(out, p[i], p + i + 2, p[i + 1]);
    if (err < 0)
      return err;
    i += 2 + (size_t)p[i + 1];
  }
  if (out->type < DHCPDISCOVER || out->type > DHCPINFORM)
    return -WIRE_TYPE;
  return 0;
}

static uint8_t *put_opt4(uint8_t *o, uint8_t code, uint32_t v) {
  o[0] = code;
  o[1] = 4;
  put32(o + 2, v);
  return o + 6;
}

size_t dhcp_build(uint8_t *p, size_t cap, const struct dhcp_msg *m) {
  static const uint8_t params[] = {DHCPOPT_MASK,  DHCPOPT_ROUTER, DHCPOPT_DNS,
                                   DHCPOPT_LEASE, DHCPOPT_T1,     DHCPOPT_T2};
  if (cap < DHCP_BUILDLEN)
    return 0;
  net_zero(p, DHCP_BUILDLEN);
  p[0] = DHCP_BOOTREQUEST;
  p[1] = DHCP_HTYPE_ETHER;
  p[2] = ETH_ALEN;
  put32(p + 4, m->xid);
  put16(p + 8, m->secs);
  put16(p + 10, m->flags);
  put32(p + 12, m->ciaddr);
  net_copy(p + 28, m->chaddr, ETH_ALEN);
  put32(p + DHCP_FIXED, DHCP_MAGIC);
  uint8_t *o = p + DHCP_MINLEN;
  *o++ = DHCPOPT_TYPE;
  *o++ = 1;
  *o++ = m->type;
  if (m->reqaddr != 0)
    o = put_opt4(o, DHCPOPT_REQADDR, m->reqaddr);
  if (m->server != 0)
    o = put_opt4(o, DHCPOPT_SERVER, m->server);
  *o++ = DHCPOPT_PARAMS;
  *o++ = sizeof params;
  net_copy(o, params, sizeof params);
  o += sizeof params;
  *o = DHCPOPT_END; // the rest stays zero: padding
  return DHCP_BUILDLEN;
}
