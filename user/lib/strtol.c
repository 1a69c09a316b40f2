// user/lib/strtol.c: text to integers (libc, stdlib layer).

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int digit(int c) {
  if (isdigit(c))
    return c - '0';
  if (islower(c))
    return c - 'a' + 10;
  if (isupper(c))
    return c - 'A' + 10;
  return 99;
}

// scan parses the magnitude; *neg gets the sign, *over whether the
// magnitude passed ULONG_MAX. *end (if end) points past the digits, or
// at s when there are none.
static unsigned long scan(const char *s, char **end, int base, int *neg,
                          int *over) {
  const char *p = s;
  unsigned long v = 0;
  *neg = *over = 0;
  if (base < 0 || base == 1 || base > 36) {
    errno = EINVAL;
    if (end)
      *end = (char *)s;
    return 0;
  }
  while (isspace((unsigned char)*p))
    p++;
  if (*p == '-' || *p == '+')
    *neg = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' &&
      (p[1] == 'x' || p[1] == 'X') && digit((unsigned char)p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  const char *digits = p;
  for (int d; (d = digit((unsigned char)*p)) < base; p++) {
    if (v > (ULONG_MAX - d) / base)
      *over = 1;
    else
      v = v * base + d;
  }
  if (end)
    *end = (char *)(p == digits ? s : p);
  return v;
}

long strtol(const char *s, char **end, int base) {
  int neg, over;
  unsigned long v = scan(s, end, base, &neg, &over);
  if (!neg && (over || v > LONG_MAX)) {
    errno = ERANGE;
    return LONG_MAX;
  }
  if (neg && (over || v > (unsigned long)LONG_MAX + 1)) {
    errno = ERANGE;
    return LONG_MIN;
  }
  return neg ? (long)(0 - v) : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base) {
  int neg, over;
  unsigned long v = scan(s, end, base, &neg, &over);
  if (over) {
    errno = ERANGE;
    return ULONG_MAX;
  }
  return neg ? 0 - v : v;
}

long long strtoll(const char *s, char **end, int base) {
  return strtol(s, end, base); // long is 64 bits, as long long
}

unsigned long long strtoull(const char *s, char **end, int base) {
  return strtoul(s, end, base);
}

long atol(const char *s) { return strtol(s, NULL, 10); }

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }

int abs(int x) { return x < 0 ? -x : x; }

long labs(long x) { return x < 0 ? -x : x; }
