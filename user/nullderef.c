// user/nullderef.c: reads through a NULL pointer. The kernel must kill
// it (page 0 is never mapped) and the shell go on; if the read returns,
// the program says so and fails.

#include <stdio.h>

int main(void) {
  volatile int *volatile p = 0; // volatile: the compiler may not assume NULL
  int v = *p;
  printf("nullderef: survived a NULL read (got %d)\n", v);
  return 1;
}
