// kernel/fs/netfs_text.c: the text of a /net file being read: what a
// provider's read callback writes with netfs_printf/netfs_put (netfs.h),
// kept in pages taken as it grows (at most NETFS_TEXTPAGES), and copied
// out to readers from any offset.
#include <stdarg.h>
#include "../types.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../fmt.h"
#include "netfs.h"

_Static_assert(NETFS_TEXTMAX == NETFS_TEXTPAGES * PGSIZE, "pages are 4 KiB");

void netfs_put(struct netfs_text *t, const void *p, uint n) {
  const char *s = p;
  while (n > 0 && t->err == 0 && t->len < NETFS_TEXTMAX) {
    char **pg = &t->page[t->len / PGSIZE];
    if (*pg == 0 && (*pg = kalloc()) == 0) {
      t->err = -ENOMEM;
      return;
    }
    uint at = t->len % PGSIZE, m = PGSIZE - at;
    if (m > n)
      m = n;
    memmove(*pg + at, s, m);
    t->len += m;
    s += m;
    n -= m;
  }
}

static void textput(void *arg, char c) { netfs_put(arg, &c, 1); }

void netfs_printf(struct netfs_text *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfmt(textput, t, fmt, ap);
  va_end(ap);
}

// Give the pages back; the text is empty again.
void netfs_textfree(struct netfs_text *t) {
  for (int i = 0; i < NETFS_TEXTPAGES; i++)
    if (t->page[i])
      kfree(t->page[i]);
  memset(t, 0, sizeof(*t));
}

// Copy up to n bytes of the text from offset off to the user address
// dst. Returns the count (0 at or past the end), or -EFAULT if nothing
// could be copied.
int netfs_textcopyout(struct netfs_text *t, uint off, uint64 dst, int n) {
  int done = 0;
  while (done < n && off < t->len) {
    uint at = off % PGSIZE, m = PGSIZE - at;
    if (m > t->len - off)
      m = t->len - off;
    if (m > (uint)(n - done))
      m = n - done;
    if (either_copyout(1, dst + done, t->page[off / PGSIZE] + at, m) < 0)
      return done > 0 ? done : -EFAULT;
    done += m;
    off += m;
  }
  return done;
}
