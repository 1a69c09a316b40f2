// tests/unit/test_arpcache.c: the ARP cache's logic (kernel/net/arpcache.c)
// with a fake clock: resolution, the queue of waiting packets (the
// first packet is never lost), retries and failure, expiry, eviction of a
// full table, updates that are not for us, delete and flush, and no
// packet buffer leaked anywhere.
#include <netv6/errno.h>
#include <stdlib.h>
#include "arpcache.h"
#include "nettest.h"

static void *page(void) { return malloc(NB_SIZE); }

static struct arpcache c;
static uint8_t mac[ETH_ALEN];
static const uint8_t M1[ETH_ALEN] = {2, 0, 0, 0, 0, 1};
static const uint8_t M2[ETH_ALEN] = {2, 0, 0, 0, 0, 2};
static int nreq;
static ipaddr_t lastreq;

static void req(void *arg, int ifindex, ipaddr_t ip) {
  (void)arg;
  (void)ifindex;
  nreq++;
  lastreq = ip;
}

static struct netbuf *pkt(uint8_t tag) {
  struct netbuf *nb = nb_alloc(NB_MAXHDR, 1);
  ck_assert_ptr_nonnull(nb);
  nb->data[0] = tag;
  return nb;
}

static int qlen(struct netbuf *q) {
  int n = 0;
  for (; q; q = q->next)
    n++;
  return n;
}

static void freeq(struct netbuf *q) {
  while (q) {
    struct netbuf *next = q->next;
    nb_free(q);
    q = next;
  }
}

static void setup(void) {
  nb_init(page, free, 0);
  arpc_init(&c);
  nreq = 0;
}

static void teardown(void) {
  arpc_flush(&c);
  ck_assert_int_eq(nb_inuse(), 0);
}

START_TEST(resolve_then_send) {
  ipaddr_t a = IP4(10, 77, 0, 1);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(1), mac, 0), ARPV_REQUEST);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(2), mac, 10), ARPV_QUEUED);
  struct netbuf *q = arpc_update(&c, 1, a, M1, 0, 20);
  ck_assert_int_eq(qlen(q), 2);
  ck_assert_int_eq(q->data[0], 1); // in the order sent
  ck_assert_int_eq(q->next->data[0], 2);
  freeq(q);
  struct netbuf *nb = pkt(3);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, nb, mac, 30), ARPV_SEND);
  ck_assert_mem_eq(mac, M1, ETH_ALEN);
  nb_free(nb);
  // Another interface is another neighbour.
  ck_assert_int_eq(arpc_resolve(&c, 2, a, pkt(4), mac, 30), ARPV_REQUEST);
}
END_TEST

START_TEST(queue_bounded) {
  ipaddr_t a = IP4(10, 77, 0, 2);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(0), mac, 0), ARPV_REQUEST);
  for (int i = 1; i < ARP_QMAX + 3; i++)
    ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(i), mac, 0), ARPV_QUEUED);
  ck_assert_int_eq(c.drops, 3);
  struct netbuf *q = arpc_update(&c, 1, a, M1, 0, 1);
  ck_assert_int_eq(qlen(q), ARP_QMAX);
  ck_assert_int_eq(q->data[0], 3); // the oldest went first
  freeq(q);
}
END_TEST

START_TEST(retries_then_fail) {
  ipaddr_t a = IP4(10, 77, 0, 3);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(1), mac, 0), ARPV_REQUEST);
  uint64_t t = 0, next;
  next = arpc_tick(&c, t, req, 0);
  ck_assert_int_eq(nreq, 0);
  ck_assert_uint_eq(next, ARP_RETRY_MS);
  for (int i = 1; i < ARP_TRIES; i++) {
    t += ARP_RETRY_MS;
    arpc_tick(&c, t, req, 0);
    ck_assert_int_eq(nreq, i);
    ck_assert_uint_eq(lastreq, a);
  }
  t += ARP_RETRY_MS;
  next = arpc_tick(&c, t, req, 0);
  ck_assert_int_eq(nreq, ARP_TRIES - 1);
  ck_assert_uint_eq(next, t + ARP_FAILED_MS);
  ck_assert_int_eq(c.drops, 1); // the waiting packet
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(2), mac, t + 5), ARPV_UNREACH);
  // After the failed time, it asks again.
  arpc_tick(&c, t + ARP_FAILED_MS, req, 0);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(3), mac, t + ARP_FAILED_MS + 1),
                   ARPV_REQUEST);
  // An answer to a failed entry revives it at once.
  freeq(arpc_update(&c, 1, a, M2, 0, t + ARP_FAILED_MS + 2));
  struct netbuf *nb = pkt(4);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, nb, mac, t + ARP_FAILED_MS + 3),
                   ARPV_SEND);
  ck_assert_mem_eq(mac, M2, ETH_ALEN);
  nb_free(nb);
}
END_TEST

