// tests/unit/test_cksum.c: host unit tests of the Internet checksum
// (kernel/net/cksum.h): RFC 1071's worked example, checksums Linux put
// in real packets (tests/unit/fixtures/frames.h), odd lengths, every way
// of cutting a buffer into pieces against a plain model, merging sums,
// the pseudo-header. Built with ASan and UBSan.
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cksum.h"
#include "fixtures/frames.h"
#include "nettest.h"

// The model: pad to an even length, add big-endian words with
// end-around carry, complement (RFC 1071 section 1, done plainly).
static uint16_t model(const uint8_t *p, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i < len; i += 2) {
    uint32_t w = (uint32_t)p[i] << 8 | (i + 1 < len ? p[i + 1] : 0);
    sum += w;
    if (sum > 0xffff)
      sum -= 0xffff;
  }
  return (uint16_t)~sum;
}

static uint8_t buf[70000];

static void fill(uint64_t seed, size_t len) {
  for (size_t i = 0; i < len; i++)
    buf[i] = (uint8_t)xrand(&seed);
}

START_TEST(test_rfc1071_example) {
  // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2.
  const uint8_t b[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  ck_assert_uint_eq(inet_cksum(b, sizeof b), (uint16_t)~0xddf2);
  ck_assert_uint_eq(inet_cksum(b, sizeof b), 0x220d);
  // With that checksum appended the whole verifies to 0.
  uint8_t c[10];
  memcpy(c, b, 8);
  put16(c + 8, 0x220d);
  ck_assert_uint_eq(inet_cksum(c, 10), 0);
}
END_TEST

START_TEST(test_edges) {
  ck_assert_uint_eq(inet_cksum(buf, 0), 0xffff);
  const uint8_t one[] = {0xab};
  ck_assert_uint_eq(inet_cksum(one, 1), (uint16_t)~0xab00);
  const uint8_t three[] = {0x12, 0x34, 0x56};
  ck_assert_uint_eq(inet_cksum(three, 3), (uint16_t) ~(0x1234 + 0x5600));
  // All ones: every word is 0xffff, negative zero; the checksum is 0.
  memset(buf, 0xff, 65536);
  ck_assert_uint_eq(inet_cksum(buf, 65536), 0);
  ck_assert_uint_eq(inet_cksum(buf, 65535), model(buf, 65535));
  // Carries: many words near the top.
  memset(buf, 0xfe, 65536);
  ck_assert_uint_eq(inet_cksum(buf, 65536), model(buf, 65536));
}
END_TEST

// Random buffers of every length up to 300 (each offset parity), and a
// few large ones, against the model.
START_TEST(test_model) {
  for (size_t len = 0; len <= 300; len++) {
    fill(len + 1, len + 1);
    require(inet_cksum(buf, len) == model(buf, len), "len %zu", len);
    require(inet_cksum(buf + 1, len) == model(buf + 1, len), "odd start %zu",
            len);
  }
  size_t big[] = {1499, 1500, 4097, 65535, 65536};
  for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
    fill(i + 77, big[i]);
    require(inet_cksum(buf, big[i]) == model(buf, big[i]), "len %zu", big[i]);
  }
}
END_TEST

// The sum does not depend on where the bytes are cut: every split of a
// buffer into two pieces, and random cuts into many.
START_TEST(test_pieces) {
  const size_t len = 301;
  fill(5, len);
  uint16_t whole = model(buf, len);
  for (size_t cut = 0; cut <= len; cut++) {
    struct cksum c;
    cksum_init(&c);
    cksum_add(&c, buf, cut);
    cksum_add(&c, buf + cut, len - cut);
    require(cksum_finish(&c) == whole, "cut at %zu", cut);
  }
  uint64_t r = 99;
  for (int round = 0; round < 200; round++) {
    struct cksum c;
    cksum_init(&c);
    size_t at = 0;
    while (at < len) {
      size_t n = xrand(&r) % 9; // pieces of 0..8 bytes, empty ones too
      if (n > len - at)
        n = len - at;
      cksum_add(&c, buf + at, n);
      at += n;
    }
    require(cksum_finish(&c) == whole, "round %d", round);
  }
}
END_TEST

