// tests/unit/test_netbuf.c: host unit tests of packet buffers
// (kernel/net/netbuf.h): headroom and the push/pull/put edges, the
// limit and failing storage (NULL and a counted drop, never a crash),
// chains up to a 64 KiB datagram (copies, checksums, trimming, pullup)
// against a flat model, queues, and the counters under several threads.
// Built with ASan and UBSan.
//
// This file provides the storage: malloc of exactly NB_SIZE bytes (so
// ASan catches a write past a block), counted, with a switch that makes
// it fail after a number of blocks.
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/errno.h>

#include "netbuf.h"
#include "nettest.h"

static long live;        // blocks handed out and not returned
static long allocs_left; // blocks the storage may still give; <0: any

static void *store(void) {
  if (allocs_left == 0)
    return 0;
  if (allocs_left > 0)
    allocs_left--;
  void *p = malloc(NB_SIZE);
  require(p != 0, "out of host memory");
  memset(p, 0xa5, NB_SIZE);
  __atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
  return p;
}

static void unstore(void *p) {
  require(p != 0, "freeing a null block");
  __atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
  free(p);
}

static void setup(void) {
  live = 0;
  allocs_left = -1;
  nb_init(store, unstore, 0);
}

// Every case frees what it allocated.
static void teardown(void) {
  ck_assert_msg(live == 0, "%ld blocks leaked", live);
  ck_assert_uint_eq(nb_inuse(), 0);
}

static uint8_t flat[70000], back[70000];

static void pattern(uint64_t seed, size_t len) {
  for (size_t i = 0; i < len; i++)
    flat[i] = (uint8_t)xrand(&seed);
}

static int nbufs(const struct netbuf *nb) {
  int n = 0;
  for (; nb != 0; nb = nb->more)
    n++;
  return n;
}

START_TEST(test_alloc) {
  struct nbstats st;
  struct netbuf *nb = nb_alloc(NB_MAXHDR, 1514);
  ck_assert_ptr_nonnull(nb);
  ck_assert_uint_eq(nb->len, 1514);
  ck_assert_uint_eq(nb_headroom(nb), NB_MAXHDR);
  ck_assert_uint_eq(nb_tailroom(nb), NB_CAP - NB_MAXHDR - 1514);
  ck_assert_ptr_null(nb->next);
  ck_assert_ptr_null(nb->more);
  ck_assert_uint_eq(nb_totlen(nb), 1514);
  memset(nb->data, 1, nb->len); // ASan: all of it is ours
  ck_assert_uint_eq(nb_inuse(), 1);
  nb_free(nb);
  nb_free(0);

  // What a virtio-net receive buffer needs: header and a tagged frame.
  ck_assert_uint_ge(NB_CAP, 12 + 1518);
  ck_assert_uint_ge(NB_CAP, NB_MAXHDR + 1500 + 14);
  nb = nb_alloc(0, NB_CAP); // the whole storage
  ck_assert_ptr_nonnull(nb);
  memset(nb->data, 2, NB_CAP);
  ck_assert_uint_eq(nb_tailroom(nb), 0);
  nb_free(nb);
  // Too big for one buffer: a caller's error, not a drop.
  ck_assert_ptr_null(nb_alloc(0, NB_CAP + 1));
  ck_assert_ptr_null(nb_alloc(1, NB_CAP));
  ck_assert_ptr_null(nb_alloc(NB_CAP + 1, 0));
  ck_assert_ptr_null(nb_alloc(0xffffffffu, 2));
  nb_stats(&st);
  ck_assert_uint_eq(st.drops, 0);
  ck_assert_uint_eq(st.allocs, 2);
  ck_assert_uint_eq(st.peak, 1);
}
END_TEST

START_TEST(test_push_pull_put) {
  struct netbuf *nb = nb_alloc(20, 100);
  memset(nb->data, 'p', 100);
  uint8_t *d = nb->data;
  ck_assert_ptr_eq(nb_push(nb, 8), d - 8);
  ck_assert_uint_eq(nb->len, 108);
  ck_assert_ptr_eq(nb_push(nb, 12), d - 20);
  ck_assert_uint_eq(nb_headroom(nb), 0);
  ck_assert_ptr_null(nb_push(nb, 1)); // no headroom left: unchanged
  ck_assert_ptr_eq(nb->data, d - 20);
  ck_assert_uint_eq(nb->len, 120);
  ck_assert_ptr_eq(nb_pull(nb, 20), d);
  ck_assert_uint_eq(nb->data[0], 'p');
  ck_assert_ptr_null(nb_pull(nb, 101)); // more than there is: unchanged
  ck_assert_ptr_eq(nb->data, d);
  ck_assert_ptr_eq(nb_pull(nb, 100), d + 100);
  ck_assert_uint_eq(nb->len, 0);
  ck_assert_ptr_eq(nb_pull(nb, 0), d + 100);
  uint32_t room = nb_tailroom(nb);
  ck_assert_ptr_eq(nb_put(nb, room), d + 100);
  ck_assert_ptr_null(nb_put(nb, 1));
  ck_assert_uint_eq(nb->len, room);
  memset(nb->data, 0, nb->len);
  ck_assert_uint_eq(nb_headroom(nb) + nb->len, NB_CAP);
  nb_free(nb);
}
END_TEST

