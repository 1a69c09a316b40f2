// tests/unit/test_sockbuf.c: host unit tests of the socket receive
// buffer (kernel/net/sockbuf.h): sizing, the byte ring across pages
// against a reference model, short counts, peeking, faults while
// copying, resizing, and page accounting. Built with ASan and UBSan.
//
// This file provides what sockbuf.c needs from its user: the copies
// (memcpy, with a window of "bad" addresses that fail like a fault) and
// the pages (malloc, counted, with a switch to make allocation fail).

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/errno.h>

#include "sockbuf.h"

#define A(p) ((uint64_t)(uintptr_t)(p))
#define MAXBYTES (SB_MAXPAGES * SB_PAGE)

// A passing ck_assert costs a write() (Check records where it got to),
// so the glue and the loops over bytes and steps test plainly and only
// fail through Check.
#define require(cond, ...)       \
  do {                           \
    if (!(cond))                 \
      ck_abort_msg(__VA_ARGS__); \
  } while (0)

// ---- the glue sockbuf.c calls --------------------------------------------

static uint64_t bad_lo, bad_hi; // copies touching [bad_lo, bad_hi) fail
static int lastuser;            // the user flag of the last copy
static long copies;             // copies asked for
static long pages_live;         // pages allocated and not freed
static long pages_allocs;       // allocations that succeeded
static long allocs_left;        // allocations that may succeed; <0: any

static void nofault(void) { bad_lo = bad_hi = 0; }
static void fault_at(const void *p, size_t len) {
  bad_lo = A(p);
  bad_hi = A(p) + len;
}
static int touches_bad(uint64_t a, uint32_t n) {
  return a < bad_hi && bad_lo < a + n;
}

// A real copy stops at the first bad byte; those before it do arrive.
int sb_copyin(void *dst, int user, uint64_t src, uint32_t n) {
  lastuser = user;
  copies++;
  require(n > 0, "a copy of 0 bytes");
  if (touches_bad(src, n)) {
    if (src < bad_lo)
      memcpy(dst, (const void *)(uintptr_t)src, bad_lo - src);
    return -1;
  }
  memcpy(dst, (const void *)(uintptr_t)src, n);
  return 0;
}

int sb_copyout(int user, uint64_t dst, const void *src, uint32_t n) {
  lastuser = user;
  copies++;
  require(n > 0, "a copy of 0 bytes");
  if (touches_bad(dst, n)) {
    if (dst < bad_lo)
      memcpy((void *)(uintptr_t)dst, src, bad_lo - dst);
    return -1;
  }
  memcpy((void *)(uintptr_t)dst, src, n);
  return 0;
}

// Exactly one page each, so ASan catches a run that crosses a page end.
void *sb_page_alloc(void) {
  if (allocs_left == 0)
    return 0;
  if (allocs_left > 0)
    allocs_left--;
  void *p = malloc(SB_PAGE);
  require(p != 0, "out of host memory");
  memset(p, 0xa5, SB_PAGE);
  pages_live++;
  pages_allocs++;
  return p;
}

void sb_page_free(void *page) {
  require(page != 0, "freeing a null page");
  require(pages_live > 0, "more pages freed than allocated");
  pages_live--;
  free(page);
}

static void setup(void) {
  nofault();
  lastuser = -1;
  copies = pages_live = pages_allocs = 0;
  allocs_left = -1;
}

// Every case ends with sb_free on its buffers: nothing may be left.
static void teardown(void) {
  ck_assert_msg(pages_live == 0, "%ld pages leaked", pages_live);
}

// ---- helpers -------------------------------------------------------------

static uint64_t rngstate;
static uint64_t rnd(void) { // xorshift64: the same sequence everywhere
  rngstate ^= rngstate << 13;
  rngstate ^= rngstate >> 7;
  rngstate ^= rngstate << 17;
  return rngstate;
}

