// kernel/fs/netfs.c: the /net file system's inodes. The tree
// (netfs_tree.c) is mounted on the disk's directory /net: a lookup of
// "net" in the root directory gives the tree's root, whose ".." is the
// disk's root again. Inodes of the tree have device NETDEV and an inode
// number that names the node and its instance; they live in the inode
// cache like disk inodes (iget/ilock/iput), but ilock fills them in
// from the tree instead of the disk, nothing is ever written back, and
// nothing may be created, linked or removed in /net (EROFS). Open files
// are in netfs_file.c; what providers see is in netfs.h.
#include <netv6/stat.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../file.h"
#include "../defs.h"
#include "netfs.h"

void netfsinit(void) {
  netfs_tree_init();
  netfs_fileinit();
}

int netfs_dir(int parent, const char *name) {
  return netfs_tree_add(parent, name, NETFS_DIR, 0, 0);
}

int netfs_numdir(int parent, int max, int (*present)(int n)) {
  return netfs_tree_addnum(parent, max, present);
}

int netfs_file(int parent, const char *name, const struct netfs_ops *ops,
               void *arg) {
  return netfs_tree_add(parent, name, NETFS_FILE, ops, arg);
}

// Is name in the disk directory dp where the tree is mounted (/net)?
int netfs_mounted(struct inode *dp, const char *name) {
  return dp->dev == ROOTDEV && dp->inum == ROOTINO && namecmp(name, "net") == 0;
}

// The tree's root inode, referenced and unlocked (0 if the inode cache
// is full).
struct inode *netfs_root(void) {
  return iget(NETDEV, netfs_ino(NETFS_ROOT, NETFS_NOINST));
}

// Look name up in the netfs directory dp (locked). Returns its inode
// referenced and unlocked, or 0.
struct inode *netfs_lookup(struct inode *dp, const char *name) {
  uint32 ino;
  if (netfs_tree_lookup(dp->inum, name, &ino) < 0)
    return 0;
  if (ino == 0) // ".." of the root: the mount point's parent, "/"
    return iget(ROOTDEV, ROOTINO);
  return iget(NETDEV, ino);
}

// ilock of a netfs inode that is not valid yet: fill it in.
void netfs_iload(struct inode *ip) {
  const struct netfs_node *n = netfs_tree_node(ip->inum);
  if (n == 0)
    panic("netfs_iload: no node for inode %x", ip->inum);
  ip->type = n->kind == NETFS_DIR ? T_DIR : T_FILE;
  ip->major = ip->minor = 0;
  ip->nlink = 1; // never 0: iput must not free it
  ip->size = 0;
  ip->valid = 1;
}

// stat of a netfs inode (locked). Files show the access their
// callbacks allow; the size is 0, as the text is made when read.
void netfs_stati(struct inode *ip, struct stat *st) {
  const struct netfs_node *n = netfs_tree_node(ip->inum);
  memset(st, 0, sizeof(*st));
  st->st_dev = ip->dev;
  st->st_ino = ip->inum;
  st->st_type = ip->type;
  st->st_nlink = ip->nlink;
  if (ip->type == T_DIR) {
    st->st_mode = S_IFDIR | 0555;
    return;
  }
  const struct netfs_ops *ops = n->ops;
  st->st_mode = S_IFREG;
  if (ops && ops->read)
    st->st_mode |= 0444;
  if (ops && ops->write)
    st->st_mode |= 0200;
}
