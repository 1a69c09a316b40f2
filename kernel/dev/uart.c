// kernel/dev/uart.c: the 16550 UART of QEMU's virt machine.
//
// Output from processes goes through a small ring buffer drained by the
// transmit-empty interrupt; kernel printf writes synchronously. Input
// characters are handed to consoleintr() from the receive interrupt.
#include "../types.h"
#include "../param.h"
#include "../memlayout.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"

#define REG(r) ((volatile uchar *)(UART0 + (r)))
#define RHR 0 // receive holding (read)
#define THR 0 // transmit holding (write)
#define IER 1 // interrupt enable
#define IER_RX 0x01
#define IER_TX 0x02
#define FCR 2 // FIFO control (write)
#define FCR_ENABLE 0x01
#define FCR_CLEAR 0x06
#define LCR 3 // line control
#define LCR_8BIT 0x03
#define LCR_DLAB 0x80 // divisor latch access
#define LSR 5         // line status
#define LSR_RX_READY 0x01
#define LSR_TX_IDLE 0x20

#define rd(r) (*REG(r))
#define wr(r, v) (*REG(r) = (v))

extern volatile int panicked;

#define TXBUF 128
static struct {
  struct spinlock lock; // protects buf, w, r
  char buf[TXBUF];
  uint64 w;    // next slot to write
  uint64 r;    // next slot to send
  int waiting; // a writer sleeps for room
} tx;

void uartinit(void) {
  wr(IER, 0x00);
  wr(LCR, LCR_DLAB);
  wr(0, 0x03); // divisor low byte: 38400 baud
  wr(1, 0x00); // divisor high byte
  wr(LCR, LCR_8BIT);
  wr(FCR, FCR_ENABLE | FCR_CLEAR);
  wr(IER, IER_RX | IER_TX);
  initlock(&tx.lock, "uart");
}

// Send what the ring holds while the transmitter has room, and wake
// writers waiting for room. tx.lock must be held.
static void uartstart(void) {
  int sent = 0;
  while (tx.w != tx.r && (rd(LSR) & LSR_TX_IDLE)) {
    wr(THR, tx.buf[tx.r % TXBUF]);
    tx.r++;
    sent = 1;
  }
  if (sent && tx.waiting) {
    tx.waiting = 0;
    wakeup(&tx.r);
  }
}

// Queue n characters from a process, sleeping while the ring is full.
// Returns n, or the count queued before a signal came (-ERESTARTSYS if
// none).
int uartwrite(const char *buf, int n) {
  int i = 0;
  acquire(&tx.lock);
  while (i < n) {
    if (tx.w == tx.r + TXBUF) {
      tx.waiting = 1;
      int err = sleep_intr(&tx.r, &tx.lock);
      if (err < 0) {
        release(&tx.lock);
        return i > 0 ? i : err;
      }
      continue;
    }
    while (i < n && tx.w != tx.r + TXBUF)
      tx.buf[tx.w++ % TXBUF] = buf[i++];
    uartstart();
  }
  release(&tx.lock);
  return n;
}

// Write a character at once, spinning; for kernel printf and echo.
void uartputc_sync(int c) {
  push_off();
  if (panicked) {
    for (;;)
      ;
  }
  while ((rd(LSR) & LSR_TX_IDLE) == 0)
    ;
  wr(THR, c);
  pop_off();
}

static int uartgetc(void) {
  if (rd(LSR) & LSR_RX_READY)
    return rd(RHR);
  return -1;
}

// The UART interrupted: input arrived, or the transmitter has room.
void uartintr(void) {
  int c;
  while ((c = uartgetc()) >= 0)
    consoleintr(c);
  acquire(&tx.lock);
  uartstart();
  release(&tx.lock);
}