// Byte i of a recognisable stream (tag tells streams apart).
static uint8_t pat(uint64_t i, int tag) {
  return (uint8_t)(i * 7 + (i >> 8) * 13 + tag);
}

static void fill(uint8_t *b, size_t n, uint64_t from, int tag) {
  for (size_t i = 0; i < n; i++)
    b[i] = pat(from + i, tag);
}

static void expect_pat(const uint8_t *b, size_t n, uint64_t from, int tag) {
  for (size_t i = 0; i < n; i++)
    require(b[i] == pat(from + i, tag), "byte %zu (stream %llu): %#x, want %#x",
            i, (unsigned long long)(from + i), b[i], pat(from + i, tag));
}

static uint8_t src[MAXBYTES + 2 * SB_PAGE], dst[MAXBYTES + 2 * SB_PAGE];

// Write n bytes of stream tag starting at position from; return result.
static int put(struct sockbuf *sb, uint32_t n, uint64_t from, int tag) {
  fill(src, n, from, tag);
  return sb_write(sb, 0, A(src), n);
}

// Read up to n bytes into dst (cleared first); return result.
static int get(struct sockbuf *sb, uint32_t n, int peek) {
  memset(dst, 0, n);
  return sb_read(sb, 0, A(dst), n, peek);
}

// ---- sizing --------------------------------------------------------------

static const struct {
  uint32_t ask, want;
} sizes[] = {
    {0, SB_PAGE},
    {1, SB_PAGE},
    {SB_PAGE - 1, SB_PAGE},
    {SB_PAGE, SB_PAGE},
    {SB_PAGE + 1, 2 * SB_PAGE},
    {3 * SB_PAGE - 17, 3 * SB_PAGE},
    {SB_DEFAULT, SB_DEFAULT},
    {SB_DEFAULT + 1, SB_DEFAULT + SB_PAGE},
    {MAXBYTES - 1, MAXBYTES},
    {MAXBYTES, MAXBYTES},
    {MAXBYTES + 1, MAXBYTES},
    {1u << 20, MAXBYTES},
    {0x7fffffff, MAXBYTES},
    {0xfffff000, MAXBYTES},
};

START_TEST(test_init) {
  struct sockbuf sb;
  memset(&sb, 0x5a, sizeof sb); // init must not rely on a zeroed struct
  sb_init(&sb, sizes[_i].ask);
  ck_assert_msg(sb.hiwat == sizes[_i].want, "hiwat %u gives %u, want %u",
                sizes[_i].ask, sb.hiwat, sizes[_i].want);
  ck_assert_uint_eq(sb.hiwat % SB_PAGE, 0);
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_uint_eq(sb_space(&sb), sizes[_i].want);
  ck_assert_uint_eq(sb.npages, 0);
  ck_assert_int_eq(pages_live, 0); // pages come with the first write
  sb_free(&sb);
}
END_TEST

// The same rounding through sb_resize, then the buffer works at that size.
START_TEST(test_resize_sizes) {
  struct sockbuf sb;
  sb_init(&sb, SB_DEFAULT);
  ck_assert_int_eq(put(&sb, 10, 0, 1), 10);
  ck_assert_int_eq(get(&sb, 10, 0), 10);
  ck_assert_int_eq(sb_resize(&sb, sizes[_i].ask), 0);
  ck_assert_uint_eq(sb.hiwat, sizes[_i].want);
  ck_assert_int_eq(pages_live, 0);
  ck_assert_uint_eq(sb_space(&sb), sizes[_i].want);
  ck_assert_int_eq(put(&sb, MAXBYTES + SB_PAGE, 0, 2), (int)sizes[_i].want);
  ck_assert_int_eq(pages_live, sizes[_i].want / SB_PAGE);
  ck_assert_int_eq(get(&sb, MAXBYTES + SB_PAGE, 0), (int)sizes[_i].want);
  expect_pat(dst, sizes[_i].want, 0, 2);
  sb_free(&sb);
}
END_TEST

// ---- data ----------------------------------------------------------------

