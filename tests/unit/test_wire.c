// tests/unit/test_wire.c: host unit tests of the wire parsers and
// builders (kernel/net/{ether,arp,ip,icmp,udp}_wire.h) on frames Linux
// sent (tests/unit/fixtures/frames.h, recorded by capture.sh): every
// field read back, every header rebuilt byte for byte, and every reason
// to refuse input produced by a frame altered just so. Built with ASan
// and UBSan.
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "arp_wire.h"
#include "ether_wire.h"
#include "icmp_wire.h"
#include "ip_wire.h"
#include "udp_wire.h"
#include "wire.h"
#include "fixtures/frames.h"
#include "nettest.h"

static const uint8_t mac1[6] = {2, 0, 0, 0, 0, 1}; // Linux, 10.77.0.1
static const uint8_t mac2[6] = {2, 0, 0, 0, 0, 2}; // the peer, 10.77.0.2
#define A1 IP4(10, 77, 0, 1)
#define A2 IP4(10, 77, 0, 2)

// A copy of a fixture to alter, in a heap block of exactly its size (so
// ASan sees a read past the end), or larger by extra bytes of zeros.
static uint8_t *copyof(const uint8_t *f, size_t len, size_t extra) {
  uint8_t *p = calloc(1, len + extra);
  ck_assert_ptr_nonnull(p);
  memcpy(p, f, len);
  return p;
}
#define COPY(fx) copyof(fx, sizeof fx, 0)

// Recompute the IPv4 header checksum of the frame f after altering it.
static void ipfix(uint8_t *f) {
  uint8_t *ip = f + ETH_HLEN;
  put16(ip + 10, 0);
  put16(ip + 10, inet_cksum(ip, (ip[0] & 0xf) * 4));
}

static int ipparse(const uint8_t *f, size_t len, struct ip_hdr *h) {
  return ip_parse(f + ETH_HLEN, len - ETH_HLEN, h);
}

// ---- Ethernet --------------------------------------------------------------

START_TEST(test_eth_fixtures) {
  for (size_t i = 0; i < NFIXTURES; i++) {
    const struct fixture *x = &fixtures[i];
    struct eth_hdr e;
    require(eth_parse(x->bytes, x->len, &e) == 0, "%s", x->name);
    require(eth_eq(e.src, mac1) || eth_eq(e.src, mac2), "%s src", x->name);
    require(e.type == ETHERTYPE_IP || e.type == ETHERTYPE_ARP, "%s", x->name);
    require(e.payload == x->bytes + 14 && e.plen == x->len - 14, "%s", x->name);
    uint8_t h[ETH_HLEN];
    eth_emit(h, e.dst, e.src, e.type);
    require(memcmp(h, x->bytes, ETH_HLEN) == 0, "%s rebuilt", x->name);
  }
  struct eth_hdr e;
  ck_assert_int_eq(eth_parse(fx_arp_request, sizeof fx_arp_request, &e), 0);
  ck_assert(eth_is_broadcast(e.dst));
  ck_assert(eth_eq(e.src, mac2));
  ck_assert_uint_eq(e.type, ETHERTYPE_ARP);
}
END_TEST

START_TEST(test_eth_refused) {
  uint8_t *f = copyof(fx_icmp_echo, sizeof fx_icmp_echo, ETH_MAXFRAME);
  struct eth_hdr e;
  ck_assert_int_eq(eth_parse(f, 13, &e), -WIRE_SHORT);
  ck_assert_int_eq(eth_parse(f, 0, &e), -WIRE_SHORT);
  ck_assert_int_eq(eth_parse(f, 14, &e), 0); // a header alone
  ck_assert_uint_eq(e.plen, 0);
  ck_assert_int_eq(eth_parse(f, ETH_MAXFRAME, &e), 0);
  ck_assert_int_eq(eth_parse(f, ETH_MAXFRAME + 1, &e), -WIRE_LONG);
  put16(f + 12, 0x05dc); // an 802.3 length: 1500
  ck_assert_int_eq(eth_parse(f, 60, &e), -WIRE_TYPE);
  put16(f + 12, 0x0600);
  ck_assert_int_eq(eth_parse(f, 60, &e), 0);
  put16(f + 12, ETHERTYPE_IP);
  f[6] |= 1; // a multicast source
  ck_assert_int_eq(eth_parse(f, 60, &e), -WIRE_ADDR);
  memset(f + 6, 0xff, 6);
  ck_assert_int_eq(eth_parse(f, 60, &e), -WIRE_ADDR);
  free(f);
}
END_TEST

