// tests/unit/test_sostate.c: host unit tests of the socket state machine
// (kernel/net/sostate.h). Every (state, event) pair is checked against
// the table below, which is written from the calls' documented errors
// (POSIX, and Linux where POSIX leaves a choice), not from sostate.c.
// Built with ASan and UBSan.
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include <netv6/errno.h>

#include "sostate.h"

// What each event should give in each state: a state, or -errno.
//
//   bind      only a fresh socket; already named (or implicitly bound by
//             listen/connect) or shut down: EINVAL
//   listen    fresh, bound, or again when listening (a new backlog);
//             connected, connecting or shut down: EINVAL
//   connect   fresh or bound; in progress: EALREADY; connected (also when
//             only the peer has closed): EISCONN; listening or closed:
//             EINVAL (Linux AF_UNIX; POSIX would allow EOPNOTSUPP for a
//             listener)
//   established  a connect in progress, or a fresh socket (an accepted
//             connection, a socketpair end)
//   connfailed   only while connecting, and the socket is finished
//   peerclosed   connected: CLOSING (read what is left); while
//             connecting: the attempt is over; already closed: stays
//             closed; no peer to lose otherwise: EINVAL
//   close     from anywhere, to CLOSED
static const int want[SS_NSTATES][SE_NEVENTS] = {
    [SS_NEW] =
        {
            [SE_BIND] = SS_BOUND,
            [SE_LISTEN] = SS_LISTENING,
            [SE_CONNECT] = SS_CONNECTING,
            [SE_ESTABLISHED] = SS_CONNECTED,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = -EINVAL,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_BOUND] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = SS_LISTENING,
            [SE_CONNECT] = SS_CONNECTING,
            [SE_ESTABLISHED] = -EINVAL,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = -EINVAL,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_LISTENING] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = SS_LISTENING,
            [SE_CONNECT] = -EINVAL,
            [SE_ESTABLISHED] = -EINVAL,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = -EINVAL,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_CONNECTING] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = -EINVAL,
            [SE_CONNECT] = -EALREADY,
            [SE_ESTABLISHED] = SS_CONNECTED,
            [SE_CONNFAILED] = SS_CLOSED,
            [SE_PEERCLOSED] = SS_CLOSED,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_CONNECTED] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = -EINVAL,
            [SE_CONNECT] = -EISCONN,
            [SE_ESTABLISHED] = -EINVAL,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = SS_CLOSING,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_CLOSING] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = -EINVAL,
            [SE_CONNECT] = -EISCONN,
            [SE_ESTABLISHED] = -EINVAL,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = SS_CLOSING,
            [SE_CLOSE] = SS_CLOSED,
        },
    [SS_CLOSED] =
        {
            [SE_BIND] = -EINVAL,
            [SE_LISTEN] = -EINVAL,
            [SE_CONNECT] = -EINVAL,
            [SE_ESTABLISHED] = -EINVAL,
            [SE_CONNFAILED] = -EINVAL,
            [SE_PEERCLOSED] = SS_CLOSED,
            [SE_CLOSE] = SS_CLOSED,
        },
};

static const char *const statename[SS_NSTATES] = {
    [SS_NEW] = "NEW",
    [SS_BOUND] = "BOUND",
    [SS_LISTENING] = "LISTENING",
    [SS_CONNECTING] = "CONNECTING",
    [SS_CONNECTED] = "CONNECTED",
    [SS_CLOSING] = "CLOSING",
    [SS_CLOSED] = "CLOSED",
};

static const char *const eventname[SE_NEVENTS] = {
    [SE_BIND] = "bind",
    [SE_LISTEN] = "listen",
    [SE_CONNECT] = "connect",
    [SE_ESTABLISHED] = "established",
    [SE_CONNFAILED] = "connfailed",
    [SE_PEERCLOSED] = "peerclosed",
    [SE_CLOSE] = "close",
};

// A result as text for failure messages: a state's name or -errno.
static const char *show(int r, char *buf, size_t len) {
  if (r >= 0 && r < SS_NSTATES)
    return statename[r];
  snprintf(buf, len, "%d", r);
  return buf;
}

// One loop iteration per pair, so a wrong entry names itself.
START_TEST(test_pair) {
  enum sostate s = _i / SE_NEVENTS;
  enum soevent e = _i % SE_NEVENTS;
  int got = sostate_next(s, e);
  char b1[16], b2[16];
  ck_assert_msg(got == want[s][e], "%s + %s: got %s, want %s", statename[s],
                eventname[e], show(got, b1, sizeof b1),
                show(want[s][e], b2, sizeof b2));
}
END_TEST

// The table itself is sane: every entry is a state or a small -errno,
// and the function answers the same way twice (no hidden state).
START_TEST(test_results_wellformed) {
  for (int s = 0; s < SS_NSTATES; s++)
    for (int e = 0; e < SE_NEVENTS; e++) {
      int r = sostate_next(s, e);
      ck_assert_msg((r >= 0 && r < SS_NSTATES) || (r < 0 && r >= -4095),
                    "%s + %s: %d", statename[s], eventname[e], r);
      ck_assert_int_eq(sostate_next(s, e), r);
    }
}
END_TEST

// No event leads back to NEW, and CLOSED is only left for CLOSED.
START_TEST(test_invariants) {
  for (int s = 0; s < SS_NSTATES; s++)
    for (int e = 0; e < SE_NEVENTS; e++) {
      int r = sostate_next(s, e);
      ck_assert_msg(r != SS_NEW, "%s + %s gives NEW", statename[s],
                    eventname[e]);
      if (s == SS_CLOSED)
        ck_assert_msg(r == SS_CLOSED || r < 0, "CLOSED + %s gives %d",
                      eventname[e], r);
    }
}
END_TEST

