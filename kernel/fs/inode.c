// kernel/fs/inode.c: blocks and inodes.
//
// Layers, bottom up: block allocation (the free bitmap); inodes (an
// in-memory cache of on-disk dinodes, each with a sleeplock); a file's
// content through its block map (NDIRECT direct blocks, one indirect,
// one double indirect).
//
// Inode life cycle: iget() finds or makes a cache entry (ref++), ilock()
// reads it from disk and locks it, iunlock() unlocks, iput() drops the
// reference and, for the last reference to an inode with no links,
// frees it on disk. Calls that may write the disk (iput, iupdate,
// writei, itrunc, ialloc) must be inside begin_op/end_op.
#include <netv6/stat.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../buf.h"
#include "../file.h"
#include "../defs.h"

struct superblock sb; // [i] after fsinit

#define min(a, b) ((a) < (b) ? (a) : (b))

void fsinit(int dev) {
  struct buf *b = bread(dev, 1);
  memmove(&sb, b->data, sizeof(sb));
  brelse(b);
  if (sb.magic != FSMAGIC)
    panic("fsinit: bad file system magic %x", sb.magic);
  initlog(dev, &sb);
}

static void bzero(int dev, uint bno) {
  struct buf *b = bread(dev, bno);
  memset(b->data, 0, BSIZE);
  log_write(b);
  brelse(b);
}

// --- blocks -------------------------------------------------------------

static struct spinlock hintlock;
static uint bhint; // [hintlock] where the last search ended

// Allocate a zeroed block; 0 if the disk is full.
static uint balloc(uint dev) {
  acquire(&hintlock);
  uint start = bhint;
  release(&hintlock);
  for (uint n = 0; n < sb.size; n += BPB) {
    // Visit bitmap blocks round-robin, starting with the hinted one.
    uint base = ((start / BPB) * BPB + n) % (((sb.size + BPB - 1) / BPB) * BPB);
    struct buf *bp = bread(dev, BBLOCK(base, sb));
    for (uint bi = 0; bi < BPB && base + bi < sb.size; bi++) {
      uchar mask = 1 << (bi % 8);
      if ((bp->data[bi / 8] & mask) == 0) {
        bp->data[bi / 8] |= mask;
        log_write(bp);
        brelse(bp);
        bzero(dev, base + bi);
        acquire(&hintlock);
        bhint = base + bi;
        release(&hintlock);
        return base + bi;
      }
    }
    brelse(bp);
  }
  return 0;
}

static void bfree(int dev, uint b) {
  struct buf *bp = bread(dev, BBLOCK(b, sb));
  uchar mask = 1 << (b % BPB % 8);
  if ((bp->data[(b % BPB) / 8] & mask) == 0)
    panic("bfree: block %d already free", b);
  bp->data[(b % BPB) / 8] &= ~mask;
  log_write(bp);
  brelse(bp);
}

// --- the inode cache ---------------------------------------------------

static struct {
  struct spinlock lock; // protects dev, inum, ref of every entry
  struct inode inode[NINODE];
} icache;

void iinit(void) {
  initlock(&icache.lock, "icache");
  initlock(&hintlock, "bhint");
  for (int i = 0; i < NINODE; i++)
    initsleeplock(&icache.inode[i].lock, "inode");
}

// The cache entry for (dev, inum), unlocked, not read from disk yet.
// 0 if the cache is full.
struct inode *iget(uint dev, uint inum) {
  struct inode *empty = 0;
  acquire(&icache.lock);
  for (struct inode *ip = icache.inode; ip < &icache.inode[NINODE]; ip++) {
    if (ip->ref > 0 && ip->dev == dev && ip->inum == inum) {
      ip->ref++;
      release(&icache.lock);
      return ip;
    }
    if (empty == 0 && ip->ref == 0)
      empty = ip;
  }
  if (empty) {
    empty->dev = dev;
    empty->inum = inum;
    empty->ref = 1;
    empty->valid = 0;
  }
  release(&icache.lock);
  return empty;
}

// Allocate an inode of the given type on dev. Returns it referenced
// and unlocked; 0 if there are no free inodes (or no cache entry).
struct inode *ialloc(uint dev, short type) {
  for (uint inum = 1; inum < sb.ninodes; inum++) {
    struct buf *bp = bread(dev, IBLOCK(inum, sb));
    struct dinode *dip = (struct dinode *)bp->data + inum % IPB;
    if (dip->type == 0) {
      memset(dip, 0, sizeof(*dip));
      dip->type = type;
      log_write(bp);
      brelse(bp);
      return iget(dev, inum);
    }
    brelse(bp);
  }
  return 0;
}

