// tests/unit/test_callout.c: host unit tests of the timer wheel
// (kernel/net/callout.h) with a fake clock: deadline order, equal
// deadlines in scheduling order, deadlines in the past, rescheduling and
// cancelling in every state (idle, pending, running, running and
// rescheduled), callouts that free themselves, long quiet spells, laps
// of the wheel, and thousands of timers against a sorted model. Built
// with ASan and UBSan.
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "callout.h"
#include "nettest.h"

static struct calloutq q; // 4 KiB: not on the stack

// The glue's loop: run everything due at now; record what ran.
static int ran[20000], nran;

static void note(void *arg) { ran[nran++] = (int)(intptr_t)arg; }

static int runall(uint64_t now) {
  int n = 0;
  struct callout *c;
  while ((c = callout_next(&q, now)) != 0) {
    require(callout_running(&q, c), "not running while it runs");
    require(!callout_pending(c), "handed out but still pending");
    c->fn(c->arg);
    callout_done(&q);
    n++;
  }
  return n;
}

static void setup(void) {
  callout_qinit(&q, 1000);
  nran = 0;
}

START_TEST(test_order) {
  struct callout c[5];
  uint64_t when[5] = {1030, 1010, 1020, 1010, 1005};
  for (int i = 0; i < 5; i++) {
    callout_init(&c[i], note, (void *)(intptr_t)i);
    ck_assert_int_eq(callout_state(&q, &c[i]), CO_IDLE);
    ck_assert_int_eq(callout_schedule(&q, &c[i], when[i]), 0);
    ck_assert_int_eq(callout_state(&q, &c[i]), CO_PENDING);
  }
  ck_assert_uint_eq(callout_earliest(&q), 1005);
  ck_assert_int_eq(runall(1004), 0);
  ck_assert_int_eq(runall(1005), 1);
  ck_assert_int_eq(runall(1009), 0);
  ck_assert_int_eq(runall(1020), 3); // 1010 twice (in order), 1020
  ck_assert_int_eq(runall(1029), 0);
  ck_assert_int_eq(runall(1030), 1);
  int want[] = {4, 1, 3, 2, 0};
  ck_assert_int_eq(nran, 5);
  for (int i = 0; i < 5; i++)
    ck_assert_int_eq(ran[i], want[i]);
  for (int i = 0; i < 5; i++)
    ck_assert_int_eq(callout_state(&q, &c[i]), CO_IDLE);
  ck_assert_uint_eq(callout_earliest(&q), UINT64_MAX);
  ck_assert_uint_eq(q.npending, 0);
}
END_TEST

// Many callouts at one tick come out in the order they were scheduled;
// one late check picks up several ticks' worth in deadline order.
START_TEST(test_equal_and_late) {
  static struct callout c[100];
  for (int i = 0; i < 100; i++) {
    callout_init(&c[i], note, (void *)(intptr_t)i);
    callout_schedule(&q, &c[i], i < 50 ? 1100 : 1050 + (99 - i));
  }
  ck_assert_int_eq(runall(2000), 100);
  for (int i = 0; i < 50; i++) // 1050 + (99 - i): the last ones first
    require(ran[i] == 99 - i, "position %d: %d", i, ran[i]);
  for (int i = 50; i < 100; i++) // then tick 1100, as scheduled
    require(ran[i] == i - 50, "position %d: %d", i, ran[i]);
}
END_TEST

// A deadline in the past (or now) is due at once, after those already
// due then.
START_TEST(test_past) {
  struct callout a, b, c;
  callout_init(&a, note, (void *)1);
  callout_init(&b, note, (void *)2);
  callout_init(&c, note, (void *)3);
  ck_assert_int_eq(runall(1500), 0); // the clock is at 1500
  callout_schedule(&q, &a, 1500);
  callout_schedule(&q, &b, 3);
  callout_schedule(&q, &c, 0);
  ck_assert_int_eq(runall(1500), 3);
  ck_assert_int_eq(ran[0], 1);
  ck_assert_int_eq(ran[1], 2);
  ck_assert_int_eq(ran[2], 3);
  // And scheduled at the current tick after a run there.
  callout_schedule(&q, &a, 1500);
  ck_assert_int_eq(runall(1500), 1);
}
END_TEST

