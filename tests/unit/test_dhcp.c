// tests/unit/test_dhcp.c: host unit tests of DHCP messages
// (kernel/net/dhcp_wire.h): the exchange with dnsmasq that capture.sh
// recorded (tests/unit/fixtures/frames.h) read field by field, built
// messages read back, and every reason to refuse one. Built with ASan and
// UBSan.
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_wire.h"
#include "wire.h"
#include "fixtures/frames.h"
#include "nettest.h"

static const uint8_t mac2[6] = {2, 0, 0, 0, 0, 2};
#define XID 0x6e657476 // "netv"

// The DHCP message in a captured frame (after Ethernet, IPv4, UDP), in a
// heap block of its exact size plus extra zero bytes.
static uint8_t *msgof(const uint8_t *f, size_t flen, size_t extra,
                      size_t *len) {
  *len = flen - 42;
  uint8_t *p = calloc(1, *len + extra);
  ck_assert_ptr_nonnull(p);
  memcpy(p, f + 42, *len);
  return p;
}
#define MSG(fx, extra, len) msgof(fx, sizeof fx, extra, len)

// The offset of option code (DHCPOPT_END too) in the message, or 0.
static size_t optat(const uint8_t *p, size_t len, uint8_t code) {
  for (size_t i = DHCP_MINLEN; i < len;
       i += p[i] == 0 ? 1 : 2 + (size_t)p[i + 1]) {
    if (p[i] == code)
      return i;
    if (p[i] == DHCPOPT_END || i + 1 >= len)
      return 0;
  }
  return 0;
}

START_TEST(test_offer_ack) {
  const uint8_t *fx[] = {fx_dhcp_offer, fx_dhcp_ack};
  size_t fxlen[] = {sizeof fx_dhcp_offer, sizeof fx_dhcp_ack};
  uint8_t type[] = {DHCPOFFER, DHCPACK};
  for (int i = 0; i < 2; i++) {
    size_t len;
    uint8_t *p = msgof(fx[i], fxlen[i], 0, &len);
    struct dhcp_msg m;
    ck_assert_int_eq(dhcp_parse(p, len, &m), 0);
    ck_assert_uint_eq(m.op, DHCP_BOOTREPLY);
    ck_assert_uint_eq(m.type, type[i]);
    ck_assert_uint_eq(m.xid, XID);
    ck_assert_uint_eq(m.flags, DHCP_FLAG_BROADCAST);
    ck_assert_uint_eq(m.ciaddr, 0);
    ck_assert_uint_eq(m.yiaddr, IP4(10, 77, 0, 16));
    ck_assert_uint_eq(m.siaddr, IP4(10, 77, 0, 1));
    ck_assert_mem_eq(m.chaddr, mac2, 6);
    ck_assert_uint_eq(m.server, IP4(10, 77, 0, 1));
    ck_assert_uint_eq(m.lease, 3600);
    ck_assert_uint_eq(m.t1, 1800);
    ck_assert_uint_eq(m.t2, 3150);
    ck_assert_uint_eq(m.mask, IP4(255, 255, 255, 0));
    ck_assert_uint_eq(m.broadcast, IP4(10, 77, 0, 255));
    ck_assert_uint_eq(m.router, IP4(10, 77, 0, 1));
    ck_assert_int_eq(m.ndns, 1);
    ck_assert_uint_eq(m.dns[0], IP4(10, 77, 0, 1));
    ck_assert_uint_eq(m.reqaddr, 0);
    free(p);
  }
}
END_TEST

START_TEST(test_client_messages) {
  size_t len;
  struct dhcp_msg m;
  uint8_t *p = MSG(fx_dhcp_discover, 0, &len);
  ck_assert_int_eq(dhcp_parse(p, len, &m), 0);
  ck_assert_uint_eq(m.op, DHCP_BOOTREQUEST);
  ck_assert_uint_eq(m.type, DHCPDISCOVER);
  ck_assert_uint_eq(m.xid, XID);
  ck_assert_uint_eq(m.server, 0);
  free(p);
  p = MSG(fx_dhcp_request, 0, &len);
  ck_assert_int_eq(dhcp_parse(p, len, &m), 0);
  ck_assert_uint_eq(m.type, DHCPREQUEST);
  ck_assert_uint_eq(m.reqaddr, IP4(10, 77, 0, 16));
  ck_assert_uint_eq(m.server, IP4(10, 77, 0, 1));
  free(p);
}
END_TEST

