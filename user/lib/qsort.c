// user/lib/qsort.c: sorting (libc, stdlib layer). A heapsort: no extra
// memory, no recursion, O(n log n) in the worst case. Not stable.

#include <stdlib.h>

typedef int (*cmpfn)(const void *, const void *);

static void swap(char *a, char *b, size_t size) {
  while (size-- > 0) {
    char t = *a;
    *a++ = *b;
    *b++ = t;
  }
}

// sink moves element i down the heap of n elements until both children
// are no greater than it.
static void sink(char *base, size_t i, size_t n, size_t size, cmpfn cmp) {
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n)
      return;
    if (c + 1 < n && cmp(base + c * size, base + (c + 1) * size) < 0)
      c++;
    if (cmp(base + i * size, base + c * size) >= 0)
      return;
    swap(base + i * size, base + c * size, size);
    i = c;
  }
}

void qsort(void *base, size_t n, size_t size, cmpfn cmp) {
  char *b = base;
  if (n < 2 || size == 0)
    return;
  for (size_t i = n / 2; i-- > 0;)
    sink(b, i, n, size, cmp);
  for (size_t end = n - 1; end > 0; end--) {
    swap(b, b + end * size, size);
    sink(b, 0, end, size, cmp);
  }
}