// Write a modified in-memory inode to disk. ip->lock held.
void iupdate(struct inode *ip) {
  if (ip->dev == NETDEV)
    panic("iupdate: /net inode %x", ip->inum); // callers refuse /net first
  struct buf *bp = bread(ip->dev, IBLOCK(ip->inum, sb));
  struct dinode *dip = (struct dinode *)bp->data + ip->inum % IPB;
  dip->type = ip->type;
  dip->major = ip->major;
  dip->minor = ip->minor;
  dip->nlink = ip->nlink;
  dip->size = ip->size;
  memmove(dip->addrs, ip->addrs, sizeof(ip->addrs));
  log_write(bp);
  brelse(bp);
}

struct inode *idup(struct inode *ip) {
  acquire(&icache.lock);
  ip->ref++;
  release(&icache.lock);
  return ip;
}

// Lock ip, reading it from disk (or, for /net, the netfs tree) if needed.
void ilock(struct inode *ip) {
  if (ip == 0 || ip->ref < 1)
    panic("ilock");
  acquiresleep(&ip->lock);
  if (!ip->valid && ip->dev == NETDEV) {
    netfs_iload(ip);
  } else if (!ip->valid) {
    struct buf *bp = bread(ip->dev, IBLOCK(ip->inum, sb));
    struct dinode *dip = (struct dinode *)bp->data + ip->inum % IPB;
    ip->type = dip->type;
    ip->major = dip->major;
    ip->minor = dip->minor;
    ip->nlink = dip->nlink;
    ip->size = dip->size;
    memmove(ip->addrs, dip->addrs, sizeof(ip->addrs));
    brelse(bp);
    ip->valid = 1;
    if (ip->type == 0)
      panic("ilock: inode %d has no type", ip->inum);
  }
}

void iunlock(struct inode *ip) {
  if (ip == 0 || !holdingsleep(&ip->lock) || ip->ref < 1)
    panic("iunlock");
  releasesleep(&ip->lock);
}

// Drop a reference. The last reference to an inode with no links
// frees its blocks and the inode itself. Inside a transaction.
void iput(struct inode *ip) {
  acquire(&icache.lock);
  if (ip->ref == 1 && ip->valid && ip->nlink == 0) {
    // Nobody else can find it (no links) or hold it (ref 1), so
    // taking its lock cannot block.
    acquiresleep(&ip->lock);
    release(&icache.lock);
    itrunc(ip);
    ip->type = 0;
    iupdate(ip);
    ip->valid = 0;
    releasesleep(&ip->lock);
    acquire(&icache.lock);
  }
  ip->ref--;
  release(&icache.lock);
}

void iunlockput(struct inode *ip) {
  iunlock(ip);
  iput(ip);
}

int ninodes(void) {
  int n = 0;
  acquire(&icache.lock);
  for (int i = 0; i < NINODE; i++)
    if (icache.inode[i].ref > 0)
      n++;
  release(&icache.lock);
  return n;
}

// --- a file's blocks ---------------------------------------------------

// Entry i of the indirect block at *slot, allocating the indirect block
// and the entry's block if they are missing. Returns the block
// number, or 0 if the disk is full.
static uint indirect(struct inode *ip, uint *slot, uint i) {
  if (*slot == 0 && (*slot = balloc(ip->dev)) == 0)
    return 0;
  struct buf *bp = bread(ip->dev, *slot);
  uint *a = (uint *)bp->data;
  uint addr = a[i];
  if (addr == 0 && (addr = balloc(ip->dev)) != 0) {
    a[i] = addr;
    log_write(bp);
  }
  brelse(bp);
  return addr;
}

// The disk block holding block bn of the file, allocated if missing.
// 0 if the disk is full or bn is beyond MAXFILE. ip->lock held.
static uint bmap(struct inode *ip, uint bn) {
  if (bn < NDIRECT) {
    if (ip->addrs[bn] == 0)
      ip->addrs[bn] = balloc(ip->dev);
    return ip->addrs[bn];
  }
  bn -= NDIRECT;
  if (bn < NINDIRECT)
    return indirect(ip, &ip->addrs[NDIRECT], bn);
  bn -= NINDIRECT;
  if (bn < NDINDIRECT) {
    // First level: which indirect block; second: the entry in it.
    if (ip->addrs[NDIRECT + 1] == 0 &&
        (ip->addrs[NDIRECT + 1] = balloc(ip->dev)) == 0)
      return 0;
    struct buf *bp = bread(ip->dev, ip->addrs[NDIRECT + 1]);
    uint *a = (uint *)bp->data;
    uint mid = a[bn / NINDIRECT];
    int fresh = mid == 0;
    if (fresh && (mid = balloc(ip->dev)) != 0) {
      a[bn / NINDIRECT] = mid;
      log_write(bp);
    }
    brelse(bp);
    if (mid == 0)
      return 0;
    return indirect(ip, &mid, bn % NINDIRECT);
  }
  return 0;
}