START_TEST(test_roundtrip) {
  struct sockbuf sb;
  sb_init(&sb, SB_DEFAULT);
  ck_assert_int_eq(put(&sb, 100, 0, 3), 100);
  ck_assert_uint_eq(sb_len(&sb), 100);
  ck_assert_uint_eq(sb_space(&sb), SB_DEFAULT - 100);
  ck_assert_int_eq(get(&sb, 100, 0), 100);
  expect_pat(dst, 100, 0, 3);
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_uint_eq(sb_space(&sb), SB_DEFAULT);
  // Several writes come out as one stream, in any read sizes.
  ck_assert_int_eq(put(&sb, 5000, 0, 4), 5000);
  ck_assert_int_eq(put(&sb, 1, 5000, 4), 1);
  ck_assert_int_eq(put(&sb, 3000, 5001, 4), 3000);
  ck_assert_int_eq(get(&sb, 7, 0), 7);
  expect_pat(dst, 7, 0, 4);
  ck_assert_int_eq(get(&sb, 7000, 0), 7000);
  expect_pat(dst, 7000, 7, 4);
  ck_assert_int_eq(get(&sb, 7000, 0), 994);
  expect_pat(dst, 994, 7007, 4);
  sb_free(&sb);
}
END_TEST

// All pages at the first write, none later, all back at sb_free.
START_TEST(test_pages) {
  struct sockbuf sb;
  sb_init(&sb, 5 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 1, 0, 5), 1);
  ck_assert_int_eq(pages_live, 5);
  ck_assert_uint_eq(sb.npages, 5);
  for (int i = 0; i < 20; i++) {
    ck_assert_int_eq(put(&sb, 3 * SB_PAGE, 0, 5), 3 * SB_PAGE);
    ck_assert_int_eq(get(&sb, 3 * SB_PAGE, 0), 3 * SB_PAGE);
  }
  ck_assert_int_eq(pages_allocs, 5);
  sb_free(&sb);
  ck_assert_int_eq(pages_live, 0);
  ck_assert_uint_eq(sb.npages, 0);
  ck_assert_uint_eq(sb_len(&sb), 0);
  // Freeing a buffer that never had pages, or twice, is harmless.
  sb_free(&sb);
  struct sockbuf fresh;
  sb_init(&fresh, SB_DEFAULT);
  sb_free(&fresh);
  ck_assert_int_eq(pages_live, 0);
}
END_TEST

// sb_free drops unread data too, and the buffer can be used again.
START_TEST(test_free_reuse) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 6000, 0, 6), 6000);
  sb_free(&sb);
  ck_assert_int_eq(pages_live, 0);
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_uint_eq(sb.hiwat, 2 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 9000, 0, 7), 2 * SB_PAGE);
  ck_assert_int_eq(pages_live, 2);
  ck_assert_int_eq(get(&sb, 9000, 0), 2 * SB_PAGE);
  expect_pat(dst, 2 * SB_PAGE, 0, 7);
  sb_free(&sb);
}
END_TEST

START_TEST(test_short_write) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 3000, 0, 8), 3000);
  ck_assert_int_eq(put(&sb, 9000, 3000, 8), 2 * SB_PAGE - 3000);
  ck_assert_uint_eq(sb_space(&sb), 0);
  ck_assert_uint_eq(sb_len(&sb), 2 * SB_PAGE);
  // Full: a write takes nothing, without looking at the source (so a
  // bad one is no error either).
  long before = copies;
  ck_assert_int_eq(put(&sb, 1, 0, 9), 0);
  fault_at(src, 100);
  ck_assert_int_eq(sb_write(&sb, 1, A(src), 100), 0);
  nofault();
  ck_assert_int_eq(copies, before);
  ck_assert_uint_eq(sb_len(&sb), 2 * SB_PAGE);
  // Room for exactly some more after a read.
  ck_assert_int_eq(get(&sb, 5, 0), 5);
  expect_pat(dst, 5, 0, 8);
  ck_assert_int_eq(put(&sb, 100, 2 * SB_PAGE, 8), 5);
  ck_assert_int_eq(get(&sb, 3 * SB_PAGE, 0), 2 * SB_PAGE);
  expect_pat(dst, 2 * SB_PAGE, 5, 8);
  sb_free(&sb);
}
END_TEST

