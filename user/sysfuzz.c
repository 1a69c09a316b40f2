// sysfuzz: calls the kernel with random system call numbers and random
// arguments (null, negative, huge, kernel and wild addresses, pointers
// into a buffer of random bytes), to show that bad input gives errors and
// never a kernel panic, and that nothing leaks.
//
//   sysfuzz [rounds [seed]]
//
// Each round is a child process making 2000 calls; calls that would end
// it, replace it, power the machine off or fork are left out. The
// child's standard descriptors are /dev/null, so random reads and writes
// touch neither the console nor the caller. A child still running after
// 3 seconds (blocked in some call) is killed. At the end the free pages,
// open files, sockets and processes must be what they were: exit status
// 0, else 1.
#include <fcntl.h>
#include <netv6.h>
#include <netv6/syscall.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

// The numbers of the calls, from the system call table.
#define NUMBER(name, num) SYS_##name = num,
enum { SYSCALL_TABLE(NUMBER, NUMBER) };
#undef NUMBER

#define CALLS 2000
#define MAXCALL 64 // numbers tried: 0 .. MAXCALL-1 (some are not calls)

static long rawcall(long n, long a0, long a1, long a2, long a3, long a4,
                    long a5) {
  register long r0 asm("a0") = a0;
  register long r1 asm("a1") = a1;
  register long r2 asm("a2") = a2;
  register long r3 asm("a3") = a3;
  register long r4 asm("a4") = a4;
  register long r5 asm("a5") = a5;
  register long r7 asm("a7") = n;
  asm volatile("ecall"
               : "+r"(r0)
               : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
               : "memory");
  return r0;
}

static unsigned long seed;
static unsigned long rnd(void) {
  seed = seed * 6364136223846793005UL + 1442695040888963407UL;
  return seed >> 17;
}

static char buf[8192];

static long randarg(void) {
  switch (rnd() % 10) {
  case 0:
    return 0;
  case 1:
    return -1;
  case 2:
    return (long)buf;
  case 3:
    return (long)buf + (long)(rnd() % sizeof(buf));
  case 4:
    return rnd() % 64; // a descriptor, a small length
  case 5:
    return 0x80000000L; // the kernel
  case 6:
    return (long)(rnd() << 20);
  case 7:
    return 0x7fffffffL;
  case 8:
    return -(long)(rnd() % 5000);
  default:
    return (long)rnd();
  }
}

// Calls not to make: exit, exec, fork, poweroff, kill (it could hit the
// parent), sbrk (it could free the stack), and the slow waits.
static int skipped(long n) {
  return n == SYS_fork || n == SYS_exit || n == SYS_wait || n == SYS_kill ||
         n == SYS_exec || n == SYS_sbrk || n == SYS_pause ||
         n == SYS_poweroff || n == SYS_waitpid;
}

static void fuzz(unsigned long s) {
  seed = s;
  int null = open("/dev/null", O_RDWR);
  for (int fd = 0; fd < 3; fd++)
    dup2(null, fd);
  for (int i = 0; i < CALLS; i++) {
    long n = rnd() % MAXCALL;
    if (skipped(n))
      continue;
    for (unsigned k = 0; k < sizeof(buf); k += 8)
      *(unsigned long *)(buf + k) = rnd();
    long a[6];
    for (int j = 0; j < 6; j++)
      a[j] = randarg();
    if (n == SYS_poll)
      a[2] = 0; // poll: never wait
    rawcall(n, a[0], a[1], a[2], a[3], a[4], a[5]);
  }
  exit(0);
}

int main(int argc, char *argv[]) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  unsigned long base = argc > 2 ? strtoul(argv[2], 0, 10) : 0;
  struct sysinfo s0, s1;
  sysinfo(&s0);
  for (int r = 0; r < rounds; r++) {
    int pid = fork();
    if (pid < 0) {
      perror("sysfuzz: fork");
      return 1;
    }
    if (pid == 0)
      fuzz((base + r) * 7919 + 13);
    int st, done = 0;
    for (int t = 0; t < 60 && !done; t++) {
      if (waitpid(pid, &st, WNOHANG) == pid)
        done = 1;
      else
        pause(5);
    }
    if (!done) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
    }
  }
  sysinfo(&s1);
  int same = s0.freepages == s1.freepages && s0.nfile == s1.nfile &&
             s0.nsocket == s1.nsocket && s0.nproc == s1.nproc &&
             s0.ninode == s1.ninode;
  printf("sysfuzz: %d rounds: free pages %ld -> %ld, files %u -> %u, inodes "
         "%u -> %u, sockets %u -> %u, processes %u -> %u: %s\n",
         rounds, (long)s0.freepages, (long)s1.freepages, s0.nfile, s1.nfile,
         s0.ninode, s1.ninode, s0.nsocket, s1.nsocket, s0.nproc, s1.nproc,
         same ? "ok" : "LEAK");
  return same ? 0 : 1;
}
