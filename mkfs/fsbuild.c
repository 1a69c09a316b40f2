// mkfs/fsbuild.c: building an image (see fsimage.h): a fresh layout with
// a root directory, then directories and files added by path. Each
// addition checks names, inodes and blocks before it writes anything, so
// a failed call leaves the image as it was.
#include <stdlib.h>
#include <string.h>

#include <netv6/stat.h>

#include "fsimage.h"
#include "fsint.h"

#define DIRENTSZ sizeof(struct dirent)

int fs_create(uint32_t size, uint32_t ninodes, struct fsimg **out) {
  struct superblock sb;
  struct fsimg *fs;
  uint64_t datastart;
  uint8_t *data;
  int r;

  *out = NULL;
  if (ninodes < 2 || ninodes > 65536) // a dirent's inum is 16 bits
    return FSE_INVAL;
  memset(&sb, 0, sizeof sb);
  sb.magic = FSMAGIC;
  sb.size = size;
  sb.ninodes = ninodes;
  sb.nlog = LOGBLOCKS + 1;
  sb.logstart = 2;
  sb.inodestart = sb.logstart + sb.nlog;
  sb.bmapstart = sb.inodestart + fs_divup(ninodes, IPB);
  datastart = (uint64_t)sb.bmapstart + fs_divup(size, BPB);
  if (datastart + 1 > size) // room for the root directory's block
    return FSE_INVAL;
  sb.nblocks = size - datastart;
  if (!(data = calloc(size, BSIZE)))
    return FSE_NOMEM;
  memcpy(data + BSIZE, &sb, sizeof sb);
  if ((r = fs_frombytes(data, (size_t)size * BSIZE, &fs, NULL, 0)) < 0)
    return r;
  for (uint32_t b = 0; b < fs->datastart; b++)
    fs_setbit(fs, b, 1);

  // The root: inode ROOTINO, "." and ".." both itself, nlink 1 (its
  // own ".."; "." is never counted).
  struct dirent de[2];
  struct dinode *root = fs_inode(fs, ROOTINO);
  memset(de, 0, sizeof de);
  de[0].inum = de[1].inum = ROOTINO;
  strcpy(de[0].name, ".");
  strcpy(de[1].name, "..");
  root->type = T_DIR;
  root->nlink = 1;
  fs->ifree--;
  fs->ihint = ROOTINO + 1;
  if ((r = fs_writei(fs, root, 0, de, sizeof de)) < 0) {
    fs_free(fs);
    return r;
  }
  *out = fs;
  return 0;
}

// Allocate a zeroed inode of the given type (nlink 0).
static int ialloc(struct fsimg *fs, int type) {
  uint32_t n = fs->sb.ninodes - 1;
  uint32_t inum = fs->ihint;

  for (uint32_t i = 0; i < n; i++, inum++) {
    if (inum >= fs->sb.ninodes)
      inum = 1;
    struct dinode *d = fs_inode(fs, inum);
    if (d->type == 0) {
      memset(d, 0, sizeof *d);
      d->type = type;
      fs->ifree--;
      fs->ihint = inum + 1;
      return inum;
    }
  }
  return fs_fail(fs, FSE_NOINODE, "no free inode");
}

// Add entry name -> inum to directory dir, in the first free slot.
static int dirlink(struct fsimg *fs, uint32_t dir, const char *name, size_t len,
                   uint32_t inum) {
  struct dinode *dp = fs_inode(fs, dir);
  struct dirent de;
  uint64_t off;
  long r;

  for (off = 0; off + sizeof de <= dp->size; off += sizeof de) {
    if ((r = fs_readi(fs, dp, off, &de, sizeof de)) < 0)
      return r;
    if (de.inum == 0)
      break;
  }
  memset(&de, 0, sizeof de);
  de.inum = inum;
  memcpy(de.name, name, len);
  r = fs_writei(fs, dp, off, &de, sizeof de);
  return r < 0 ? r : 0;
}

// New directory name in parent: "." and "..", nlink 1, and the parent
// gains a link for the new "..".
static int newdir(struct fsimg *fs, uint32_t parent, const char *name,
                  size_t len) {
  int inum, r;

  if ((inum = ialloc(fs, T_DIR)) < 0)
    return inum;
  if ((r = dirlink(fs, inum, ".", 1, inum)) < 0 ||
      (r = dirlink(fs, inum, "..", 2, parent)) < 0 ||
      (r = dirlink(fs, parent, name, len, inum)) < 0)
    return r;
  fs_inode(fs, inum)->nlink = 1;
  fs_inode(fs, parent)->nlink++;
  return inum;
}