// Free every block an indirect block points to (depth 1), or the
// blocks below each of its entries (depth 2), then the block itself.
static void freeindirect(uint dev, uint addr, int depth) {
  struct buf *bp = bread(dev, addr);
  uint *a = (uint *)bp->data;
  for (uint j = 0; j < NINDIRECT; j++) {
    if (a[j] == 0)
      continue;
    if (depth > 1)
      freeindirect(dev, a[j], depth - 1);
    else
      bfree(dev, a[j]);
  }
  brelse(bp);
  bfree(dev, addr);
}

// Free all of a file's blocks. ip->lock held, inside a transaction.
// Even for a big file this logs few blocks: the bitmap blocks (log
// writes to one block are absorbed) and the inode.
void itrunc(struct inode *ip) {
  if (ip->dev == NETDEV)
    panic("itrunc: /net inode %x", ip->inum);
  for (int i = 0; i < NDIRECT; i++) {
    if (ip->addrs[i]) {
      bfree(ip->dev, ip->addrs[i]);
      ip->addrs[i] = 0;
    }
  }
  if (ip->addrs[NDIRECT]) {
    freeindirect(ip->dev, ip->addrs[NDIRECT], 1);
    ip->addrs[NDIRECT] = 0;
  }
  if (ip->addrs[NDIRECT + 1]) {
    freeindirect(ip->dev, ip->addrs[NDIRECT + 1], 2);
    ip->addrs[NDIRECT + 1] = 0;
  }
  ip->size = 0;
  iupdate(ip);
}

void stati(struct inode *ip, struct stat *st) {
  if (ip->dev == NETDEV) {
    netfs_stati(ip, st);
    return;
  }
  memset(st, 0, sizeof(*st));
  st->st_dev = ip->dev;
  st->st_ino = ip->inum;
  st->st_type = ip->type;
  st->st_nlink = ip->nlink;
  st->st_size = ip->size;
  switch (ip->type) {
  case T_DIR:
    st->st_mode = S_IFDIR | 0755;
    break;
  case T_FILE:
    st->st_mode = S_IFREG | 0644;
    break;
  case T_DEVICE:
    st->st_mode = S_IFCHR | 0666;
    st->st_rdev = (uint)ip->major << 16 | (ushort)ip->minor;
    break;
  case T_SOCK:
    st->st_mode = S_IFSOCK | 0777;
    break;
  }
}

// Read up to n bytes at offset off into dst (a user address if
// user_dst). Returns the count read (short at end of file) or -EFAULT;
// -EINVAL for a /net inode, whose text only an open file reads. ip->lock
// held.
int readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n) {
  if (ip->dev == NETDEV)
    return -EINVAL;
  if (off > ip->size || off + n < off)
    return 0;
  if (off + n > ip->size)
    n = ip->size - off;
  uint tot = 0;
  while (tot < n) {
    uint addr = bmap(ip, off / BSIZE);
    if (addr == 0)
      break;
    struct buf *bp = bread(ip->dev, addr);
    uint m = min(n - tot, BSIZE - off % BSIZE);
    int err = either_copyout(user_dst, dst, bp->data + off % BSIZE, m);
    brelse(bp);
    if (err < 0)
      return tot > 0 ? (int)tot : err;
    tot += m;
    off += m;
    dst += m;
  }
  return tot;
}

// Write n bytes from src at offset off. Returns the count written, or
// -EFAULT / -ENOSPC / -EFBIG / -EINVAL if nothing was (-EROFS: /net).
// ip->lock held, inside a transaction; n must fit one transaction (see
// filewrite).
int writei(struct inode *ip, int user_src, uint64 src, uint off, uint n) {
  if (ip->dev == NETDEV)
    return -EROFS;
  if (off > ip->size || off + n < off)
    return -EINVAL;
  if ((uint64)off + n > (uint64)MAXFILE * BSIZE)
    return -EFBIG;
  uint tot = 0;
  int err = 0;
  while (tot < n) {
    uint addr = bmap(ip, off / BSIZE);
    if (addr == 0) {
      err = -ENOSPC;
      break;
    }
    struct buf *bp = bread(ip->dev, addr);
    uint m = min(n - tot, BSIZE - off % BSIZE);
    err = either_copyin(bp->data + off % BSIZE, user_src, src, m);
    if (err < 0) {
      brelse(bp);
      break;
    }
    log_write(bp);
    brelse(bp);
    tot += m;
    off += m;
    src += m;
  }
  if (off > ip->size)
    ip->size = off;
  iupdate(ip); // bmap may have changed addrs[] even if size did not
  return tot > 0 ? (int)tot : err;
}
