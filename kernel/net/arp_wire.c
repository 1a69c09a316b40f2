// kernel/net/arp_wire.c: ARP packets for IPv4 over Ethernet (RFC 826).
#include "wire.h"
#include "arp_wire.h"

int arp_parse(const uint8_t *p, size_t len, struct arp_pkt *out) {
  if (len < ARP_LEN)
    return -WIRE_SHORT;
  if (get16(p) != ARP_HW_ETHER || get16(p + 2) != ETHERTYPE_IP)
    return -WIRE_TYPE;
  if (p[4] != ETH_ALEN || p[5] != 4)
    return -WIRE_LENGTH;
  uint16_t op = get16(p + 6);
  if (op != ARP_REQUEST && op != ARP_REPLY)
    return -WIRE_TYPE;
  if (eth_is_group(p + 8))
    return -WIRE_ADDR;
  out->op = op;
  net_copy(out->sha, p + 8, ETH_ALEN);
  out->spa = get32(p + 14);
  net_copy(out->tha, p + 18, ETH_ALEN);
  out->tpa = get32(p + 24);
  return 0;
}

void arp_emit(uint8_t *p, const struct arp_pkt *a) {
  put16(p, ARP_HW_ETHER);
  put16(p + 2, ETHERTYPE_IP);
  p[4] = ETH_ALEN;
  p[5] = 4;
  put16(p + 6, a->op);
  net_copy(p + 8, a->sha, ETH_ALEN);
  put32(p + 14, a->spa);
  net_copy(p + 18, a->tha, ETH_ALEN);
  put32(p + 24, a->tpa);
}
