// tests/unit/test_sockrec.c: host unit tests of the record mode of the
// socket receive buffer (sb_putrec/sb_getrec in kernel/net/sockbuf.c),
// which keeps datagram and seqpacket messages whole with their sender's
// address: order, truncation, zero-length messages, room and size
// limits, wrap-around against a model queue, faults, page accounting.
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/errno.h>

#include "sockbuf.h"

#define A(p) ((uint64_t)(uintptr_t)(p))
#define HDR 8 // bytes of record header in the ring (len, alen)

static int fail_copies; // the next copy fails (a bad user address)
static long pages_live;
static int allocs_fail;

int sb_copyin(void *dst, int user, uint64_t src, uint32_t n) {
  (void)user;
  if (fail_copies)
    return -1;
  memcpy(dst, (const void *)(uintptr_t)src, n);
  return 0;
}

int sb_copyout(int user, uint64_t dst, const void *src, uint32_t n) {
  (void)user;
  if (fail_copies)
    return -1;
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}

void *sb_page_alloc(void) {
  if (allocs_fail)
    return 0;
  pages_live++;
  return malloc(SB_PAGE);
}

void sb_page_free(void *p) {
  pages_live--;
  free(p);
}

static void setup(void) {
  fail_copies = 0;
  allocs_fail = 0;
  pages_live = 0;
}

static void teardown(void) { ck_assert_int_eq(pages_live, 0); }

// Put a message of n bytes of pattern seed, from a sender named name.
static int put(struct sockbuf *sb, uint32_t n, int seed, const char *name) {
  static char data[3 * SB_PAGE];
  for (uint32_t i = 0; i < n; i++)
    data[i] = (char)(seed + i * 7);
  return sb_putrec(sb, 0, A(data), n, name, name ? strlen(name) : 0);
}

// Get the next message into a buffer of n bytes and check its content.
static int get(struct sockbuf *sb, uint32_t n, int seed, uint32_t want_full,
               const char *want_name, int peek) {
  static char buf[3 * SB_PAGE];
  char addr[SB_MAXADDR];
  uint32_t alen = sizeof(addr), full = 0xdeadbeef; // must be written
  int r = sb_getrec(sb, 0, A(buf), n, peek, addr, &alen, &full);
  if (r < 0)
    return r;
  ck_assert_uint_eq(full, want_full);
  ck_assert_int_eq(r, n < want_full ? n : want_full);
  for (int i = 0; i < r; i++)
    if (buf[i] != (char)(seed + i * 7))
      ck_abort_msg("byte %d of message %d wrong", i, seed);
  size_t wl = want_name ? strlen(want_name) : 0;
  ck_assert_uint_eq(alen, wl);
  ck_assert(memcmp(addr, want_name ? want_name : "", wl) == 0);
  return r;
}

START_TEST(test_order_and_addresses) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, 10, 1, "alpha"), 0);
  ck_assert_int_eq(put(&sb, 200, 2, 0), 0);
  ck_assert_int_eq(put(&sb, 1, 3, "c"), 0);
  ck_assert_int_eq(get(&sb, 100, 1, 10, "alpha", 0), 10);
  ck_assert_int_eq(get(&sb, 300, 2, 200, 0, 0), 200);
  ck_assert_int_eq(get(&sb, 1, 3, 1, "c", 0), 1);
  ck_assert_uint_eq(sb_len(&sb), 0);
  char buf[4], addr[4];
  uint32_t alen = sizeof(addr), full;
  ck_assert_int_eq(sb_getrec(&sb, 0, A(buf), 4, 0, addr, &alen, &full),
                   -EAGAIN);
  sb_free(&sb);
}
END_TEST

START_TEST(test_zero_length) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, 0, 0, "z"), 0);
  ck_assert_uint_eq(sb_len(&sb), HDR + 1); // a message, though empty
  ck_assert_int_eq(get(&sb, 10, 0, 0, "z", 0), 0);
  ck_assert_uint_eq(sb_len(&sb), 0);
  sb_free(&sb);
}
END_TEST

START_TEST(test_truncate_and_peek) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, 100, 5, "p"), 0);
  ck_assert_int_eq(put(&sb, 30, 6, "q"), 0);
  ck_assert_int_eq(get(&sb, 100, 5, 100, "p", 1), 100); // peek: stays
  ck_assert_int_eq(get(&sb, 40, 5, 100, "p", 0), 40);   // the rest dropped
  ck_assert_int_eq(get(&sb, 30, 6, 30, "q", 0), 30);    // next one whole
  sb_free(&sb);
}
END_TEST

START_TEST(test_short_address_buffer) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, 4, 9, "a-long-name"), 0);
  char buf[8], addr[4];
  uint32_t alen = sizeof(addr), full = 0;
  ck_assert_int_eq(sb_getrec(&sb, 0, A(buf), 8, 0, addr, &alen, &full), 4);
  ck_assert_uint_eq(full, 4);
  ck_assert_uint_eq(alen, 11); // the real length
  ck_assert(memcmp(addr, "a-lo", 4) == 0);
  sb_free(&sb);
}
END_TEST

