// tests/unit/test_fmt.c: host unit tests of the kernel's formatter
// (kernel/fmt.h), which the console printf and the /net files share:
// fixed cases, and thousands of random conversions checked against the
// host C library's snprintf for what the two have in common. Built with
// ASan and UBSan.
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "nettest.h"

struct sbuf {
  char s[512];
  size_t n;
};

static void put(void *arg, char c) {
  struct sbuf *b = arg;
  if (b->n + 1 < sizeof(b->s))
    b->s[b->n++] = c;
  b->s[b->n] = 0;
}

static struct sbuf out;

__attribute__((format(printf, 1, 2))) static const char *f(const char *fmt,
                                                           ...) {
  out.n = 0;
  out.s[0] = 0;
  va_list ap;
  va_start(ap, fmt);
  int n = vfmt(put, &out, fmt, ap);
  va_end(ap);
  require((size_t)n == out.n, "vfmt said %d, produced %zu", n, out.n);
  return out.s;
}

START_TEST(test_fixed) {
  ck_assert_str_eq(f("plain"), "plain");
  ck_assert_str_eq(f("%d %i %u %x", -12, 34, 4000000000u, 0xbeef),
                   "-12 34 4000000000 beef");
  ck_assert_str_eq(f("%ld %lu %lx", -9000000000L, 18000000000UL, 0x123456789UL),
                   "-9000000000 18000000000 123456789");
  ck_assert_str_eq(f("%d", -2147483647 - 1), "-2147483648");
  ck_assert_str_eq(f("%ld", (long)(-9223372036854775807L - 1)),
                   "-9223372036854775808");
  ck_assert_str_eq(f("[%5d|%-5d|%05d|%05d]", 42, 42, 42, -42),
                   "[   42|42   |00042|-0042]");
  ck_assert_str_eq(f("[%*d|%*d]", 4, 7, -4, 7), "[   7|7   ]");
  ck_assert_str_eq(
      f("[%6s|%-6s|%.2s|%.*s|%3.1s]", "ab", "ab", "abc", 3, "abcdef", "xyz"),
      "[    ab|ab    |ab|abc|  x]");
  ck_assert_str_eq(f("%c%c%3c", 'a', 'b', 'c'), "ab  c");
  ck_assert_str_eq(f("100%%"), "100%");
  ck_assert_str_eq(f("%p", (void *)0x80001234UL), "0x80001234");
  ck_assert_str_eq(f("%p", (void *)0), "0x0");
  const char *volatile null = 0; // hidden from the format checker
  const char *fs = "%s";
  ck_assert_str_eq(f(fs, null), "(null)");
  // Width at most the digits given; 0 and 1 digit.
  ck_assert_str_eq(f("%1d %0d %x", 0, 0, 0), "0 0 0");
}
END_TEST

START_TEST(test_unknown) {
  // Not a conversion: copied as it is, arguments untouched.
  const char *bad = "%q";
  ck_assert_str_eq(f(bad), "%q");
  const char *mid = "a%-5qb %d";
  ck_assert_str_eq(f(mid, 7), "a%-5qb 7");
  // A lone % at the end.
  const char *lone = "ab%";
  ck_assert_str_eq(f(lone), "ab%");
}
END_TEST

// Random conversions against snprintf: flags, widths and values that
// the two treat the same way.
START_TEST(test_model) {
  uint64_t seed = 0x6e657466;
  static const char conv[] = "diuxsc";
  char spec[32], want[512];
  for (int i = 0; i < 20000; i++) {
    char c = conv[xrand(&seed) % 6];
    int lng = (c != 's' && c != 'c') && xrand(&seed) % 2;
    char *p = spec;
    *p++ = '%';
    if (xrand(&seed) % 3 == 0)
      *p++ = '-';
    if (c != 's' && c != 'c' && xrand(&seed) % 3 == 0)
      *p++ = '0';
    int width = xrand(&seed) % 3 ? (int)(xrand(&seed) % 25) : -1;
    if (width >= 0)
      p += sprintf(p, "%d", width);
    if (c == 's' && xrand(&seed) % 2)
      p += sprintf(p, ".%d", (int)(xrand(&seed) % 12));
    if (lng)
      *p++ = 'l';
    *p++ = c;
    *p = 0;
    uint64_t v = xrand(&seed) >> (xrand(&seed) % 64);
    static const char *strs[] = {"", "x", "hello", "a longer string here"};
    const char *s = strs[v % 4];
    switch (c) {
    case 'd':
    case 'i':
      if (lng) {
        snprintf(want, sizeof want, spec, (long)v);
        f(spec, (long)v);
      } else {
        snprintf(want, sizeof want, spec, (int)v);
        f(spec, (int)v);
      }
      break;
    case 'u':
    case 'x':
      if (lng) {
        snprintf(want, sizeof want, spec, (unsigned long)v);
        f(spec, (unsigned long)v);
      } else {
        snprintf(want, sizeof want, spec, (unsigned)v);
        f(spec, (unsigned)v);
      }
      break;
    case 's':
      snprintf(want, sizeof want, spec, s);
      f(spec, s);
      break;
    case 'c':
      snprintf(want, sizeof want, spec, 'A' + (int)(v % 26));
      f(spec, 'A' + (int)(v % 26));
      break;
    }
    require(strcmp(out.s, want) == 0, "%s: got \"%s\", want \"%s\"", spec,
            out.s, want);
  }
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("fmt");
  TCase *tc = tcase_create("fmt");
  tcase_add_test(tc, test_fixed);
  tcase_add_test(tc, test_unknown);
  tcase_add_test(tc, test_model);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
