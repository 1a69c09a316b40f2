// kernel/syscall.c: system call dispatch and argument fetching.
//
// The table comes from include/netv6/syscall.h, the same list user
// space builds its stubs from. Each sys_* function fetches and checks
// its arguments, calls the function that does the work, and returns
// a value >= 0 or -errno.
#include <netv6/syscall.h>
#include <netv6/panic.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

// Fetch the n'th (0..5) raw argument register.
static uint64 argraw(int n) {
  struct proc *p = myproc();
  if (n < 0 || n > 5)
    panic("argraw %d", n);
  return p->trapframe->x[REG_A0 + n];
}

int argint(int n) { return (int)argraw(n); }
int64 arglong(int n) { return (int64)argraw(n); }
uint64 argaddr(int n) { return argraw(n); }

// Fetch the n'th argument as a NUL-terminated string into buf (max
// bytes with the NUL). Returns the length, -EFAULT or -ENAMETOOLONG.
int argstr(int n, char *buf, int max) {
  int err = copyinstr(myproc()->pagetable, buf, argaddr(n), max);
  if (err < 0)
    return err;
  return strlen(buf);
}

// Fetch the uint64 at user address addr.
int fetchaddr(uint64 addr, uint64 *ip) {
  return copyin(myproc()->pagetable, ip, addr, sizeof(*ip));
}

#define NUMBER(name, num) SYS_##name = num,
enum { SYSCALL_TABLE(NUMBER, NUMBER) };
#undef NUMBER

#define DECLARE(name, num) int64 sys_##name(void);
SYSCALL_TABLE(DECLARE, DECLARE)
#undef DECLARE

#define ENTRY(name, num) [num] = sys_##name,
static int64 (*const syscalls[])(void) = {SYSCALL_TABLE(ENTRY, ENTRY)};
#undef ENTRY

#define NAME(name, num) [num] = #name,
static const char *const syscallnames[] = {SYSCALL_TABLE(NAME, NAME)};
#undef NAME

// Run the system call the trapframe asks for and put its result in a0.
// Returns 1 if a signal cut it short and it is to be restarted or fail
// with EINTR (-ERESTARTSYS, see sigframe.c), else 0. sigreturn's result
// is a restored register, which may hold any value.
int syscall(void) {
  struct proc *p = myproc();
  uint64 num = p->trapframe->x[REG_A7];
  int64 ret = -ENOSYS;
#ifdef NETV6_TEST_PANIC
  // Only in the harness's test kernel (see netv6/panic.h), never in
  // the normal build: a panic on request, to prove it is noticed.
  if (num == SYS_TESTPANIC)
    panic("test panic requested by pid %d", p->pid);
#endif
  p->sysa0 = p->trapframe->x[REG_A0];
  if (num < NELEM(syscalls) && syscalls[num]) {
    p->sysnum = num; // for procinfo: which call a sleeper is inside
    ret = syscalls[num]();
    p->sysnum = 0;
  }
  p->trapframe->x[REG_A0] = ret;
  return ret == -ERESTARTSYS && num != SYS_sigreturn;
}

const char *syscallname(uint64 num) {
  if (num < NELEM(syscallnames) && syscallnames[num])
    return syscallnames[num];
  return "?";
}
