// kernel/fs/netfs_file.c: open files of the /net file system (struct
// file type FD_NETFS). Each open has a struct netfs_file (netfs.h)
// from a table as large as the file table: the provider's state for the
// open, and the snapshot that reads are served from. open() of a netfs
// inode comes here after the path walk, outside any log transaction
// (a provider's open may sleep for long); so does the last close.
#include <netv6/fs.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../file.h"
#include "../defs.h"
#include "netfs.h"

static struct {
  struct spinlock lock; // protects used[]
  char used[NFILE];
  struct netfs_file nf[NFILE];
} nftable;

void netfs_fileinit(void) {
  initlock(&nftable.lock, "netfs");
  for (int i = 0; i < NFILE; i++)
    initsleeplock(&nftable.nf[i].lock, "netfs file");
}

static struct netfs_file *nfalloc(void) {
  acquire(&nftable.lock);
  for (int i = 0; i < NFILE; i++) {
    if (!nftable.used[i]) {
      nftable.used[i] = 1;
      release(&nftable.lock);
      return &nftable.nf[i];
    }
  }
  release(&nftable.lock);
  return 0;
}

static void nffree(struct netfs_file *nf) {
  acquire(&nftable.lock);
  nftable.used[nf - nftable.nf] = 0;
  release(&nftable.lock);
}

static const struct netfs_ops *opsof(struct netfs_file *nf) {
  return netfs_tree_node(netfs_ino(nf->node, nf->inst))->ops;
}

// May a file of node n be opened for reading or writing? 0 or -errno.
static int access(const struct netfs_node *n, int readable, int writable) {
  if (n->kind == NETFS_DIR)
    return writable ? -EISDIR : 0;
  const struct netfs_ops *ops = n->ops;
  if ((readable && (ops == 0 || ops->read == 0)) ||
      (writable && (ops == 0 || ops->write == 0)))
    return -EACCES;
  return 0;
}

// open() of the netfs inode ip (referenced, unlocked; this takes the
// reference over) with open()'s flags. Returns a descriptor with
// descriptor flags fdflags, or -errno. No lock held; may sleep.
int netfs_open(struct inode *ip, int flags, int fdflags) {
  const struct netfs_node *n = netfs_tree_node(ip->inum);
  int acc = flags & O_ACCMODE;
  int readable = acc == O_RDONLY || acc == O_RDWR;
  int writable = acc == O_WRONLY || acc == O_RDWR;
  int err = access(n, readable, writable);
  struct file *f = 0;
  struct netfs_file *nf = 0;
  if (err == 0 && ((f = filealloc()) == 0 || (nf = nfalloc()) == 0))
    err = -ENFILE;
  if (err < 0) {
    if (f)
      fileclose(f);
    iput(ip); // a netfs inode: never written, no transaction needed
    return err;
  }
  nf->node = netfs_ino_node(ip->inum);
  nf->inst = netfs_ino_inst(ip->inum);
  nf->arg = n->arg;
  nf->omode = flags;
  nf->priv = 0;
  nf->opened = 0;
  nf->off = 0;
  nf->have = 0;
  memset(&nf->text, 0, sizeof(nf->text));
  f->type = FD_NETFS;
  f->ip = ip;
  f->nf = nf;
  f->readable = readable;
  f->writable = writable;
  f->flags = flags & (O_APPEND | O_NONBLOCK);
  // From here fileclose(f) undoes it all (netfs_close, iput).
  const struct netfs_ops *ops = n->ops;
  if (ops && ops->open && (err = ops->open(nf, flags)) < 0) {
    fileclose(f);
    return err;
  }
  nf->opened = 1;
  int fd = fdalloc(f, fdflags);
  if (fd < 0)
    fileclose(f);
  return fd;
}

// The last reference to an open netfs file is gone (fileclose, which
// then drops the inode). No lock held.
void netfs_close(struct netfs_file *nf) {
  const struct netfs_ops *ops = opsof(nf);
  if (nf->opened && ops && ops->close)
    ops->close(nf);
  netfs_textfree(&nf->text);
  nffree(nf);
}

// A directory's entries as struct dirent records. The inode numbers
// are cut to the record's 16 bits (never 0: the low bits name a node);
// stat() gives the whole number.
static void emitdirent(void *arg, const char *name, uint32 ino) {
  struct dirent de;
  memset(&de, 0, sizeof(de));
  de.inum = ino == 0 ? ROOTINO : (uint16)ino;
  safestrcpy(de.name, name, sizeof(de.name)); // names fit: netfs_tree_add
  netfs_put(arg, &de, sizeof(de));
}

// Make the snapshot for nf (nf->lock held): 0 or -errno.
static int snapshot(struct netfs_file *nf, struct inode *ip) {
  netfs_textfree(&nf->text);
  nf->have = 0;
  const struct netfs_node *n = netfs_tree_node(ip->inum);
  int err;
  if (n->kind == NETFS_DIR)
    err = netfs_tree_list(ip->inum, emitdirent, &nf->text) < 0 ? -ENOTDIR : 0;
  else
    err = ((const struct netfs_ops *)n->ops)->read(nf, &nf->text);
  if (err == 0)
    err = nf->text.err;
  if (err < 0) {
    netfs_textfree(&nf->text);
    return err;
  }
  nf->have = 1;
  return 0;
}

// read() of an open netfs file: a read at offset 0 (or with no snapshot
// kept) makes a new snapshot; the rest come from it. At the end the
// snapshot is let go. Returns the count or -errno.
int netfs_read(struct file *f, uint64 addr, int n) {
  struct netfs_file *nf = f->nf;
  if (n == 0)
    return 0;
  acquiresleep(&nf->lock);
  int r = 0;
  if (nf->off == 0 || !nf->have)
    r = snapshot(nf, f->ip);
  if (r == 0) {
    r = netfs_textcopyout(&nf->text, nf->off, addr, n);
    if (r > 0)
      nf->off += r;
    else if (r == 0) {
      netfs_textfree(&nf->text);
      nf->have = 0;
    }
  }
  releasesleep(&nf->lock);
  return r;
}

// write() of an open netfs file: one command, at most NETFS_CMDMAX
// bytes (-EINVAL if longer or holding a NUL byte), handed to the
// provider. Returns n, or -errno (the provider's, or -EFAULT).
int netfs_write(struct file *f, uint64 addr, int n) {
  struct netfs_file *nf = f->nf;
  char cmd[NETFS_CMDMAX + 1];
  if (n > NETFS_CMDMAX)
    return -EINVAL;
  if (n == 0)
    return 0;
  if (either_copyin(cmd, 1, addr, n) < 0)
    return -EFAULT;
  int len = netfs_cmdline(cmd, n);
  if (len < 0)
    return len;
  int err = opsof(nf)->write(nf, cmd, len);
  return err < 0 ? err : n;
}

// lseek() of an open netfs file to off, from the start or (relative)
// from where it is. Returns the new offset or -EINVAL.
int64 netfs_seek(struct netfs_file *nf, int64 off, int relative) {
  acquiresleep(&nf->lock);
  int64 pos = off + (relative ? (int64)nf->off : 0);
  if (pos < 0 || pos > 0xffffffffLL)
    pos = -EINVAL;
  else
    nf->off = pos;
  releasesleep(&nf->lock);
  return pos;
}