START_TEST(test_limit) {
  nb_init(store, unstore, 5);
  struct netbuf *b[6];
  for (int i = 0; i < 5; i++)
    ck_assert_ptr_nonnull(b[i] = nb_alloc(0, 10));
  ck_assert_ptr_null(nb_alloc(0, 10));
  ck_assert_ptr_null(nb_alloc_chain(0, 10));
  struct nbstats st;
  nb_stats(&st);
  ck_assert_uint_eq(st.inuse, 5);
  ck_assert_uint_eq(st.limit, 5);
  ck_assert_uint_eq(st.drops, 2);
  ck_assert_uint_eq(live, 5); // the refused ones never reached storage
  nb_free(b[2]);
  ck_assert_ptr_nonnull(b[2] = nb_alloc(0, 10));
  ck_assert_ptr_null(b[5] = nb_alloc(0, 10));
  nb_stats(&st);
  ck_assert_uint_eq(st.peak, 5);
  ck_assert_uint_eq(st.allocs, 6);
  ck_assert_uint_eq(st.drops, 3);
  for (int i = 0; i < 5; i++)
    nb_free(b[i]);
}
END_TEST

START_TEST(test_storage_fails) {
  allocs_left = 0;
  ck_assert_ptr_null(nb_alloc(0, 10));
  struct nbstats st;
  nb_stats(&st);
  ck_assert_uint_eq(st.inuse, 0);
  ck_assert_uint_eq(st.drops, 1);
  // A chain that runs out part way gives back what it had.
  for (long k = 0; k < 17; k++) {
    allocs_left = k;
    ck_assert_ptr_null(nb_alloc_chain(NB_MAXHDR, 65535));
    require(live == 0 && nb_inuse() == 0, "after %ld blocks: %ld live", k,
            live);
  }
  allocs_left = 17;
  struct netbuf *nb = nb_alloc_chain(NB_MAXHDR, 65535);
  ck_assert_ptr_nonnull(nb);
  nb_free(nb);
  // Before nb_init (or with no storage), nothing.
  nb_init(0, unstore, 0);
  ck_assert_ptr_null(nb_alloc(0, 1));
}
END_TEST

// Chains of every interesting length against a flat copy.
START_TEST(test_chain) {
  uint32_t lens[] = {0,
                     1,
                     NB_CAP - NB_MAXHDR,
                     NB_CAP - NB_MAXHDR + 1,
                     NB_CAP - NB_MAXHDR + NB_CAP,
                     8000,
                     65535};
  for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
    uint32_t len = lens[i];
    struct netbuf *nb = nb_alloc_chain(NB_MAXHDR, len);
    ck_assert_ptr_nonnull(nb);
    require(nb_totlen(nb) == len, "len %u: %u", len, nb_totlen(nb));
    require(nb_headroom(nb) == NB_MAXHDR, "len %u", len);
    int want =
        len <= NB_CAP - NB_MAXHDR
            ? 1
            : 1 + (int)((len - (NB_CAP - NB_MAXHDR) + NB_CAP - 1) / NB_CAP);
    require(nbufs(nb) == want, "len %u: %d buffers", len, nbufs(nb));
    require((uint32_t)nbufs(nb) == nb_inuse(), "len %u", len);
    pattern(len, len);
    ck_assert_int_eq(nb_copyin(nb, 0, flat, len), 0);
    memset(back, 0, len);
    ck_assert_int_eq(nb_copyout(nb, 0, back, len), 0);
    require(memcmp(back, flat, len) == 0, "len %u", len);
    struct cksum c;
    cksum_init(&c);
    ck_assert_int_eq(nb_cksum(nb, 0, len, &c), 0);
    require(cksum_finish(&c) == inet_cksum(flat, len), "len %u sum", len);
    nb_free(nb);
  }
}
END_TEST

