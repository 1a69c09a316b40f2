// kernel/dev/console.c: the console device (major CONSOLE).
//
// Input is line-edited here: backspace erases, ^U kills the line, ^D
// ends input (read returns what is there, or 0 at the start of a line),
// ^P prints the process list. A read returns at most one line.
// ^C and ^\ throw away the input not yet read and send SIGINT and
// SIGQUIT to the foreground process group (set with tcsetpgrp, see
// pgrp.c). Output goes to the UART.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "../file.h"
#include <netv6/poll.h>

#define BACKSPACE 0x100
#define CTRL(x) ((x) - '@')

#define INBUF 256
static struct {
  struct spinlock lock; // protects everything below
  char buf[INBUF];
  uint64 r;         // next to read
  uint64 w;         // end of the committed lines
  uint64 e;         // end of the line being edited
  int fg;           // the foreground process group (^C signals it)
} cons = {.fg = 1}; // init's group, until a shell takes the console

// Echo to the screen; a backspace erases the last character shown.
void consputc(int c) {
  if (c == BACKSPACE) {
    uartputc_sync('\b');
    uartputc_sync(' ');
    uartputc_sync('\b');
  } else {
    uartputc_sync(c);
  }
}

static int consolewrite(int user_src, uint64 src, int n, int flags) {
  (void)flags;
  char chunk[128];
  int done = 0;
  while (done < n) {
    int m = n - done < (int)sizeof(chunk) ? n - done : (int)sizeof(chunk);
    if (either_copyin(chunk, user_src, src + done, m) < 0)
      return done > 0 ? done : -EFAULT;
    int r = uartwrite(chunk, m);
    if (r < 0)
      return done > 0 ? done : r;
    done += r;
    if (r < m)
      break;
  }
  return done;
}

// Copy up to n bytes of input, ending at the end of a line.
static int consoleread(int user_dst, uint64 dst, int n, int flags) {
  int done = 0;
  acquire(&cons.lock);
  while (done < n) {
    while (cons.r == cons.w) {
      if (done > 0 || (flags & O_NONBLOCK)) {
        release(&cons.lock);
        return done > 0 ? done : -EAGAIN;
      }
      int err = sleep_intr(&cons.r, &cons.lock);
      if (err < 0) {
        release(&cons.lock);
        return err;
      }
    }
    int c = cons.buf[cons.r++ % INBUF];
    if (c == CTRL('D')) {
      if (done > 0)
        cons.r--; // keep ^D so that the next read returns 0
      break;
    }
    char ch = c;
    if (either_copyout(user_dst, dst + done, &ch, 1) < 0) {
      release(&cons.lock);
      return done > 0 ? done : -EFAULT;
    }
    done++;
    if (c == '\n')
      break;
  }
  release(&cons.lock);
  return done;
}

// poll(): input is ready once a line (or ^D) is committed; output
// always (a writer waits briefly at most).
static int consolepoll(void) {
  acquire(&cons.lock);
  int ev = POLLOUT | (cons.r != cons.w ? POLLIN : 0);
  release(&cons.lock);
  return ev;
}

int consfg(void) {
  acquire(&cons.lock);
  int pgrp = cons.fg;
  release(&cons.lock);
  return pgrp;
}

void consfg_set(int pgrp) {
  acquire(&cons.lock);
  cons.fg = pgrp;
  release(&cons.lock);
}

// ^C or ^\: drop the input not yet read, show the character, and send
// sig to the foreground group. cons.lock held.
static void consintr(int c, int sig) {
  cons.e = cons.w = cons.r;
  consputc('^');
  consputc(c + '@');
  consputc('\n');
  siggroup(cons.fg, sig);
}

// A character arrived from the UART.
void consoleintr(int c) {
  int dump = 0;
  acquire(&cons.lock);
  switch (c) {
  case CTRL('P'):
    dump = 1;
    break;
  case CTRL('C'):
    consintr(c, SIGINT);
    break;
  case CTRL('\\'):
    consintr(c, SIGQUIT);
    break;
  case CTRL('U'):
    while (cons.e != cons.w && cons.buf[(cons.e - 1) % INBUF] != '\n') {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;
  case CTRL('H'):
  case '\x7f':
    if (cons.e != cons.w) {
      cons.e--;
      consputc(BACKSPACE);
    }
    break;
  default:
    if (c == 0 || cons.e - cons.r >= INBUF)
      break;
    if (c == '\r')
      c = '\n';
    if (c != CTRL('D'))
      consputc(c);
    cons.buf[cons.e++ % INBUF] = c;
    if (c == '\n' || c == CTRL('D') || cons.e - cons.r == INBUF) {
      cons.w = cons.e;
      wakeup(&cons.r);
      pollnotify();
    }
    break;
  }
  release(&cons.lock);
  if (dump)
    procdump();
}

void consoleinit(void) {
  initlock(&cons.lock, "cons");
  uartinit();
  devsw[CONSOLE].read = consoleread;
  devsw[CONSOLE].write = consolewrite;
  devsw[CONSOLE].poll = consolepoll;
}

// /dev/null: reads give end of file, writes vanish.
static int nullread(int user_dst, uint64 dst, int n, int flags) {
  (void)user_dst, (void)dst, (void)n, (void)flags;
  return 0;
}
static int nullwrite(int user_src, uint64 src, int n, int flags) {
  (void)user_src, (void)src, (void)flags;
  return n;
}

void nullinit(void) {
  devsw[DEVNULL].read = nullread;
  devsw[DEVNULL].write = nullwrite;
}
