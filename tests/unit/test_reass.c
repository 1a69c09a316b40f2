// tests/unit/test_reass.c: IPv4 reassembly's logic (kernel/net/reass.c):
// every order of arrival, duplicates, overlaps, inconsistent ends, the
// limits on fragments, datagrams and bytes, timeouts, and no packet
// buffer leaked.
#include <stdlib.h>
#include <string.h>
#include "nettest.h"
#include "reass.h"

static void *page(void) { return malloc(NB_SIZE); }

static struct reass r;
static uint8_t data[65536];

static void setup(void) {
  nb_init(page, free, 0);
  reass_init(&r);
  for (size_t i = 0; i < sizeof(data); i++)
    data[i] = (uint8_t)(i * 13 + 7);
}

static void teardown(void) {
  reass_flush(&r);
  ck_assert_uint_eq(r.bytes, 0);
  ck_assert_int_eq(nb_inuse(), 0);
}

// A fragment of datagram id: payload bytes [off, off + len) of data.
static struct netbuf *frag(uint16_t id, uint32_t off, uint32_t len, int mf,
                           struct ip_hdr *h) {
  struct netbuf *nb = nb_alloc(NB_MAXHDR, IP_HLEN + len);
  ck_assert_ptr_nonnull(nb);
  struct ip_hdr e = {.totlen = IP_HLEN + len,
                     .id = id,
                     .mf = mf,
                     .fragoff = off,
                     .ttl = 64,
                     .proto = 17,
                     .src = IP4(10, 77, 0, 1),
                     .dst = IP4(10, 77, 0, 2)};
  ip_emit(nb->data, &e);
  memcpy(nb->data + IP_HLEN, data + off, len);
  ck_assert_int_eq(ip_parse(nb->data, nb->len, h), 0);
  return nb;
}

static struct netbuf *give(uint16_t id, uint32_t off, uint32_t len, int mf,
                           struct ip_hdr *h, uint64_t now) {
  return reass_input(&r, frag(id, off, len, mf, h), h, now);
}

// The datagram nb is the first n payload bytes of data, with a header.
static void check_whole(struct netbuf *nb, const struct ip_hdr *h, uint32_t n) {
  ck_assert_ptr_nonnull(nb);
  ck_assert_uint_eq(h->totlen, IP_HLEN + n);
  ck_assert_int_eq(h->mf, 0);
  ck_assert_int_eq(h->fragoff, 0);
  ck_assert_uint_eq(nb_totlen(nb), IP_HLEN + n);
  static uint8_t got[65536 + IP_HLEN];
  ck_assert_int_eq(nb_copyout(nb, 0, got, IP_HLEN + n), 0);
  ck_assert_int_eq(got[0] >> 4, 4); // the first fragment's header, now
  struct ip_hdr back;               // saying it is the whole datagram
  ck_assert_int_eq(ip_parse(got, IP_HLEN + n, &back), 0);
  ck_assert_uint_eq(back.totlen, IP_HLEN + n);
  ck_assert_int_eq(back.mf, 0);
  ck_assert_int_eq(back.fragoff, 0);
  require(memcmp(got + IP_HLEN, data, n) == 0, "payload differs");
  nb_free(nb);
}

START_TEST(in_order) {
  struct ip_hdr h;
  ck_assert_ptr_null(give(1, 0, 1480, 1, &h, 0));
  ck_assert_ptr_null(give(1, 1480, 1480, 1, &h, 1));
  struct netbuf *nb = give(1, 2960, 1000, 0, &h, 2);
  check_whole(nb, &h, 3960);
  ck_assert_int_eq(r.st.done, 1);
}
END_TEST

// Every order of 5 fragments, the last one 3 bytes (an odd end).
START_TEST(every_order) {
  uint32_t offs[5] = {0, 8, 800, 1600, 2400},
           ends[5] = {8, 800, 1600, 2400, 2403};
  int perm[5] = {0, 1, 2, 3, 4}, count = 0;
  for (;;) {
    struct ip_hdr h;
    struct netbuf *nb = 0;
    for (int i = 0; i < 5; i++) {
      int k = perm[i];
      require(nb == 0, "complete too early");
      nb = give(count + 1, offs[k], ends[k] - offs[k], k != 4, &h, i);
    }
    check_whole(nb, &h, 2403);
    count++;
    // the next permutation (lexicographic)
    int i = 3;
    while (i >= 0 && perm[i] > perm[i + 1])
      i--;
    if (i < 0)
      break;
    int j = 4;
    while (perm[j] < perm[i])
      j--;
    int t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
    for (int a = i + 1, b = 4; a < b; a++, b--) {
      t = perm[a];
      perm[a] = perm[b];
      perm[b] = t;
    }
  }
  ck_assert_int_eq(count, 120);
}
END_TEST

