// kernel/fs/netfs_tree.h: the shape of the /net tree and its inode
// numbers. Pure (no kernel header): the kernel's netfs (netfs.c) keeps
// one tree, and the host tests (tests/unit/test_netfs.c) build their own.
//
// The tree is a table of nodes, each a directory or a file, added at
// boot. A directory may hold one numbered directory: a template that
// stands for the directories "0", "1", ... of the instances a provider
// says exist now (one per interface in /net/ipifc, one per conversation
// in /net/udp). Everything under a numbered directory exists once per
// instance, and an inode number says which:
//
//   ino = node | (instance + 1) << NETFS_NODEBITS
//
// with instance -1 (NETFS_NOINST) outside numbered directories, so no
// netfs inode number is 0. Lookups read the table without a lock: it
// must be complete before the first process runs (netfs.h).
#ifndef KERNEL_FS_NETFS_TREE_H
#define KERNEL_FS_NETFS_TREE_H

#include <stdint.h>

#define NETFS_MAXNODES 128 // nodes in the tree, the root included
#define NETFS_NODEBITS 10  // bits of an inode number that name the node
#define NETFS_NODEMASK ((1u << NETFS_NODEBITS) - 1)
#define NETFS_MAXINST ((int)(1u << (32 - NETFS_NODEBITS)) - 2)
#define NETFS_ROOT 1      // the node of /net itself
#define NETFS_NOINST (-1) // the instance of a node outside numbered dirs

_Static_assert(NETFS_MAXNODES <= NETFS_NODEMASK, "node ids fit the bits");

enum netfs_kind { NETFS_DIR = 1, NETFS_FILE = 2 };

// A node. All fields are set when it is added and never change.
struct netfs_node {
  const char *name; // 0 for a numbered directory: its names are numbers
  int kind;         // NETFS_DIR or NETFS_FILE
  int parent;       // the node of the directory holding it (root: itself)
  int numbered;     // a numbered directory or inside one: has an instance
  // A numbered directory: instances 0..max-1, and whether n exists now
  // (called with no spinlock held; it may take the provider's locks).
  int max;
  int (*present)(int n);
  const void *ops; // a file: the provider's operations (netfs.h)
  void *arg;       // a file: the provider's datum, given back to it
};

static inline uint32_t netfs_ino(int node, int inst) {
  return (uint32_t)node | (uint32_t)(inst + 1) << NETFS_NODEBITS;
}
static inline int netfs_ino_node(uint32_t ino) {
  return (int)(ino & NETFS_NODEMASK);
}
static inline int netfs_ino_inst(uint32_t ino) {
  return (int)(ino >> NETFS_NODEBITS) - 1;
}

// Empty the tree down to the root directory.
void netfs_tree_init(void);

// Add a directory or a file named name (at most DIRSIZ bytes, no '/',
// not "." or "..", not starting with a digit) to the directory parent.
// Returns the new node, or -ENOENT (no such parent), -ENOTDIR (parent
// is a file), -EINVAL (a bad name or kind), -EEXIST (the name is taken)
// or -ENOSPC (the table is full). name must outlive the tree.
int netfs_tree_add(int parent, const char *name, int kind, const void *ops,
                   void *arg);

// Add the numbered directory of parent: instances 0..max-1 (max at most
// NETFS_MAXINST + 1), present(n) telling which exist. Returns its node,
// or -ENOENT, -ENOTDIR, -EEXIST (parent has one already), -EINVAL
// (parent is inside a numbered directory: one level only; or a bad max)
// or -ENOSPC.
int netfs_tree_addnum(int parent, int max, int (*present)(int n));

// The node ino names, or 0 if ino is no inode of the tree (no such
// node, or an instance where there should be none or out of range).
// Whether the instance still exists is not asked.
const struct netfs_node *netfs_tree_node(uint32_t ino);

// Look name up in the directory dir. Returns 0 and the entry's inode
// number in *ino, or -ENOENT, -ENOTDIR (dir is a file or not in the
// tree). "." is dir; ".." of the root gives *ino = 0, which means the
// directory the tree is mounted on's parent.
int netfs_tree_lookup(uint32_t dir, const char *name, uint32_t *ino);

// The inode number of dir's parent (0 for the root, as above).
uint32_t netfs_tree_parent(uint32_t dir);

// Call emit for each entry of directory dir: ".", "..", the named
// entries in the order they were added, then the present instances in
// increasing order. The name passed lasts only for the call. Returns
// the number of entries, or -ENOTDIR.
typedef void (*netfs_emit)(void *arg, const char *name, uint32_t ino);
int netfs_tree_list(uint32_t dir, netfs_emit emit, void *arg);

#endif
