// user/lib/malloc.c: the heap (libc, stdlib layer).
//
// Memory comes from sbrk() and is never given back. Every block starts
// with a 16-byte header holding its size in 16-byte units (header
// included), so blocks, and the pointers handed out, are 16-byte
// aligned. Free blocks form a list sorted by address; malloc takes the
// first that is big enough (cutting what it needs off the end), free
// puts a block back in order and merges it with free neighbours that
// touch it, so the list never holds two adjacent blocks.

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

union block {
  struct {
    union block *next; // next free block by address (free blocks only)
    size_t units;      // size in units of sizeof(union block)
  } h;
  long double align; // forces 16-byte alignment
};
_Static_assert(sizeof(union block) == 16, "block header is 16 bytes");

#define UNIT sizeof(union block)
#define MINGROW 1024 // units (16 KiB) to ask sbrk for at least

static union block *freelist;

// grow adds at least units units from sbrk to the free list; 0 or -1.
static int grow(size_t units) {
  if (units < MINGROW)
    units = MINGROW;
  if (units > (LONG_MAX - UNIT) / UNIT)
    return -1;
  // Keep the arena aligned even if the program moved the break itself.
  char *cur = sbrk(0);
  if (cur == (char *)-1)
    return -1;
  size_t pad = -(uintptr_t)cur & (UNIT - 1);
  char *p = sbrk((long)(pad + units * UNIT));
  if (p == (char *)-1)
    return -1;
  union block *b = (union block *)(p + pad);
  b->h.units = units;
  free(b + 1);
  return 0;
}

void *malloc(size_t n) {
  if (n > SIZE_MAX - 2 * UNIT) {
    errno = ENOMEM;
    return NULL;
  }
  size_t units = (n + UNIT - 1) / UNIT + 1;
  for (;;) {
    union block **link = &freelist;
    for (union block *b = freelist; b; link = &b->h.next, b = b->h.next) {
      if (b->h.units < units)
        continue;
      if (b->h.units - units >= 2) { // split: hand out the tail
        b->h.units -= units;
        b += b->h.units;
        b->h.units = units;
      } else { // a remainder too small to use goes along
        *link = b->h.next;
      }
      b->h.next = NULL;
      return b + 1;
    }
    if (grow(units) < 0) {
      errno = ENOMEM;
      return NULL;
    }
  }
}

void free(void *p) {
  if (!p)
    return;
  union block *b = (union block *)p - 1;
  union block *prev = NULL, *next = freelist;
  while (next && next < b) {
    prev = next;
    next = next->h.next;
  }
  // A block that overlaps a free one was freed twice: ignore it.
  if (next == b || (next && b + b->h.units > next) ||
      (prev && prev + prev->h.units > b))
    return;
  if (next && b + b->h.units == next) {
    b->h.units += next->h.units;
    b->h.next = next->h.next;
  } else {
    b->h.next = next;
  }
  if (prev && prev + prev->h.units == b) {
    prev->h.units += b->h.units;
    prev->h.next = b->h.next;
  } else if (prev) {
    prev->h.next = b;
  } else {
    freelist = b;
  }
}

void *calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) {
    errno = ENOMEM;
    return NULL;
  }
  void *p = malloc(count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

void *realloc(void *p, size_t n) {
  if (!p)
    return malloc(n);
  if (n == 0) {
    free(p);
    return NULL;
  }
  union block *b = (union block *)p - 1;
  size_t have = (b->h.units - 1) * UNIT;
  if (n <= have)
    return p;
  void *q = malloc(n);
  if (!q)
    return NULL;
  memcpy(q, p, have);
  free(p);
  return q;
}
