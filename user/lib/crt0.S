// user/lib/crt0.S: program entry (libc, start-up).
// The kernel's exec enters _start with a0 = argc, a1 = argv and sp at
// the top of the user stack; _start runs main and exits with its result.
// The linker script puts .text.start first in the text segment.

  .section .text.start, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  li fp, 0          // the outermost frame, for debuggers
  li ra, 0
  call main         // argc and argv are already in a0 and a1
  call exit         // main's result is in a0
1:
  j 1b              // exit does not return
  .size _start, . - _start