START_TEST(test_zero_counts) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 0), 0);
  ck_assert_int_eq(get(&sb, 100, 0), 0); // empty: nothing, no error
  ck_assert_int_eq(get(&sb, 100, 1), 0);
  ck_assert_int_eq(put(&sb, 10, 0, 10), 10);
  ck_assert_int_eq(get(&sb, 0, 0), 0);
  ck_assert_int_eq(get(&sb, 0, 1), 0);
  ck_assert_uint_eq(sb_len(&sb), 10);
  sb_free(&sb);
}
END_TEST

START_TEST(test_read_more) {
  struct sockbuf sb;
  sb_init(&sb, SB_DEFAULT);
  ck_assert_int_eq(put(&sb, 10, 0, 11), 10);
  dst[10] = 0x77;
  ck_assert_int_eq(sb_read(&sb, 0, A(dst), 100, 0), 10);
  expect_pat(dst, 10, 0, 11);
  ck_assert_uint_eq(dst[10], 0x77); // nothing written past the count
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_int_eq(get(&sb, 100, 0), 0);
  sb_free(&sb);
}
END_TEST

START_TEST(test_peek) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  // Move the ring so the data crosses its end.
  ck_assert_int_eq(put(&sb, 7000, 0, 12), 7000);
  ck_assert_int_eq(get(&sb, 7000, 0), 7000);
  ck_assert_int_eq(put(&sb, 3000, 0, 13), 3000);
  for (int i = 0; i < 3; i++) {
    ck_assert_int_eq(get(&sb, 4, 1), 4);
    expect_pat(dst, 4, 0, 13);
    ck_assert_int_eq(get(&sb, 5000, 1), 3000);
    expect_pat(dst, 3000, 0, 13);
    ck_assert_uint_eq(sb_len(&sb), 3000);
  }
  ck_assert_int_eq(get(&sb, 1000, 0), 1000);
  expect_pat(dst, 1000, 0, 13);
  ck_assert_int_eq(get(&sb, 5000, 1), 2000);
  expect_pat(dst, 2000, 1000, 13);
  ck_assert_int_eq(get(&sb, 5000, 0), 2000);
  expect_pat(dst, 2000, 1000, 13);
  ck_assert_int_eq(get(&sb, 5000, 1), 0);
  sb_free(&sb);
}
END_TEST

// The user flag reaches the copies unchanged.
START_TEST(test_user_flag) {
  struct sockbuf sb;
  sb_init(&sb, SB_PAGE);
  fill(src, 10, 0, 14);
  ck_assert_int_eq(sb_write(&sb, 1, A(src), 10), 10);
  ck_assert_int_eq(lastuser, 1);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 10), 10);
  ck_assert_int_eq(lastuser, 0);
  ck_assert_int_eq(sb_read(&sb, 1, A(dst), 5, 1), 5);
  ck_assert_int_eq(lastuser, 1);
  ck_assert_int_eq(sb_read(&sb, 0, A(dst), 5, 0), 5);
  ck_assert_int_eq(lastuser, 0);
  ck_assert_int_eq(sb_read(&sb, 1, A(dst), 50, 0), 15);
  ck_assert_int_eq(lastuser, 1);
  sb_free(&sb);
}
END_TEST

