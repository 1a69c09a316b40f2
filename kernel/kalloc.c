// kernel/kalloc.c: the physical page allocator. Whole 4096-byte pages
// between the end of the kernel image and PHYSTOP, on a free list.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

extern char end[]; // first address after the kernel (kernel.ld)

struct run {
  struct run *next;
};

static struct {
  struct spinlock lock; // protects freelist, nfree
  struct run *freelist;
  uint64 nfree;
  uint64 ntotal; // [i] after kinit
} kmem;

void kinit(void) {
  initlock(&kmem.lock, "kmem");
  for (uint64 pa = PGROUNDUP((uint64)end); pa + PGSIZE <= PHYSTOP;
       pa += PGSIZE) {
    kfree((void *)pa);
    kmem.ntotal++;
  }
}

// Give back a page that kalloc() returned.
void kfree(void *pa) {
  uint64 a = (uint64)pa;
  if (a % PGSIZE != 0 || a < (uint64)end || a >= PHYSTOP)
    panic("kfree %p", pa);
  memset(pa, 0x5a, PGSIZE); // catch use after free
  struct run *r = pa;
  acquire(&kmem.lock);
  r->next = kmem.freelist;
  kmem.freelist = r;
  kmem.nfree++;
  release(&kmem.lock);
}

// A free page, filled with junk, or 0 if none is left.
void *kalloc(void) {
  acquire(&kmem.lock);
  struct run *r = kmem.freelist;
  if (r) {
    kmem.freelist = r->next;
    kmem.nfree--;
  }
  release(&kmem.lock);
  if (r)
    memset(r, 0xa5, PGSIZE);
  return r;
}

// A free page filled with zeros, or 0.
void *kzalloc(void) {
  void *p = kalloc();
  if (p)
    memset(p, 0, PGSIZE);
  return p;
}

uint64 kfreecount(void) {
  acquire(&kmem.lock);
  uint64 n = kmem.nfree;
  release(&kmem.lock);
  return n;
}

uint64 ktotalcount(void) { return kmem.ntotal; }
