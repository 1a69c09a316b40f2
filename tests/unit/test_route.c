// tests/unit/test_route.c: the routing table's logic (kernel/net/route.c):
// longest prefix wins, ties go to the first added, bad routes refused,
// deletions, and a random table against a brute-force model.
#include <netv6/errno.h>
#include "nettest.h"
#include "route.h"

START_TEST(longest_prefix) {
  struct rtable t;
  rt_init(&t);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(10, 77, 0, 1), 1, 0), 0);
  ck_assert_int_eq(rt_add(&t, IP4(10, 77, 0, 0), 24, 0, 1, RT_CONN), 0);
  ck_assert_int_eq(rt_add(&t, IP4(127, 0, 0, 0), 8, 0, 0, RT_CONN), 0);
  ck_assert_int_eq(rt_add(&t, IP4(10, 77, 0, 128), 25, IP4(10, 77, 0, 9), 1, 0),
                   0);
  const struct rtentry *e = rt_lookup(&t, IP4(10, 77, 0, 5));
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(e->plen, 24);
  ck_assert_int_eq(e->gw, 0);
  e = rt_lookup(&t, IP4(10, 77, 0, 200));
  ck_assert_int_eq(e->plen, 25);
  ck_assert_int_eq(e->gw, IP4(10, 77, 0, 9));
  e = rt_lookup(&t, IP4(8, 8, 8, 8));
  ck_assert_int_eq(e->plen, 0);
  ck_assert_int_eq(e->gw, IP4(10, 77, 0, 1));
  e = rt_lookup(&t, IP4(127, 1, 2, 3));
  ck_assert_int_eq(e->ifindex, 0);
}
END_TEST

START_TEST(no_route) {
  struct rtable t;
  rt_init(&t);
  ck_assert_ptr_null(rt_lookup(&t, IP4(10, 0, 0, 1)));
  ck_assert_int_eq(rt_add(&t, IP4(10, 0, 2, 0), 24, 0, 1, RT_CONN), 0);
  ck_assert_ptr_null(rt_lookup(&t, IP4(10, 0, 3, 1)));
  ck_assert_ptr_nonnull(rt_lookup(&t, IP4(10, 0, 2, 255)));
}
END_TEST

START_TEST(ties_first_added) {
  struct rtable t;
  rt_init(&t);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(10, 0, 2, 2), 1, 0), 0);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(10, 0, 2, 3), 2, 0), 0);
  ck_assert_int_eq(rt_lookup(&t, IP4(1, 2, 3, 4))->gw, IP4(10, 0, 2, 2));
  ck_assert_int_eq(rt_del(&t, 0, 0, IP4(10, 0, 2, 2)), 0);
  ck_assert_int_eq(rt_lookup(&t, IP4(1, 2, 3, 4))->gw, IP4(10, 0, 2, 3));
}
END_TEST

START_TEST(refusals) {
  struct rtable t;
  rt_init(&t);
  ck_assert_int_eq(rt_add(&t, IP4(10, 0, 2, 1), 24, 0, 1, 0), -EINVAL);
  ck_assert_int_eq(rt_add(&t, 0, 33, 0, 1, 0), -EINVAL);
  ck_assert_int_eq(rt_add(&t, 0, -1, 0, 1, 0), -EINVAL);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(224, 0, 0, 1), 1, 0), -EINVAL);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(255, 255, 255, 255), 1, 0), -EINVAL);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(127, 0, 0, 1), 1, 0), -EINVAL);
  ck_assert_int_eq(t.n, 0);
  ck_assert_int_eq(rt_add(&t, IP4(10, 1, 0, 0), 16, 0, 1, 0), 0);
  ck_assert_int_eq(rt_add(&t, IP4(10, 1, 0, 0), 16, 0, 2, 0), -EEXIST);
  for (int i = 1; i < RT_MAX; i++)
    ck_assert_int_eq(rt_add(&t, IP4(11, i, 0, 0), 16, 0, 1, 0), 0);
  ck_assert_int_eq(rt_add(&t, IP4(12, 0, 0, 0), 8, 0, 1, 0), -ENOSPC);
  ck_assert_int_eq(t.n, RT_MAX);
  ck_assert_int_eq(rt_del(&t, IP4(12, 0, 0, 0), 8, 0), -ESRCH);
  ck_assert_int_eq(rt_del(&t, IP4(10, 1, 0, 0), 16, IP4(10, 1, 0, 1)), -ESRCH);
  ck_assert_int_eq(rt_del(&t, IP4(10, 1, 0, 0), 16, 0), 0);
  ck_assert_int_eq(t.n, RT_MAX - 1);
}
END_TEST