// Positions are 64-bit: crossing 4 GiB of traffic changes nothing.
START_TEST(test_past_4g) {
  struct sockbuf sb;
  sb_init(&sb, 3 * SB_PAGE); // not a power of two
  sb.head = sb.tail = (1ull << 32) - 5000;
  uint64_t pos = 0;
  for (int i = 0; i < 10; i++) {
    ck_assert_int_eq(put(&sb, 7001, pos, 15), 7001);
    ck_assert_uint_eq(sb_len(&sb), 7001);
    ck_assert_uint_eq(sb_space(&sb), 3 * SB_PAGE - 7001);
    ck_assert_int_eq(get(&sb, 9000, 0), 7001);
    expect_pat(dst, 7001, pos, 15);
    pos += 7001;
  }
  ck_assert_uint_gt(sb.tail, 1ull << 32);
  sb_free(&sb);
}
END_TEST

// ---- random operations against a model ------------------------------------

// The model: the bytes the buffer should hold, in order, in a plain
// array (start moves forward; the rest is moved down when it runs out).
static struct {
  uint8_t b[2 * MAXBYTES];
  size_t start, len;
} m;

static void m_put(const uint8_t *p, size_t n) {
  if (m.start + m.len + n > sizeof m.b) {
    memmove(m.b, m.b + m.start, m.len);
    m.start = 0;
  }
  memcpy(m.b + m.start + m.len, p, n);
  m.len += n;
}

static void m_take(size_t n) {
  m.start += n;
  m.len -= n;
}

// Sizes that hit the edges: tiny, around a page, around the capacity,
// odd, and anything up to past the capacity.
static uint32_t pick(uint32_t hiwat) {
  switch (rnd() % 7) {
  case 0:
    return rnd() % 8;
  case 1:
    return SB_PAGE - 3 + rnd() % 7;
  case 2:
    return hiwat - 3 + rnd() % 7;
  case 3:
    return 1 + 2 * (rnd() % 800);
  case 4:
    return rnd() % (hiwat / 2 + 1);
  default:
    return rnd() % (hiwat + 100);
  }
}

static const uint32_t rsizes[] = {SB_PAGE, 3 * SB_PAGE, SB_DEFAULT, 7 * SB_PAGE,
                                  MAXBYTES};

START_TEST(test_random) {
  uint32_t hiwat = rsizes[_i];
  struct sockbuf sb;
  rngstate = 0x9e3779b97f4a7c15ull + _i;
  m.start = m.len = 0;
  sb_init(&sb, hiwat);
  ck_assert_uint_eq(sb.hiwat, hiwat);
  long faults = 0, shortw = 0;
  for (int step = 0; step < 20000; step++) {
    uint32_t n = pick(hiwat);
    uint64_t op = rnd() % 100;
    int fault = rnd() % 20 == 0 && n > 0;
    uint32_t k = fault ? rnd() % n : 0; // the first bad byte
    if (op < 45) {
      for (uint32_t i = 0; i < n; i += 8) {
        uint64_t x = rnd();
        memcpy(src + i, &x, sizeof x); // src has room past n
      }
      uint32_t room = hiwat - m.len;
      uint32_t want = n < room ? n : room;
      if (fault)
        fault_at(src + k, n - k);
      int r = sb_write(&sb, 0, A(src), n);
      nofault();
      if (fault && k < want) {
        // Whole runs (at most a page each) before the bad byte arrive.
        faults++;
        if (r == -EFAULT) {
          require(k < SB_PAGE, "step %d: -EFAULT with bad byte %u", step, k);
          r = 0;
        } else {
          require(r > 0 && (uint32_t)r <= k && (uint64_t)r + SB_PAGE > k,
                  "step %d: write %u with bad byte %u gave %d", step, n, k, r);
        }
      } else {
        require(r >= 0 && (uint32_t)r == want,
                "step %d: write %u with %u room gave %d", step, n, room, r);
        if (want < n)
          shortw++;
      }
      m_put(src, r);
    } else {
      int peek = op >= 85;
      uint32_t want = n < m.len ? n : m.len;
      memset(dst, 0, n);
      if (fault)
        fault_at(dst + k, n - k);
      int r = sb_read(&sb, 0, A(dst), n, peek);
      nofault();
      if (fault && k < want) {
        faults++;
        if (r == -EFAULT) {
          require(k < SB_PAGE, "step %d: -EFAULT with bad byte %u", step, k);
          r = 0;
        } else {
          require(r > 0 && (uint32_t)r <= k && (uint64_t)r + SB_PAGE > k,
                  "step %d: read %u with bad byte %u gave %d", step, n, k, r);
        }
      } else {
        require(r >= 0 && (uint32_t)r == want,
                "step %d: read %u of %zu gave %d", step, n, m.len, r);
      }
      require(memcmp(dst, m.b + m.start, r) == 0,
              "step %d: read %d bytes, wrong data", step, r);
      if (!peek)
        m_take(r);
    }
    require(sb_len(&sb) == m.len, "step %d: len %u, model %zu", step,
            sb_len(&sb), m.len);
    require(sb_space(&sb) == hiwat - m.len, "step %d: space %u, model %zu",
            step, sb_space(&sb), hiwat - m.len);
  }
  // The test went where it meant to: round the ring many times, across
  // faults and short writes, with every page allocated just once.
  ck_assert_msg(sb.tail / hiwat >= 50, "only %llu laps",
                (unsigned long long)(sb.tail / hiwat));
  ck_assert_int_gt(faults, 50);
  ck_assert_int_gt(shortw, 50);
  ck_assert_int_eq(pages_allocs, hiwat / SB_PAGE);
  // Drain and compare the rest.
  int r = sb_read(&sb, 0, A(dst), hiwat, 0);
  ck_assert_int_eq(r, m.len);
  ck_assert(memcmp(dst, m.b + m.start, r) == 0);
  sb_free(&sb);
}
END_TEST

