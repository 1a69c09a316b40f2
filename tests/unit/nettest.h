// tests/unit/nettest.h: what the host tests of the network stack's pure
// parts share: a cheap assertion and a repeatable random sequence.
#ifndef TESTS_UNIT_NETTEST_H
#define TESTS_UNIT_NETTEST_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>

// A passing ck_assert costs a write() (Check records where it got to),
// so loops over bytes and steps test plainly and only fail through
// Check.
#define require(cond, ...)       \
  do {                           \
    if (!(cond))                 \
      ck_abort_msg(__VA_ARGS__); \
  } while (0)

// xorshift64: the same sequence on every host, from a nonzero seed.
static inline uint64_t xrand(uint64_t *state) {
  uint64_t x = *state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *state = x;
}

// A test program's main: run the suite, exit 0 only if all passed.
static inline int runsuite(Suite *s) {
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