// ---- ARP -------------------------------------------------------------------

START_TEST(test_arp_fixtures) {
  struct arp_pkt a;
  ck_assert_int_eq(arp_parse(fx_arp_request + 14, 28, &a), 0);
  ck_assert_uint_eq(a.op, ARP_REQUEST);
  ck_assert(eth_eq(a.sha, mac2));
  ck_assert_uint_eq(a.spa, A2);
  ck_assert(eth_is_zero(a.tha));
  ck_assert_uint_eq(a.tpa, A1);
  uint8_t b[ARP_LEN];
  arp_emit(b, &a);
  ck_assert_mem_eq(b, fx_arp_request + 14, ARP_LEN);

  ck_assert_int_eq(arp_parse(fx_arp_reply + 14, 28, &a), 0);
  ck_assert_uint_eq(a.op, ARP_REPLY);
  ck_assert(eth_eq(a.sha, mac1));
  ck_assert_uint_eq(a.spa, A1);
  ck_assert(eth_eq(a.tha, mac2));
  ck_assert_uint_eq(a.tpa, A2);
  arp_emit(b, &a);
  ck_assert_mem_eq(b, fx_arp_reply + 14, ARP_LEN);

  // On the wire the frame is padded to 60 bytes: the padding is ignored.
  uint8_t *f = copyof(fx_arp_reply, sizeof fx_arp_reply, 18);
  memset(f + 42, 0xee, 18);
  ck_assert_int_eq(arp_parse(f + 14, 46, &a), 0);
  ck_assert_uint_eq(a.tpa, A2);
  free(f);
}
END_TEST

START_TEST(test_arp_refused) {
  struct arp_pkt a;
  static const struct {
    int off;     // the byte of the ARP packet changed
    uint8_t val; // to this
    int err;
  } bad[] = {
      {1, 6, -WIRE_TYPE},    // hardware 6: IEEE 802 networks
      {2, 0x86, -WIRE_TYPE}, // protocol 0x8600
      {4, 8, -WIRE_LENGTH},  // hardware address length
      {5, 16, -WIRE_LENGTH}, // protocol address length
      {7, 3, -WIRE_TYPE},    // operation 3: a RARP request
      {7, 0, -WIRE_TYPE},    // operation 0
      {8, 3, -WIRE_ADDR},    // sender MAC 03:...: multicast
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    uint8_t *f = COPY(fx_arp_request);
    f[14 + bad[i].off] = bad[i].val;
    int err = arp_parse(f + 14, 28, &a);
    require(err == bad[i].err, "byte %d = %d: %s", bad[i].off, bad[i].val,
            wire_errname(err));
    free(f);
  }
  ck_assert_int_eq(arp_parse(fx_arp_request + 14, 27, &a), -WIRE_SHORT);
  ck_assert_int_eq(arp_parse(fx_arp_request + 14, 0, &a), -WIRE_SHORT);
}
END_TEST

// ---- IPv4 ------------------------------------------------------------------

