// kernel/net/netbuf.c: packet buffers with headroom, chains, queues,
// and the count of buffers in use.
#include <netv6/errno.h>
#include "netbuf.h"

// The storage functions and counters. The functions and the limit are
// set once at boot, before any buffer exists; the counters change with
// atomic operations only.
static void *(*store_alloc)(void);
static void (*store_free)(void *);
static uint32_t limit;
static uint32_t inuse, peak;
static uint64_t allocs, drops;

#define ATOMIC_ADD(p, v) __atomic_add_fetch((p), (v), __ATOMIC_RELAXED)
#define ATOMIC_SUB(p, v) __atomic_sub_fetch((p), (v), __ATOMIC_RELAXED)
#define ATOMIC_LOAD(p) __atomic_load_n((p), __ATOMIC_RELAXED)

void nb_init(void *(*alloc)(void), void (*free)(void *), uint32_t max) {
  store_alloc = alloc;
  store_free = free;
  limit = max;
}

static void notepeak(uint32_t n) {
  uint32_t old = ATOMIC_LOAD(&peak);
  while (n > old && !__atomic_compare_exchange_n(
                        &peak, &old, n, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
    ;
}

// One block: counted against the limit first, so two harts racing for
// the last buffer cannot both pass.
static struct netbuf *block(void) {
  uint32_t n = ATOMIC_ADD(&inuse, 1);
  void *p = 0;
  if ((limit == 0 || n <= limit) && store_alloc != 0)
    p = store_alloc();
  if (p == 0) {
    ATOMIC_SUB(&inuse, 1);
    ATOMIC_ADD(&drops, 1);
    return 0;
  }
  notepeak(n);
  ATOMIC_ADD(&allocs, 1);
  struct netbuf *nb = p;
  nb->next = nb->more = 0;
  nb->data = nb->buf;
  nb->len = 0;
  return nb;
}

struct netbuf *nb_alloc(uint32_t headroom, uint32_t len) {
  if (headroom > NB_CAP || len > NB_CAP - headroom)
    return 0;
  struct netbuf *nb = block();
  if (nb == 0)
    return 0;
  nb->data = nb->buf + headroom;
  nb->len = len;
  return nb;
}

struct netbuf *nb_alloc_chain(uint32_t headroom, uint32_t len) {
  if (headroom > NB_CAP)
    return 0;
  uint32_t first = NB_CAP - headroom;
  if (first > len)
    first = len;
  struct netbuf *head = nb_alloc(headroom, first);
  if (head == 0)
    return 0;
  struct netbuf *last = head;
  for (len -= first; len > 0; len -= last->len) {
    struct netbuf *nb = block();
    if (nb == 0) {
      nb_free(head);
      return 0;
    }
    nb->len = len < NB_CAP ? len : NB_CAP;
    last->more = nb;
    last = nb;
  }
  return head;
}

void nb_free(struct netbuf *nb) {
  while (nb != 0) {
    struct netbuf *more = nb->more;
    store_free(nb);
    ATOMIC_SUB(&inuse, 1);
    nb = more;
  }
}

uint8_t *nb_push(struct netbuf *nb, uint32_t n) {
  if (n > nb_headroom(nb))
    return 0;
  nb->data -= n;
  nb->len += n;
  return nb->data;
}

uint8_t *nb_pull(struct netbuf *nb, uint32_t n) {
  if (n > nb->len)
    return 0;
  nb->data += n;
  nb->len -= n;
  return nb->data;
}

uint8_t *nb_put(struct netbuf *nb, uint32_t n) {
  if (n > nb_tailroom(nb))
    return 0;
  uint8_t *p = nb->data + nb->len;
  nb->len += n;
  return p;
}

uint32_t nb_totlen(const struct netbuf *nb) {
  uint32_t n = 0;
  for (; nb != 0; nb = nb->more)
    n += nb->len;
  return n;
}

int nb_trim(struct netbuf *nb, uint32_t len) {
  if (len > nb_totlen(nb))
    return -EINVAL;
  struct netbuf *b = nb;
  while (len > b->len) { // b holds the last byte kept
    len -= b->len;
    b = b->more;
  }
  b->len = len; // b is nb, or holds at least one byte kept
  nb_free(b->more);
  b->more = 0;
  return 0;
}

void nb_cat(struct netbuf *nb, struct netbuf *tail) {
  while (nb->more != 0)
    nb = nb->more;
  nb->more = tail;
}

int nb_pullup(struct netbuf *nb, uint32_t n) {
  if (n <= nb->len)
    return 0;
  if (n > nb_totlen(nb))
    return -EINVAL;
  if (n - nb->len > nb_tailroom(nb))
    return -ENOBUFS;
  while (nb->len < n) {
    struct netbuf *b = nb->more;
    uint32_t take = n - nb->len;
    if (take > b->len)
      take = b->len;
    net_copy(nb->data + nb->len, b->data, take);
    nb->len += take;
    nb_pull(b, take);
    if (b->len == 0) {
      nb->more = b->more;
      b->more = 0;
      nb_free(b);
    }
  }
  return 0;
}

// Call fn on each contiguous run of [off, off + n) of the packet.
// Returns -EINVAL (before any call) if the range is not inside it.
static int nb_walk(const struct netbuf *nb, uint32_t off, uint32_t n,
                   void (*fn)(uint8_t *run, uint32_t len, void *arg),
                   void *arg) {
  uint32_t total = nb_totlen(nb);
  if (off > total || n > total - off)
    return -EINVAL;
  for (; n > 0; nb = nb->more) {
    if (off >= nb->len) {
      off -= nb->len;
      continue;
    }
    uint32_t run = nb->len - off;
    if (run > n)
      run = n;
    fn(nb->data + off, run, arg);
    off = 0;
    n -= run;
  }
  return 0;
}

static void runout(uint8_t *run, uint32_t len, void *arg) {
  uint8_t **dst = arg;
  net_copy(*dst, run, len);
  *dst += len;
}

static void runin(uint8_t *run, uint32_t len, void *arg) {
  const uint8_t **src = arg;
  net_copy(run, *src, len);
  *src += len;
}

static void runsum(uint8_t *run, uint32_t len, void *arg) {
  cksum_add(arg, run, len);
}

int nb_copyout(const struct netbuf *nb, uint32_t off, void *dst, uint32_t n) {
  uint8_t *d = dst;
  return nb_walk(nb, off, n, runout, &d);
}

int nb_copyin(struct netbuf *nb, uint32_t off, const void *src, uint32_t n) {
  const uint8_t *s = src;
  return nb_walk(nb, off, n, runin, &s);
}

int nb_cksum(const struct netbuf *nb, uint32_t off, uint32_t n,
             struct cksum *c) {
  return nb_walk(nb, off, n, runsum, c);
}

void nb_stats(struct nbstats *st) {
  st->inuse = ATOMIC_LOAD(&inuse);
  st->peak = ATOMIC_LOAD(&peak);
  st->limit = limit;
  st->allocs = ATOMIC_LOAD(&allocs);
  st->drops = ATOMIC_LOAD(&drops);
}

uint32_t nb_inuse(void) { return ATOMIC_LOAD(&inuse); }

void nbq_put(struct nbqueue *q, struct netbuf *nb) {
  nb->next = 0;
  if (q->tail != 0)
    q->tail->next = nb;
  else
    q->head = nb;
  q->tail = nb;
  q->count++;
}

struct netbuf *nbq_get(struct nbqueue *q) {
  struct netbuf *nb = q->head;
  if (nb == 0)
    return 0;
  q->head = nb->next;
  if (q->head == 0)
    q->tail = 0;
  nb->next = 0;
  q->count--;
  return nb;
}

void nbq_purge(struct nbqueue *q) {
  struct netbuf *nb;
  while ((nb = nbq_get(q)) != 0)
    nb_free(nb);
}