START_TEST(duplicates) {
  struct ip_hdr h;
  ck_assert_ptr_null(give(2, 0, 800, 1, &h, 0));
  ck_assert_ptr_null(give(2, 0, 800, 1, &h, 0));
  ck_assert_ptr_null(give(2, 1600, 100, 0, &h, 0));
  ck_assert_ptr_null(give(2, 1600, 100, 0, &h, 0));
  check_whole(give(2, 800, 800, 1, &h, 0), &h, 1700);
  ck_assert_int_eq(r.st.dups, 2);
}
END_TEST

START_TEST(overlaps) {
  struct ip_hdr h;
  // A fragment overlapping the one before it: the datagram is gone.
  ck_assert_ptr_null(give(3, 0, 800, 1, &h, 0));
  ck_assert_ptr_null(give(3, 792, 800, 1, &h, 0));
  ck_assert_int_eq(r.st.overlaps, 1);
  ck_assert_uint_eq(r.bytes, 0);
  // ... and what comes later does not complete anything old.
  ck_assert_ptr_null(give(3, 1592, 8, 0, &h, 0));
  // One overlapping the one after it.
  ck_assert_ptr_null(give(4, 800, 800, 1, &h, 0));
  ck_assert_ptr_null(give(4, 0, 808, 1, &h, 0));
  ck_assert_int_eq(r.st.overlaps, 2);
  // The same offset, a different length.
  ck_assert_ptr_null(give(5, 0, 800, 1, &h, 0));
  ck_assert_ptr_null(give(5, 0, 808, 1, &h, 0));
  ck_assert_int_eq(r.st.overlaps, 3);
}
END_TEST

START_TEST(bad_ends) {
  struct ip_hdr h;
  // A fragment past the end the last one gave.
  ck_assert_ptr_null(give(6, 800, 100, 0, &h, 0));
  ck_assert_ptr_null(give(6, 1600, 800, 1, &h, 0));
  ck_assert_int_eq(r.st.bad, 1);
  // A last fragment that ends before bytes already held.
  ck_assert_ptr_null(give(7, 1600, 800, 1, &h, 0));
  ck_assert_ptr_null(give(7, 800, 100, 0, &h, 0));
  ck_assert_int_eq(r.st.bad, 2);
  // Two last fragments that disagree.
  ck_assert_ptr_null(give(8, 800, 100, 0, &h, 0));
  ck_assert_ptr_null(give(8, 1600, 100, 0, &h, 0));
  ck_assert_int_eq(r.st.bad, 3);
  ck_assert_uint_eq(r.bytes, 0);
}
END_TEST

// The largest datagram (65535 bytes with its header) comes out whole;
// fragments that add up to more are dropped (the total length would not
// fit its 16 bits).
START_TEST(too_big) {
  struct ip_hdr h;
  struct netbuf *nb = 0;
  for (uint32_t off = 0; off < 65515; off += 1480)
    nb = give(10, off, off + 1480 < 65515 ? 1480 : 65515 - off,
              off + 1480 < 65515, &h, 0);
  check_whole(nb, &h, 65515);
  for (uint32_t off = 0; off < 65535; off += 1480) {
    uint32_t len = off + 1480 < 65535 ? 1480 : 65535 - off;
    ck_assert_ptr_null(give(11, off, len, off + len < 65535, &h, 0));
  }
  ck_assert_int_eq(r.st.bad, 1);
  ck_assert_uint_eq(r.bytes, 0);
}
END_TEST

START_TEST(too_many_fragments) {
  struct ip_hdr h;
  for (int i = 0; i < REASS_MAXFRAGS; i++)
    ck_assert_ptr_null(give(9, i * 8, 8, 1, &h, 0));
  ck_assert_ptr_null(give(9, REASS_MAXFRAGS * 8, 8, 0, &h, 0));
  ck_assert_int_eq(r.st.toomany, 1);
  ck_assert_uint_eq(r.bytes, 0);
}
END_TEST

START_TEST(byte_limit) {
  // Datagrams of 60000 bytes each, all but the last fragment: the limit
  // lets four wait; the fifth pushes out the oldest, which then never
  // completes, while the newest still can.
  struct ip_hdr h;
  for (int d = 0; d < 5; d++)
    for (uint32_t off = 0; off < 59200; off += 1480)
      ck_assert_ptr_null(give(100 + d, off, 1480, 1, &h, d));
  ck_assert_uint_le(r.bytes, REASS_MAXBYTES);
  ck_assert_uint_ge(r.st.evicted, 1);
  ck_assert_ptr_null(give(100, 59200, 800, 0, &h, 10)); // the oldest: gone
  check_whole(give(104, 59200, 800, 0, &h, 10), &h, 60000);
}
END_TEST

