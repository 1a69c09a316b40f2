# kernel/kernelvec.S: traps taken while in the kernel (stvec points here
# in S-mode). Saves the caller-saved registers on the current kernel
# stack, calls kerneltrap(), restores them and returns with sret.
# tp is not restored: after a yield the thread may be on another hart.
.globl kerneltrap
.globl kernelvec
.align 4
kernelvec:
  addi sp, sp, -256
  .irp n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
  sd x\n, (8 * \n)(sp)
  .endr
  call kerneltrap
  .irp n, 1,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
  ld x\n, (8 * \n)(sp)
  .endr
  addi sp, sp, 256
  sret
