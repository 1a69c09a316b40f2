// kernel/exec.c: replace the calling process's memory with a program
// from an ELF file.
//
// New user layout: page 0 unmapped; each PT_LOAD segment at its
// (page-aligned) address with the permissions it asks for; a guard
// page; USERSTACKPAGES of stack with argv on top. The old memory is
// freed only once everything has succeeded, so a failed exec returns
// an error to a process that is still whole.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"
#include "file.h"
#include "elf.h"
#include "defs.h"

// Read filesz bytes at offset off of ip into user memory at va
// (already mapped). Returns 0 or -ENOEXEC.
static int loadseg(pagetable_t pt, uint64 va, struct inode *ip, uint off,
                   uint filesz) {
  for (uint i = 0; i < filesz; i += PGSIZE) {
    uint64 pa = walkaddr(pt, va + i);
    if (pa == 0)
      panic("loadseg: unmapped");
    uint n = filesz - i < PGSIZE ? filesz - i : PGSIZE;
    if (readi(ip, 0, pa, off + i, n) != (int)n)
      return -ENOEXEC;
  }
  return 0;
}

static int segperm(uint32 flags) {
  int perm = 0;
  if (flags & PF_X)
    perm |= PTE_X;
  if (flags & PF_W)
    perm |= PTE_W;
  return perm;
}

// Returns argc (which becomes a0 for main) or -errno.
int kexec(const char *path, char **argv) {
  struct proc *p = myproc();
  struct elfhdr elf;
  pagetable_t pt = 0;
  uint64 sz = 0;
  int err;

  begin_op();
  struct inode *ip = namei_err(path, &err);
  if (ip == 0) {
    end_op();
    return err;
  }
  ilock(ip);
  err = -EACCES;
  if (ip->type != T_FILE)
    goto bad;
  err = -ENOEXEC;
  if (readi(ip, 0, (uint64)&elf, 0, sizeof(elf)) != sizeof(elf))
    goto bad;
  if (elf.magic != ELF_MAGIC || elf.ident[0] != ELFCLASS64 ||
      elf.type != ET_EXEC || elf.machine != EM_RISCV ||
      elf.phentsize != sizeof(struct proghdr))
    goto bad;
  err = -ENOMEM;
  if ((pt = proc_pagetable(p)) == 0)
    goto bad;

  for (int i = 0; i < elf.phnum; i++) {
    struct proghdr ph;
    err = -ENOEXEC;
    if (readi(ip, 0, (uint64)&ph, elf.phoff + i * sizeof(ph), sizeof(ph)) !=
        sizeof(ph))
      goto bad;
    if (ph.type != PT_LOAD)
      continue;
    if (ph.memsz < ph.filesz || ph.vaddr + ph.memsz < ph.vaddr ||
        ph.vaddr % PGSIZE != 0 || ph.vaddr < PGSIZE || ph.vaddr < sz ||
        ph.vaddr + ph.memsz > TRAPFRAME / 2 || ph.off + ph.filesz < ph.off)
      goto bad;
    uint64 nsz = uvmalloc(pt, ph.vaddr, ph.vaddr + ph.memsz, segperm(ph.flags));
    if (nsz == 0) {
      err = -ENOMEM;
      goto bad;
    }
    sz = nsz;
    if ((err = loadseg(pt, ph.vaddr, ip, ph.off, ph.filesz)) < 0)
      goto bad;
  }
  iunlockput(ip);
  end_op();
  ip = 0;
  err = -ENOEXEC;
  if (sz == 0 || elf.entry < PGSIZE || elf.entry >= sz)
    goto bad;

  // A guard page, then the stack.
  sz = PGROUNDUP(sz);
  uint64 nsz = uvmalloc(pt, sz, sz + (1 + USERSTACKPAGES) * PGSIZE, PTE_W);
  err = -ENOMEM;
  if (nsz == 0)
    goto bad;
  uvmclear(pt, sz);
  uint64 stackbase = sz + PGSIZE;
  sz = nsz;
  uint64 sp = sz;

  // The argument strings, then the array of pointers to them.
  uint64 ustack[MAXARG + 1];
  int argc;
  err = -E2BIG;
  for (argc = 0; argv[argc]; argc++) {
    if (argc >= MAXARG)
      goto bad;
    uint64 len = strlen(argv[argc]) + 1;
    sp = (sp - len) & ~15UL; // riscv keeps sp 16-byte aligned
    if (sp < stackbase || copyout(pt, sp, argv[argc], len) < 0)
      goto bad;
    ustack[argc] = sp;
  }
  ustack[argc] = 0;
  sp = (sp - (argc + 1) * sizeof(uint64)) & ~15UL;
  if (sp < stackbase ||
      copyout(pt, sp, ustack, (argc + 1) * sizeof(uint64)) < 0)
    goto bad;

  // Commit: from here on nothing can fail.
  const char *last = path;
  for (const char *s = path; *s; s++)
    if (*s == '/')
      last = s + 1;
  acquire(&p->lock); // procinfo reads it
  safestrcpy(p->name, last, sizeof(p->name));
  release(&p->lock);
  pagetable_t oldpt = p->pagetable;
  uint64 oldsz = p->sz;
  p->pagetable = pt;
  p->sz = sz;
  p->stackbase = stackbase;
  p->trapframe->epc = elf.entry;
  p->trapframe->x[REG_SP] = sp;
  p->trapframe->x[REG_A1] = sp; // argv
  proc_freepagetable(oldpt, oldsz);
  closeonexec(p);
  sigexec(p);
  return argc; // becomes a0

bad:
  if (pt)
    proc_freepagetable(pt, sz);
  if (ip) {
    iunlockput(ip);
    end_op();
  }
  return err;
}
