// kernel/net/ether_wire.c: the Ethernet II header.
#include "wire.h"
#include "ether_wire.h"

int eth_parse(const uint8_t *p, size_t len, struct eth_hdr *out) {
  if (len < ETH_HLEN)
    return -WIRE_SHORT;
  if (len > ETH_MAXFRAME)
    return -WIRE_LONG;
  uint16_t type = get16(p + 12);
  if (type < 0x0600)
    return -WIRE_TYPE;
  if (eth_is_group(p + 6))
    return -WIRE_ADDR;
  net_copy(out->dst, p, ETH_ALEN);
  net_copy(out->src, p + 6, ETH_ALEN);
  out->type = type;
  out->payload = p + ETH_HLEN;
  out->plen = len - ETH_HLEN;
  return 0;
}

void eth_emit(uint8_t *p, const uint8_t *dst, const uint8_t *src,
              uint16_t type) {
  net_copy(p, dst, ETH_ALEN);
  net_copy(p + 6, src, ETH_ALEN);
  put16(p + 12, type);
}