START_TEST(test_ip_fixtures) {
  struct ip_hdr h;
  ck_assert_int_eq(ipparse(fx_icmp_echo, sizeof fx_icmp_echo, &h), 0);
  ck_assert_uint_eq(h.hlen, 20);
  ck_assert_uint_eq(h.totlen, 84);
  ck_assert_uint_eq(h.id, 11784);
  ck_assert(h.df && !h.mf && h.fragoff == 0 && !ip_is_fragment(&h));
  ck_assert_uint_eq(h.ttl, 64);
  ck_assert_uint_eq(h.proto, IPPROTO_ICMP);
  ck_assert_uint_eq(h.src, A2);
  ck_assert_uint_eq(h.dst, A1);
  ck_assert_ptr_eq(h.payload, fx_icmp_echo + 34);
  ck_assert_uint_eq(h.plen, 64);

  // The ICMP error's TOS (0xc0, network control) and the DHCP broadcast.
  ck_assert_int_eq(ipparse(fx_icmp_portunreach, sizeof fx_icmp_portunreach, &h),
                   0);
  ck_assert_uint_eq(h.tos, 0xc0);
  ck_assert(!h.df);
  ck_assert_int_eq(ipparse(fx_dhcp_offer, sizeof fx_dhcp_offer, &h), 0);
  ck_assert_uint_eq(h.dst, IP_BROADCAST);
  ck_assert_uint_eq(h.proto, IPPROTO_UDP);

  // Every IPv4 header Linux sent is rebuilt byte for byte from its fields.
  for (size_t i = 0; i < NFIXTURES; i++) {
    const struct fixture *x = &fixtures[i];
    if (get16(x->bytes + 12) != ETHERTYPE_IP)
      continue;
    require(ipparse(x->bytes, x->len, &h) == 0, "%s", x->name);
    require(h.plen == x->len - 34, "%s plen", x->name);
    uint8_t b[IP_HLEN];
    ip_emit(b, &h);
    require(memcmp(b, x->bytes + 14, IP_HLEN) == 0, "%s rebuilt", x->name);
  }
}
END_TEST

// The 3000-byte ping went as three fragments (1480 + 1480 + 48 bytes of
// the 3008-byte ICMP message), and so did its reply.
START_TEST(test_ip_fragments) {
  const struct fixture *fr = &fixtures[4];
  ck_assert_str_eq(fr[0].name, "frag_echo_1");
  size_t want_off[] = {0, 1480, 2960}, want_len[] = {1480, 1480, 48};
  for (int r = 0; r < 2; r++) {
    uint16_t id = 0;
    for (int i = 0; i < 3; i++) {
      const struct fixture *x = &fr[r * 3 + i];
      struct ip_hdr h;
      require(ipparse(x->bytes, x->len, &h) == 0, "%s", x->name);
      require(ip_is_fragment(&h), "%s", x->name);
      require(h.fragoff == want_off[i] && h.plen == want_len[i], "%s", x->name);
      require(h.mf == (i < 2), "%s MF", x->name);
      require(i == 0 || h.id == id, "%s id", x->name);
      id = h.id;
    }
  }
}
END_TEST

// Ethernet pads a short frame to 60 bytes; the total length excludes it.
START_TEST(test_ip_padding) {
  ck_assert_uint_eq(sizeof fx_udp_closed, 14 + 35);
  uint8_t *f = copyof(fx_udp_closed, sizeof fx_udp_closed, 11);
  memset(f + sizeof fx_udp_closed, 0x55, 11);
  struct ip_hdr h;
  ck_assert_int_eq(ipparse(f, 60, &h), 0);
  ck_assert_uint_eq(h.totlen, 35);
  ck_assert_uint_eq(h.plen, 15);
  free(f);
}
END_TEST

// Options: a header of IHL 6 with a NOP option and an end-of-list.
START_TEST(test_ip_options) {
  uint8_t *f = copyof(fx_udp_odd, sizeof fx_udp_odd, 4);
  uint8_t *ip = f + 14;
  memmove(ip + 24, ip + 20, sizeof fx_udp_odd - 34);
  ip[0] = 0x46;
  ip[20] = 1; // NOP
  ip[21] = 1;
  ip[22] = 1;
  ip[23] = 0; // end of options
  put16(ip + 2, (uint16_t)(get16(ip + 2) + 4));
  ipfix(f);
  struct ip_hdr h;
  ck_assert_int_eq(ip_parse(ip, sizeof fx_udp_odd - 14 + 4, &h), 0);
  ck_assert_uint_eq(h.hlen, 24);
  ck_assert_ptr_eq(h.payload, ip + 24);
  ck_assert_uint_eq(h.plen, 17);
  ck_assert_uint_eq(get16(h.payload), 52187); // the UDP source port
  free(f);
}
END_TEST

