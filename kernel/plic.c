// kernel/plic.c: the platform-level interrupt controller. Each hart's
// S-mode context (2 * hart + 1 on QEMU virt) takes the UART and the
// virtio-mmio interrupts.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"

#define PRIORITY(irq) (PLIC + 4 * (irq))
#define SCONTEXT(hart) (2 * (hart) + 1)
#define ENABLE(hart) (PLIC + 0x2000 + 0x80 * SCONTEXT(hart))
#define THRESHOLD(hart) (PLIC + 0x200000 + 0x1000 * SCONTEXT(hart))
#define CLAIM(hart) (PLIC + 0x200004 + 0x1000 * SCONTEXT(hart))

#define reg(a) (*(volatile uint32 *)(a))

static uint32 enabled_mask; // [i] irqs 0..31 that devices asked for

// Give irq a non-zero priority so that it is delivered. Call before
// the other harts start (they copy enabled_mask in plicinithart).
void plic_enable(int irq) {
  reg(PRIORITY(irq)) = 1;
  enabled_mask |= 1U << irq;
  // The boot hart may already be set up; refresh its enable bits.
  reg(ENABLE(cpuid())) = enabled_mask;
}

void plicinit(void) { plic_enable(UART0_IRQ); }

void plicinithart(void) {
  int hart = cpuid();
  reg(ENABLE(hart)) = enabled_mask;
  reg(THRESHOLD(hart)) = 0;
}

int plic_claim(void) { return reg(CLAIM(cpuid())); }
void plic_complete(int irq) { reg(CLAIM(cpuid())) = irq; }
