// user/lib/usys.S: the system call stubs (libc, system call layer).
//
// The C preprocessor turns every line of SYSCALL_TABLE in
// <netv6/syscall.h> into one stub. A stub puts the call number in a7
// (the arguments are already in a0..a5) and traps with ecall; the
// result comes back in a0. The kernel reports failure as -errno, a value
// in [-4095, -1]: a SYSCALL stub then branches to fail, which stores the
// error number in errno and returns -1. A SYSCALL_RAW stub returns a0
// untouched. One macro expansion holds several instructions separated
// by ';', which GNU as for RISC-V accepts.

#include <netv6/syscall.h>

  .text

// fail: a0 holds -errno.
  .type fail, @function
fail:
  neg a0, a0
  lla t0, errno
  sw a0, 0(t0)
  li a0, -1
  ret
  .size fail, . - fail

// The error range [-4095, -1] is, read as unsigned, everything above
// -4096; the branch to fail is backward and short.
#define SYSCALL(name, num)                              \
  .globl name; .type name, @function; name:            \
  li a7, num; ecall; li t0, -4096; bgtu a0, t0, fail;   \
  ret; .size name, . - name;

#define SYSCALL_RAW(name, num)                          \
  .globl name; .type name, @function; name:            \
  li a7, num; ecall; ret; .size name, . - name;

// The exit system call's stub is _exit: it ends the process at once.
// exit() is C (user/lib/calls.c): it flushes the stdio streams first.
// The sigaction stub is __sigaction: sigaction() (user/lib/signal.c)
// translates POSIX's struct sigaction to the kernel's.
#define exit _exit
#define sigaction __sigaction

SYSCALL_TABLE(SYSCALL, SYSCALL_RAW)