START_TEST(test_ip_refused) {
  struct ip_hdr h;
  const size_t n = sizeof fx_udp_odd, iplen = n - 14;
  uint8_t *f = COPY(fx_udp_odd), *ip = f + 14;

  ck_assert_int_eq(ip_parse(ip, 19, &h), -WIRE_SHORT);
  ck_assert_int_eq(ip_parse(ip, 0, &h), -WIRE_SHORT);
  ck_assert_int_eq(ip_parse(ip, iplen - 1, &h), -WIRE_SHORT); // truncated

  ip[0] = 0x65; // version 6
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_VERSION);
  for (int ihl = 0; ihl < 5; ihl++) {
    ip[0] = (uint8_t)(0x40 | ihl);
    require(ip_parse(ip, iplen, &h) == -WIRE_HDRLEN, "IHL %d", ihl);
  }
  ip[0] = 0x4f; // 60 bytes of header, in a 37-byte datagram
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_SHORT);
  ip[0] = 0x45;
  put16(ip + 2, 19); // total length under the header
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_LENGTH);
  put16(ip + 2, (uint16_t)(iplen + 1)); // more than there is
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_SHORT);
  put16(ip + 2, (uint16_t)iplen);
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), 0);

  // Any single bit flipped in the header fails the checksum (or an
  // earlier check).
  for (int bit = 0; bit < 160; bit++) {
    ip[bit / 8] ^= (uint8_t)(1 << bit % 8);
    int err = ip_parse(ip, iplen, &h);
    require(err < 0, "bit %d flipped: accepted", bit);
    require(bit < 32 || bit / 8 == 10 || bit / 8 == 11 || err == -WIRE_CKSUM,
            "bit %d: %s", bit, wire_errname(err));
    ip[bit / 8] ^= (uint8_t)(1 << bit % 8);
  }

  // Fragment fields.
  put16(ip + 6, IP_RF);
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_FRAG);
  put16(ip + 6, IP_MF); // a non-final fragment of 17 bytes
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_FRAG);
  put16(ip + 6, (uint16_t)(65520 / 8)); // 17 bytes at 65520: past 65535
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_FRAG);
  put16(ip + 6, (uint16_t)(65512 / 8)); // ends at 65529: allowed
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), 0);
  ck_assert_uint_eq(h.fragoff, 65512);
  put16(ip + 2, 20); // MF with no payload
  put16(ip + 6, IP_MF);
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), -WIRE_FRAG);
  put16(ip + 2, 28); // MF with 8 bytes: fine
  ipfix(f);
  ck_assert_int_eq(ip_parse(ip, iplen, &h), 0);
  ck_assert(h.mf && h.plen == 8);
  free(f);
}
END_TEST

// What an ICMP error quotes: Linux's port unreachable quotes the whole
// UDP datagram; a quote may be cut short after 8 bytes.
START_TEST(test_ip_quote) {
  struct ip_hdr h, q;
  const uint8_t *f = fx_icmp_portunreach;
  ck_assert_int_eq(ipparse(f, sizeof fx_icmp_portunreach, &h), 0);
  struct icmp_hdr ic;
  ck_assert_int_eq(icmp_parse(h.payload, h.plen, &ic), 0);
  ck_assert_int_eq(ip_parse_quote(ic.data, ic.dlen, &q), 0);
  ck_assert_uint_eq(q.src, A2);
  ck_assert_uint_eq(q.dst, A1);
  ck_assert_uint_eq(q.proto, IPPROTO_UDP);
  ck_assert_uint_eq(q.plen, 15);
  ck_assert_uint_eq(get16(q.payload), 54030);
  ck_assert_uint_eq(get16(q.payload + 2), 7);
  // Cut to the header and 8 bytes; the total length still says 35.
  ck_assert_int_eq(ip_parse_quote(ic.data, 28, &q), 0);
  ck_assert_uint_eq(q.plen, 8);
  ck_assert_uint_eq(q.totlen, 35);
  ck_assert_int_eq(ip_parse_quote(ic.data, 27, &q), -WIRE_SHORT);
  ck_assert_int_eq(ip_parse_quote(ic.data, 10, &q), -WIRE_SHORT);
  // The quote's checksum is not checked (routers may change the header).
  uint8_t *b = copyof(ic.data, ic.dlen, 0);
  b[10] ^= 0xff;
  ck_assert_int_eq(ip_parse_quote(b, ic.dlen, &q), 0);
  b[0] = 0x44;
  ck_assert_int_eq(ip_parse_quote(b, ic.dlen, &q), -WIRE_HDRLEN);
  b[0] = 0x55;
  ck_assert_int_eq(ip_parse_quote(b, ic.dlen, &q), -WIRE_VERSION);
  b[0] = 0x45;
  put16(b + 2, 24); // a total length too short for 8 bytes of payload
  ck_assert_int_eq(ip_parse_quote(b, ic.dlen, &q), -WIRE_SHORT);
  put16(b + 2, 10);
  ck_assert_int_eq(ip_parse_quote(b, ic.dlen, &q), -WIRE_LENGTH);
  free(b);
}
END_TEST

