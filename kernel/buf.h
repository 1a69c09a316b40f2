// kernel/buf.h: a disk block held in the buffer cache (fs/bio.c).
#ifndef KERNEL_BUF_H
#define KERNEL_BUF_H

#include <netv6/fs.h>
#include "sleeplock.h"

// [c] bcache.lock must be held; [s] b->lock (sleeplock) must be held.
struct buf {
  int valid;    // [s] data holds the block's contents
  int disk;     // [s] owned by the disk driver while 1
  uint dev;     // [c]
  uint blockno; // [c]
  struct sleeplock lock;
  uint refcnt;       // [c]
  struct buf *prev;  // [c] LRU list, most recently used first
  struct buf *next;  // [c]
  uchar data[BSIZE]; // [s]
};

#endif