START_TEST(test_add16_merge) {
  fill(11, 64);
  struct cksum a, b, c;
  // add16 is two bytes at a word boundary.
  cksum_init(&a);
  cksum_add16(&a, get16(buf));
  cksum_add(&a, buf + 2, 62);
  ck_assert_uint_eq(cksum_finish(&a), model(buf, 64));
  // merge: the sum of an even first part and any second part.
  for (size_t split = 0; split <= 64; split += 2) {
    for (size_t end = split; end <= 64; end++) {
      cksum_init(&a);
      cksum_add(&a, buf, split);
      cksum_init(&b);
      cksum_add(&b, buf + split, end - split);
      cksum_merge(&a, &b);
      cksum_add(&a, buf + end, 64 - end); // continues after an odd b
      cksum_init(&c);
      cksum_add(&c, buf, 64);
      require(cksum_finish(&a) == cksum_finish(&c), "split %zu end %zu", split,
              end);
    }
  }
}
END_TEST

// Checksums Linux computed: every IPv4 header in the fixtures verifies,
// and recomputing one over a zeroed field gives the value Linux sent.
START_TEST(test_ip_headers) {
  int n = 0;
  for (size_t i = 0; i < NFIXTURES; i++) {
    const uint8_t *ip = fixtures[i].bytes + 14;
    if (get16(fixtures[i].bytes + 12) != ETHERTYPE_IP)
      continue;
    size_t hlen = (ip[0] & 0xf) * 4;
    require(inet_cksum(ip, hlen) == 0, "%s", fixtures[i].name);
    uint8_t h[60];
    memcpy(h, ip, hlen);
    put16(h + 10, 0);
    require(inet_cksum(h, hlen) == get16(ip + 10), "%s", fixtures[i].name);
    n++;
  }
  ck_assert_int_eq(n, 22);
}
END_TEST

// The pseudo-header: Linux's UDP checksums verify with it, and fail if
// an address or the length is changed.
START_TEST(test_pseudo) {
  const uint8_t *f = fx_udp_odd, *ip = f + 14, *udp = f + 34;
  uint16_t ulen = get16(udp + 4);
  ck_assert_uint_eq(ulen, 8 + 9);
  struct cksum c;
  cksum_init(&c);
  cksum_pseudo(&c, get32(ip + 12), get32(ip + 16), IPPROTO_UDP, ulen);
  cksum_add(&c, udp, ulen);
  ck_assert_uint_eq(cksum_finish(&c), 0);
  cksum_init(&c);
  cksum_pseudo(&c, get32(ip + 12) + 1, get32(ip + 16), IPPROTO_UDP, ulen);
  cksum_add(&c, udp, ulen);
  ck_assert_uint_ne(cksum_finish(&c), 0);
  cksum_init(&c);
  cksum_pseudo(&c, get32(ip + 12), get32(ip + 16), IPPROTO_TCP, ulen);
  cksum_add(&c, udp, ulen);
  ck_assert_uint_ne(cksum_finish(&c), 0);
  // As bytes: the pseudo-header written out sums the same.
  uint8_t ph[12];
  memcpy(ph, ip + 12, 8);
  ph[8] = 0;
  ph[9] = IPPROTO_UDP;
  put16(ph + 10, ulen);
  cksum_init(&c);
  cksum_add(&c, ph, 12);
  cksum_add(&c, udp, ulen);
  ck_assert_uint_eq(cksum_finish(&c), 0);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("cksum");
  TCase *tc = tcase_create("cksum");
  tcase_add_test(tc, test_rfc1071_example);
  tcase_add_test(tc, test_edges);
  tcase_add_test(tc, test_model);
  tcase_add_test(tc, test_pieces);
  tcase_add_test(tc, test_add16_merge);
  tcase_add_test(tc, test_ip_headers);
  tcase_add_test(tc, test_pseudo);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
