// mkfs/fscheck.c: consistency check of an image (see fs_check in
// fsimage.h). Four passes: the superblock and log header; every
// allocated inode's blocks (addresses, blocks used twice, size against
// blocks); the directory tree from the root (entries, link counts,
// reachability); the bitmap against the blocks found in use.
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/stat.h>

#include "fsimage.h"
#include "fsint.h"

struct ctx {
  struct fsimg *fs;
  struct fsreport *r;
  uint32_t *owner;  // per block: the inode using it, 0 = none
  uint32_t *refs;   // per inode: entries naming it, "." excluded
  uint32_t *parent; // per inode: the directory it was reached from
  uint8_t *seen;    // per inode: directory reached by the tree walk
  int nomem;
};

static void problem(struct ctx *c, int kind, uint32_t inum, uint32_t block,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem(struct ctx *c, int kind, uint32_t inum, uint32_t block,
                    const char *fmt, ...) {
  struct fsreport *r = c->r;
  struct fsproblem *p;
  va_list ap;

  r->n++;
  if (r->kept >= FSCHECK_MAX)
    return;
  if ((r->kept & (r->kept - 1)) == 0) { // 0, 1, 2, 4, ...: grow
    p = realloc(r->p, (r->kept ? 2 * r->kept : 1) * sizeof *p);
    if (!p) {
      c->nomem = 1;
      return;
    }
    r->p = p;
  }
  p = &r->p[r->kept++];
  p->kind = kind;
  p->inum = inum;
  p->block = block;
  va_start(ap, fmt);
  vsnprintf(p->msg, sizeof p->msg, fmt, ap);
  va_end(ap);
}

static void checksuper(struct ctx *c) {
  struct fsimg *fs = c->fs;
  struct superblock *sb = &fs->sb;
  uint32_t n;

  if (sb->nlog != LOGBLOCKS + 1)
    problem(c, FSP_SUPER, 0, 1, "superblock: nlog %u, expected %d", sb->nlog,
            LOGBLOCKS + 1);
  if (sb->inodestart != sb->logstart + sb->nlog ||
      sb->bmapstart != sb->inodestart + fs_divup(sb->ninodes, IPB) ||
      fs->datastart != sb->bmapstart + fs_divup(sb->size, BPB))
    problem(c, FSP_SUPER, 0, 1, "superblock: regions not contiguous");
  memcpy(&n, fs_block(fs, sb->logstart), sizeof n);
  if (n > sb->nlog - 1)
    problem(c, FSP_LOG, 0, sb->logstart,
            "log header: n = %u, more than "
            "the %u log blocks",
            n, sb->nlog - 1);
  else if (n != 0)
    problem(c, FSP_LOG, 0, sb->logstart,
            "log header: %u blocks not yet "
            "installed (recovery pending)",
            n);
}

// Take note that inode inum uses block b. Returns 1 if b is a good
// address seen for the first time (safe to follow), else 0.
static int claim(struct ctx *c, uint32_t inum, uint32_t b) {
  struct fsimg *fs = c->fs;

  if (b < fs->datastart || b >= fs->sb.size) {
    problem(c, FSP_ADDR, inum, b,
            "inode %u: block address %u outside "
            "the data area [%u, %u)",
            inum, b, fs->datastart, fs->sb.size);
    return 0;
  }
  if (c->owner[b]) {
    problem(c, FSP_DUP, inum, b,
            "block %u used by inode %u and by "
            "inode %u",
            b, c->owner[b], inum);
    return 0;
  }
  c->owner[b] = inum;
  return 1;
}

struct walk {
  uint64_t need;    // data blocks the size calls for
  uint32_t present; // data blocks below need
  uint32_t beyond;  // data blocks at or past need
};

static void data(struct ctx *c, uint32_t inum, struct walk *w, uint64_t fbn,
                 uint32_t b) {
  if (b == 0)
    return;
  claim(c, inum, b);
  if (fbn < w->need)
    w->present++;
  else
    w->beyond++;
}

// An index block covering file blocks from first on. Returns its table
// if it can be followed, else NULL.
static uint32_t *indexblk(struct ctx *c, uint32_t inum, struct walk *w,
                          uint64_t first, uint32_t b) {
  if (b == 0)
    return NULL;
  if (first >= w->need)
    problem(c, FSP_SIZE, inum, b,
            "inode %u: index block %u past the end "
            "(size %u)",
            inum, b, fs_inode(c->fs, inum)->size);
  if (!claim(c, inum, b))
    return NULL;
  return (uint32_t *)fs_block(c->fs, b);
}

static void checkinode(struct ctx *c, uint32_t inum, struct dinode *d) {
  struct walk w = {.need = fs_divup(d->size, BSIZE)};
  uint32_t *tab, *tab2;
  uint64_t base;

  if (d->size > (uint64_t)MAXFILE * BSIZE)
    problem(c, FSP_SIZE, inum, 0,
            "inode %u: size %u beyond MAXFILE "
            "blocks",
            inum, d->size);
  for (uint32_t i = 0; i < NDIRECT; i++)
    data(c, inum, &w, i, d->addrs[i]);
  if ((tab = indexblk(c, inum, &w, NDIRECT, d->addrs[NDIRECT])) != NULL)
    for (uint32_t j = 0; j < NINDIRECT; j++)
      data(c, inum, &w, NDIRECT + j, tab[j]);
  base = NDIRECT + NINDIRECT;
  if ((tab = indexblk(c, inum, &w, base, d->addrs[NDIRECT + 1])) != NULL) {
    for (uint32_t j = 0; j < NINDIRECT; j++) {
      uint64_t first = base + (uint64_t)j * NINDIRECT;
      if ((tab2 = indexblk(c, inum, &w, first, tab[j])) == NULL)
        continue;
      for (uint32_t k = 0; k < NINDIRECT; k++)
        data(c, inum, &w, first + k, tab2[k]);
    }
  }
  if (w.beyond)
    problem(c, FSP_SIZE, inum, 0,
            "inode %u: %u data blocks past the end "
            "(size %u)",
            inum, w.beyond, d->size);
  if (w.present < w.need && d->size <= (uint64_t)MAXFILE * BSIZE)
    problem(c, FSP_SIZE, inum, 0,
            "inode %u: size %u needs %llu blocks, "
            "%u allocated (holes)",
            inum, d->size, (unsigned long long)w.need, w.present);
}

static int validtype(int type) {
  return type == T_DIR || type == T_FILE || type == T_DEVICE || type == T_SOCK;
}

static int bynames(const void *a, const void *b) {
  return memcmp(((const struct dirent *)a)->name,
                ((const struct dirent *)b)->name, DIRSIZ);
}

// Duplicate names among the n used entries in ents (sorted in place).
static void dupnames(struct ctx *c, uint32_t dir, struct dirent *ents,
                     size_t n) {
  qsort(ents, n, sizeof *ents, bynames);
  for (size_t i = 1; i < n; i++)
    if (bynames(&ents[i - 1], &ents[i]) == 0)
      problem(c, FSP_DIR, dir, 0,
              "directory %u: name \"%.*s\" appears "
              "twice",
              dir, DIRSIZ, ents[i].name);
}

// Check directory dir (reached from parent) and queue its children.
static void checkdir(struct ctx *c, uint32_t dir, uint32_t *queue,
                     uint32_t *tail) {
  struct fsimg *fs = c->fs;
  struct dinode *dp = fs_inode(fs, dir), *ip;
  uint64_t size = dp->size;
  struct dirent *ents, *de;
  size_t n, used = 0;
  uint32_t want;

  if (size % sizeof *de)
    problem(c, FSP_DIR, dir, 0,
            "directory %u: size %u not a multiple of "
            "%zu",
            dir, dp->size, sizeof *de);
  if (size > (uint64_t)MAXFILE * BSIZE)
    size = (uint64_t)MAXFILE * BSIZE;
  n = size / sizeof *de;
  if (!(ents = malloc(n * sizeof *de + 1))) {
    c->nomem = 1;
    return;
  }
  if (fs_readi(fs, dp, 0, ents, n * sizeof *de) < 0) {
    problem(c, FSP_DIR, dir, 0, "directory %u unreadable: %s", dir, fs->why);
    free(ents);
    return;
  }
  for (size_t i = 0; i < n; i++) {
    de = &ents[i];
    int dot = fs_namecmp(de->name, ".", 1) == 0;
    int dotdot = fs_namecmp(de->name, "..", 2) == 0;
    if (i < 2) {
      want = i == 0 ? dir : c->parent[dir];
      if (de->inum != want || (i == 0 ? !dot : !dotdot))
        problem(c, FSP_DIR, dir, 0,
                "directory %u: entry %zu should be "
                "\"%s\" -> %u, is \"%.*s\" -> %u",
                dir, i, i == 0 ? "." : "..", want, DIRSIZ, de->name, de->inum);
    } else if (de->inum && (dot || dotdot)) {
      problem(c, FSP_DIR, dir, 0, "directory %u: extra \"%.*s\" entry", dir,
              DIRSIZ, de->name);
    }
    if (de->inum == 0)
      continue;
    if (de->name[0] == 0 || memchr(de->name, '/', DIRSIZ))
      problem(c, FSP_DIR, dir, 0, "directory %u: bad name \"%.*s\"", dir,
              DIRSIZ, de->name);
    ip = fs_inode(fs, de->inum);
    if (!ip || ip->type == 0) {
      problem(c, FSP_DIR, dir, 0,
              "directory %u: \"%.*s\" names %s inode "
              "%u",
              dir, DIRSIZ, de->name, ip ? "free" : "out-of-range", de->inum);
      continue;
    }
    ents[used++] = *de;
    if (dot)
      continue;
    c->refs[de->inum]++;
    if (dotdot || ip->type != T_DIR)
      continue;
    if (c->seen[de->inum]) {
      problem(c, FSP_DIR, de->inum, 0,
              "directory %u linked twice (again "
              "as \"%.*s\" in %u)",
              de->inum, DIRSIZ, de->name, dir);
      continue;
    }
    c->seen[de->inum] = 1;
    c->parent[de->inum] = dir;
    queue[(*tail)++] = de->inum;
  }
  dupnames(c, dir, ents, used);
  free(ents);
}

// Walk the tree from the root; then compare link counts. Returns 0 if
// the root is not a directory (nothing is reachable then).
static int checktree(struct ctx *c) {
  struct fsimg *fs = c->fs;
  uint32_t head = 0, tail = 0, *queue;
  struct dinode *d;

  if (fs_inode(fs, ROOTINO)->type != T_DIR) {
    problem(c, FSP_DIR, ROOTINO, 0, "root inode %d is not a directory",
            ROOTINO);
    return 0;
  }
  if (!(queue = malloc(fs->sb.ninodes * sizeof *queue))) {
    c->nomem = 1;
    return 0;
  }
  c->seen[ROOTINO] = 1;
  c->parent[ROOTINO] = ROOTINO;
  queue[tail++] = ROOTINO;
  while (head < tail && !c->nomem)
    checkdir(c, queue[head++], queue, &tail);
  free(queue);

  for (uint32_t i = 1; i < fs->sb.ninodes; i++) {
    d = fs_inode(fs, i);
    if (!validtype(d->type))
      continue;
    if (c->refs[i] == 0)
      problem(c, FSP_UNREACH, i, 0,
              "inode %u (type %d, nlink %d) not "
              "reachable from /",
              i, d->type, d->nlink);
    else if (c->refs[i] != (uint32_t)d->nlink)
      problem(c, FSP_NLINK, i, 0,
              "inode %u: nlink %d, but %u entries "
              "name it",
              i, d->nlink, c->refs[i]);
  }
  return 1;
}

static void checkbitmap(struct ctx *c) {
  struct fsimg *fs = c->fs;

  for (uint32_t b = 0; b < fs->sb.size; b++) {
    int used = b < fs->datastart || c->owner[b] != 0;
    int bit = fs_getbit(fs, b);
    if (used && !bit && b < fs->datastart)
      problem(c, FSP_BMAPFREE, 0, b,
              "metadata block %u free in the "
              "bitmap",
              b);
    else if (used && !bit)
      problem(c, FSP_BMAPFREE, c->owner[b], b,
              "block %u in use by inode "
              "%u but free in the bitmap",
              b, c->owner[b]);
    else if (!used && bit)
      problem(c, FSP_BMAPLEAK, 0, b,
              "block %u marked in use but used by "
              "nothing",
              b);
  }
}

int fs_check(struct fsimg *fs, struct fsreport *r) {
  struct ctx c = {.fs = fs, .r = r};
  struct dinode *d;
  uint32_t ni = fs->sb.ninodes;

  memset(r, 0, sizeof *r);
  c.owner = calloc(fs->sb.size, sizeof *c.owner);
  c.refs = calloc(ni, sizeof *c.refs);
  c.parent = calloc(ni, sizeof *c.parent);
  c.seen = calloc(ni, 1);
  if (!c.owner || !c.refs || !c.parent || !c.seen) {
    c.nomem = 1;
    goto out;
  }
  checksuper(&c);
  for (uint32_t i = 1; i < ni; i++) {
    d = fs_inode(fs, i);
    if (d->type == 0)
      continue;
    if (!validtype(d->type)) {
      problem(&c, FSP_TYPE, i, 0, "inode %u: unknown type %d", i, d->type);
      continue;
    }
    checkinode(&c, i, d);
  }
  checktree(&c);
  checkbitmap(&c);
out:
  free(c.owner);
  free(c.refs);
  free(c.parent);
  free(c.seen);
  if (c.nomem) {
    fs_report_free(r);
    return FSE_NOMEM;
  }
  return r->n;
}

void fs_report_free(struct fsreport *r) {
  free(r->p);
  memset(r, 0, sizeof *r);
}

int fs_report_count(const struct fsreport *r, int kind) {
  int n = 0;

  for (int i = 0; i < r->kept; i++)
    n += r->p[i].kind == kind;
  return n;
}