START_TEST(test_reschedule) {
  struct callout a, b;
  callout_init(&a, note, (void *)1);
  callout_init(&b, note, (void *)2);
  callout_schedule(&q, &a, 1010);
  callout_schedule(&q, &b, 1010);
  ck_assert_int_eq(callout_schedule(&q, &a, 1010), 1); // again: to the back
  ck_assert_uint_eq(q.npending, 2);
  ck_assert_int_eq(runall(1010), 2);
  ck_assert_int_eq(ran[0], 2);
  ck_assert_int_eq(ran[1], 1);
  // Later, earlier, and across a lap of the wheel.
  callout_schedule(&q, &a, 1020);
  callout_schedule(&q, &a, 1020 + CO_WHEEL);
  ck_assert_int_eq(runall(1020), 0);
  callout_schedule(&q, &a, 1015 + CO_WHEEL); // earlier than it was
  ck_assert_int_eq(runall(1014 + CO_WHEEL), 0);
  ck_assert_int_eq(runall(1015 + CO_WHEEL), 1);
  ck_assert_int_eq(runall(1020 + 3 * CO_WHEEL), 0);
  ck_assert_uint_eq(q.npending, 0);
}
END_TEST

START_TEST(test_cancel) {
  struct callout a, b;
  callout_init(&a, note, (void *)1);
  callout_init(&b, note, (void *)2);
  ck_assert_int_eq(callout_cancel(&q, &a), 0); // idle
  callout_schedule(&q, &a, 1010);
  callout_schedule(&q, &b, 1010);
  ck_assert_int_eq(callout_cancel(&q, &a), 1); // pending
  ck_assert_int_eq(callout_state(&q, &a), CO_IDLE);
  ck_assert_int_eq(callout_cancel(&q, &a), 0);
  ck_assert_uint_eq(q.npending, 1);
  ck_assert_int_eq(runall(1100), 1);
  ck_assert_int_eq(ran[0], 2);
  // Cancel the only one in its slot, the head, the tail, the middle.
  static struct callout c[4];
  for (int k = 0; k < 4; k++) {
    for (int i = 0; i < 4; i++) {
      callout_init(&c[i], note, (void *)(intptr_t)(10 + i));
      callout_schedule(&q, &c[i], 1200);
    }
    callout_cancel(&q, &c[k]);
    nran = 0;
    ck_assert_int_eq(runall(1200), 3);
    for (int i = 0, j = 0; i < 4; i++)
      if (i != k)
        require(ran[j++] == 10 + i, "cancel %d: %d", k, ran[j - 1]);
    setup();
  }
}
END_TEST

// Running: cancel reports it is not pending and callout_running tells the
// glue to wait; a callout rescheduled while it runs is pending and
// running at once, and a cancel then removes the new schedule only.
START_TEST(test_running) {
  struct callout a;
  callout_init(&a, note, (void *)1);
  callout_schedule(&q, &a, 1010);
  struct callout *c = callout_next(&q, 1010);
  ck_assert_ptr_eq(c, &a);
  ck_assert_int_eq(callout_state(&q, &a), CO_RUNNING);
  ck_assert_int_eq(callout_cancel(&q, &a), 0);
  ck_assert(callout_running(&q, &a)); // the canceller must wait
  ck_assert_int_eq(callout_schedule(&q, &a, 1020), 0);
  ck_assert_int_eq(callout_state(&q, &a), CO_PENDING | CO_RUNNING);
  ck_assert_int_eq(callout_cancel(&q, &a), 1);
  ck_assert_int_eq(callout_state(&q, &a), CO_RUNNING);
  ck_assert_int_eq(callout_schedule(&q, &a, 1015), 0);
  callout_done(&q);
  ck_assert_int_eq(callout_state(&q, &a), CO_PENDING);
  ck_assert_int_eq(runall(1020), 1);
  ck_assert_int_eq(callout_state(&q, &a), CO_IDLE);
}
END_TEST

// A periodic timer reschedules itself from its function.
static struct callout tick;
static void periodic(void *arg) {
  note(arg);
  if (nran < 10)
    callout_schedule(&q, &tick, tick.when + 7);
}

START_TEST(test_periodic) {
  callout_init(&tick, periodic, (void *)5);
  callout_schedule(&q, &tick, 1001);
  for (uint64_t t = 1000; t < 1200; t++)
    runall(t);
  ck_assert_int_eq(nran, 10);
  ck_assert_int_eq(callout_state(&q, &tick), CO_IDLE);
}
END_TEST

// A function may free its own callout: nothing touches it after.
struct owner {
  struct callout c;
  int id;
};
static void selffree(void *arg) {
  struct owner *o = arg;
  note((void *)(intptr_t)o->id);
  free(o);
}