static int newfile(struct fsimg *fs, uint32_t parent, const char *name,
                   size_t len, const void *data, size_t n) {
  int inum;
  long r;

  if ((inum = ialloc(fs, T_FILE)) < 0)
    return inum;
  fs_inode(fs, inum)->nlink = 1;
  if ((r = fs_writei(fs, fs_inode(fs, inum), 0, data, n)) < 0 ||
      (r = dirlink(fs, parent, name, len, inum)) < 0)
    return r;
  return inum;
}

// Blocks that appending one entry to directory dir allocates at most.
static uint32_t dirgrowth(struct fsimg *fs, uint32_t dir) {
  uint32_t size = fs_inode(fs, dir)->size;

  return fs_fileblocks((uint64_t)size + sizeof(struct dirent)) -
         fs_fileblocks(size);
}

// Create a directory (isdir) or a file at path with missing parents.
// First pass: check every name, find the deepest existing directory and
// count what is missing; then check space; then build.
static int create(struct fsimg *fs, const char *path, int isdir,
                  const void *data, size_t n) {
  const char *p, *name, *next, *rest = NULL, *nname;
  size_t len, nlen;
  uint32_t dir = ROOTINO, need, newdirs = 0;
  int r;

  if (!path || path[0] != '/')
    return fs_fail(fs, FSE_INVAL, "%s: path must be absolute",
                   path ? path : "(null)");
  if (!isdir && n > (uint64_t)MAXFILE * BSIZE)
    return fs_fail(fs, FSE_FBIG,
                   "%s: file too large: %zu bytes, more than "
                   "MAXFILE blocks",
                   path, n);
  p = fs_nextname(path, &name, &len);
  if (len == 0)
    return fs_fail(fs, FSE_EXIST, "/ already exists");
  for (;;) {
    next = fs_nextname(p, &nname, &nlen);
    if (len > DIRSIZ)
      return fs_fail(fs, FSE_NAMELEN,
                     "%s: name \"%.*s\" is %zu characters,"
                     " more than DIRSIZ (%d)",
                     path, (int)len, name, len, DIRSIZ);
    if ((len == 1 && name[0] == '.') ||
        (len == 2 && name[0] == '.' && name[1] == '.'))
      return fs_fail(fs, FSE_INVAL, "%s: \".\" or \"..\" in a path to create",
                     path);
    if (!rest) {
      struct dinode *dp = fs_inode(fs, dir);
      if (!dp || dp->type != T_DIR)
        return fs_fail(fs, FSE_CORRUPT, "%s: inode %u is not a directory", path,
                       dir);
      if ((r = fs_dirlookup(fs, dp, name, len)) < 0)
        return r;
      if (r == 0)
        rest = name;
      else if (nlen == 0)
        return fs_fail(fs, FSE_EXIST, "%s already exists", path);
      else if (!fs_inode(fs, r) || fs_inode(fs, r)->type != T_DIR)
        return fs_fail(fs, FSE_NOTDIR, "%s: \"%.*s\" is not a directory", path,
                       (int)len, name);
      else
        dir = r;
    }
    if (rest && nlen != 0)
      newdirs++;
    if (nlen == 0)
      break;
    name = nname;
    len = nlen;
    p = next;
  }

  // Space: the existing parent gains an entry, each new directory takes
  // one block (".", ".." and one entry fit), then the new object.
  need = dirgrowth(fs, dir) + newdirs * fs_fileblocks(3 * DIRENTSZ);
  need += isdir ? fs_fileblocks(2 * DIRENTSZ) : fs_fileblocks(n);
  if (need > fs->nfree)
    return fs_fail(fs, FSE_NOSPC, "image full: %s needs %u blocks, %u free",
                   path, need, fs->nfree);
  if (newdirs + 1 > fs->ifree)
    return fs_fail(fs, FSE_NOINODE,
                   "too many files: %s needs %u inodes, %u "
                   "free",
                   path, newdirs + 1, fs->ifree);

  p = fs_nextname(rest, &name, &len);
  for (;;) {
    next = fs_nextname(p, &nname, &nlen);
    if (nlen == 0)
      break;
    if ((r = newdir(fs, dir, name, len)) < 0)
      return r;
    dir = r;
    name = nname;
    len = nlen;
    p = next;
  }
  if (isdir)
    return newdir(fs, dir, name, len);
  return newfile(fs, dir, name, len, data, n);
}

int fs_mkdir(struct fsimg *fs, const char *path) {
  return create(fs, path, 1, NULL, 0);
}

int fs_addfile(struct fsimg *fs, const char *path, const void *data, size_t n) {
  return create(fs, path, 0, data, n);
}
