// kernel/string.c: the few C string and memory functions the kernel uses.
#include "types.h"
#include "defs.h"

void *memset(void *dst, int c, size_t n) {
  uchar *d = dst;
  if ((((uint64)d | n) & 7) == 0) {
    uint64 w = (uchar)c * 0x0101010101010101ULL;
    for (size_t i = 0; i < n; i += 8)
      *(uint64 *)(d + i) = w;
    return dst;
  }
  for (size_t i = 0; i < n; i++)
    d[i] = c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const uchar *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i])
      return x[i] - y[i];
  return 0;
}

void *memmove(void *dst, const void *src, size_t n) {
  uchar *d = dst;
  const uchar *s = src;
  if (s < d && s + n > d) {
    while (n-- > 0)
      d[n] = s[n];
  } else if ((((uint64)d | (uint64)s | n) & 7) == 0) {
    for (size_t i = 0; i < n; i += 8)
      *(uint64 *)(d + i) = *(const uint64 *)(s + i);
  } else {
    for (size_t i = 0; i < n; i++)
      d[i] = s[i];
  }
  return dst;
}

// The compiler may emit calls to memcpy for structure copies.
void *memcpy(void *dst, const void *src, size_t n) {
  return memmove(dst, src, n);
}

int strncmp(const char *a, const char *b, size_t n) {
  for (; n > 0; n--, a++, b++) {
    if (*a != *b)
      return (uchar)*a - (uchar)*b;
    if (*a == 0)
      return 0;
  }
  return 0;
}

// Copy at most n-1 characters and always NUL-terminate (n > 0).
char *safestrcpy(char *dst, const char *src, size_t n) {
  if (n == 0)
    return dst;
  size_t i = 0;
  for (; i + 1 < n && src[i]; i++)
    dst[i] = src[i];
  dst[i] = 0;
  return dst;
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}
