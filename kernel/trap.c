// kernel/trap.c: traps from user space (system calls, faults, device
// interrupts) and from the kernel (device interrupts only), and the
// timer tick.
#include <netv6/wait.h>
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "sbi.h"
#include "defs.h"
#include "timer.h"

struct spinlock tickslock; // protects ticks
uint64 ticks;              // timer ticks since boot, on the boot hart
static int tickhart;       // [i] the hart that counts ticks

extern char trampoline[], uservec[], userret[]; // trampoline.S
void kernelvec(void);                           // kernelvec.S

enum { INTR_NONE, INTR_OTHER, INTR_TIMER };

void trapinit(void) {
  initlock(&tickslock, "time");
  tickhart = cpuid();
}

static void settimer(void) { sbi_set_timer(r_time() + TIMEBASE / HZ); }

// Per hart: take traps in kernelvec, accept device, timer and
// inter-processor interrupts, start the tick.
void trapinithart(void) {
  csrw(stvec, (uint64)kernelvec);
  csrs(sie, SIE_SEIE | SIE_STIE | SIE_SSIE);
  settimer();
}

static void clockintr(void) {
  chargetick();
  if (cpuid() == tickhart) {
    acquire(&tickslock);
    ticks++;
    wake_deadlines(ticks);
    timer_tick(ticks);
    release(&tickslock);
  }
  settimer();
}

// Handle a device, timer or inter-processor interrupt, if scause says
// it is one. Returns INTR_TIMER, INTR_OTHER, or INTR_NONE (not an
// interrupt we know).
static int devintr(void) {
  uint64 scause = csrr(scause);
  if (!(scause & SCAUSE_INTR))
    return INTR_NONE;
  switch (scause & ~SCAUSE_INTR) {
  case IRQ_S_EXT: {
    int irq = plic_claim();
    if (irq == UART0_IRQ)
      uartintr();
    else if (irq >= VIRTIO_MMIO_IRQ(0) &&
             irq < VIRTIO_MMIO_IRQ(VIRTIO_MMIO_SLOTS))
      virtio_intr(irq - VIRTIO_MMIO_IRQ(0));
    else if (irq)
      printf("unexpected interrupt irq=%d\n", irq);
    if (irq)
      plic_complete(irq);
    return INTR_OTHER;
  }
  case IRQ_S_TIMER:
    clockintr();
    return INTR_TIMER;
  case IRQ_S_SOFT:
    csrc(sip, SIE_SSIE); // an IPI: the scheduler will look for work
    return INTR_OTHER;
  }
  return INTR_NONE;
}

static const char *faultname(uint64 scause) {
  switch (scause) {
  case EXC_INST_MISALIGNED:
    return "misaligned instruction";
  case EXC_INST_ACCESS:
    return "instruction access fault";
  case EXC_ILLEGAL:
    return "illegal instruction";
  case EXC_BREAKPOINT:
    return "breakpoint";
  case EXC_LOAD_MISALIGNED:
    return "misaligned load";
  case EXC_LOAD_ACCESS:
    return "load access fault";
  case EXC_STORE_MISALIGNED:
    return "misaligned store";
  case EXC_STORE_ACCESS:
    return "store access fault";
  case EXC_INST_PAGE:
    return "instruction page fault";
  case EXC_LOAD_PAGE:
    return "load page fault";
  case EXC_STORE_PAGE:
    return "store page fault";
  }
  return "unknown trap";
}

// The signal a fault raises, with its si_code.
static int faultsig(uint64 scause, int *code) {
  switch (scause) {
  case EXC_ILLEGAL:
    *code = ILL_ILLOPC;
    return SIGILL;
  case EXC_BREAKPOINT:
    *code = TRAP_BRKPT;
    return SIGTRAP;
  case EXC_INST_MISALIGNED:
  case EXC_LOAD_MISALIGNED:
  case EXC_STORE_MISALIGNED:
    *code = BUS_ADRALN;
    return SIGBUS;
  case EXC_INST_ACCESS:
  case EXC_LOAD_ACCESS:
  case EXC_STORE_ACCESS:
    *code = SEGV_ACCERR;
    return SIGSEGV;
  }
  *code = SEGV_MAPERR;
  return SIGSEGV;
}

// A fault in user mode: its signal goes to a handler if the program
// has one; otherwise the process dies of it with a one-line message.
static void userfault(struct proc *p, uint64 scause) {
  int code, sig = faultsig(scause, &code);
  uint64 addr = csrr(stval);
  if (!sigfault(p, sig, code, addr))
    printf("pid %d (%s): killed: %s at address %p, pc %p\n", p->pid, p->name,
           faultname(scause), (void *)addr, (void *)csrr(sepc));
}

// A trap from user space, entered from uservec in trampoline.S.
void usertrap(void) {
  if (csrr(sstatus) & SSTATUS_SPP)
    panic("usertrap: not from user mode");
  csrw(stvec, (uint64)kernelvec); // we are in the kernel now

  struct proc *p = myproc();
  p->trapframe->epc = csrr(sepc);
  uint64 scause = csrr(scause);
  int intr = INTR_NONE, restart = 0;

  if (scause == EXC_ECALL_U) {
    if (killed(p))
      kexit(W_KILLED(killed(p)));
    p->trapframe->epc += 4; // return past the ecall
    intr_on();
    restart = syscall();
  } else if ((intr = devintr()) == INTR_NONE) {
    userfault(p, scause);
  }
  if (intr == INTR_TIMER)
    yield();
  sigdeliver(restart); // signals, and a kill, are acted on here
  usertrapret();
}

// Return to user space through userret in the trampoline.
void usertrapret(void) {
  struct proc *p = myproc();
  intr_off(); // until sret, a trap would go to uservec with kernel state
  csrw(stvec, TRAMPOLINE + (uservec - trampoline));

  p->trapframe->kernel_satp = csrr(satp);
  p->trapframe->kernel_sp = p->kstack + KSTACKPAGES * PGSIZE;
  p->trapframe->kernel_trap = (uint64)usertrap;
  p->trapframe->kernel_hartid = r_tp();

  uint64 s = csrr(sstatus);
  s &= ~SSTATUS_SPP; // to user mode
  s |= SSTATUS_SPIE; // with interrupts on
  csrw(sstatus, s);
  csrw(sepc, p->trapframe->epc);

  uint64 satp = MAKE_SATP(p->pagetable);
  void (*ret)(uint64) = (void (*)(uint64))(TRAMPOLINE + (userret - trampoline));
  ret(satp);
}

// A trap while in the kernel, from kernelvec: only interrupts are
// expected; anything else is a kernel bug.
void kerneltrap(void) {
  uint64 sepc = csrr(sepc);
  uint64 sstatus = csrr(sstatus);
  uint64 scause = csrr(scause);
  if ((sstatus & SSTATUS_SPP) == 0)
    panic("kerneltrap: not from supervisor mode");
  if (intr_get())
    panic("kerneltrap: interrupts enabled");
  int intr = devintr();
  if (intr == INTR_NONE)
    panic("kernel trap: %s (scause %p) at pc %p, address %p", faultname(scause),
          (void *)scause, (void *)sepc, (void *)csrr(stval));
  struct proc *p = myproc();
  if (intr == INTR_TIMER && p != 0 && p->state == RUNNING)
    yield();
  // yield() may have taken other traps: put back what sret needs.
  csrw(sepc, sepc);
  csrw(sstatus, sstatus);
}
