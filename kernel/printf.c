// kernel/printf.c: formatted output to the console, and panic().
//
// The formats are fmt.h's (%d %u %x %p %s %c, l, widths, %.*s).
// Output goes through consputc(), which writes synchronously, so
// printf works in interrupt handlers and before interrupts are on.
#include <stdarg.h>
#include <netv6/panic.h>
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "proc.h"
#include "defs.h"
#include "fmt.h"

volatile int panicked = 0;

static struct {
  struct spinlock lock; // keeps one printf's output together
  int locking;          // 0 once we have panicked
} pr;

// The console sink for vfmt.
static void consput(void *arg, char c) {
  (void)arg;
  consputc(c);
}

static void vprintf(const char *fmt, va_list ap) { vfmt(consput, 0, fmt, ap); }

void printf(const char *fmt, ...) {
  va_list ap;
  int locking = pr.locking;
  if (locking)
    acquire(&pr.lock);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  if (locking)
    release(&pr.lock);
}

// A broken kernel invariant: say where, stop every hart.
void panic(const char *fmt, ...) {
  va_list ap;
  pr.locking = 0;
  printf("\n" PANIC_LINE_FMT, (int)r_tp());
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  backtrace();
  panicked = 1; // freezes uart output from other harts
  for (;;)
    asm volatile("wfi");
}

// Print the kernel call chain from the frame pointers
// (-fno-omit-frame-pointer).
void backtrace(void) {
  uint64 fp = r_fp();
  uint64 top = PGROUNDUP(fp) + PGSIZE; // kernel stacks are 2 pages
  printf("backtrace:\n");
  for (int depth = 0;
       depth < 16 && fp < top && fp > top - 3 * PGSIZE && fp % 8 == 0;
       depth++) {
    uint64 ra = *(uint64 *)(fp - 8);
    printf("  %p\n", (void *)ra);
    fp = *(uint64 *)(fp - 16);
  }
}

void printfinit(void) {
  initlock(&pr.lock, "pr");
  pr.locking = 1;
}
