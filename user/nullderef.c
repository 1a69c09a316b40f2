// user/nullderef.c: says its pid, then reads through a NULL pointer. The
// kernel must kill it (page 0 is never mapped) with its one-line message
// naming that pid, and the shell go on; if the read returns, the
// program says so and fails. (tests/test_boot.py checks the lines.)

#include <stdio.h>
#include <unistd.h>

int main(void) {
  printf("nullderef: pid %d reads address 0\n", getpid());
  volatile int *volatile p = 0; // volatile: the compiler may not assume NULL
  int v = *p;
  printf("nullderef: survived a NULL read (got %d)\n", v);
  return 1;
}
