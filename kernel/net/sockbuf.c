// kernel/net/sockbuf.c: the byte ring of a socket's receive buffer.
#include <netv6/errno.h>
#include "sockbuf.h"

static uint32_t roundpages(uint32_t bytes) {
  if (bytes > SB_MAXPAGES * SB_PAGE)
    bytes = SB_MAXPAGES * SB_PAGE; // before rounding, which could wrap
  uint32_t n = (bytes + SB_PAGE - 1) / SB_PAGE;
  if (n < 1)
    n = 1;
  if (n > SB_MAXPAGES)
    n = SB_MAXPAGES;
  return n;
}

void sb_init(struct sockbuf *sb, uint32_t hiwat) {
  for (int i = 0; i < SB_MAXPAGES; i++)
    sb->page[i] = 0;
  sb->npages = 0;
  sb->hiwat = roundpages(hiwat) * SB_PAGE;
  sb->head = sb->tail = 0;
}

int sb_resize(struct sockbuf *sb, uint32_t hiwat) {
  if (sb_len(sb) != 0)
    return -EBUSY;
  sb_free(sb);
  sb_init(sb, hiwat);
  return 0;
}

uint32_t sb_len(const struct sockbuf *sb) { return sb->tail - sb->head; }
uint32_t sb_space(const struct sockbuf *sb) { return sb->hiwat - sb_len(sb); }

// Allocate every page of the ring. Returns 0 or -ENOBUFS.
static int sb_fill(struct sockbuf *sb) {
  uint32_t want = sb->hiwat / SB_PAGE;
  while (sb->npages < want) {
    void *p = sb_page_alloc();
    if (p == 0)
      return -ENOBUFS;
    sb->page[sb->npages++] = p;
  }
  return 0;
}

// The contiguous run of the ring at position pos: a pointer to it and
// how many bytes it has before the end of its page.
static char *sb_at(const struct sockbuf *sb, uint64_t pos, uint32_t *run) {
  uint32_t off = pos % sb->hiwat;
  *run = SB_PAGE - off % SB_PAGE;
  return (char *)sb->page[off / SB_PAGE] + off % SB_PAGE;
}

int sb_write(struct sockbuf *sb, int user, uint64_t src, uint32_t n) {
  if (n > sb_space(sb))
    n = sb_space(sb);
  if (n == 0)
    return 0;
  int err = sb_fill(sb);
  if (err < 0)
    return err;
  uint32_t done = 0;
  while (done < n) {
    uint32_t run;
    char *p = sb_at(sb, sb->tail + done, &run);
    if (run > n - done)
      run = n - done;
    if (sb_copyin(p, user, src + done, run) < 0)
      break;
    done += run;
  }
  sb->tail += done;
  if (done == 0)
    return -EFAULT;
  return done;
}

int sb_read(struct sockbuf *sb, int user, uint64_t dst, uint32_t n, int peek) {
  if (n > sb_len(sb))
    n = sb_len(sb);
  uint32_t done = 0;
  while (done < n) {
    uint32_t run;
    char *p = sb_at(sb, sb->head + done, &run);
    if (run > n - done)
      run = n - done;
    if (sb_copyout(user, dst + done, p, run) < 0) {
      if (done == 0)
        return -EFAULT;
      break; // a short read: the caller gets what was copied
    }
    done += run;
  }
  if (!peek)
    sb->head += done;
  return done;
}

void sb_free(struct sockbuf *sb) {
  for (uint32_t i = 0; i < sb->npages; i++) {
    sb_page_free(sb->page[i]);
    sb->page[i] = 0;
  }
  sb->npages = 0;
  sb->head = sb->tail = 0;
}

// --- record mode --------------------------------------------------------

struct rechdr {
  uint32_t len;  // data bytes
  uint32_t alen; // address bytes, which follow the header
};

// Copy n bytes between the ring, at position pos, and kernel memory at
// buf: into the ring if put, out of it otherwise.
static void ring_copy(const struct sockbuf *sb, uint64_t pos, void *buf,
                      uint32_t n, int put) {
  char *b = buf;
  while (n > 0) {
    uint32_t run;
    char *p = sb_at(sb, pos, &run);
    if (run > n)
      run = n;
    for (uint32_t i = 0; i < run; i++) {
      if (put)
        p[i] = b[i];
      else
        b[i] = p[i];
    }
    b += run;
    pos += run;
    n -= run;
  }
}

uint32_t sb_recsize(uint32_t n, uint32_t alen) {
  uint64_t need = sizeof(struct rechdr) + (uint64_t)alen + n;
  return need > UINT32_MAX ? UINT32_MAX : (uint32_t)need;
}

// sb_putrec's copy: from the caller's memory through sb_copyin.
struct memsrc {
  int user;
  uint64_t src;
};

static int copy_mem(void *dst, uint32_t off, uint32_t n, void *arg) {
  struct memsrc *m = arg;
  return sb_copyin(dst, m->user, m->src + off, n);
}

int sb_putrec(struct sockbuf *sb, int user, uint64_t src, uint32_t n,
              const void *addr, uint32_t alen) {
  struct memsrc m = {user, src};
  return sb_putrec_with(sb, n, addr, alen, copy_mem, &m);
}

int sb_putrec_with(struct sockbuf *sb, uint32_t n, const void *addr,
                   uint32_t alen,
                   int (*copy)(void *dst, uint32_t off, uint32_t n, void *arg),
                   void *arg) {
  if (alen > SB_MAXADDR)
    return -EINVAL;
  uint64_t need = sizeof(struct rechdr) + (uint64_t)alen + n;
  if (need > sb->hiwat)
    return -EMSGSIZE;
  if (need > sb_space(sb))
    return -EAGAIN;
  int err = sb_fill(sb);
  if (err < 0)
    return err;
  struct rechdr h = {n, alen};
  uint64_t pos = sb->tail;
  ring_copy(sb, pos, &h, sizeof(h), 1);
  pos += sizeof(h);
  ring_copy(sb, pos, (void *)addr, alen, 1);
  pos += alen;
  for (uint32_t done = 0; done < n;) {
    uint32_t run;
    char *p = sb_at(sb, pos + done, &run);
    if (run > n - done)
      run = n - done;
    if (copy(p, done, run, arg) < 0)
      return -EFAULT; // tail not moved: the message never existed
    done += run;
  }
  sb->tail = pos + n;
  return 0;
}

int sb_getrec(struct sockbuf *sb, int user, uint64_t dst, uint32_t n, int peek,
              void *addr, uint32_t *alen, uint32_t *full) {
  if (sb_len(sb) == 0)
    return -EAGAIN;
  struct rechdr h;
  ring_copy(sb, sb->head, &h, sizeof(h), 0);
  uint64_t pos = sb->head + sizeof(h);
  uint32_t acopy = h.alen < *alen ? h.alen : *alen;
  ring_copy(sb, pos, addr, acopy, 0);
  *alen = h.alen;
  pos += h.alen;
  uint32_t m = n < h.len ? n : h.len;
  for (uint32_t done = 0; done < m;) {
    uint32_t run;
    char *p = sb_at(sb, pos + done, &run);
    if (run > m - done)
      run = m - done;
    if (sb_copyout(user, dst + done, p, run) < 0)
      return -EFAULT;
    done += run;
  }
  *full = h.len;
  if (!peek)
    sb->head = pos + h.len;
  return m;
}