// ---- faults --------------------------------------------------------------

// A bad source from its first byte: -EFAULT and nothing appended, at
// any ring position and whatever is already there.
START_TEST(test_copyin_fault_all) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  fill(src, 100, 0, 16);
  fault_at(src, 100);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 100), -EFAULT);
  ck_assert_uint_eq(sb_len(&sb), 0);
  nofault();
  ck_assert_int_eq(put(&sb, 5000, 0, 17), 5000);
  fault_at(src, 1);
  ck_assert_int_eq(sb_write(&sb, 1, A(src), 3000), -EFAULT);
  ck_assert_uint_eq(sb_len(&sb), 5000);
  nofault();
  ck_assert_int_eq(get(&sb, 9000, 0), 5000);
  expect_pat(dst, 5000, 0, 17);
  sb_free(&sb);
}
END_TEST

// A source that goes bad part way: the bytes before it that fill whole
// runs are appended and counted; the stream goes on after them.
START_TEST(test_copyin_fault_partial) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  // Ring at 0: runs are [0, 4096) and [4096, ...).
  fill(src, 6000, 0, 18);
  fault_at(src + 5000, 1000);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 6000), SB_PAGE);
  nofault();
  ck_assert_uint_eq(sb_len(&sb), SB_PAGE);
  ck_assert_int_eq(put(&sb, 10, SB_PAGE, 18), 10);
  ck_assert_int_eq(get(&sb, 9000, 0), SB_PAGE + 10);
  expect_pat(dst, SB_PAGE + 10, 0, 18);

  // Ring at 4106: the first run is the 4086 bytes to the ring's end.
  fill(src, 6000, 0, 19);
  fault_at(src + SB_PAGE, 1);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 6000), 2 * SB_PAGE - 4106);
  nofault();
  ck_assert_int_eq(get(&sb, 9000, 0), 2 * SB_PAGE - 4106);
  expect_pat(dst, 2 * SB_PAGE - 4106, 0, 19);

  // A bad byte inside the first run: nothing.
  fault_at(src + 50, 1);
  ck_assert_int_eq(sb_write(&sb, 0, A(src), 6000), -EFAULT);
  ck_assert_uint_eq(sb_len(&sb), 0);
  nofault();
  sb_free(&sb);
}
END_TEST

