// tests/fuzz/fuzz_frame.c: libFuzzer target for the receive path's
// parsers: the input is one Ethernet frame, taken down the layers as the
// stack takes it (Ethernet, then ARP or IPv4, then ICMP with its quoted
// header, or UDP). Beyond "no crash, no sanitizer report", it checks
// properties and aborts when one fails:
//   - a header that parsed is rebuilt byte for byte by its emit function
//     (Ethernet, ARP, an IPv4 header without options, ICMP, UDP);
//   - the two-step ICMP and UDP parses over the bytes cut into a netbuf
//     chain at input-chosen points agree with the one-step parse;
//   - nb_cksum over that chain equals inet_cksum over the bytes.
// A fuzzer rarely guesses a checksum, so with the top bit of the last
// byte set the target first rewrites the frame's IPv4, ICMP and UDP
// checksums to be right, and the layers behind them get explored too.
// The rest of the last byte sets the size of the chain's pieces.
// Seeds: tests/fuzz/corpus/frame/ (frames Linux sent, see
// tests/unit/fixtures/capture.sh).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arp_wire.h"
#include "ether_wire.h"
#include "icmp_wire.h"
#include "ip_wire.h"
#include "netbuf.h"
#include "udp_wire.h"
#include "wire.h"
#include "fuzz.h"

// Rebuilt bytes b equal the received a, but for the checksum at off: the
// sum that comes out as zero may be sent as 0x0000 or as 0xffff (both are
// zero in one's complement), and emit writes 0x0000 (UDP: 0xffff).
static int rebuilt(const uint8_t *b, const uint8_t *a, size_t n, size_t off) {
  if (memcmp(b, a, off) != 0 || memcmp(b + off + 2, a + off + 2, n - off - 2))
    return 0;
  return get16(b + off) == get16(a + off) ||
         (get16(b + off) == 0 && get16(a + off) == 0xffff);
}

// The bytes p[0..len) in a chain of buffers of at most `piece` bytes,
// with the first hdr of them pulled up into the first buffer (as the
// stack does before parsing a header).
static struct netbuf *chain(const uint8_t *p, size_t len, size_t piece,
                            size_t hdr) {
  struct netbuf *head = 0;
  while (len > 0 || head == 0) {
    size_t n = len < piece ? len : piece;
    struct netbuf *nb = nb_alloc(0, (uint32_t)n);
    CHECK(nb != 0);
    memcpy(nb->data, p, n);
    if (head == 0)
      head = nb;
    else
      nb_cat(head, nb);
    p += n;
    len -= n;
  }
  uint32_t total = nb_totlen(head);
  CHECK(nb_pullup(head, hdr < total ? (uint32_t)hdr : total) == 0);
  return head;
}

static void check_icmp(const uint8_t *p, size_t len, size_t piece) {
  struct icmp_hdr a, b;
  int err = icmp_parse(p, len, &a);
  struct netbuf *nb = chain(p, len, piece, ICMP_HLEN);
  int err2 = icmp_parse_hdr(nb->data, nb->len, nb_totlen(nb), &b);
  if (err2 == 0) {
    struct cksum c;
    cksum_init(&c);
    CHECK(nb_cksum(nb, 0, (uint32_t)len, &c) == 0);
    CHECK(cksum_finish(&c) == inet_cksum(p, len));
    err2 = icmp_verify(&c);
  }
  nb_free(nb);
  CHECK(err == err2);
  if (err < 0)
    return;
  uint8_t h[ICMP_HLEN];
  struct cksum data;
  cksum_init(&data);
  cksum_add(&data, a.data, a.dlen);
  icmp_emit(h, &a, &data);
  CHECK(rebuilt(h, p, ICMP_HLEN, 2));
  struct ip_hdr q;
  if (icmp_is_error(a.type) && ip_parse_quote(a.data, a.dlen, &q) == 0)
    CHECK(q.plen >= 8 && q.payload + q.plen <= a.data + a.dlen);
}

