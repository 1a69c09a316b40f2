// kernel/printf.c: formatted output to the console, and panic().
//
// Supports %d %u %x %p %s %c %% with an optional l (64-bit) modifier.
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

volatile int panicked = 0;

static struct {
  struct spinlock lock; // keeps one printf's output together
  int locking;          // 0 once we have panicked
} pr;

static const char digits[] = "0123456789abcdef";

static void printnum(uint64 x, int base, int neg) {
  char buf[24];
  int i = 0;
  do {
    buf[i++] = digits[x % base];
    x /= base;
  } while (x != 0);
  if (neg)
    buf[i++] = '-';
  while (--i >= 0)
    consputc(buf[i]);
}

static void vprintf(const char *fmt, va_list ap) {
  for (int i = 0; fmt[i]; i++) {
    char c = fmt[i];
    if (c != '%') {
      consputc(c);
      continue;
    }
    int lng = 0;
    c = fmt[++i];
    while (c == 'l') {
      lng = 1;
      c = fmt[++i];
    }
    if (c == 0)
      break;
    switch (c) {
    case 'd': {
      int64 v = lng ? va_arg(ap, long) : va_arg(ap, int);
      printnum(v < 0 ? -(uint64)v : (uint64)v, 10, v < 0);
      break;
    }
    case 'u':
      printnum(lng ? va_arg(ap, uint64) : va_arg(ap, uint), 10, 0);
      break;
    case 'x':
      printnum(lng ? va_arg(ap, uint64) : va_arg(ap, uint), 16, 0);
      break;
    case 'p':
      consputc('0');
      consputc('x');
      printnum(va_arg(ap, uint64), 16, 0);
      break;
    case 'c':
      consputc(va_arg(ap, int));
      break;
    case 's': {
      const char *s = va_arg(ap, const char *);
      if (s == 0)
        s = "(null)";
      while (*s)
        consputc(*s++);
      break;
    }
    case '%':
      consputc('%');
      break;
    default:
      consputc('%');
      consputc(c);
      break;
    }
  }
}

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