// ---- ICMP ------------------------------------------------------------------

START_TEST(test_icmp_echo) {
  struct ip_hdr h;
  struct icmp_hdr ic;
  ck_assert_int_eq(ipparse(fx_icmp_echo, sizeof fx_icmp_echo, &h), 0);
  ck_assert_int_eq(icmp_parse(h.payload, h.plen, &ic), 0);
  ck_assert_uint_eq(ic.type, ICMP_ECHO);
  ck_assert_uint_eq(ic.code, 0);
  ck_assert_uint_eq(icmp_id(&ic), 14904);
  ck_assert_uint_eq(icmp_seq(&ic), 1);
  ck_assert_uint_eq(ic.dlen, 56);
  ck_assert(!icmp_is_error(ic.type));

  // The reply Linux sent is what icmp_emit builds from the request.
  uint8_t b[64];
  memcpy(b + 8, ic.data, ic.dlen);
  struct icmp_hdr rep = {ICMP_ECHOREPLY, 0, icmp_echo_rest(14904, 1), 0, 0};
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, b + 8, 56);
  icmp_emit(b, &rep, &c);
  ck_assert_mem_eq(b, fx_icmp_echoreply + 34, 64);
  ck_assert_int_eq(icmp_parse(b, 64, &ic), 0);
  ck_assert_uint_eq(ic.type, ICMP_ECHOREPLY);

  ck_assert_int_eq(icmp_parse(b, 7, &ic), -WIRE_SHORT);
  ck_assert_int_eq(icmp_parse(b, 0, &ic), -WIRE_SHORT);
  for (int i = 0; i < 64; i++) {
    b[i] ^= 0x10;
    require(icmp_parse(b, 64, &ic) == -WIRE_CKSUM, "byte %d altered", i);
    b[i] ^= 0x10;
  }
  // An odd length is summed with a zero pad byte.
  b[8] = 0xaa;
  struct cksum none;
  cksum_init(&c);
  cksum_add(&c, b + 8, 1);
  icmp_emit(b, &rep, &c);
  ck_assert_int_eq(icmp_parse(b, 9, &ic), 0);
  ck_assert_uint_eq(ic.dlen, 1);
  cksum_init(&none);
  icmp_emit(b, &rep, &none); // no data
  ck_assert_int_eq(icmp_parse(b, 8, &ic), 0);
}
END_TEST

START_TEST(test_icmp_unreach) {
  struct ip_hdr h;
  struct icmp_hdr ic;
  ck_assert_int_eq(ipparse(fx_icmp_portunreach, sizeof fx_icmp_portunreach, &h),
                   0);
  ck_assert_int_eq(icmp_parse(h.payload, h.plen, &ic), 0);
  ck_assert_uint_eq(ic.type, ICMP_UNREACH);
  ck_assert_uint_eq(ic.code, ICMP_UNREACH_PORT);
  ck_assert_uint_eq(ic.rest, 0);
  ck_assert(icmp_is_error(ic.type));
  // Linux quotes the whole datagram: the frame udp_closed from byte 14.
  ck_assert_uint_eq(ic.dlen, sizeof fx_udp_closed - 14);
  ck_assert_mem_eq(ic.data, fx_udp_closed + 14, ic.dlen);
  // Rebuilt from its fields and quote.
  uint8_t b[64];
  memcpy(b + 8, ic.data, ic.dlen);
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, b + 8, ic.dlen);
  icmp_emit(b, &ic, &c);
  ck_assert_mem_eq(b, h.payload, h.plen);
  for (int t = 0; t < 256; t++)
    require(icmp_is_error((uint8_t)t) ==
                (t == 3 || t == 4 || t == 5 || t == 11 || t == 12),
            "type %d", t);
}
END_TEST

