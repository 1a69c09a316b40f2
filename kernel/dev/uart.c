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
#define RHR 0  // receive holding (read)
#define THR 0  // transmit holding (write)
#define IER 1  // interrupt enable
#define IER_RX 0x01
#define IER_TX 0x02
#define FCR 2  // FIFO control (write)
#define FCR_ENABLE 0x01
#define FCR_CLEAR 0x06
#define LCR 3  // line control
#define LCR_8BIT 0x03
#define LCR_DLAB 0x80  // divisor latch access
#define LSR 5  // line status
#define LSR_RX_READY 0x01
#define LSR_TX_IDLE 0x20

#define rd(r) (*REG(r))
#define wr(r, v) (*REG(r) = (v))

extern volatile int panicked;

#define TXBUF 128
static struct {
  struct spinlock lock;  // protects buf, w, r
  char buf[TXBUF];
  uint64 w;  // next slot to write
  uint64 r;  // next slot to send
} tx;

void uartinit(void) {
  wr(IER, 0x00);
  wr(LCR, LCR_DLAB);
  wr(0, 0x03);  // divisor low byte: 38400 baud
  wr(1, 0x00);  // divisor high byte
  wr(LCR, LCR_8BIT);
  wr(FCR, FCR_ENABLE | FCR_CLEAR);
  wr(IER, IER_RX | IER_TX);
  initlock(&tx.lock, "uart");
}

// Send what the ring holds while the transmitter has room.
// tx.lock must be held.
static void uartstart(void) {
  while (tx.w != tx.r && (rd(LSR) & LSR_TX_IDLE)) {
    wr(THR, tx.buf[tx.r % TXBUF]);
    tx.r++;
    wakeup(&tx.r);  // uartputc may wait for room
  }
}

// Queue a character from a process; sleeps while the ring is full.
// Returns -EINTR if the process is killed while waiting.
int uartputc(int c) {
  acquire(&tx.lock);
  while (tx.w == tx.r + TXBUF) {
    if (killed(myproc())) {
      release(&tx.lock);
      return -EINTR;
    }
    sleep(&tx.r, &tx.lock);
  }
  tx.buf[tx.w % TXBUF] = c;
  tx.w++;
  uartstart();
  release(&tx.lock);
  return 0;
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