// A bad destination from its first byte: -EFAULT and nothing taken.
START_TEST(test_copyout_fault_all) {
  struct sockbuf sb;
  sb_init(&sb, SB_DEFAULT);
  ck_assert_int_eq(put(&sb, 3000, 0, 20), 3000);
  fault_at(dst, 1);
  ck_assert_int_eq(sb_read(&sb, 1, A(dst), 100, 0), -EFAULT);
  ck_assert_int_eq(sb_read(&sb, 1, A(dst), 100, 1), -EFAULT);
  ck_assert_uint_eq(sb_len(&sb), 3000);
  nofault();
  ck_assert_int_eq(get(&sb, 9000, 0), 3000);
  expect_pat(dst, 3000, 0, 20);
  sb_free(&sb);
}
END_TEST

// A destination that goes bad part way: a short count of whole runs;
// what was not delivered stays for the next read.
START_TEST(test_copyout_fault_partial) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 6000, 0, 21), 6000);
  fault_at(dst + 5000, 1);
  ck_assert_int_eq(sb_read(&sb, 0, A(dst), 6000, 1), SB_PAGE); // peek
  ck_assert_uint_eq(sb_len(&sb), 6000);
  ck_assert_int_eq(sb_read(&sb, 0, A(dst), 6000, 0), SB_PAGE);
  expect_pat(dst, SB_PAGE, 0, 21);
  ck_assert_uint_eq(sb_len(&sb), 6000 - SB_PAGE);
  // The rest now starts at the ring's second page; a bad byte there
  // gives nothing and takes nothing.
  fault_at(dst + 100, 1);
  ck_assert_int_eq(sb_read(&sb, 0, A(dst), 6000, 0), -EFAULT);
  ck_assert_uint_eq(sb_len(&sb), 6000 - SB_PAGE);
  nofault();
  ck_assert_int_eq(get(&sb, 9000, 0), 6000 - SB_PAGE);
  expect_pat(dst, 6000 - SB_PAGE, SB_PAGE, 21);
  sb_free(&sb);
}
END_TEST

// ---- resize and allocation failure --------------------------------------

START_TEST(test_resize_busy) {
  struct sockbuf sb;
  sb_init(&sb, 2 * SB_PAGE);
  ck_assert_int_eq(sb_resize(&sb, 5 * SB_PAGE), 0); // never written
  ck_assert_uint_eq(sb.hiwat, 5 * SB_PAGE);
  ck_assert_int_eq(put(&sb, 1, 0, 22), 1);
  ck_assert_int_eq(pages_live, 5);
  ck_assert_int_eq(sb_resize(&sb, SB_PAGE), -EBUSY);
  ck_assert_int_eq(sb_resize(&sb, 5 * SB_PAGE), -EBUSY); // even the same
  ck_assert_uint_eq(sb.hiwat, 5 * SB_PAGE);
  ck_assert_uint_eq(sb_len(&sb), 1);
  ck_assert_int_eq(pages_live, 5);
  ck_assert_int_eq(put(&sb, 5000, 1, 22), 5000);
  ck_assert_int_eq(get(&sb, 5001, 0), 5001);
  expect_pat(dst, 5001, 0, 22);
  // Empty again (positions not at 0): smaller, pages given back.
  ck_assert_int_eq(sb_resize(&sb, SB_PAGE), 0);
  ck_assert_uint_eq(sb.hiwat, SB_PAGE);
  ck_assert_int_eq(pages_live, 0);
  ck_assert_int_eq(put(&sb, 9000, 0, 23), SB_PAGE);
  ck_assert_int_eq(pages_live, 1);
  ck_assert_int_eq(get(&sb, 9000, 0), SB_PAGE);
  expect_pat(dst, SB_PAGE, 0, 23);
  sb_free(&sb);
}
END_TEST

