// kernel/riscv.h: RISC-V supervisor-mode registers, page-table bits and
// small inline helpers (privileged spec v1.12, Sv39).
#ifndef KERNEL_RISCV_H
#define KERNEL_RISCV_H

#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#include "types.h"

// Read, write, set and clear a CSR by name: csrr(sstatus) ...
#define csrr(csr)                              \
  ({                                           \
    uint64 v_;                                 \
    asm volatile("csrr %0, " #csr : "=r"(v_)); \
    v_;                                        \
  })
#define csrw(csr, val) asm volatile("csrw " #csr ", %0" : : "r"((uint64)(val)))
#define csrs(csr, val) asm volatile("csrs " #csr ", %0" : : "r"((uint64)(val)))
#define csrc(csr, val) asm volatile("csrc " #csr ", %0" : : "r"((uint64)(val)))

// sstatus
#define SSTATUS_SIE (1L << 1)  // supervisor interrupts enabled
#define SSTATUS_SPIE (1L << 5) // SIE before the trap
#define SSTATUS_SPP (1L << 8)  // previous mode: 1 = supervisor, 0 = user
#define SSTATUS_SUM (1L << 18) // supervisor may touch user pages

// sie / sip
#define SIE_SSIE (1L << 1)     // software (inter-processor) interrupt
#define SIE_STIE (1L << 5)     // timer
#define SIE_SEIE (1L << 9)     // external (PLIC)

// scause values
#define SCAUSE_INTR (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_INST_PAGE 12
#define EXC_LOAD_PAGE 13
#define EXC_STORE_PAGE 15

static inline int intr_get(void) { return (csrr(sstatus) & SSTATUS_SIE) != 0; }
static inline void intr_on(void) { csrs(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csrc(sstatus, SSTATUS_SIE); }

static inline uint64 r_tp(void) {
  uint64 x;
  asm volatile("mv %0, tp" : "=r"(x));
  return x;
}
static inline uint64 r_sp(void) {
  uint64 x;
  asm volatile("mv %0, sp" : "=r"(x));
  return x;
}
static inline uint64 r_fp(void) {
  uint64 x;
  asm volatile("mv %0, s0" : "=r"(x));
  return x;
}
static inline uint64 r_time(void) {
  uint64 x;
  asm volatile("rdtime %0" : "=r"(x));
  return x;
}

static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero"); }
#endif // __ASSEMBLER__

// Sv39 paging.
#define PGSIZE 4096
#define PGSHIFT 12
#define PGROUNDUP(a) (((a) + PGSIZE - 1) & ~((uint64)PGSIZE - 1))
#define PGROUNDDOWN(a) ((a) & ~((uint64)PGSIZE - 1))

#define PTE_V (1L << 0)
#define PTE_R (1L << 1)
#define PTE_W (1L << 2)
#define PTE_X (1L << 3)
#define PTE_U (1L << 4)
#define PTE_A (1L << 6)
#define PTE_D (1L << 7)

#define PA2PTE(pa) ((((uint64)(pa)) >> 12) << 10)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PTE_FLAGS(pte) ((pte)&0x3FF)

#define PXSHIFT(level) (PGSHIFT + 9 * (level))
#define PX(level, va) ((((uint64)(va)) >> PXSHIFT(level)) & 0x1FF)

#define SATP_SV39 (8L << 60)
#define MAKE_SATP(pt) (SATP_SV39 | (((uint64)(pt)) >> 12))

// One past the highest virtual address: Sv39 allows 39 bits, but the
// top half would need sign extension, so netv6 uses only the low half.
#define MAXVA (UL(1) << (9 + 9 + 9 + 12 - 1))

#endif
