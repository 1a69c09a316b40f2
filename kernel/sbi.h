// kernel/sbi.h: calls into the SBI firmware (OpenSBI) running in M-mode.
// RISC-V SBI specification v1.0: timer, IPI, hart state management,
// system reset, and the legacy console for panics.
#ifndef KERNEL_SBI_H
#define KERNEL_SBI_H

#include "types.h"

void sbi_set_timer(uint64 stime);
int sbi_send_ipi(uint64 hartmask, uint64 base);
int sbi_hart_start(uint64 hartid, uint64 start, uint64 opaque);
void sbi_shutdown(void) __attribute__((noreturn));
void sbi_console_putchar(int c);

#endif
