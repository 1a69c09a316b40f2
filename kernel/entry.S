# kernel/entry.S: first instructions of every hart.
#
# OpenSBI enters _entry on the boot hart with a0 = hart id and a1 = the
# device tree; harts started later by sbi_hart_start() enter
# _entry_secondary with a0 = hart id. Each gets a boot stack of
# BOOTSTACK bytes in stack0[], tp = hart id, and calls kmain(hartid, boot).
#
# Only the first hart to reach _entry boots (an atomic swap on
# boot_claimed decides). OpenSBI has been seen to send a second hart to
# _entry when its boot-hart lottery picks a hart other than 0; such a
# hart must not clear .bss under the boot hart's feet, so it waits,
# without touching memory, until the boot hart sets boot_done, and then
# goes on as a secondary hart.
#include "param.h"
#define BOOTSTACK 8192

.section .text.entry
.globl _entry
_entry:
  la t0, boot_claimed
  li t1, 1
  amoswap.w.aqrl t1, t1, (t0)
  bnez t1, late
  # The boot hart, before any other is started: clear .bss (stack0 is
  # in it, not yet in use).
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

late:
  la t0, boot_done
3:
  lw t1, 0(t0)
  fence r, rw
  bnez t1, _entry_secondary
  j 3b                   # (no wfi: nothing is enabled to wake this hart)

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

# Outside .bss: the boot hart clears .bss after claiming the boot.
.section .data
.align 2
boot_claimed:
  .word 0
.globl boot_done
boot_done:
  .word 0   # set by kmain once the boot hart has set everything up

.section .bss
.align 4
.globl stack0
stack0:
  .space BOOTSTACK * NCPU
