// kernel/vm.c: Sv39 page tables: the kernel's own map, user address
// spaces, and copying between kernel and user memory.
//
// A user address is good for copyin/copyout only if it is below MAXVA
// and mapped with PTE_U (and, for copyout, PTE_W). Anything else gives
// -EFAULT; the kernel never faults on a user pointer.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

pagetable_t kernel_pagetable;

extern char etext[];       // kernel.ld: end of kernel text
extern char _trampoline[]; // trampoline.S

static void kvmmap(pagetable_t pt, uint64 va, uint64 pa, uint64 sz, int perm) {
  if (mappages(pt, va, sz, pa, perm) != 0)
    panic("kvmmap");
}

// Build the kernel page table: devices and RAM at their physical
// addresses, the trampoline at the top, and every kernel stack.
void kvminit(void) {
  pagetable_t pt = kzalloc();
  if (pt == 0)
    panic("kvminit");
  kvmmap(pt, UART0, UART0, PGSIZE, PTE_R | PTE_W);
  kvmmap(pt, RTC, RTC, PGSIZE, PTE_R | PTE_W);
  kvmmap(pt, VIRTIO_MMIO_BASE, VIRTIO_MMIO_BASE,
         VIRTIO_MMIO_SLOTS * VIRTIO_MMIO_STRIDE, PTE_R | PTE_W);
  kvmmap(pt, PLIC, PLIC, PLIC_SIZE, PTE_R | PTE_W);
  kvmmap(pt, KERNBASE, KERNBASE, (uint64)etext - KERNBASE, PTE_R | PTE_X);
  kvmmap(pt, (uint64)etext, (uint64)etext, PHYSTOP - (uint64)etext,
         PTE_R | PTE_W);
  kvmmap(pt, TRAMPOLINE, (uint64)_trampoline, PGSIZE, PTE_R | PTE_X);
  proc_mapstacks(pt);
  kernel_pagetable = pt;
}

// Turn paging on for this hart.
void kvminithart(void) {
  sfence_vma();
  csrw(satp, MAKE_SATP(kernel_pagetable));
  sfence_vma();
}

// The PTE for va, creating page-table pages on the way if alloc.
// Returns 0 if va is out of range or a page could not be allocated.
pte_t *walk(pagetable_t pt, uint64 va, int alloc) {
  if (va >= MAXVA)
    return 0;
  for (int level = 2; level > 0; level--) {
    pte_t *pte = &pt[PX(level, va)];
    if (*pte & PTE_V) {
      pt = (pagetable_t)PTE2PA(*pte);
    } else {
      if (!alloc || (pt = kzalloc()) == 0)
        return 0;
      *pte = PA2PTE(pt) | PTE_V;
    }
  }
  return &pt[PX(0, va)];
}

// Physical address of the user page holding va, or 0.
uint64 walkaddr(pagetable_t pt, uint64 va) {
  pte_t *pte = walk(pt, va, 0);
  if (pte == 0 || (*pte & PTE_V) == 0 || (*pte & PTE_U) == 0)
    return 0;
  return PTE2PA(*pte);
}

// Map [va, va+size) to [pa, pa+size). va and size need not be aligned.
// Returns 0, or -ENOMEM if a page-table page could not be allocated
// (what was mapped so far stays mapped; the caller unmaps it).
int mappages(pagetable_t pt, uint64 va, uint64 size, uint64 pa, int perm) {
  if (size == 0)
    panic("mappages: size 0");
  uint64 a = PGROUNDDOWN(va);
  uint64 last = PGROUNDDOWN(va + size - 1);
  for (;; a += PGSIZE, pa += PGSIZE) {
    pte_t *pte = walk(pt, a, 1);
    if (pte == 0)
      return -ENOMEM;
    if (*pte & PTE_V)
      panic("mappages: remap %p", (void *)a);
    *pte = PA2PTE(pa) | perm | PTE_V;
    if (a == last)
      break;
  }
  return 0;
}

// Remove npages mappings from va (page-aligned), freeing the physical
// pages if dofree. Pages that are not mapped are skipped.
void uvmunmap(pagetable_t pt, uint64 va, uint64 npages, int dofree) {
  if (va % PGSIZE)
    panic("uvmunmap: not aligned");
  for (uint64 a = va; a < va + npages * PGSIZE; a += PGSIZE) {
    pte_t *pte = walk(pt, a, 0);
    if (pte == 0 || (*pte & PTE_V) == 0)
      continue;
    if (PTE_FLAGS(*pte) == PTE_V)
      panic("uvmunmap: not a leaf");
    if (dofree)
      kfree((void *)PTE2PA(*pte));
    *pte = 0;
  }
}

// An empty user page table, or 0 if out of memory.
pagetable_t uvmcreate(void) { return kzalloc(); }

// Grow a process from oldsz to newsz bytes with zeroed pages mapped
// user-accessible with xperm (PTE_R and PTE_U always). Returns the new
// size, or 0 (with nothing changed) if memory ran out.
uint64 uvmalloc(pagetable_t pt, uint64 oldsz, uint64 newsz, int xperm) {
  if (newsz < oldsz)
    return oldsz;
  if (newsz > SIGTRAMP)
    return 0;
  for (uint64 a = PGROUNDUP(oldsz); a < newsz; a += PGSIZE) {
    char *mem = kzalloc();
    if (mem == 0 ||
        mappages(pt, a, PGSIZE, (uint64)mem, PTE_R | PTE_U | xperm) != 0) {
      if (mem)
        kfree(mem);
      uvmdealloc(pt, a, oldsz);
      return 0;
    }
  }
  return newsz;
}