// Copies and sums of any range, across buffer ends; ranges outside fail
// without touching anything.
START_TEST(test_ranges) {
  const uint32_t len = 3 * NB_CAP;
  struct netbuf *nb = nb_alloc_chain(0, len);
  pattern(3, len);
  nb_copyin(nb, 0, flat, len);
  uint64_t r = 7;
  for (int i = 0; i < 500; i++) {
    uint32_t off = (uint32_t)(xrand(&r) % (len + 1));
    uint32_t n = (uint32_t)(xrand(&r) % (len - off + 1));
    if (i < 8) { // the boundaries themselves
      off = (uint32_t)(i / 2) * NB_CAP - (i % 2);
      off = off > len ? 0 : off;
      n = len - off < 3 ? len - off : 3;
    }
    memset(back, 0, n);
    require(nb_copyout(nb, off, back, n) == 0, "off %u n %u", off, n);
    require(memcmp(back, flat + off, n) == 0, "off %u n %u", off, n);
    struct cksum c;
    cksum_init(&c);
    nb_cksum(nb, off, n, &c);
    require(cksum_finish(&c) == inet_cksum(flat + off, n), "sum %u %u", off, n);
  }
  // Overwrite a range across a boundary.
  memset(flat + NB_CAP - 5, 'x', 10);
  ck_assert_int_eq(nb_copyin(nb, NB_CAP - 5, flat + NB_CAP - 5, 10), 0);
  nb_copyout(nb, 0, back, len);
  ck_assert_mem_eq(back, flat, len);
  // Outside.
  back[0] = 'q';
  ck_assert_int_eq(nb_copyout(nb, len, back, 1), -EINVAL);
  ck_assert_int_eq(nb_copyout(nb, len + 1, back, 0), -EINVAL);
  ck_assert_int_eq(nb_copyout(nb, 1, back, len), -EINVAL);
  ck_assert_int_eq(nb_copyout(nb, 0xffffffffu, back, 2), -EINVAL);
  ck_assert_int_eq(nb_copyin(nb, len - 1, flat, 2), -EINVAL);
  ck_assert_uint_eq(back[0], 'q');
  struct cksum c;
  cksum_init(&c);
  ck_assert_int_eq(nb_cksum(nb, 2, len, &c), -EINVAL);
  ck_assert_uint_eq(c.sum, 0);
  ck_assert_int_eq(nb_copyout(nb, len, back, 0), 0);
  nb_free(nb);
}
END_TEST

START_TEST(test_trim) {
  const uint32_t len = 2 * NB_CAP + 100;
  uint32_t to[] = {len, len - 1, 2 * NB_CAP + 1, 2 * NB_CAP, NB_CAP + 1, NB_CAP,
                   1,   0};
  int bufs[] = {3, 3, 3, 2, 2, 1, 1, 1};
  struct netbuf *nb = nb_alloc_chain(0, len);
  pattern(9, len);
  nb_copyin(nb, 0, flat, len);
  for (size_t i = 0; i < sizeof to / sizeof to[0]; i++) {
    require(nb_trim(nb, to[i]) == 0, "to %u", to[i]);
    require(nb_totlen(nb) == to[i], "to %u: %u", to[i], nb_totlen(nb));
    require(nbufs(nb) == bufs[i] && nb_inuse() == (uint32_t)bufs[i],
            "to %u: %d buffers", to[i], nbufs(nb));
    nb_copyout(nb, 0, back, to[i]);
    require(memcmp(back, flat, to[i]) == 0, "to %u", to[i]);
  }
  ck_assert_int_eq(nb_trim(nb, 1), -EINVAL);
  ck_assert_uint_eq(nb->len, 0);
  nb_free(nb);
  // Link-layer padding off a single frame.
  nb = nb_alloc(NB_MAXHDR, 60);
  ck_assert_int_eq(nb_trim(nb, 49), 0);
  ck_assert_uint_eq(nb->len, 49);
  ck_assert_int_eq(nb_trim(nb, 50), -EINVAL);
  nb_free(nb);
}
END_TEST

