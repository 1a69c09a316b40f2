// mkfs/fsread.c: reading an image by path (see fsimage.h): look a path
// up, read a whole file, list a directory. Used by the tests and by the
// fsck tool on images the kernel wrote, so nothing read is trusted.
#include <stdlib.h>
#include <string.h>

#include <netv6/stat.h>

#include "fsimage.h"
#include "fsint.h"

int fs_lookup(struct fsimg *fs, const char *path) {
  const char *p = path, *name;
  uint32_t inum = ROOTINO;
  size_t len;
  int r;

  for (;;) {
    p = fs_nextname(p, &name, &len);
    if (len == 0)
      return inum;
    struct dinode *dp = fs_inode(fs, inum);
    if (!dp)
      return fs_fail(fs, FSE_CORRUPT, "%s: inode %u out of range", path, inum);
    if (dp->type != T_DIR)
      return fs_fail(fs, FSE_NOTDIR, "%s: not a directory before \"%s\"", path,
                     name);
    if (len > DIRSIZ)
      return fs_fail(fs, FSE_NAMELEN, "%s: name longer than DIRSIZ", path);
    if ((r = fs_dirlookup(fs, dp, name, len)) < 0)
      return r;
    if (r == 0)
      return fs_fail(fs, FSE_NOENT, "%s: no such file or directory", path);
    inum = r;
  }
}

int fs_readfile(struct fsimg *fs, const char *path, uint8_t **data, size_t *n) {
  struct dinode *d;
  uint8_t *buf;
  long r;
  int inum;

  *data = NULL;
  *n = 0;
  if ((inum = fs_lookup(fs, path)) < 0)
    return inum;
  if (!(d = fs_inode(fs, inum)))
    return fs_fail(fs, FSE_CORRUPT, "%s: inode %d out of range", path, inum);
  if (d->type == T_DIR)
    return fs_fail(fs, FSE_ISDIR, "%s is a directory", path);
  if (d->size > (uint64_t)MAXFILE * BSIZE)
    return fs_fail(fs, FSE_CORRUPT, "%s: size %u beyond MAXFILE", path,
                   d->size);
  if (!(buf = malloc(d->size ? d->size : 1)))
    return FSE_NOMEM;
  if ((r = fs_readi(fs, d, 0, buf, d->size)) < 0) {
    free(buf);
    return r;
  }
  *data = buf;
  *n = r;
  return 0;
}

int fs_list(struct fsimg *fs, const char *path, struct fsentry **ents,
            size_t *n) {
  struct fsentry *e;
  struct dinode *dp, *ip;
  struct dirent de;
  size_t cnt = 0;
  long r;
  int inum;

  *ents = NULL;
  *n = 0;
  if ((inum = fs_lookup(fs, path)) < 0)
    return inum;
  dp = fs_inode(fs, inum);
  if (!dp || dp->type != T_DIR)
    return fs_fail(fs, FSE_NOTDIR, "%s is not a directory", path);
  if (dp->size > (uint64_t)MAXFILE * BSIZE)
    return fs_fail(fs, FSE_CORRUPT, "%s: size %u beyond MAXFILE", path,
                   dp->size);
  if (!(e = calloc(dp->size / sizeof de + 1, sizeof *e)))
    return FSE_NOMEM;
  for (uint64_t off = 0; off + sizeof de <= dp->size; off += sizeof de) {
    if ((r = fs_readi(fs, dp, off, &de, sizeof de)) < 0) {
      free(e);
      return r;
    }
    if (de.inum == 0)
      continue;
    e[cnt].inum = de.inum;
    memcpy(e[cnt].name, de.name, DIRSIZ);
    e[cnt].name[DIRSIZ] = 0;
    if ((ip = fs_inode(fs, de.inum)) != NULL) {
      e[cnt].type = ip->type;
      e[cnt].nlink = ip->nlink;
      e[cnt].size = ip->size;
    }
    cnt++;
  }
  *ents = e;
  *n = cnt;
  return 0;
}