// Shrink a process from oldsz to newsz; returns newsz.
uint64 uvmdealloc(pagetable_t pt, uint64 oldsz, uint64 newsz) {
  if (newsz >= oldsz)
    return oldsz;
  if (PGROUNDUP(newsz) < PGROUNDUP(oldsz)) {
    uint64 n = (PGROUNDUP(oldsz) - PGROUNDUP(newsz)) / PGSIZE;
    uvmunmap(pt, PGROUNDUP(newsz), n, 1);
  }
  return newsz;
}

// Free the page-table pages themselves; every leaf must be gone.
static void freewalk(pagetable_t pt) {
  for (int i = 0; i < 512; i++) {
    pte_t pte = pt[i];
    if ((pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X)) == 0) {
      freewalk((pagetable_t)PTE2PA(pte));
      pt[i] = 0;
    } else if (pte & PTE_V) {
      panic("freewalk: leaf left");
    }
  }
  kfree(pt);
}

// Free the user pages below sz and the page table.
void uvmfree(pagetable_t pt, uint64 sz) {
  if (sz > 0)
    uvmunmap(pt, 0, PGROUNDUP(sz) / PGSIZE, 1);
  freewalk(pt);
}

// Copy a parent's memory below sz into a child's page table, page by
// page, with the same permissions. Returns 0, or -ENOMEM with the
// child's pages freed.
int uvmcopy(pagetable_t old, pagetable_t new, uint64 sz) {
  for (uint64 a = 0; a < sz; a += PGSIZE) {
    pte_t *pte = walk(old, a, 0);
    if (pte == 0 || (*pte & PTE_V) == 0)
      continue; // page 0 and any other hole
    char *mem = kalloc();
    if (mem == 0)
      goto bad;
    memmove(mem, (char *)PTE2PA(*pte), PGSIZE);
    if (mappages(new, a, PGSIZE, (uint64)mem, PTE_FLAGS(*pte)) != 0) {
      kfree(mem);
      goto bad;
    }
  }
  return 0;
bad:
  uvmunmap(new, 0, PGROUNDUP(sz) / PGSIZE, 1);
  return -ENOMEM;
}

// Make the page at va inaccessible to user mode (the stack guard).
void uvmclear(pagetable_t pt, uint64 va) {
  pte_t *pte = walk(pt, va, 0);
  if (pte == 0)
    panic("uvmclear");
  *pte &= ~PTE_U;
}

// The physical address of user page va if it is mapped for user
// access with the needed permission bits, else 0.
static uint64 userpage(pagetable_t pt, uint64 va, int need) {
  if (va >= MAXVA)
    return 0;
  pte_t *pte = walk(pt, va, 0);
  if (pte == 0 || (*pte & (PTE_V | PTE_U | need)) != (PTE_V | PTE_U | need))
    return 0;
  return PTE2PA(*pte);
}

// May the process read (or, with write, write) all of [va, va+len)?
int uaccess_ok(pagetable_t pt, uint64 va, uint64 len, int write) {
  if (va + len < va)
    return 0;
  for (uint64 a = PGROUNDDOWN(va); a < va + len; a += PGSIZE)
    if (userpage(pt, a, write ? PTE_W : PTE_R) == 0)
      return 0;
  return 1;
}

// Copy len bytes from the kernel to user address dstva.
int copyout(pagetable_t pt, uint64 dstva, const void *src, uint64 len) {
  const char *s = src;
  while (len > 0) {
    uint64 va0 = PGROUNDDOWN(dstva);
    uint64 pa0 = userpage(pt, va0, PTE_W);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = PGSIZE - (dstva - va0);
    if (n > len)
      n = len;
    memmove((void *)(pa0 + (dstva - va0)), s, n);
    len -= n;
    s += n;
    dstva = va0 + PGSIZE;
  }
  return 0;
}

// Copy len bytes from user address srcva to the kernel.
int copyin(pagetable_t pt, void *dst, uint64 srcva, uint64 len) {
  char *d = dst;
  while (len > 0) {
    uint64 va0 = PGROUNDDOWN(srcva);
    uint64 pa0 = userpage(pt, va0, PTE_R);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = PGSIZE - (srcva - va0);
    if (n > len)
      n = len;
    memmove(d, (void *)(pa0 + (srcva - va0)), n);
    len -= n;
    d += n;
    srcva = va0 + PGSIZE;
  }
  return 0;
}

// Copy a NUL-terminated string of at most max bytes (with the NUL)
// from user space. Returns 0, -EFAULT, or -ENAMETOOLONG.
int copyinstr(pagetable_t pt, char *dst, uint64 srcva, uint64 max) {
  while (max > 0) {
    uint64 va0 = PGROUNDDOWN(srcva);
    uint64 pa0 = userpage(pt, va0, PTE_R);
    if (pa0 == 0)
      return -EFAULT;
    uint64 n = PGSIZE - (srcva - va0);
    if (n > max)
      n = max;
    const char *p = (const char *)(pa0 + (srcva - va0));
    for (uint64 i = 0; i < n; i++) {
      *dst = p[i];
      if (p[i] == 0)
        return 0;
      dst++;
    }
    max -= n;
    srcva = va0 + PGSIZE;
  }
  return -ENAMETOOLONG;
}