// What dhcp_build writes reads back, and has the shape servers expect.
START_TEST(test_build) {
  uint8_t b[DHCP_BUILDLEN + 10];
  struct dhcp_msg m = {0}, r;
  m.type = DHCPREQUEST;
  m.xid = 0x01020304;
  m.secs = 3;
  m.flags = DHCP_FLAG_BROADCAST;
  memcpy(m.chaddr, mac2, 6);
  m.reqaddr = IP4(10, 0, 2, 15);
  m.server = IP4(10, 0, 2, 2);
  memset(b, 0xee, sizeof b);
  ck_assert_uint_eq(dhcp_build(b, sizeof b, &m), DHCP_BUILDLEN);
  ck_assert_uint_eq(b[DHCP_BUILDLEN], 0xee); // nothing past it
  ck_assert_int_eq(dhcp_parse(b, DHCP_BUILDLEN, &r), 0);
  ck_assert_uint_eq(r.op, DHCP_BOOTREQUEST);
  ck_assert_uint_eq(r.type, DHCPREQUEST);
  ck_assert_uint_eq(r.xid, m.xid);
  ck_assert_uint_eq(r.secs, 3);
  ck_assert_uint_eq(r.flags, DHCP_FLAG_BROADCAST);
  ck_assert_mem_eq(r.chaddr, mac2, 6);
  ck_assert_uint_eq(r.reqaddr, m.reqaddr);
  ck_assert_uint_eq(r.server, m.server);
  ck_assert_uint_eq(r.yiaddr, 0);
  ck_assert_uint_eq(b[1], 1); // Ethernet
  ck_assert_uint_eq(b[2], 6);
  ck_assert_uint_eq(get32(b + DHCP_FIXED), DHCP_MAGIC);
  size_t o = optat(b, DHCP_BUILDLEN, DHCPOPT_PARAMS);
  ck_assert_uint_ne(o, 0);
  ck_assert_uint_eq(b[o + 1], 6);
  ck_assert_uint_eq(b[o + 2], DHCPOPT_MASK);
  // A discover: no address or server options.
  m.type = DHCPDISCOVER;
  m.reqaddr = m.server = 0;
  ck_assert_uint_eq(dhcp_build(b, DHCP_BUILDLEN, &m), DHCP_BUILDLEN);
  ck_assert_uint_eq(optat(b, DHCP_BUILDLEN, DHCPOPT_REQADDR), 0);
  ck_assert_uint_eq(optat(b, DHCP_BUILDLEN, DHCPOPT_SERVER), 0);
  ck_assert_int_eq(dhcp_parse(b, DHCP_BUILDLEN, &r), 0);
  ck_assert_uint_eq(r.type, DHCPDISCOVER);
  ck_assert_uint_eq(dhcp_build(b, DHCP_BUILDLEN - 1, &m), 0);
}
END_TEST