START_TEST(test_nobufs) {
  struct sockbuf sb;
  sb_init(&sb, 4 * SB_PAGE);
  allocs_left = 0;
  ck_assert_int_eq(put(&sb, 100, 0, 24), -ENOBUFS);
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_int_eq(pages_live, 0);
  // Some pages but not all: still -ENOBUFS; the buffer keeps the pages
  // it got (for the next try) and sb_free gives them back.
  allocs_left = 2;
  ck_assert_int_eq(put(&sb, 100, 0, 24), -ENOBUFS);
  ck_assert_uint_eq(sb_len(&sb), 0);
  ck_assert_int_eq(pages_live, 2);
  ck_assert_uint_eq(sb.npages, 2);
  sb_free(&sb);
  ck_assert_int_eq(pages_live, 0);
  // Again, and then memory comes back: the same buffer works, asking
  // only for the page it still lacks.
  allocs_left = 3;
  ck_assert_int_eq(put(&sb, 100, 0, 24), -ENOBUFS);
  ck_assert_int_eq(pages_live, 3);
  allocs_left = -1;
  ck_assert_int_eq(put(&sb, 20000, 0, 25), 4 * SB_PAGE);
  ck_assert_int_eq(pages_live, 4);
  ck_assert_int_eq(pages_allocs, 2 + 3 + 1);
  ck_assert_int_eq(get(&sb, 20000, 0), 4 * SB_PAGE);
  expect_pat(dst, 4 * SB_PAGE, 0, 25);
  // Once the pages are there, failing allocation changes nothing.
  allocs_left = 0;
  ck_assert_int_eq(put(&sb, 10, 0, 26), 10);
  ck_assert_int_eq(get(&sb, 20, 0), 10);
  expect_pat(dst, 10, 0, 26);
  sb_free(&sb);
  ck_assert_int_eq(pages_live, 0);
}
END_TEST

// A hiwat near 2^32 must be capped, not wrap round while being rounded
// up to pages (a bug once).
START_TEST(test_init_huge) {
  static const uint32_t huge[] = {0xfffff001, 0xfffffffe, 0xffffffff};
  for (unsigned i = 0; i < sizeof huge / sizeof huge[0]; i++) {
    struct sockbuf sb;
    sb_init(&sb, huge[i]);
    ck_assert_msg(sb.hiwat == MAXBYTES, "sb_init(%#x): hiwat %u, want %u",
                  huge[i], sb.hiwat, MAXBYTES);
    ck_assert_int_eq(sb_resize(&sb, huge[i]), 0);
    ck_assert_msg(sb.hiwat == MAXBYTES, "sb_resize(%#x): hiwat %u, want %u",
                  huge[i], sb.hiwat, MAXBYTES);
  }
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("sockbuf");
  TCase *tc = tcase_create("ring");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_loop_test(tc, test_init, 0, sizeof sizes / sizeof sizes[0]);
  tcase_add_loop_test(tc, test_resize_sizes, 0, sizeof sizes / sizeof sizes[0]);
  tcase_add_test(tc, test_roundtrip);
  tcase_add_test(tc, test_pages);
  tcase_add_test(tc, test_free_reuse);
  tcase_add_test(tc, test_short_write);
  tcase_add_test(tc, test_zero_counts);
  tcase_add_test(tc, test_read_more);
  tcase_add_test(tc, test_peek);
  tcase_add_test(tc, test_user_flag);
  tcase_add_test(tc, test_past_4g);
  tcase_add_loop_test(tc, test_random, 0, sizeof rsizes / sizeof rsizes[0]);
  tcase_add_test(tc, test_copyin_fault_all);
  tcase_add_test(tc, test_copyin_fault_partial);
  tcase_add_test(tc, test_copyout_fault_all);
  tcase_add_test(tc, test_copyout_fault_partial);
  tcase_add_test(tc, test_resize_busy);
  tcase_add_test(tc, test_nobufs);
  tcase_add_test(tc, test_init_huge);
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
