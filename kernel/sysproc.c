// kernel/sysproc.c: process system calls. Argument fetching only; the
// work is in proc.c.
#include <netv6/wait.h>
#include <netv6/sysinfo.h>
#include <netv6/procinfo.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "sbi.h"
#include "defs.h"
#include "net/netbuf.h"
#include "net/socket.h"

int64 sys_exit(void) {
  kexit(W_EXITCODE(argint(0)));
  return 0; // not reached
}

int64 sys_getpid(void) { return myproc()->pid; }
int64 sys_getppid(void) { return getppid(); }
int64 sys_fork(void) { return fork(); }
int64 sys_wait(void) { return kwait(-1, argaddr(0), 0); }

// waitpid(pid, status, options): pid -1 or a child's pid; WNOHANG.
int64 sys_waitpid(void) {
  int pid = argint(0), options = argint(2);
  if (pid < -1 || pid == 0 || (options & ~WNOHANG))
    return -EINVAL;
  return kwait(pid, argaddr(1), options);
}

// sbrk(n): grow or shrink memory by n bytes; returns the old break.
int64 sys_sbrk(void) {
  int64 n = arglong(0);
  uint64 old = myproc()->sz;
  int err = growproc(n);
  if (err < 0)
    return err;
  return old;
}

int64 sys_uptime(void) {
  acquire(&tickslock);
  uint64 t = ticks;
  release(&tickslock);
  return t;
}

int64 sys_poweroff(void) {
  printf("netv6: power off\n");
  sbi_shutdown();
}

int64 sys_sysinfo(void) {
  struct sysinfo si;
  memset(&si, 0, sizeof(si));
  si.freepages = kfreecount();
  si.totalpages = ktotalcount();
  si.nproc = nprocs();
  si.nfile = nfiles();
  si.ninode = ninodes();
  si.nsocket = nsockets();
  si.uptime = sys_uptime();
  si.ncpu = ncpus();
  si.hz = HZ;
  si.nnetbuf = nb_inuse();
  return copyout(myproc()->pagetable, argaddr(0), &si, sizeof(si));
}

// procinfo(buf, n): a struct procinfo for each process, up to n of
// them; returns how many it filled. n == 0 only counts the processes.
// Each entry is copied out with no lock held.
int64 sys_procinfo(void) {
  uint64 addr = argaddr(0);
  int n = argint(1), k = 0;
  if (n < 0)
    return -EINVAL;
  for (int i = 0; i < NPROC && (n == 0 || k < n); i++) {
    struct procinfo pi;
    if (!procsnap(i, &pi))
      continue;
    if (n > 0 && copyout(myproc()->pagetable, addr + k * sizeof(pi), &pi,
                         sizeof(pi)) < 0)
      return -EFAULT;
    k++;
  }
  return k;
}
