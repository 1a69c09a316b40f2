# kernel/sigtramp.S: the signal trampoline, the one page of kernel text
# that user mode may execute. proc_pagetable() maps it at SIGTRAMP in
# every process (read and execute, user). A handler is entered with ra
# pointing here, so its return calls sigreturn, which puts back the
# registers and mask saved in the signal frame (kernel/sigframe.c). The
# code is the kernel's, never written on the user stack.
#include <netv6/syscall.h>

#define NUMBER(name, num) .equ SYS_##name, num;
SYSCALL_TABLE(NUMBER, NUMBER)

.section sigtrampsec, "ax"
.globl sigtramp
sigtramp:
  li a7, SYS_sigreturn
  ecall
1:
  j 1b                       # sigreturn does not return here
