// user/testpanic.c: asks the kernel to panic (system call SYS_TESTPANIC,
// netv6/panic.h). Only the harness's test kernel, built with
// NETV6_TEST_PANIC, answers by panicking; the normal kernel says ENOSYS,
// which this program reports, exiting 1. Used by tests/test_harness.py.

#include <netv6/errno.h>
#include <netv6/panic.h>
#include <stdio.h>

int main(void) {
  register long a7 asm("a7") = SYS_TESTPANIC;
  register long a0 asm("a0") = 0;
  asm volatile("ecall" : "+r"(a0) : "r"(a7) : "memory");
  if (a0 == -ENOSYS)
    printf("testpanic: this kernel has no test panic (ENOSYS)\n");
  else
    printf("testpanic: unexpected result %ld\n", a0);
  return 1;
}
