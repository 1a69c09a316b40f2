# kernel/trampoline.S: the page that switches between user and kernel
# address spaces. It is mapped at TRAMPOLINE in the kernel's and every
# user page table, so its code keeps running across the satp switch.
#
# uservec: stvec points here while a process runs in user mode. Saves
# the user registers into the trapframe (at TRAPFRAME in the user page
# table; layout in struct trapframe, proc.h: x[n] at 64 + 8*n), loads
# the kernel's stack, hart id and page table, and jumps to usertrap().
#
# userret(satp): the way back. Switches to the user page table,
# restores the registers from the trapframe and returns to user mode.
#include "memlayout.h"

#define TF_KSATP 0
#define TF_KSP 8
#define TF_KTRAP 16
#define TF_KHART 32
#define TF_X(n) (64 + 8 * (n))

.section trampsec
.globl trampoline
trampoline:
.align 4
.globl uservec
uservec:
  csrw sscratch, a0          # free a0 to hold the trapframe address
  li a0, TRAPFRAME
  .irp n, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd x\n, TF_X(\n)(a0)
  .endr
  csrr t0, sscratch
  sd t0, TF_X(10)(a0)        # the user's a0
  ld sp, TF_KSP(a0)
  ld tp, TF_KHART(a0)
  ld t0, TF_KTRAP(a0)
  ld t1, TF_KSATP(a0)
  sfence.vma zero, zero      # finish user memory accesses
  csrw satp, t1
  sfence.vma zero, zero      # drop user translations
  jr t0                      # usertrap() does not return

.globl userret
userret:
  sfence.vma zero, zero
  csrw satp, a0
  sfence.vma zero, zero
  li a0, TRAPFRAME
  .irp n, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld x\n, TF_X(\n)(a0)
  .endr
  ld a0, TF_X(10)(a0)
  sret                       # to sepc, in the mode sstatus.SPP says
