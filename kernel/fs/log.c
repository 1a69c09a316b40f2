// kernel/fs/log.c: the write-ahead log that makes file-system calls
// crash-safe.
//
// A system call brackets its writes with begin_op()/end_op(), and uses
// log_write() instead of bwrite(). Nothing reaches its home location
// until the whole transaction is in the log and the log header says so
// (the commit point); after a crash, recover_from_log() replays a
// committed log and ignores an uncommitted one. Several calls may be in
// one transaction (group commit): the last end_op() commits.
//
// On disk: [header: n, block numbers][logged block 1]...[block n].
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../buf.h"
#include "../defs.h"

static struct {
  struct spinlock lock; // protects outstanding, committing, lh
  int start;            // [i] block of the log header
  int size;             // [i] blocks in the log, header included
  int outstanding;      // calls inside begin_op/end_op
  int committing;       // a commit() is writing
  int dev;              // [i]
  struct logheader lh;  // in-memory copy of the header
} log;

static void recover_from_log(void);
static void commit(void);

void initlog(int dev, struct superblock *sb) {
  initlock(&log.lock, "log");
  log.start = sb->logstart;
  log.size = sb->nlog;
  log.dev = dev;
  if (log.size - 1 < LOGBLOCKS)
    panic("initlog: log too small");
  recover_from_log();
}

// Copy committed blocks from the log to their home locations.
static void install_trans(int recovering) {
  for (uint i = 0; i < log.lh.n; i++) {
    struct buf *lbuf = bread(log.dev, log.start + 1 + i);
    struct buf *dbuf = bread(log.dev, log.lh.block[i]);
    memmove(dbuf->data, lbuf->data, BSIZE);
    bwrite(dbuf);
    if (!recovering)
      bunpin(dbuf);
    brelse(lbuf);
    brelse(dbuf);
  }
}

static void read_head(void) {
  struct buf *b = bread(log.dev, log.start);
  memmove(&log.lh, b->data, sizeof(log.lh));
  brelse(b);
  if (log.lh.n > LOGBLOCKS)
    panic("log header: bad count %d", log.lh.n);
}

// Write the in-memory header to disk. Writing a non-zero count is the
// commit point of a transaction.
static void write_head(void) {
  struct buf *b = bread(log.dev, log.start);
  memmove(b->data, &log.lh, sizeof(log.lh));
  bwrite(b);
  brelse(b);
}

static void recover_from_log(void) {
  read_head();
  install_trans(1);
  log.lh.n = 0;
  write_head();
}

// Start a file-system call: wait until the log has room for its
// worst case (MAXOPBLOCKS) and no commit is running.
void begin_op(void) {
  acquire(&log.lock);
  for (;;) {
    if (log.committing ||
        log.lh.n + (log.outstanding + 1) * MAXOPBLOCKS > LOGBLOCKS) {
      sleep(&log, &log.lock);
    } else {
      log.outstanding++;
      release(&log.lock);
      return;
    }
  }
}

// End a file-system call; the last one out commits.
void end_op(void) {
  int docommit = 0;
  acquire(&log.lock);
  log.outstanding--;
  if (log.committing)
    panic("end_op: committing");
  if (log.outstanding == 0) {
    docommit = 1;
    log.committing = 1;
  } else {
    wakeup(&log); // begin_op may be waiting for room we just freed
  }
  release(&log.lock);

  if (docommit) {
    commit(); // sleeps on the disk: no spinlock held
    acquire(&log.lock);
    log.committing = 0;
    wakeup(&log);
    release(&log.lock);
  }
}

// Copy the modified blocks from the cache into the log area.
static void write_log(void) {
  for (uint i = 0; i < log.lh.n; i++) {
    struct buf *to = bread(log.dev, log.start + 1 + i);
    struct buf *from = bread(log.dev, log.lh.block[i]);
    memmove(to->data, from->data, BSIZE);
    bwrite(to);
    brelse(from);
    brelse(to);
  }
}

static void commit(void) {
  if (log.lh.n == 0)
    return;
  write_log();
  write_head(); // the commit point
  install_trans(0);
  log.lh.n = 0;
  write_head(); // the transaction is done: forget it
}

// Record that b was modified in this transaction. b stays pinned in
// the cache until the commit writes it home. Replaces bwrite():
//   b = bread(...); modify b->data; log_write(b); brelse(b);
void log_write(struct buf *b) {
  acquire(&log.lock);
  if (log.lh.n >= LOGBLOCKS || log.lh.n >= (uint)log.size - 1)
    panic("log_write: transaction too big");
  if (log.outstanding < 1)
    panic("log_write outside of a transaction");
  uint i;
  for (i = 0; i < log.lh.n; i++)
    if (log.lh.block[i] == b->blockno)
      break; // already logged: absorb the write
  if (i == log.lh.n) {
    log.lh.block[i] = b->blockno;
    log.lh.n++;
    bpin(b);
  }
  release(&log.lock);
}