static void check_udp(const uint8_t *p, size_t len, ipaddr_t src, ipaddr_t dst,
                      size_t piece) {
  struct udp_hdr a, b;
  int err = udp_parse(p, len, src, dst, &a);
  struct netbuf *nb = chain(p, len, piece, UDP_HLEN);
  int err2 = udp_parse_hdr(nb->data, nb->len, nb_totlen(nb), &b);
  if (err2 == 0) {
    CHECK(nb_trim(nb, b.ulen) == 0);
    struct cksum c;
    cksum_init(&c);
    CHECK(nb_cksum(nb, 0, b.ulen, &c) == 0);
    err2 = udp_verify(&b, src, dst, &c);
  }
  nb_free(nb);
  CHECK(err == err2);
  if (err < 0)
    return;
  CHECK(a.plen + UDP_HLEN <= len);
  if (a.cksum == 0)
    return;
  uint8_t h[UDP_HLEN];
  struct cksum data;
  cksum_init(&data);
  cksum_add(&data, a.payload, a.plen);
  udp_emit(h, src, a.sport, dst, a.dport, a.plen, &data);
  CHECK(memcmp(h, p, UDP_HLEN) == 0); // 0x0000 is "none", so 0xffff it is
}

static void check_ip(const uint8_t *p, size_t len, size_t piece) {
  struct ip_hdr h;
  if (ip_parse(p, len, &h) < 0)
    return;
  CHECK(h.hlen >= IP_HLEN && h.payload + h.plen <= p + len);
  if (h.hlen == IP_HLEN) {
    uint8_t b[IP_HLEN];
    ip_emit(b, &h);
    CHECK(rebuilt(b, p, IP_HLEN, 10));
  }
  if (ip_is_fragment(&h))
    return;
  if (h.proto == IPPROTO_ICMP)
    check_icmp(h.payload, h.plen, piece);
  else if (h.proto == IPPROTO_UDP)
    check_udp(h.payload, h.plen, h.src, h.dst, piece);
}

static void parse(const uint8_t *data, size_t size, size_t piece);

// Put right checksums into the IPv4 frame f, wherever the lengths allow.
static void fixsums(uint8_t *f, size_t len) {
  if (len < ETH_HLEN + IP_HLEN || get16(f + 12) != ETHERTYPE_IP)
    return;
  uint8_t *ip = f + ETH_HLEN;
  size_t hlen = (size_t)(ip[0] & 0xf) * 4, tot = get16(ip + 2);
  if (hlen < IP_HLEN || hlen > len - ETH_HLEN)
    return;
  put16(ip + 10, 0);
  put16(ip + 10, inet_cksum(ip, hlen));
  if (tot < hlen || tot > len - ETH_HLEN)
    return;
  uint8_t *l4 = ip + hlen;
  size_t n = tot - hlen;
  if (ip[9] == IPPROTO_ICMP && n >= ICMP_HLEN) {
    put16(l4 + 2, 0);
    put16(l4 + 2, inet_cksum(l4, n));
  } else if (ip[9] == IPPROTO_UDP && n >= UDP_HLEN && get16(l4 + 4) <= n &&
             get16(l4 + 4) >= UDP_HLEN && get16(l4 + 6) != 0) {
    struct cksum c;
    cksum_init(&c);
    cksum_pseudo(&c, get32(ip + 12), get32(ip + 16), IPPROTO_UDP,
                 get16(l4 + 4));
    put16(l4 + 6, 0);
    cksum_add(&c, l4, get16(l4 + 4));
    put16(l4 + 6, cksum_finish(&c) == 0 ? 0xffff : cksum_finish(&c));
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *input, size_t size) {
  static int inited;
  if (!inited) {
    nb_init(fuzz_store, fuzz_unstore, 0);
    inited = 1;
  }
  uint8_t last = size > 0 ? input[size - 1] : 0;
  size_t piece = (size_t)(last & 0x7f) + 1; // 1..128 bytes
  uint8_t *data = malloc(size > 0 ? size : 1);
  CHECK(data != 0);
  memcpy(data, input, size);
  if (last & 0x80)
    fixsums(data, size);
  parse(data, size, piece);
  free(data);
  CHECK(nb_inuse() == 0);
  return 0;
}

// Down the layers, as the stack goes.
static void parse(const uint8_t *data, size_t size, size_t piece) {
  struct eth_hdr e;
  if (eth_parse(data, size, &e) < 0)
    return;
  uint8_t h[ETH_HLEN];
  eth_emit(h, e.dst, e.src, e.type);
  CHECK(memcmp(h, data, ETH_HLEN) == 0);
  if (e.type == ETHERTYPE_ARP) {
    struct arp_pkt a;
    if (arp_parse(e.payload, e.plen, &a) == 0) {
      uint8_t b[ARP_LEN];
      arp_emit(b, &a);
      CHECK(memcmp(b, e.payload, ARP_LEN) == 0);
    }
  } else if (e.type == ETHERTYPE_IP) {
    check_ip(e.payload, e.plen, piece);
  }
}
