// tests/unit/test_dns.c: host unit tests of the stub resolver's DNS
// messages (kernel/net/dns_wire.h): queries built byte for byte as
// Python built them in capture.sh's exchange with dnsmasq, dnsmasq's
// replies read, replies written by hand with compression and CNAME
// chains, and every way a reply is refused (another question, malformed
// or looping names, truncation). Built with ASan and UBSan.
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "dns_wire.h"
#include "wire.h"
#include "fixtures/frames.h"
#include "nettest.h"

// The DNS message of a captured frame (after Ethernet, IPv4 and UDP).
#define DNSMSG(fx) (fx + 42), (sizeof fx - 42)

START_TEST(test_query) {
  uint8_t b[DNS_MAXMSG];
  size_t n = dns_query(b, sizeof b, 0x1234, "test.example", DNS_TYPE_A);
  ck_assert_uint_eq(n, sizeof fx_dns_query - 42);
  ck_assert_mem_eq(b, fx_dns_query + 42, n);
  n = dns_query(b, sizeof b, 0x4321, "nothere.example.", DNS_TYPE_A);
  ck_assert_uint_eq(n, sizeof fx_dns_query_nx - 42);
  ck_assert_mem_eq(b, fx_dns_query_nx + 42, n);
  // The exact room is enough, one byte less is not.
  size_t want = dns_query(b, sizeof b, 1, "a.b", DNS_TYPE_A);
  ck_assert_uint_eq(want, 12 + 5 + 4);
  ck_assert_uint_eq(dns_query(b, want, 1, "a.b", DNS_TYPE_A), want);
  ck_assert_uint_eq(dns_query(b, want - 1, 1, "a.b", DNS_TYPE_A), 0);
}
END_TEST

START_TEST(test_query_names) {
  uint8_t b[DNS_MAXMSG];
  char name[300];
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, "a..b", DNS_TYPE_A), 0);
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, ".a", DNS_TYPE_A), 0);
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, "a.b..", DNS_TYPE_A), 0);
  memset(name, 'x', 64);
  name[64] = 0; // a 64-byte label
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, name, DNS_TYPE_A), 0);
  name[63] = 0;
  ck_assert_uint_ne(dns_query(b, sizeof b, 1, name, DNS_TYPE_A), 0);
  // 253 characters is the longest name; 254 is too long.
  for (int i = 0; i < 253; i++)
    name[i] = i % 50 == 49 ? '.' : 'y';
  name[253] = 0;
  size_t n = dns_query(b, sizeof b, 1, name, DNS_TYPE_A);
  ck_assert_uint_eq(n, 12 + 255 + 4);
  size_t off = 12;
  char back[DNS_MAXNAME + 1];
  ck_assert_int_eq(dns_name_read(b, n, &off, back, sizeof back), 0);
  ck_assert_str_eq(back, name);
  ck_assert_uint_eq(off, 12 + 255);
  name[253] = 'z';
  name[254] = 0;
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, name, DNS_TYPE_A), 0);
  // The root.
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, ".", DNS_TYPE_A), 12 + 1 + 4);
  ck_assert_uint_eq(dns_query(b, sizeof b, 1, "", DNS_TYPE_A), 12 + 1 + 4);
}
END_TEST

START_TEST(test_dnsmasq_replies) {
  struct dns_reply r;
  ck_assert_int_eq(dns_parse_reply(DNSMSG(fx_dns_reply), 0x1234, "test.example",
                                   DNS_TYPE_A, &r),
                   0);
  ck_assert_int_eq(r.rcode, DNS_NOERROR);
  ck_assert_int_eq(r.naddr, 1);
  ck_assert_uint_eq(r.addr[0], IP4(10, 77, 0, 1));
  ck_assert_uint_eq(r.ttl, 0); // dnsmasq's local-ttl
  // Names compare without regard to case or a final dot.
  ck_assert_int_eq(dns_parse_reply(DNSMSG(fx_dns_reply), 0x1234,
                                   "TEST.Example.", DNS_TYPE_A, &r),
                   0);
  ck_assert_int_eq(r.naddr, 1);
  // dnsmasq without upstream servers refuses the other name.
  ck_assert_int_eq(dns_parse_reply(DNSMSG(fx_dns_reply_refused), 0x4321,
                                   "nothere.example", DNS_TYPE_A, &r),
                   0);
  ck_assert_int_eq(r.rcode, DNS_REFUSED);
  ck_assert_int_eq(r.naddr, 0);
}
END_TEST