// The 3000-byte ping, reassembled by hand: its message is in three
// pieces, checked with the two-step calls.
START_TEST(test_icmp_pieces) {
  const struct fixture *fr = &fixtures[4];
  const uint8_t *piece[3];
  size_t plen[3], len = 0;
  for (int i = 0; i < 3; i++) {
    struct ip_hdr h;
    ck_assert_int_eq(ipparse(fr[i].bytes, fr[i].len, &h), 0);
    piece[i] = h.payload;
    plen[i] = h.plen;
    len += h.plen;
  }
  ck_assert_uint_eq(len, 3008);
  struct icmp_hdr ic;
  ck_assert_int_eq(icmp_parse_hdr(piece[0], plen[0], len, &ic), 0);
  ck_assert_uint_eq(ic.type, ICMP_ECHO);
  ck_assert_uint_eq(ic.dlen, 3000);
  struct cksum c;
  cksum_init(&c);
  for (int i = 0; i < 3; i++)
    cksum_add(&c, piece[i], plen[i]);
  ck_assert_int_eq(icmp_verify(&c), 0);
  cksum_init(&c); // a piece missing
  cksum_add(&c, piece[0], plen[0]);
  cksum_add(&c, piece[2], plen[2]);
  ck_assert_int_eq(icmp_verify(&c), -WIRE_CKSUM);
  ck_assert_int_eq(icmp_parse_hdr(piece[0], 7, len, &ic), -WIRE_SHORT);
  ck_assert_int_eq(icmp_parse_hdr(piece[0], 8, 7, &ic), -WIRE_SHORT);
}
END_TEST

// ---- UDP -------------------------------------------------------------------

static int udpframe(const uint8_t *f, size_t n, struct udp_hdr *u) {
  struct ip_hdr h;
  int err = ipparse(f, n, &h);
  if (err < 0)
    return err;
  return udp_parse(h.payload, h.plen, h.src, h.dst, u);
}

START_TEST(test_udp_fixtures) {
  struct udp_hdr u;
  ck_assert_int_eq(udpframe(fx_udp_odd, sizeof fx_udp_odd, &u), 0);
  ck_assert_uint_eq(u.sport, 52187);
  ck_assert_uint_eq(u.dport, 9);
  ck_assert_uint_eq(u.ulen, 17);
  ck_assert_uint_ne(u.cksum, 0);
  ck_assert_uint_eq(u.plen, 9);
  ck_assert_mem_eq(u.payload, "netv6 udp", 9);
  ck_assert_int_eq(udpframe(fx_udp_odd_reply, sizeof fx_udp_odd_reply, &u), 0);
  ck_assert_uint_eq(u.sport, 9);
  ck_assert_uint_eq(u.dport, 52187);
  ck_assert_int_eq(udpframe(fx_udp_nocksum, sizeof fx_udp_nocksum, &u), 0);
  ck_assert_uint_eq(u.cksum, 0);
  ck_assert_mem_eq(u.payload, "no checksum", 11);
  // Broadcast DHCP and DNS.
  const struct fixture *x = &fixtures[16];
  for (size_t i = 16; i < NFIXTURES; i++, x++)
    require(udpframe(x->bytes, x->len, &u) == 0, "%s", x->name);

  // Every checksummed UDP header Linux sent is rebuilt byte for byte.
  for (size_t i = 0; i < NFIXTURES; i++) {
    struct ip_hdr h;
    x = &fixtures[i];
    if (get16(x->bytes + 12) != ETHERTYPE_IP || x->bytes[23] != IPPROTO_UDP)
      continue;
    require(ipparse(x->bytes, x->len, &h) == 0, "%s", x->name);
    require(udp_parse(h.payload, h.plen, h.src, h.dst, &u) == 0, "%s", x->name);
    if (u.cksum == 0)
      continue;
    struct cksum c;
    cksum_init(&c);
    cksum_add(&c, u.payload, u.plen);
    uint8_t b[UDP_HLEN];
    udp_emit(b, h.src, u.sport, h.dst, u.dport, u.plen, &c);
    require(memcmp(b, h.payload, UDP_HLEN) == 0, "%s rebuilt", x->name);
  }
}
END_TEST

