// kernel/memlayout.h: the physical memory map of QEMU's virt machine
// and the kernel's and user processes' virtual layouts.
//
// Physical (QEMU virt):
//   0x00101000  Goldfish RTC
//   0x0C000000  PLIC
//   0x10000000  UART 16550 (irq 10)
//   0x10001000  virtio-mmio slots 0..7, 0x1000 apart (irq 1..8)
//   0x80000000  RAM: OpenSBI firmware, then the kernel at 0x80200000
//
// Kernel virtual: devices and RAM mapped at their physical addresses;
// at the top, the trampoline page, then each process's kernel stack
// with an unmapped guard page below it.
//
// User virtual, from 0: page 0 unmapped, text, data, bss, a guard page,
// the user stack, the heap (sbrk) ... at the top the signal trampoline
// (the only page of kernel text user mode may run), the process's
// trapframe page and the trampoline.
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#include "riscv.h"

#define RTC 0x101000L // Goldfish real-time clock
#define UART0 0x10000000L
#define UART0_IRQ 10

#define VIRTIO_MMIO_BASE 0x10001000L
#define VIRTIO_MMIO_STRIDE 0x1000L
#define VIRTIO_MMIO_SLOTS 8
#define VIRTIO_MMIO_IRQ(slot) (1 + (slot))

#define PLIC 0x0c000000L
#define PLIC_SIZE 0x400000L

#define RAMBASE 0x80000000L
#define KERNBASE 0x80200000L                  // where OpenSBI jumps
#define PHYSTOP (RAMBASE + 128 * 1024 * 1024) // make qemu gives 128 MiB

#define TRAMPOLINE (MAXVA - PGSIZE)
#define KSTACKPAGES 2 // 8 KiB kernel stack per process
#define KSTACK(slot) (TRAMPOLINE - ((slot) + 1) * (KSTACKPAGES + 1) * PGSIZE)

#define TRAPFRAME (TRAMPOLINE - PGSIZE)
#define SIGTRAMP (TRAPFRAME - PGSIZE) // user memory ends below it
#define USERSTACKPAGES 8              // 32 KiB user stack

#endif