START_TEST(test_mismatch) {
  struct dns_reply r;
  const char *name = "test.example";
  ck_assert_int_eq(
      dns_parse_reply(DNSMSG(fx_dns_reply), 0x1235, name, DNS_TYPE_A, &r),
      -WIRE_MISMATCH);
  ck_assert_int_eq(dns_parse_reply(DNSMSG(fx_dns_reply), 0x1234, "test.exampl",
                                   DNS_TYPE_A, &r),
                   -WIRE_MISMATCH);
  ck_assert_int_eq(dns_parse_reply(DNSMSG(fx_dns_reply), 0x1234,
                                   "test.example.com", DNS_TYPE_A, &r),
                   -WIRE_MISMATCH);
  ck_assert_int_eq(
      dns_parse_reply(DNSMSG(fx_dns_reply), 0x1234, name, DNS_TYPE_AAAA, &r),
      -WIRE_MISMATCH);
  // Our own query is not a reply.
  ck_assert_int_eq(
      dns_parse_reply(DNSMSG(fx_dns_query), 0x1234, name, DNS_TYPE_A, &r),
      -WIRE_TYPE);
  uint8_t *p = malloc(sizeof fx_dns_reply - 42);
  memcpy(p, fx_dns_reply + 42, sizeof fx_dns_reply - 42);
  size_t len = sizeof fx_dns_reply - 42;
  p[2] |= 0x08; // opcode 1: an inverse query
  ck_assert_int_eq(dns_parse_reply(p, len, 0x1234, name, DNS_TYPE_A, &r),
                   -WIRE_TYPE);
  p[2] &= (uint8_t)~0x08;
  put16(p + 4, 2); // two questions
  ck_assert_int_eq(dns_parse_reply(p, len, 0x1234, name, DNS_TYPE_A, &r),
                   -WIRE_MISMATCH);
  put16(p + 4, 0);
  ck_assert_int_eq(dns_parse_reply(p, len, 0x1234, name, DNS_TYPE_A, &r),
                   -WIRE_MISMATCH);
  put16(p + 4, 1);
  put16(p + 28, 3); // class CH
  ck_assert_int_eq(dns_parse_reply(p, len, 0x1234, name, DNS_TYPE_A, &r),
                   -WIRE_MISMATCH);
  put16(p + 28, 1);
  ck_assert_int_eq(dns_parse_reply(p, len, 0x1234, name, DNS_TYPE_A, &r), 0);
  // Cut anywhere: short, never a wrong answer.
  for (size_t cut = 0; cut < len; cut++) {
    int err = dns_parse_reply(p, cut, 0x1234, name, DNS_TYPE_A, &r);
    require(err == -WIRE_SHORT, "cut at %zu: %s", cut, wire_errname(err));
  }
  free(p);
}
END_TEST

// A reply written by hand: www.example.com is a CNAME of
// web.example.com (compressed against the question), which has two A
// records; an A record for another name is ignored.
static size_t handmade(uint8_t *b) {
  static const uint8_t msg[] = {
      0xbe, 0xef, 0x81, 0x80, 0, 1, 0, 4, 0, 0, 0, 0,
      // question at 12: www.example.com A IN
      3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm',
      0, 0, 1, 0, 1,
      // 33: www (pointer to 12) CNAME ttl 300, rdata web + pointer to 16
      0xc0, 12, 0, 5, 0, 1, 0, 0, 1, 44, 0, 6, 3, 'w', 'e', 'b', 0xc0, 16,
      // 51: other.com (other + pointer to 24 "com") A 9.9.9.9
      5, 'o', 't', 'h', 'e', 'r', 0xc0, 24, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4, 9, 9,
      9, 9,
      // 73: web.example.com (pointer to 45) A 1.2.3.4 ttl 60
      0xc0, 45, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4,
      // 89: again, A 5.6.7.8 ttl 100
      0xc0, 45, 0, 1, 0, 1, 0, 0, 0, 100, 0, 4, 5, 6, 7, 8};
  memcpy(b, msg, sizeof msg);
  return sizeof msg;
}