START_TEST(datagram_limit) {
  struct ip_hdr h;
  for (int d = 0; d < REASS_MAXDGRAMS + 1; d++)
    ck_assert_ptr_null(give(200 + d, 0, 8, 1, &h, d));
  ck_assert_int_eq(r.st.evicted, 1);
  // 200 was evicted: its last fragment starts anew (pushing out 201).
  ck_assert_ptr_null(give(200, 8, 8, 0, &h, 50));
  ck_assert_int_eq(r.st.evicted, 2);
  ck_assert_ptr_null(give(201, 8, 8, 0, &h, 51)); // and so on
  check_whole(give(203, 8, 8, 0, &h, 52), &h, 16);
}
END_TEST

START_TEST(timeout) {
  struct ip_hdr h;
  ck_assert_ptr_null(give(300, 0, 8, 1, &h, 1000));
  ck_assert_ptr_null(give(301, 0, 8, 1, &h, 2000));
  ck_assert_uint_eq(reass_tick(&r, 1500), 1000 + REASS_TIMEOUT_MS);
  ck_assert_uint_eq(reass_tick(&r, 1000 + REASS_TIMEOUT_MS),
                    2000 + REASS_TIMEOUT_MS);
  ck_assert_int_eq(r.st.timeouts, 1);
  ck_assert_ptr_null(give(300, 8, 8, 0, &h, 40000)); // too late
  check_whole(give(301, 8, 8, 0, &h, 40000), &h, 16);
  reass_flush(&r);
  ck_assert_uint_eq(reass_tick(&r, 50000), UINT64_MAX);
}
END_TEST

START_TEST(interleaved) {
  struct ip_hdr h;
  ck_assert_ptr_null(give(400, 0, 1480, 1, &h, 0));
  ck_assert_ptr_null(give(401, 1480, 100, 0, &h, 0));
  ck_assert_ptr_null(give(402, 0, 16, 1, &h, 0));
  check_whole(give(401, 0, 1480, 1, &h, 0), &h, 1580);
  check_whole(give(400, 1480, 100, 0, &h, 0), &h, 1580);
  check_whole(give(402, 16, 16, 0, &h, 0), &h, 32);
}
END_TEST

// Random fragment storms against the simple truth: a datagram comes out
// only when its fragments, without overlaps, cover it exactly.
START_TEST(random_storm) {
  uint64_t seed = 77;
  struct ip_hdr h;
  for (int round = 0; round < 300; round++) {
    uint16_t id = 1000 + round;
    uint32_t n = 8 * (1 + xrand(&seed) % 200) + xrand(&seed) % 8;
    // cut into 8-byte-aligned pieces, shuffle, maybe duplicate one
    uint32_t off[64], len[64];
    int k = 0;
    for (uint32_t o = 0; o < n && k < 63;) {
      uint32_t l = 8 * (1 + xrand(&seed) % 40);
      if (o + l > n || k == 62)
        l = n - o;
      off[k] = o;
      len[k++] = l;
      o += l;
    }
    for (int i = k - 1; i > 0; i--) {
      int j = xrand(&seed) % (i + 1);
      uint32_t t = off[i];
      off[i] = off[j];
      off[j] = t;
      t = len[i];
      len[i] = len[j];
      len[j] = t;
    }
    int dup = xrand(&seed) % 3 == 0;
    struct netbuf *whole = 0;
    for (int i = 0; i < k; i++) {
      require(whole == 0, "round %d: complete early", round);
      whole = give(id, off[i], len[i], off[i] + len[i] != n, &h, round);
      if (dup && i == 0 && whole == 0)
        whole = give(id, off[i], len[i], off[i] + len[i] != n, &h, round);
    }
    check_whole(whole, &h, n);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("reass");
  TCase *tc = tcase_create("reass");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, in_order);
  tcase_add_test(tc, every_order);
  tcase_add_test(tc, duplicates);
  tcase_add_test(tc, overlaps);
  tcase_add_test(tc, bad_ends);
  tcase_add_test(tc, too_big);
  tcase_add_test(tc, too_many_fragments);
  tcase_add_test(tc, byte_limit);
  tcase_add_test(tc, datagram_limit);
  tcase_add_test(tc, timeout);
  tcase_add_test(tc, interleaved);
  tcase_add_test(tc, random_storm);
  suite_add_tcase(s, tc);
  return runsuite(s);
}
