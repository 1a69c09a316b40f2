// mkfs/fsimage.c: core of the in-memory image (see fsimage.h):
// adopting and validating an image, block and inode access, the bitmap,
// block allocation, block mapping, file read/write and directory search.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/stat.h>

#include "fsimage.h"
#include "fsint.h"

const char *fs_strerror(int err) {
  switch (err) {
  case 0:
    return "no error";
  case FSE_NOENT:
    return "no such file or directory";
  case FSE_EXIST:
    return "already exists";
  case FSE_NOTDIR:
    return "not a directory";
  case FSE_ISDIR:
    return "is a directory";
  case FSE_NAMELEN:
    return "name longer than DIRSIZ (30) characters";
  case FSE_FBIG:
    return "file too large (more than MAXFILE blocks)";
  case FSE_NOSPC:
    return "image full (no free data blocks)";
  case FSE_NOINODE:
    return "too many files (no free inodes)";
  case FSE_INVAL:
    return "invalid argument";
  case FSE_CORRUPT:
    return "corrupt image";
  case FSE_IO:
    return "I/O error";
  case FSE_NOMEM:
    return "out of memory";
  }
  return "unknown error";
}

int fs_fail(struct fsimg *fs, int err, const char *fmt, ...) {
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(fs->why, sizeof fs->why, fmt, ap);
  va_end(ap);
  return err;
}

uint32_t fs_divup(uint64_t a, uint32_t b) {
  return (uint32_t)((a + b - 1) / b);
}

// Count free inodes and data blocks, for the allocators' pre-checks.
void fs_count(struct fsimg *fs) {
  fs->nfree = 0;
  for (uint32_t b = fs->datastart; b < fs->sb.size; b++)
    if (!fs_getbit(fs, b))
      fs->nfree++;
  fs->ifree = 0;
  for (uint32_t i = 1; i < fs->sb.ninodes; i++)
    if (fs_inode(fs, i)->type == 0)
      fs->ifree++;
  fs->bhint = fs->datastart;
  fs->ihint = 1;
}

// Reason the superblock sb cannot describe an image of nblk blocks, or
// NULL if every region lies inside the image, in order, without overlap.
static const char *badsuper(const struct superblock *sb, uint64_t nblk) {
  uint64_t inodeend, bmapend;

  if (sb->magic != FSMAGIC)
    return "bad magic number";
  if (sb->size < 3 || sb->size > nblk)
    return "size outside the image file";
  if (sb->ninodes < 2 || sb->ninodes > 65536)
    return "ninodes out of range";
  if (sb->logstart < 2 || sb->nlog < 1 ||
      (uint64_t)sb->logstart + sb->nlog > sb->inodestart)
    return "log overlaps the superblock or the inodes";
  if (sb->nlog - 1 > LOGBLOCKS)
    return "log larger than LOGBLOCKS";
  inodeend = (uint64_t)sb->inodestart + fs_divup(sb->ninodes, IPB);
  if (inodeend > sb->bmapstart)
    return "inodes overlap the bitmap";
  bmapend = (uint64_t)sb->bmapstart + fs_divup(sb->size, BPB);
  if (sb->nblocks > sb->size || bmapend > (uint64_t)sb->size - sb->nblocks)
    return "bitmap overlaps the data blocks or the image end";
  return NULL;
}

int fs_frombytes(void *data, size_t len, struct fsimg **out, char *why,
                 size_t whylen) {
  struct superblock sb;
  struct fsimg *fs;
  const char *bad = NULL;

  *out = NULL;
  if (len < 2 * BSIZE) {
    bad = "image shorter than two blocks";
  } else {
    memcpy(&sb, (uint8_t *)data + BSIZE, sizeof sb);
    bad = badsuper(&sb, len / BSIZE);
  }
  if (bad) {
    if (why)
      snprintf(why, whylen, "superblock: %s", bad);
    free(data);
    return FSE_CORRUPT;
  }
  fs = calloc(1, sizeof *fs);
  if (!fs) {
    free(data);
    return FSE_NOMEM;
  }
  fs->data = data;
  fs->sb = sb;
  fs->datastart = sb.size - sb.nblocks;
  fs_count(fs);
  *out = fs;
  return 0;
}

void fs_free(struct fsimg *fs) {
  if (!fs)
    return;
  free(fs->data);
  free(fs);
}

uint8_t *fs_block(struct fsimg *fs, uint32_t b) {
  if (b >= fs->sb.size)
    return NULL;
  return fs->data + (size_t)b * BSIZE;
}

struct dinode *fs_inode(struct fsimg *fs, uint32_t inum) {
  if (inum == 0 || inum >= fs->sb.ninodes)
    return NULL;
  return (struct dinode *)fs_block(fs, IBLOCK(inum, fs->sb)) + inum % IPB;
}

int fs_getbit(struct fsimg *fs, uint32_t b) {
  uint8_t *bp = fs_block(fs, BBLOCK(b, fs->sb));

  return (bp[(b % BPB) / 8] >> (b % 8)) & 1;
}

void fs_setbit(struct fsimg *fs, uint32_t b, int used) {
  uint8_t *bp = fs_block(fs, BBLOCK(b, fs->sb));
  uint8_t m = 1 << (b % 8);

  if (used)
    bp[(b % BPB) / 8] |= m;
  else
    bp[(b % BPB) / 8] &= ~m;
}