START_TEST(expiry) {
  ipaddr_t a = IP4(10, 77, 0, 4);
  freeq(arpc_update(&c, 1, a, M1, 1, 0));
  struct netbuf *nb = pkt(1);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, nb, mac, ARP_REACHABLE_MS - 1),
                   ARPV_SEND);
  nb_free(nb);
  // Expired but not yet swept: the next packet asks again, and waits.
  ck_assert_int_eq(arpc_resolve(&c, 1, a, pkt(2), mac, ARP_REACHABLE_MS),
                   ARPV_REQUEST);
  freeq(arpc_update(&c, 1, a, M1, 0, ARP_REACHABLE_MS + 1));
  arpc_tick(&c, 2 * ARP_REACHABLE_MS + 1, req, 0);
  ck_assert_int_eq(arpc_delete(&c, 1, a), -ESRCH); // swept
}
END_TEST

START_TEST(update_rules) {
  ipaddr_t a = IP4(10, 77, 0, 5);
  // Not for us and unknown: nothing is made.
  ck_assert_ptr_null(arpc_update(&c, 1, a, M1, 0, 0));
  ck_assert_int_eq(arpc_delete(&c, 1, a), -ESRCH);
  // For us: made. Known: updated even if not for us (a new MAC).
  ck_assert_ptr_null(arpc_update(&c, 1, a, M1, 1, 0));
  ck_assert_ptr_null(arpc_update(&c, 1, a, M2, 0, 1));
  struct netbuf *nb = pkt(1);
  ck_assert_int_eq(arpc_resolve(&c, 1, a, nb, mac, 2), ARPV_SEND);
  ck_assert_mem_eq(mac, M2, ETH_ALEN);
  nb_free(nb);
  ck_assert_int_eq(arpc_delete(&c, -1, a), 0);
}
END_TEST

START_TEST(eviction) {
  // A full table of complete entries, then one more: the least recently
  // used goes; incomplete entries (with waiting packets) are kept.
  for (int i = 0; i < ARP_NENTRY; i++)
    freeq(arpc_update(&c, 1, IP4(10, 1, 0, i), M1, 1, i));
  ck_assert_int_eq(arpc_resolve(&c, 1, IP4(10, 2, 0, 1), pkt(1), mac, 100),
                   ARPV_REQUEST);
  ck_assert_int_eq(arpc_delete(&c, 1, IP4(10, 1, 0, 0)), -ESRCH);
  ck_assert_int_eq(arpc_delete(&c, 1, IP4(10, 1, 0, 1)), 0);
  freeq(arpc_update(&c, 1, IP4(10, 1, 0, 200), M1, 1, 101));
  for (int i = 0; i < ARP_NENTRY + 5; i++)
    freeq(arpc_update(&c, 1, IP4(10, 3, 0, i), M1, 1, 200 + i));
  // The incomplete entry, older than all, is still there.
  ck_assert_int_eq(arpc_resolve(&c, 1, IP4(10, 2, 0, 1), pkt(2), mac, 500),
                   ARPV_QUEUED);
  // A table of incomplete entries only: the oldest of them goes.
  arpc_flush(&c);
  for (int i = 0; i < ARP_NENTRY + 1; i++)
    ck_assert_int_eq(arpc_resolve(&c, 1, IP4(10, 4, 0, i), pkt(i), mac, i),
                     ARPV_REQUEST);
  ck_assert_int_eq(arpc_delete(&c, 1, IP4(10, 4, 0, 0)), -ESRCH);
}
END_TEST

int main(void) {
  Suite *s = suite_create("arpcache");
  TCase *tc = tcase_create("arpcache");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, resolve_then_send);
  tcase_add_test(tc, queue_bounded);
  tcase_add_test(tc, retries_then_fail);
  tcase_add_test(tc, expiry);
  tcase_add_test(tc, update_rules);
  tcase_add_test(tc, eviction);
  suite_add_tcase(s, tc);
  return runsuite(s);
}
