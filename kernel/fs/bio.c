// kernel/fs/bio.c: the buffer cache. Keeps recently used disk blocks in
// memory and makes sure only one kernel thread uses a block at a time.
//
// Interface: bread() returns a locked buffer holding the block;
// bwrite() writes it to disk; brelse() unlocks and releases it. A
// buffer must not be used after brelse(). bpin/bunpin keep a buffer
// in the cache while the log holds it.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../buf.h"
#include "../defs.h"

static struct {
  struct spinlock lock; // protects the list and every refcnt, dev, blockno
  struct buf buf[NBUF];
  struct buf head; // circular list, head.next most recently used
} bcache;

void binit(void) {
  initlock(&bcache.lock, "bcache");
  bcache.head.prev = bcache.head.next = &bcache.head;
  for (struct buf *b = bcache.buf; b < bcache.buf + NBUF; b++) {
    initsleeplock(&b->lock, "buffer");
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
  }
}

// The buffer for (dev, blockno), locked. Recycles the least recently
// used free buffer if the block is not cached.
static struct buf *bget(uint dev, uint blockno) {
  struct buf *b;
  acquire(&bcache.lock);
  for (b = bcache.head.next; b != &bcache.head; b = b->next) {
    if (b->dev == dev && b->blockno == blockno) {
      b->refcnt++;
      release(&bcache.lock);
      acquiresleep(&b->lock);
      return b;
    }
  }
  for (b = bcache.head.prev; b != &bcache.head; b = b->prev) {
    if (b->refcnt == 0) {
      b->dev = dev;
      b->blockno = blockno;
      b->valid = 0;
      b->refcnt = 1;
      release(&bcache.lock);
      acquiresleep(&b->lock);
      return b;
    }
  }
  // Every buffer is in use: the log and the callers together can hold
  // at most a bounded number, so this is a kernel bug.
  panic("bget: no buffers");
}

struct buf *bread(uint dev, uint blockno) {
  struct buf *b = bget(dev, blockno);
  if (!b->valid) {
    virtio_disk_rw(b, 0);
    b->valid = 1;
  }
  return b;
}

// Write b to disk; the caller holds b->lock.
void bwrite(struct buf *b) {
  if (!holdingsleep(&b->lock))
    panic("bwrite");
  virtio_disk_rw(b, 1);
}

// Release a locked buffer and move it to the front of the LRU list.
void brelse(struct buf *b) {
  if (!holdingsleep(&b->lock))
    panic("brelse");
  releasesleep(&b->lock);
  acquire(&bcache.lock);
  b->refcnt--;
  if (b->refcnt == 0) {
    b->next->prev = b->prev;
    b->prev->next = b->next;
    b->next = bcache.head.next;
    b->prev = &bcache.head;
    bcache.head.next->prev = b;
    bcache.head.next = b;
  }
  release(&bcache.lock);
}

void bpin(struct buf *b) {
  acquire(&bcache.lock);
  b->refcnt++;
  release(&bcache.lock);
}

void bunpin(struct buf *b) {
  acquire(&bcache.lock);
  b->refcnt--;
  release(&bcache.lock);
}