static const int badvals[] = {-1, -2, 7, 8, 100, INT_MAX, INT_MIN};

// A state or event outside its enum is -EINVAL, even for close.
START_TEST(test_out_of_range) {
  int bad = badvals[_i];
  for (int e = 0; e < SE_NEVENTS; e++)
    ck_assert_msg(sostate_next((enum sostate)bad, e) == -EINVAL,
                  "state %d + %s: %d", bad, eventname[e],
                  sostate_next((enum sostate)bad, e));
  for (int s = 0; s < SS_NSTATES; s++)
    ck_assert_msg(sostate_next(s, (enum soevent)bad) == -EINVAL,
                  "%s + event %d: %d", statename[s], bad,
                  sostate_next(s, (enum soevent)bad));
  ck_assert_int_eq(sostate_next((enum sostate)bad, (enum soevent)bad), -EINVAL);
}
END_TEST

START_TEST(test_limits) {
  ck_assert_int_eq(sostate_next(SS_NSTATES, SE_CLOSE), -EINVAL);
  ck_assert_int_eq(sostate_next(SS_NEW, SE_NEVENTS), -EINVAL);
  ck_assert_int_eq(sostate_next(SS_NSTATES, SE_NEVENTS), -EINVAL);
}
END_TEST

START_TEST(test_names) {
  for (int s = 0; s < SS_NSTATES; s++) {
    const char *n = sostate_name(s);
    ck_assert_ptr_nonnull(n);
    ck_assert_str_eq(n, statename[s]);
  }
  ck_assert_str_eq(sostate_name(SS_NSTATES), "?");
  for (unsigned i = 0; i < sizeof badvals / sizeof badvals[0]; i++)
    ck_assert_str_eq(sostate_name((enum sostate)badvals[i]), "?");
}
END_TEST

// Apply events in order from NEW, checking each step's result.
struct step {
  enum soevent e;
  int want;
};

static void run(const char *what, const struct step *st, int n) {
  int s = SS_NEW;
  for (int i = 0; i < n; i++) {
    int r = sostate_next(s, st[i].e);
    ck_assert_msg(r == st[i].want, "%s, step %d (%s in %s): got %d, want %d",
                  what, i, eventname[st[i].e], statename[s], r, st[i].want);
    if (r >= 0)
      s = r; // a refused event leaves the state as it was
  }
}

#define RUN(name, ...)                                 \
  do {                                                 \
    const struct step st_[] = {__VA_ARGS__};           \
    run(name, st_, (int)(sizeof st_ / sizeof st_[0])); \
  } while (0)

// Whole lives of a socket, as the socket core and AF_UNIX drive them.
START_TEST(test_lifecycles) {
  RUN("server", {SE_BIND, SS_BOUND}, {SE_BIND, -EINVAL},
      {SE_LISTEN, SS_LISTENING}, {SE_LISTEN, SS_LISTENING},
      {SE_CONNECT, -EINVAL}, {SE_BIND, -EINVAL}, {SE_CLOSE, SS_CLOSED},
      {SE_LISTEN, -EINVAL}, {SE_CLOSE, SS_CLOSED});
  RUN("client", {SE_CONNECT, SS_CONNECTING}, {SE_CONNECT, -EALREADY},
      {SE_LISTEN, -EINVAL}, {SE_ESTABLISHED, SS_CONNECTED},
      {SE_CONNECT, -EISCONN}, {SE_LISTEN, -EINVAL}, {SE_BIND, -EINVAL},
      {SE_ESTABLISHED, -EINVAL}, {SE_PEERCLOSED, SS_CLOSING},
      {SE_PEERCLOSED, SS_CLOSING}, {SE_CONNECT, -EISCONN},
      {SE_CLOSE, SS_CLOSED}, {SE_PEERCLOSED, SS_CLOSED});
  RUN("bound client", {SE_BIND, SS_BOUND}, {SE_CONNECT, SS_CONNECTING},
      {SE_ESTABLISHED, SS_CONNECTED}, {SE_CLOSE, SS_CLOSED});
  RUN("refused", {SE_CONNECT, SS_CONNECTING}, {SE_CONNFAILED, SS_CLOSED},
      {SE_CONNFAILED, -EINVAL}, {SE_CONNECT, -EINVAL},
      {SE_ESTABLISHED, -EINVAL}, {SE_CLOSE, SS_CLOSED});
  RUN("peer gone while connecting", {SE_CONNECT, SS_CONNECTING},
      {SE_PEERCLOSED, SS_CLOSED}, {SE_CLOSE, SS_CLOSED});
  RUN("accepted / socketpair", {SE_ESTABLISHED, SS_CONNECTED},
      {SE_PEERCLOSED, SS_CLOSING}, {SE_CLOSE, SS_CLOSED});
  RUN("never used", {SE_PEERCLOSED, -EINVAL}, {SE_CONNFAILED, -EINVAL},
      {SE_CLOSE, SS_CLOSED});
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("sostate");
  TCase *tc = tcase_create("table");
  tcase_add_loop_test(tc, test_pair, 0, SS_NSTATES * SE_NEVENTS);
  tcase_add_test(tc, test_results_wellformed);
  tcase_add_test(tc, test_invariants);
  tcase_add_loop_test(tc, test_out_of_range, 0,
                      sizeof badvals / sizeof badvals[0]);
  tcase_add_test(tc, test_limits);
  tcase_add_test(tc, test_names);
  tcase_add_test(tc, test_lifecycles);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  SRunner *sr = srunner_create(suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