START_TEST(del_if) {
  struct rtable t;
  rt_init(&t);
  ck_assert_int_eq(rt_add(&t, IP4(10, 0, 2, 0), 24, 0, 1, RT_CONN), 0);
  ck_assert_int_eq(rt_add(&t, 0, 0, IP4(10, 0, 2, 2), 1, 0), 0);
  ck_assert_int_eq(rt_add(&t, IP4(127, 0, 0, 0), 8, 0, 0, RT_CONN), 0);
  ck_assert_int_eq(rt_del_if(&t, 1, RT_CONN), 1);
  ck_assert_int_eq(t.n, 2);
  ck_assert_int_eq(rt_lookup(&t, IP4(127, 0, 0, 1))->ifindex, 0);
  ck_assert_int_eq(rt_lookup(&t, IP4(10, 0, 2, 7))->gw, IP4(10, 0, 2, 2));
  ck_assert_int_eq(rt_del_if(&t, 1, 0), 1);
  ck_assert_int_eq(t.n, 1);
  ck_assert_int_eq(rt_lookup(&t, IP4(127, 0, 0, 1))->ifindex, 0);
}
END_TEST

// A random table against a brute-force model of "longest prefix, first
// added among equals", with deletions.
START_TEST(model) {
  uint64_t seed = 0x9e3779b97f4a7c15ULL;
  for (int round = 0; round < 200; round++) {
    struct rtable t;
    rt_init(&t);
    struct rtentry m[RT_MAX];
    int n = 0;
    for (int k = 0; k < 60; k++) {
      int plen = xrand(&seed) % 33;
      ipaddr_t dst = (IP4(10, 0, 0, 0) | (ipaddr_t)(xrand(&seed) & 0xffff)) &
                     ip_mask(plen);
      ipaddr_t gw = xrand(&seed) % 3 ? 0 : IP4(10, 0, 0, 1 + k % 5);
      if (xrand(&seed) % 4 == 0 && n > 0) {
        int i = xrand(&seed) % n;
        require(rt_del(&t, m[i].dst, m[i].plen, m[i].gw) == 0, "del");
        if (m[i].gw == 0) // any gateway: the first route to dst/plen goes
          for (int j = 0; j < i; j++)
            if (m[j].dst == m[i].dst && m[j].plen == m[i].plen) {
              i = j;
              break;
            }
        for (; i + 1 < n; i++)
          m[i] = m[i + 1];
        n--;
        continue;
      }
      int dup = 0;
      for (int i = 0; i < n; i++)
        dup |= m[i].dst == dst && m[i].plen == plen && m[i].gw == gw;
      int r = rt_add(&t, dst, plen, gw, k, 0);
      if (dup)
        require(r == -EEXIST, "dup add gave %d", r);
      else if (n == RT_MAX)
        require(r == -ENOSPC, "full add gave %d", r);
      else {
        require(r == 0, "add gave %d", r);
        m[n++] = (struct rtentry){dst, plen, gw, k, 0};
      }
      for (int q = 0; q < 20; q++) {
        ipaddr_t a = IP4(10, 0, 0, 0) | (ipaddr_t)(xrand(&seed) & 0xffff);
        if (q == 0)
          a = IP4(8, 8, 8, 8);
        const struct rtentry *want = 0;
        for (int i = 0; i < n; i++)
          if ((a & ip_mask(m[i].plen)) == m[i].dst &&
              (want == 0 || m[i].plen > want->plen))
            want = &m[i];
        const struct rtentry *got = rt_lookup(&t, a);
        require((want == 0) == (got == 0), "found or not");
        if (want)
          require(got->ifindex == want->ifindex,
                  "round %d: lookup %08x: if %d, "
                  "want %d",
                  round, a, got->ifindex, want->ifindex);
      }
    }
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("route");
  TCase *tc = tcase_create("route");
  tcase_add_test(tc, longest_prefix);
  tcase_add_test(tc, no_route);
  tcase_add_test(tc, ties_first_added);
  tcase_add_test(tc, refusals);
  tcase_add_test(tc, del_if);
  tcase_add_test(tc, model);
  suite_add_tcase(s, tc);
  return runsuite(s);
}
