// tests/fuzz/fuzz.h: what the libFuzzer targets share: a property check
// that aborts (libFuzzer then keeps the input), and malloc storage for
// packet buffers.
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stdlib.h>

#include "netbuf.h"

#define CHECK(cond) \
  do {              \
    if (!(cond))    \
      abort();      \
  } while (0)

static inline void *fuzz_store(void) { return malloc(NB_SIZE); }
static inline void fuzz_unstore(void *p) { free(p); }

#endif