START_TEST(test_refused) {
  size_t len;
  struct dhcp_msg m;
  uint8_t *p = MSG(fx_dhcp_ack, 8, &len);
  ck_assert_int_eq(dhcp_parse(p, DHCP_MINLEN - 1, &m), -WIRE_SHORT);
  ck_assert_int_eq(dhcp_parse(p, 0, &m), -WIRE_SHORT);
  p[0] = 3;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[0] = 2;
  p[1] = 6;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[1] = 1;
  p[2] = 16;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[2] = 6;
  p[DHCP_FIXED + 3]++;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_FORMAT);
  p[DHCP_FIXED + 3]--;
  ck_assert_int_eq(dhcp_parse(p, len, &m), 0);

  // Option lengths the client reads must be right; others are skipped.
  static const struct {
    uint8_t code, len;
    int err;
  } opts[] = {
      {DHCPOPT_TYPE, 2, -WIRE_FORMAT},
      {DHCPOPT_SERVER, 3, -WIRE_FORMAT},
      {DHCPOPT_LEASE, 5, -WIRE_FORMAT},
      {DHCPOPT_MASK, 0, -WIRE_FORMAT},
      {DHCPOPT_ROUTER, 6, -WIRE_FORMAT},
      {DHCPOPT_DNS, 0, -WIRE_FORMAT},
      {DHCPOPT_T1, 2, -WIRE_FORMAT},
      {DHCPOPT_T2, 8, -WIRE_FORMAT},
      {DHCPOPT_REQADDR, 1, -WIRE_FORMAT},
      {DHCPOPT_BROADCAST, 6, -WIRE_FORMAT},
      {DHCPOPT_SERVER, 4, 0},
      {DHCPOPT_ROUTER, 8, 0},
      {DHCPOPT_DNS, 4, 0},
      {DHCPOPT_HOSTNAME, 0, 0},
      {200, 9, 0},
  };
  for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
    uint8_t b[DHCP_BUILDLEN];
    struct dhcp_msg base = {0};
    base.type = DHCPACK;
    dhcp_build(b, sizeof b, &base);
    size_t e = optat(b, sizeof b, DHCPOPT_END);
    b[e] = opts[i].code;
    b[e + 1] = opts[i].len;
    memset(b + e + 2, 1, opts[i].len);
    b[e + 2 + opts[i].len] = DHCPOPT_END;
    int err = dhcp_parse(b, sizeof b, &m);
    require(err == opts[i].err, "option %d length %d: %s", opts[i].code,
            opts[i].len, wire_errname(err));
  }
  // An option that runs past the end, and one cut after its code.
  size_t o = optat(p, len, DHCPOPT_END);
  ck_assert_uint_ne(o, 0);
  p[o] = 77;
  p[o + 1] = 10;
  ck_assert_int_eq(dhcp_parse(p, o + 11, &m), -WIRE_FORMAT);
  ck_assert_int_eq(dhcp_parse(p, o + 12, &m), 0); // it fits: skipped
  ck_assert_int_eq(dhcp_parse(p, o + 1, &m), -WIRE_FORMAT);
  // No end option: the options end with the message.
  ck_assert_int_eq(dhcp_parse(p, o, &m), 0);
  ck_assert_uint_eq(m.type, DHCPACK);
  free(p);

  // No message type: plain BOOTP; and types outside 1..8.
  p = MSG(fx_dhcp_ack, 0, &len);
  o = optat(p, len, DHCPOPT_TYPE);
  memset(p + o, DHCPOPT_PAD, 3);
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[o] = DHCPOPT_TYPE;
  p[o + 1] = 1;
  p[o + 2] = 9;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[o + 2] = 0;
  ck_assert_int_eq(dhcp_parse(p, len, &m), -WIRE_TYPE);
  p[o + 2] = DHCPNAK;
  ck_assert_int_eq(dhcp_parse(p, len, &m), 0);
  ck_assert_uint_eq(m.type, DHCPNAK);
  free(p);
}
END_TEST

// Five DNS servers: the first DHCP_MAXDNS are kept.
START_TEST(test_many_dns) {
  uint8_t b[DHCP_BUILDLEN];
  struct dhcp_msg m = {0};
  m.type = DHCPACK;
  dhcp_build(b, sizeof b, &m);
  size_t o = optat(b, sizeof b, DHCPOPT_END);
  b[o] = DHCPOPT_DNS;
  b[o + 1] = 20;
  for (int i = 0; i < 5; i++)
    put32(b + o + 2 + 4 * i, IP4(10, 0, 0, i + 1));
  b[o + 22] = DHCPOPT_END;
  ck_assert_int_eq(dhcp_parse(b, sizeof b, &m), 0);
  ck_assert_int_eq(m.ndns, DHCP_MAXDNS);
  for (int i = 0; i < DHCP_MAXDNS; i++)
    ck_assert_uint_eq(m.dns[i], IP4(10, 0, 0, i + 1));
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("dhcp");
  TCase *tc = tcase_create("dhcp");
  tcase_add_test(tc, test_offer_ack);
  tcase_add_test(tc, test_client_messages);
  tcase_add_test(tc, test_build);
  tcase_add_test(tc, test_refused);
  tcase_add_test(tc, test_many_dns);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