START_TEST(test_room_and_size) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, SB_PAGE, 1, 0), -EMSGSIZE); // header too
  ck_assert_int_eq(put(&sb, SB_PAGE - HDR, 1, 0), 0);   // exactly fits
  ck_assert_int_eq(put(&sb, 0, 2, 0), -EAGAIN);         // no room now
  ck_assert_int_eq(get(&sb, SB_PAGE, 1, SB_PAGE - HDR, 0, 0), SB_PAGE - HDR);
  ck_assert_int_eq(put(&sb, 0, 2, 0), 0);
  char name[SB_MAXADDR + 2];
  memset(name, 'n', sizeof(name) - 1);
  name[sizeof(name) - 1] = 0;
  ck_assert_int_eq(put(&sb, 1, 3, name), -EINVAL); // address too long
  sb_free(&sb);
}
END_TEST

// Random messages through a small ring, checked against a FIFO model
// that also counts the ring's bytes: a put must be taken exactly when
// the message (header, name, data) fits in the room left.
START_TEST(test_wrap_model) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  enum { QMAX = 512 };
  struct {
    uint32_t n;
    int seed;
    int named;
  } q[QMAX];
  int qh = 0, qt = 0, puts = 0, gets = 0, refused = 0;
  uint32_t used = 0; // ring bytes the queued messages take
  srand(42);
  for (int step = 0; step < 20000; step++) {
    if (rand() % 2 && qt - qh < QMAX) {
      uint32_t n = rand() % 1500;
      int named = rand() % 2;
      uint32_t need = HDR + (named ? strlen("sender") : 0) + n;
      int r = put(&sb, n, step, named ? "sender" : 0);
      if (need <= 2 * SB_PAGE - used) {
        ck_assert_msg(r == 0, "step %d: put of %u with %u free gave %d", step,
                      need, 2 * SB_PAGE - used, r);
        q[qt % QMAX].n = n;
        q[qt % QMAX].seed = step;
        q[qt % QMAX].named = named;
        qt++;
        puts++;
        used += need;
      } else {
        ck_assert_msg(r == -EAGAIN, "step %d: put of %u with %u free gave %d",
                      step, need, 2 * SB_PAGE - used, r);
        refused++;
      }
    } else if (qt > qh) {
      uint32_t cap = rand() % 1600;
      int i = qh % QMAX;
      int r = get(&sb, cap, q[i].seed, q[i].n, q[i].named ? "sender" : 0, 0);
      ck_assert_int_ge(r, 0);
      used -= HDR + (q[i].named ? strlen("sender") : 0) + q[i].n;
      qh++;
      gets++;
    }
    ck_assert_uint_eq(sb_len(&sb), used);
  }
  ck_assert_int_gt(puts, 1000);
  ck_assert_int_gt(gets, 1000);
  ck_assert_int_gt(refused, 100); // the ring was full often
  sb_free(&sb);
}
END_TEST

START_TEST(test_faults) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(put(&sb, 5, 1, "a"), 0);
  fail_copies = 1;
  ck_assert_int_eq(put(&sb, 5, 2, "b"), -EFAULT); // never existed
  char buf[8], addr[4];
  uint32_t alen = sizeof(addr), full;
  ck_assert_int_eq(sb_getrec(&sb, 0, A(buf), 8, 0, addr, &alen, &full),
                   -EFAULT);
  fail_copies = 0;
  ck_assert_int_eq(get(&sb, 8, 1, 5, "a", 0), 5); // kept after the fault
  ck_assert_uint_eq(sb_len(&sb), 0);
  sb_free(&sb);
}
END_TEST

START_TEST(test_nobufs) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  allocs_fail = 1;
  ck_assert_int_eq(put(&sb, 5, 1, 0), -ENOBUFS);
  ck_assert_uint_eq(sb_len(&sb), 0); // nothing half-queued
  allocs_fail = 0;
  ck_assert_int_eq(put(&sb, 5, 2, "after"), 0);
  ck_assert_int_eq(get(&sb, 8, 2, 5, "after", 0), 5); // that one, whole
  ck_assert_uint_eq(sb_len(&sb), 0);
  sb_free(&sb);
}
END_TEST

int main(void) {
  Suite *s = suite_create("sockrec");
  TCase *tc = tcase_create("records");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_order_and_addresses);
  tcase_add_test(tc, test_zero_length);
  tcase_add_test(tc, test_truncate_and_peek);
  tcase_add_test(tc, test_short_address_buffer);
  tcase_add_test(tc, test_room_and_size);
  tcase_add_test(tc, test_wrap_model);
  tcase_add_test(tc, test_faults);
  tcase_add_test(tc, test_nobufs);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