START_TEST(test_udp_refused) {
  struct udp_hdr u;
  uint8_t *f = copyof(fx_udp_odd, sizeof fx_udp_odd, 8);
  uint8_t *p = f + 34;
  ck_assert_int_eq(udp_parse(p, 17, A2, A1, &u), 0);
  ck_assert_int_eq(udp_parse(p, 7, A2, A1, &u), -WIRE_SHORT);
  ck_assert_int_eq(udp_parse(p, 16, A2, A1, &u), -WIRE_SHORT); // ulen 17
  // Wrong addresses in the pseudo-header.
  ck_assert_int_eq(udp_parse(p, 17, A1, A2, &u), 0); // swapped: same sum
  ck_assert_int_eq(udp_parse(p, 17, A2, A2, &u), -WIRE_CKSUM);
  ck_assert_int_eq(udp_parse(p, 17, A2, IP_BROADCAST, &u), -WIRE_CKSUM);
  for (int i = 0; i < 17; i++) {
    if (i == 4 || i == 5)
      continue; // the length: checked below
    p[i] ^= 0x01;
    require(udp_parse(p, 17, A2, A1, &u) == -WIRE_CKSUM, "byte %d", i);
    p[i] ^= 0x01;
  }
  // Bytes after the UDP length (IP says more): ignored, not summed.
  memset(p + 17, 0x77, 8);
  ck_assert_int_eq(udp_parse(p, 25, A2, A1, &u), 0);
  ck_assert_uint_eq(u.plen, 9);
  put16(p + 4, 7);
  ck_assert_int_eq(udp_parse(p, 17, A2, A1, &u), -WIRE_LENGTH);
  put16(p + 4, 0);
  ck_assert_int_eq(udp_parse(p, 17, A2, A1, &u), -WIRE_LENGTH);
  put16(p + 4, 18);
  ck_assert_int_eq(udp_parse(p, 17, A2, A1, &u), -WIRE_SHORT);
  free(f);

  // No checksum sent: anything goes.
  f = COPY(fx_udp_nocksum);
  p = f + 34;
  p[10] ^= 0xff;
  ck_assert_int_eq(udp_parse(p, 19, A1, A1, &u), 0);
  free(f);
}
END_TEST

// A datagram whose checksum comes out as 0 is sent with 0xffff.
START_TEST(test_udp_zero_sum) {
  uint8_t b[10] = {0};
  struct cksum c;
  cksum_init(&c);
  cksum_add(&c, b + 8, 2);
  udp_emit(b, A1, 1000, A2, 2000, 2, &c);
  uint16_t s = get16(b + 6); // the checksum with data 0000
  put16(b + 8, s);           // data equal to it makes the sum zero
  cksum_init(&c);
  cksum_add(&c, b + 8, 2);
  udp_emit(b, A1, 1000, A2, 2000, 2, &c);
  ck_assert_uint_eq(get16(b + 6), 0xffff);
  struct udp_hdr u;
  ck_assert_int_eq(udp_parse(b, 10, A1, A2, &u), 0);
  ck_assert_uint_eq(u.cksum, 0xffff);
  b[9] ^= 1;
  ck_assert_int_eq(udp_parse(b, 10, A1, A2, &u), -WIRE_CKSUM);
}
END_TEST