START_TEST(test_cname) {
  uint8_t b[DNS_MAXMSG];
  size_t len = handmade(b);
  struct dns_reply r;
  ck_assert_int_eq(
      dns_parse_reply(b, len, 0xbeef, "www.example.com", DNS_TYPE_A, &r), 0);
  ck_assert_int_eq(r.naddr, 2);
  ck_assert_uint_eq(r.addr[0], IP4(1, 2, 3, 4));
  ck_assert_uint_eq(r.addr[1], IP4(5, 6, 7, 8));
  ck_assert_uint_eq(r.ttl, 60);
  char name[DNS_MAXNAME + 1];
  size_t off = 45;
  ck_assert_int_eq(dns_name_read(b, len, &off, name, sizeof name), 0);
  ck_assert_str_eq(name, "web.example.com");
  ck_assert_uint_eq(off, 51);
  off = 51;
  ck_assert_int_eq(dns_name_read(b, len, &off, name, sizeof name), 0);
  ck_assert_str_eq(name, "other.com");
  ck_assert_uint_eq(off, 59);
  // Too small an output buffer.
  off = 45;
  ck_assert_int_eq(dns_name_read(b, len, &off, name, 15), -WIRE_LONG);
  off = 45;
  ck_assert_int_eq(dns_name_read(b, len, &off, name, 16), 0);
  ck_assert_int_eq(dns_name_read(b, len, &off, name, 0), -WIRE_LONG);
  // Without the CNAME (its type changed), nothing is the name's.
  b[36] = 16; // TXT
  ck_assert_int_eq(
      dns_parse_reply(b, len, 0xbeef, "www.example.com", DNS_TYPE_A, &r), 0);
  ck_assert_int_eq(r.naddr, 0);
}
END_TEST

START_TEST(test_bad_names) {
  uint8_t b[DNS_MAXMSG];
  size_t len = handmade(b);
  struct dns_reply r;
  const char *www = "www.example.com";
  // A pointer to itself, and one forwards.
  b[33] = 0xc0;
  b[34] = 33;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_FORMAT);
  b[34] = 40;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_FORMAT);
  // Label types 01 and 10 are reserved.
  len = handmade(b);
  b[33] = 0x40;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_FORMAT);
  b[33] = 0x80;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_FORMAT);
  // A record length past the end.
  len = handmade(b);
  b[99] = 5;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_SHORT);
  // A CNAME whose target runs past its rdata.
  len = handmade(b);
  b[44] = 4;
  ck_assert_int_eq(dns_parse_reply(b, len, 0xbeef, www, DNS_TYPE_A, &r),
                   -WIRE_SHORT);
  // A name of more than 255 bytes, made of pointers chaining back over
  // 63-byte labels.
  memset(b, 0, sizeof b);
  size_t at = 0, start[5];
  for (int i = 0; i < 5; i++) { // name i: i + 1 labels
    start[i] = at;
    b[at] = 63;
    memset(b + at + 1, 'q', 63);
    at += 64;
    if (i == 0) {
      b[at++] = 0;
    } else {
      b[at++] = 0xc0;
      b[at++] = (uint8_t)start[i - 1];
    }
  }
  size_t off = start[3]; // 4 labels: 257 bytes
  char name[DNS_MAXNAME + 1];
  ck_assert_int_eq(dns_name_read(b, at, &off, name, sizeof name), -WIRE_FORMAT);
  off = start[2]; // 3 labels: 193 bytes, fine
  ck_assert_int_eq(dns_name_read(b, at, &off, name, sizeof name), 0);
  ck_assert_uint_eq(strlen(name), 3 * 63 + 2);
  ck_assert_uint_eq(off, start[2] + 66);
  ck_assert_int_eq(dns_name_read(b, 0, &off, name, sizeof name), -WIRE_SHORT);
}
END_TEST

// The reply keeps at most DNS_MAXADDR addresses.
START_TEST(test_many) {
  uint8_t b[DNS_MAXMSG];
  size_t n = dns_query(b, sizeof b, 7, "m.example", DNS_TYPE_A);
  b[2] |= 0x80;
  put16(b + 6, 12);
  for (int i = 0; i < 12; i++) {
    static const uint8_t rr[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4};
    memcpy(b + n, rr, sizeof rr);
    put32(b + n + sizeof rr, IP4(10, 1, 1, i));
    n += sizeof rr + 4;
  }
  struct dns_reply r;
  ck_assert_int_eq(dns_parse_reply(b, n, 7, "m.example", DNS_TYPE_A, &r), 0);
  ck_assert_int_eq(r.naddr, DNS_MAXADDR);
  for (int i = 0; i < DNS_MAXADDR; i++)
    ck_assert_uint_eq(r.addr[i], IP4(10, 1, 1, i));
  ck_assert_uint_eq(r.ttl, 9);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("dns");
  TCase *tc = tcase_create("dns");
  tcase_add_test(tc, test_query);
  tcase_add_test(tc, test_query_names);
  tcase_add_test(tc, test_dnsmasq_replies);
  tcase_add_test(tc, test_mismatch);
  tcase_add_test(tc, test_cname);
  tcase_add_test(tc, test_bad_names);
  tcase_add_test(tc, test_many);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