// Allocate a zeroed data block, first fit from the hint, wrapping once.
static int balloc(struct fsimg *fs, uint32_t *out) {
  uint32_t n = fs->sb.size - fs->datastart;
  uint32_t b = fs->bhint;

  for (uint32_t i = 0; i < n; i++, b++) {
    if (b >= fs->sb.size)
      b = fs->datastart;
    if (!fs_getbit(fs, b)) {
      fs_setbit(fs, b, 1);
      memset(fs_block(fs, b), 0, BSIZE);
      fs->nfree--;
      fs->bhint = b + 1;
      *out = b;
      return 0;
    }
  }
  return fs_fail(fs, FSE_NOSPC, "no free data block");
}

// Follow the address in *p (allocating it if 0 and alloc is set).
static int follow(struct fsimg *fs, uint32_t *p, int alloc, uint32_t *out) {
  int r;

  if (*p == 0) {
    *out = 0;
    if (!alloc)
      return 0;
    if ((r = balloc(fs, p)) < 0)
      return r;
  } else if (*p < fs->datastart || *p >= fs->sb.size) {
    return fs_fail(fs, FSE_CORRUPT, "block address %u outside data area", *p);
  }
  *out = *p;
  return 0;
}

int fs_bmap(struct fsimg *fs, struct dinode *d, uint32_t fbn, int alloc,
            uint32_t *out) {
  uint32_t b, *tab;
  int r;

  *out = 0;
  if (fbn < NDIRECT)
    return follow(fs, &d->addrs[fbn], alloc, out);
  fbn -= NDIRECT;
  if (fbn < NINDIRECT) {
    if ((r = follow(fs, &d->addrs[NDIRECT], alloc, &b)) < 0 || b == 0)
      return r;
    tab = (uint32_t *)fs_block(fs, b);
    return follow(fs, &tab[fbn], alloc, out);
  }
  fbn -= NINDIRECT;
  if (fbn >= NDINDIRECT)
    return fs_fail(fs, FSE_FBIG, "file block beyond MAXFILE");
  if ((r = follow(fs, &d->addrs[NDIRECT + 1], alloc, &b)) < 0 || b == 0)
    return r;
  tab = (uint32_t *)fs_block(fs, b);
  if ((r = follow(fs, &tab[fbn / NINDIRECT], alloc, &b)) < 0 || b == 0)
    return r;
  tab = (uint32_t *)fs_block(fs, b);
  return follow(fs, &tab[fbn % NINDIRECT], alloc, out);
}

long fs_readi(struct fsimg *fs, struct dinode *d, uint64_t off, void *buf,
              size_t n) {
  uint8_t *dst = buf;
  size_t done = 0;
  uint32_t b;
  int r;

  if (off >= d->size)
    return 0;
  if (n > d->size - off)
    n = d->size - off;
  while (done < n) {
    uint32_t m = BSIZE - off % BSIZE;
    if (m > n - done)
      m = n - done;
    if ((r = fs_bmap(fs, d, off / BSIZE, 0, &b)) < 0)
      return r;
    if (b)
      memcpy(dst + done, fs_block(fs, b) + off % BSIZE, m);
    else
      memset(dst + done, 0, m);
    done += m;
    off += m;
  }
  return n;
}

long fs_writei(struct fsimg *fs, struct dinode *d, uint64_t off,
               const void *buf, size_t n) {
  const uint8_t *src = buf;
  size_t done = 0;
  uint32_t b;
  int r;

  if (off > d->size)
    return fs_fail(fs, FSE_INVAL, "write past the end of a file");
  if (off > (uint64_t)MAXFILE * BSIZE || n > (uint64_t)MAXFILE * BSIZE - off)
    return fs_fail(fs, FSE_FBIG, "file larger than MAXFILE blocks");
  while (done < n) {
    uint32_t m = BSIZE - off % BSIZE;
    if (m > n - done)
      m = n - done;
    if ((r = fs_bmap(fs, d, off / BSIZE, 1, &b)) < 0)
      return r;
    memcpy(fs_block(fs, b) + off % BSIZE, src + done, m);
    done += m;
    off += m;
    if (off > d->size)
      d->size = off;
  }
  return n;
}

int fs_namecmp(const char *dname, const char *name, size_t len) {
  if (memcmp(dname, name, len) != 0)
    return 1;
  return len < DIRSIZ && dname[len] != 0;
}

int fs_dirlookup(struct fsimg *fs, struct dinode *dp, const char *name,
                 size_t len) {
  struct dirent de;
  long r;

  if (dp->type != T_DIR)
    return fs_fail(fs, FSE_NOTDIR, "not a directory");
  for (uint64_t off = 0; off + sizeof de <= dp->size; off += sizeof de) {
    if ((r = fs_readi(fs, dp, off, &de, sizeof de)) < 0)
      return r;
    if (de.inum != 0 && fs_namecmp(de.name, name, len) == 0)
      return de.inum;
  }
  return 0;
}

uint32_t fs_fileblocks(uint64_t size) {
  uint64_t d = (size + BSIZE - 1) / BSIZE;
  uint64_t n = d;

  if (d > NDIRECT)
    n += 1;
  if (d > NDIRECT + NINDIRECT)
    n += 1 + (d - NDIRECT - NINDIRECT + NINDIRECT - 1) / NINDIRECT;
  return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

const char *fs_nextname(const char *p, const char **name, size_t *len) {
  while (*p == '/')
    p++;
  *name = p;
  while (*p && *p != '/')
    p++;
  *len = p - *name;
  return p;
}
