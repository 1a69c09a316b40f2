// kernel/fs/dir.c: directories and path names.
//
// A directory is an inode of type T_DIR holding struct dirent entries.
// namei() turns a path into an inode, walking from / or the current
// directory, locking one directory at a time.
#include <netv6/stat.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../file.h"
#include "../defs.h"

int namecmp(const char *s, const char *t) { return strncmp(s, t, DIRSIZ); }

// Look for name in directory dp. Returns its inode referenced and
// unlocked (and its byte offset in *poff), or 0. dp->lock held. This is
// where paths cross into /net and back (fs/netfs.c): "net" in the root
// directory is the netfs tree's root, and netfs directories are looked
// up in the tree.
struct inode *dirlookup(struct inode *dp, const char *name, uint *poff) {
  struct dirent de;
  if (dp->type != T_DIR)
    panic("dirlookup: not a directory");
  if (dp->dev == NETDEV)
    return netfs_lookup(dp, name);
  for (uint off = 0; off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlookup: read");
    if (de.inum == 0)
      continue;
    if (namecmp(name, de.name) == 0) {
      if (poff)
        *poff = off;
      if (netfs_mounted(dp, name))
        return netfs_root();
      return iget(dp->dev, de.inum);
    }
  }
  return 0;
}

// Add the entry (name, inum) to directory dp. Returns 0, -EEXIST,
// -ENOSPC, -ENAMETOOLONG or -EROFS (/net). dp->lock held, inside a
// transaction.
int dirlink(struct inode *dp, const char *name, uint inum) {
  if (dp->dev == NETDEV)
    return -EROFS;
  if (strlen(name) > DIRSIZ)
    return -ENAMETOOLONG;
  struct inode *ip = dirlookup(dp, name, 0);
  if (ip) {
    iput(ip);
    return -EEXIST;
  }
  struct dirent de;
  uint off;
  for (off = 0; off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("dirlink: read");
    if (de.inum == 0)
      break;
  }
  memset(&de, 0, sizeof(de));
  memmove(de.name, name, strlen(name)); // NUL-padded by the memset
  de.inum = inum;
  int n = writei(dp, 0, (uint64)&de, off, sizeof(de));
  if (n != sizeof(de))
    return n < 0 ? n : -ENOSPC;
  return 0;
}

// Is directory dp empty except for "." and ".."? dp->lock held.
int isdirempty(struct inode *dp) {
  struct dirent de;
  for (uint off = 2 * sizeof(de); off < dp->size; off += sizeof(de)) {
    if (readi(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
      panic("isdirempty: read");
    if (de.inum != 0)
      return 0;
  }
  return 1;
}

// Copy the next element of path into name; return the rest of the path
// with leading slashes skipped, or 0 if there is no element. Sets
// *toolong if the element does not fit DIRSIZ.
//   skipelem("a/bb/c", name) = "bb/c", name = "a"
//   skipelem("///a//bb", name) = "bb", name = "a"
//   skipelem("", name) = skipelem("////", name) = 0
static const char *skipelem(const char *path, char *name, int *toolong) {
  while (*path == '/')
    path++;
  if (*path == 0)
    return 0;
  const char *s = path;
  while (*path != '/' && *path != 0)
    path++;
  int len = path - s;
  if (len > DIRSIZ) {
    *toolong = 1;
    len = DIRSIZ;
  }
  memmove(name, s, len);
  name[len] = 0;
  while (*path == '/')
    path++;
  return path;
}

// Walk path. With parent set, stop one level early: return the parent
// directory and copy the last element to name (DIRSIZ+1 bytes).
// Returns the inode referenced and unlocked, or 0 with *err set
// (-ENOENT, -ENOTDIR, -ENAMETOOLONG, -ENFILE). Inside a transaction
// (iput may write).
static struct inode *namex(const char *path, int parent, char *name, int *err) {
  struct inode *ip, *next;
  int toolong = 0;
  if (*path == 0) {
    *err = -ENOENT;
    return 0;
  }
  if (*path == '/')
    ip = iget(ROOTDEV, ROOTINO);
  else
    ip = idup(myproc()->cwd);
  if (ip == 0) {
    *err = -ENFILE;
    return 0;
  }
  while ((path = skipelem(path, name, &toolong)) != 0) {
    if (toolong) {
      iput(ip);
      *err = -ENAMETOOLONG;
      return 0;
    }
    ilock(ip);
    if (ip->type != T_DIR) {
      iunlockput(ip);
      *err = -ENOTDIR;
      return 0;
    }
    if (parent && *path == 0) {
      iunlock(ip); // stop one level early
      return ip;
    }
    if ((next = dirlookup(ip, name, 0)) == 0) {
      iunlockput(ip);
      *err = -ENOENT;
      return 0;
    }
    iunlockput(ip);
    ip = next;
  }
  if (parent) { // the path was "/" or only slashes: no last element
    iput(ip);
    *err = -ENOENT;
    return 0;
  }
  return ip;
}

struct inode *namei_err(const char *path, int *err) {
  char name[DIRSIZ + 1];
  return namex(path, 0, name, err);
}

struct inode *namei(const char *path) {
  int err;
  return namei_err(path, &err);
}

struct inode *nameiparent(const char *path, char *name, int *err) {
  return namex(path, 1, name, err);
}
