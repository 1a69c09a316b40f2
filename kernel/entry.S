# kernel/entry.S: first instructions of every hart.
#
# OpenSBI enters _entry on the boot hart with a0 = hart id and a1 = the
# device tree; harts started later by sbi_hart_start() enter
# _entry_secondary with a0 = hart id. Each gets a boot stack of
# BOOTSTACK bytes in stack0[], tp = hart id, and calls kmain(hartid, boot).
#include "param.h"
#define BOOTSTACK 8192

.section .text.entry
.globl _entry
_entry:
  # Only the boot hart runs here, before any other is started:
  # clear .bss (stack0 is in it, not yet in use).
  la t0, bss_start
  la t1, bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  li a1, 1
  j common

.globl _entry_secondary
_entry_secondary:
  li a1, 0

common:
  li t0, NCPU
  bgeu a0, t0, park      # a hart id we have no room for stays parked
  la sp, stack0
  li t0, BOOTSTACK
  addi t1, a0, 1
  mul t0, t0, t1
  add sp, sp, t0
  mv tp, a0
  call kmain
park:
  wfi
  j park

.section .bss
.align 4
.globl stack0
stack0:
  .space BOOTSTACK * NCPU