START_TEST(test_self_free) {
  for (int i = 0; i < 10; i++) {
    struct owner *o = malloc(sizeof *o);
    o->id = i;
    callout_init(&o->c, selffree, o);
    callout_schedule(&q, &o->c, 1010 + (uint64_t)i % 3);
  }
  ck_assert_int_eq(runall(1100), 10); // ASan: no use after free
  ck_assert_ptr_null(q.running);
}
END_TEST

// Long quiet spells and far deadlines: the wheel jumps instead of
// walking every tick, and still finds things in order.
START_TEST(test_far) {
  struct callout a, b, c;
  callout_init(&a, note, (void *)1);
  callout_init(&b, note, (void *)2);
  callout_init(&c, note, (void *)3);
  callout_schedule(&q, &a, 1000000000000ULL);
  callout_schedule(&q, &b, 5000000);
  callout_schedule(&q, &c, 5000000 + CO_WHEEL * 1000ULL);
  ck_assert_int_eq(runall(4999999), 0);
  ck_assert_uint_eq(q.cur, 4999999);
  ck_assert_int_eq(runall(999999999999ULL), 2);
  ck_assert_int_eq(ran[0], 2);
  ck_assert_int_eq(ran[1], 3);
  ck_assert_int_eq(runall(UINT64_MAX - 1), 1);
  ck_assert_int_eq(ran[2], 1);
  ck_assert_int_eq(runall(UINT64_MAX), 0);
  // An empty wheel follows the clock.
  callout_qinit(&q, 10);
  ck_assert_int_eq(runall(123456789), 0);
  ck_assert_uint_eq(q.cur, 123456789);
}
END_TEST

// Thousands of timers with random deadlines, rescheduled and cancelled
// at random, against a model: each tick, exactly the ones due run, in
// deadline order and scheduling order within a tick.
#define N 2000
static struct callout many[N];
static uint64_t mwhen[N], mseq[N];
static int mpending[N];

START_TEST(test_model) {
  uint64_t r = 12345, seq = 0;
  for (int i = 0; i < N; i++) {
    callout_init(&many[i], note, (void *)(intptr_t)i);
    mpending[i] = 0;
  }
  uint64_t now = 1000;
  for (int step = 0; step < 3000; step++) {
    for (int k = 0; k < 5; k++) {
      int i = (int)(xrand(&r) % N);
      if (xrand(&r) % 4 == 0) {
        require(callout_cancel(&q, &many[i]) == mpending[i], "cancel %d", i);
        mpending[i] = 0;
      } else {
        uint64_t when = now + xrand(&r) % (3 * CO_WHEEL);
        require(callout_schedule(&q, &many[i], when) == mpending[i],
                "schedule %d", i);
        mpending[i] = 1;
        mwhen[i] = when;
        mseq[i] = seq++;
      }
    }
    now += 1 + (xrand(&r) % 4 == 0 ? xrand(&r) % 600 : 0);
    // What the model says is due, in order.
    int due[N], ndue = 0;
    for (int i = 0; i < N; i++)
      if (mpending[i] && mwhen[i] <= now)
        due[ndue++] = i;
    for (int a = 1; a < ndue; a++) // insertion sort by (when, seq)
      for (int b = a; b > 0; b--) {
        int x = due[b - 1], y = due[b];
        if (mwhen[x] < mwhen[y] || (mwhen[x] == mwhen[y] && mseq[x] < mseq[y]))
          break;
        due[b - 1] = y;
        due[b] = x;
      }
    nran = 0;
    runall(now);
    require(nran == ndue, "step %d: %d ran, %d due", step, nran, ndue);
    for (int j = 0; j < ndue; j++) {
      require(ran[j] == due[j], "step %d: position %d", step, j);
      mpending[due[j]] = 0;
    }
    uint32_t np = 0;
    for (int i = 0; i < N; i++)
      np += (uint32_t)mpending[i];
    require(q.npending == np, "step %d: %u pending, model %u", step, q.npending,
            np);
  }
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("callout");
  TCase *tc = tcase_create("callout");
  tcase_add_checked_fixture(tc, setup, 0);
  tcase_add_test(tc, test_order);
  tcase_add_test(tc, test_equal_and_late);
  tcase_add_test(tc, test_past);
  tcase_add_test(tc, test_reschedule);
  tcase_add_test(tc, test_cancel);
  tcase_add_test(tc, test_running);
  tcase_add_test(tc, test_periodic);
  tcase_add_test(tc, test_self_free);
  tcase_add_test(tc, test_far);
  tcase_add_test(tc, test_model);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