// Fragments joined (nb_cat) and a header split across them made whole.
START_TEST(test_cat_pullup) {
  struct netbuf *a = nb_alloc(NB_MAXHDR, 10), *b = nb_alloc(NB_MAXHDR, 5),
                *c = nb_alloc(0, 30);
  pattern(4, 45);
  memcpy(a->data, flat, 10);
  memcpy(b->data, flat + 10, 5);
  memcpy(c->data, flat + 15, 30);
  nb_cat(a, b);
  nb_cat(a, c);
  ck_assert_int_eq(nbufs(a), 3);
  ck_assert_uint_eq(nb_totlen(a), 45);
  ck_assert_int_eq(nb_pullup(a, 10), 0); // already there
  ck_assert_int_eq(nbufs(a), 3);
  ck_assert_int_eq(nb_pullup(a, 12), 0); // part of b
  ck_assert_uint_eq(a->len, 12);
  ck_assert_uint_eq(b->len, 3);
  ck_assert_int_eq(nbufs(a), 3);
  ck_assert_int_eq(nb_pullup(a, 40), 0); // all of b (freed), part of c
  ck_assert_int_eq(nbufs(a), 2);
  ck_assert_uint_eq(nb_inuse(), 2);
  ck_assert_uint_eq(a->len, 40);
  ck_assert_mem_eq(a->data, flat, 40);
  ck_assert_int_eq(nb_pullup(a, 46), -EINVAL);
  ck_assert_int_eq(nb_pullup(a, 45), 0); // all of it: c freed
  ck_assert_int_eq(nbufs(a), 1);
  ck_assert_mem_eq(a->data, flat, 45);
  nb_free(a);

  // No room in the first buffer: nothing changes.
  a = nb_alloc(0, NB_CAP - 4);
  b = nb_alloc(0, 10);
  nb_cat(a, b);
  ck_assert_int_eq(nb_pullup(a, NB_CAP + 1), -ENOBUFS);
  ck_assert_uint_eq(a->len, NB_CAP - 4);
  ck_assert_uint_eq(b->len, 10);
  ck_assert_int_eq(nb_pullup(a, NB_CAP), 0);
  ck_assert_uint_eq(b->len, 6);
  nb_free(a);
}
END_TEST

START_TEST(test_queue) {
  struct nbqueue q;
  nbq_init(&q);
  ck_assert_ptr_null(nbq_get(&q));
  struct netbuf *b[4];
  for (int i = 0; i < 4; i++) {
    b[i] = i == 3 ? nb_alloc_chain(0, 3 * NB_CAP) : nb_alloc(0, 1);
    nbq_put(&q, b[i]);
    ck_assert_uint_eq(q.count, (uint32_t)i + 1);
  }
  ck_assert_ptr_eq(nbq_get(&q), b[0]);
  ck_assert_ptr_null(b[0]->next);
  ck_assert_ptr_eq(nbq_get(&q), b[1]);
  nbq_put(&q, b[0]); // to the back
  ck_assert_ptr_eq(nbq_get(&q), b[2]);
  ck_assert_ptr_eq(nbq_get(&q), b[3]);
  ck_assert_int_eq(nbufs(b[3]), 3); // the chain came along
  ck_assert_ptr_eq(nbq_get(&q), b[0]);
  ck_assert_ptr_null(nbq_get(&q));
  ck_assert_uint_eq(q.count, 0);
  ck_assert_ptr_null(q.tail);
  for (int i = 0; i < 4; i++)
    nbq_put(&q, b[i]);
  ck_assert_uint_eq(nb_inuse(), 6);
  nbq_purge(&q); // frees chains whole, and leaves the queue usable
  ck_assert_uint_eq(q.count, 0);
  ck_assert_ptr_null(nbq_get(&q));
  nbq_put(&q, nb_alloc(0, 1));
  nbq_purge(&q);
}
END_TEST

// Four threads allocate and free against a limit: the limit is never
// passed, and the counters agree exactly with what the threads saw.
#define THREADS 4
#define ROUNDS 20000
static long got, refused; // what nb_alloc returned, over all threads

static void *churn(void *arg) {
  uint64_t r = (uintptr_t)arg + 1;
  struct netbuf *held[8] = {0};
  long g = 0, f = 0;
  for (int i = 0; i < ROUNDS; i++) {
    int k = (int)(xrand(&r) % 8);
    if (held[k] != 0) {
      nb_free(held[k]);
      held[k] = 0;
    } else if ((held[k] = nb_alloc(0, 64)) != 0) {
      g++;
    } else {
      f++;
    }
  }
  for (int k = 0; k < 8; k++)
    nb_free(held[k]);
  __atomic_add_fetch(&got, g, __ATOMIC_RELAXED);
  __atomic_add_fetch(&refused, f, __ATOMIC_RELAXED);
  return 0;
}

START_TEST(test_threads) {
  nb_init(store, unstore, 10);
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    ck_assert_int_eq(pthread_create(&t[i], 0, churn, (void *)i), 0);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], 0);
  struct nbstats st;
  nb_stats(&st);
  ck_assert_uint_eq(st.inuse, 0);
  ck_assert_uint_le(st.peak, 10);
  ck_assert_uint_eq(st.allocs, got);
  ck_assert_uint_eq(st.drops, refused);
  ck_assert_int_gt(got, 0);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("netbuf");
  TCase *tc = tcase_create("netbuf");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, test_alloc);
  tcase_add_test(tc, test_push_pull_put);
  tcase_add_test(tc, test_limit);
  tcase_add_test(tc, test_storage_fails);
  tcase_add_test(tc, test_chain);
  tcase_add_test(tc, test_ranges);
  tcase_add_test(tc, test_trim);
  tcase_add_test(tc, test_cat_pullup);
  tcase_add_test(tc, test_queue);
  tcase_add_test(tc, test_threads);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