// The two-step calls on a datagram in pieces, and their lengths.
START_TEST(test_udp_pieces) {
  const uint8_t *p = fx_dhcp_offer + 34;
  size_t len = sizeof fx_dhcp_offer - 34;
  struct udp_hdr u;
  ck_assert_int_eq(udp_parse_hdr(p, 8, len, &u), 0);
  ck_assert_uint_eq(u.ulen, len);
  ck_assert_uint_eq(u.plen, len - 8);
  struct cksum c;
  cksum_init(&c);
  for (size_t at = 0; at < len; at += 101)
    cksum_add(&c, p + at, len - at < 101 ? len - at : 101);
  ck_assert_int_eq(udp_verify(&u, A1, IP_BROADCAST, &c), 0);
  ck_assert_int_eq(udp_verify(&u, A1, A2, &c), -WIRE_CKSUM);
  ck_assert_int_eq(udp_parse_hdr(p, 7, len, &u), -WIRE_SHORT);
  ck_assert_int_eq(udp_parse_hdr(p, 8, len - 1, &u), -WIRE_SHORT);
  ck_assert_int_eq(udp_parse_hdr(p, len + 1, len, &u), -WIRE_SHORT);
}
END_TEST

// ---- whole frames, and the error names ----------------------------------

// Each fixture goes down the layers as the stack will take it.
START_TEST(test_frames) {
  int arp = 0, icmp = 0, udp = 0, frags = 0;
  for (size_t i = 0; i < NFIXTURES; i++) {
    const struct fixture *x = &fixtures[i];
    struct eth_hdr e;
    struct arp_pkt a;
    struct ip_hdr h;
    struct icmp_hdr ic;
    struct udp_hdr u;
    require(eth_parse(x->bytes, x->len, &e) == 0, "%s", x->name);
    if (e.type == ETHERTYPE_ARP) {
      require(arp_parse(e.payload, e.plen, &a) == 0, "%s", x->name);
      arp++;
      continue;
    }
    require(ip_parse(e.payload, e.plen, &h) == 0, "%s", x->name);
    if (ip_is_fragment(&h)) {
      frags++;
      continue;
    }
    if (h.proto == IPPROTO_ICMP) {
      require(icmp_parse(h.payload, h.plen, &ic) == 0, "%s", x->name);
      icmp++;
    } else {
      require(udp_parse(h.payload, h.plen, h.src, h.dst, &u) == 0, "%s",
              x->name);
      udp++;
    }
  }
  ck_assert_int_eq(arp, 2);
  ck_assert_int_eq(frags, 6);
  ck_assert_int_eq(icmp, 3);
  ck_assert_int_eq(udp, 13);
}
END_TEST

START_TEST(test_errnames) {
  ck_assert_str_eq(wire_errname(0), "ok");
  ck_assert_str_eq(wire_errname(-WIRE_SHORT), "short");
  ck_assert_str_eq(wire_errname(WIRE_CKSUM), "cksum");
  ck_assert_str_eq(wire_errname(-WIRE_FORMAT), "format");
  ck_assert_str_eq(wire_errname(WIRE_NERR), "?");
  ck_assert_str_eq(wire_errname(-WIRE_NERR), "?");
  ck_assert_str_eq(wire_errname(-2147483647 - 1), "?");
  for (int i = 0; i < WIRE_NERR; i++)
    require(wire_errname(-i) != 0 && strcmp(wire_errname(-i), "?") != 0,
            "code %d has no name", i);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("wire");
  TCase *tc = tcase_create("wire");
  tcase_add_test(tc, test_eth_fixtures);
  tcase_add_test(tc, test_eth_refused);
  tcase_add_test(tc, test_arp_fixtures);
  tcase_add_test(tc, test_arp_refused);
  tcase_add_test(tc, test_ip_fixtures);
  tcase_add_test(tc, test_ip_fragments);
  tcase_add_test(tc, test_ip_padding);
  tcase_add_test(tc, test_ip_options);
  tcase_add_test(tc, test_ip_refused);
  tcase_add_test(tc, test_ip_quote);
  tcase_add_test(tc, test_icmp_echo);
  tcase_add_test(tc, test_icmp_unreach);
  tcase_add_test(tc, test_icmp_pieces);
  tcase_add_test(tc, test_udp_fixtures);
  tcase_add_test(tc, test_udp_refused);
  tcase_add_test(tc, test_udp_zero_sum);
  tcase_add_test(tc, test_udp_pieces);
  tcase_add_test(tc, test_frames);
  tcase_add_test(tc, test_errnames);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
