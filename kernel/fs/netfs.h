// kernel/fs/netfs.h: the /net file system, for its providers: the parts
// of the kernel (the network stack's glue) that put files under /net.
//
// /net is a synthetic tree served from memory (netfs.c, netfs_file.c):
// no disk, no log. A provider adds directories and files at boot, and
// gives each file callbacks (struct netfs_ops):
//
//   read   generates the whole text of the file (a snapshot) into a
//          struct netfs_text with netfs_printf/netfs_put. netfs calls it
//          on a read at offset 0 (or when it has no snapshot), then
//          serves reads from the snapshot at the file's offset, so that
//          `cat` sees one consistent copy. At most NETFS_TEXTMAX bytes.
//   write  takes one whole command per write() (Plan 9 style): the text
//          copied in, NUL-terminated, without its trailing newline. It
//          returns 0 (the write returns its full length) or -errno, and
//          on an error must have changed nothing (EINVAL: a bad command).
//          netfs itself refuses a write over NETFS_CMDMAX bytes or with a
//          NUL in it (EINVAL), and a 0-byte write returns 0 without a
//          call: len is always 0..NETFS_CMDMAX bytes of text ("\n"
//          alone comes as len 0).
//   open   runs at open() of the file and may fail (-errno) or sleep
//          (interruptibly: a `listen` file waits for a call), and may
//          set nf->priv to state of this open (a `clone` file allocates
//          a conversation here; its read then gives that number).
//   close  runs once, when the last descriptor of a successful open
//          goes (close, exit, a failed open after the hook); it frees
//          what open put in nf->priv.
//
// Any of them may be 0. A file can be opened for reading only if it has
// read, for writing only if it has write (else EACCES); directories are
// read-only. A file that is the instance of a numbered directory (e.g.
// /net/ipifc/2/status) gets its number in nf->inst; the instance may go
// away while the file is open, and then its callbacks return an error
// (ENOENT, or what the provider sees fit), or open pins it in nf->priv.
//
// Locks and contexts: every callback runs in the calling process, may
// sleep, and is called with no spinlock held. read runs with the open
// file's sleeplock held (reads of one open file are serialised; a
// provider must not re-enter netfs on the same file); write, open and
// close run with no netfs lock held at all (two writes to one file may
// run at once: the provider serialises what it must). present callbacks
// (netfs_numdir) run while a path is walked, with the directory's inode
// sleeplock held; they must not sleep for long.
//
// Registration happens at boot, before the first process runs (the tree
// is read without a lock afterwards): netfsinit() first, then the
// providers' init functions (kmain).
#ifndef KERNEL_FS_NETFS_H
#define KERNEL_FS_NETFS_H

#include "../types.h"
#include "../sleeplock.h"
#include "netfs_args.h"
#include "netfs_tree.h"

#define NETFS_TEXTPAGES 4 // the most pages one snapshot may take
#define NETFS_TEXTMAX (NETFS_TEXTPAGES * 4096)
#define NETFS_CMDMAX 256 // the longest command a write may carry

// The text of a read: pages allocated as it grows. Text past
// NETFS_TEXTMAX is cut off; a page that cannot be had makes the read
// fail with ENOMEM.
struct netfs_text {
  char *page[NETFS_TEXTPAGES];
  uint len; // bytes of text
  int err;  // 0, or -ENOMEM
};

// One open of a netfs file: what a struct file of type FD_NETFS points
// at, shared by dup and fork. [i] set before the open callback, never
// changed; [p] the provider's; [l] nf->lock.
struct netfs_file {
  int node;               // [i] its node in the tree
  int inst;               // [i] its instance, or NETFS_NOINST
  void *arg;              // [i] the datum the provider gave with the file
  int omode;              // [i] open()'s flags (O_RDONLY/O_WRONLY/O_RDWR...)
  void *priv;             // [p] set by open, freed by close
  int opened;             // netfs's: open succeeded, close is due (set once)
  struct sleeplock lock;  // serialises reads of this open file
  uint off;               // [l] the read offset
  int have;               // [l] text holds a snapshot
  struct netfs_text text; // [l] the snapshot being read
};

struct netfs_ops {
  int (*open)(struct netfs_file *nf, int omode);
  void (*close)(struct netfs_file *nf);
  int (*read)(struct netfs_file *nf, struct netfs_text *t);
  int (*write)(struct netfs_file *nf, char *cmd, int len);
};

// Add to the directory parent (NETFS_ROOT for /net itself) a directory,
// a numbered directory (instances 0..max-1, present(n) says which exist
// now; one per directory, not inside another), or a file. Return the
// node (to add children to), or -errno (netfs_tree.h). Names must
// outlive the system (string literals).
int netfs_dir(int parent, const char *name);
int netfs_numdir(int parent, int max, int (*present)(int n));
int netfs_file(int parent, const char *name, const struct netfs_ops *ops,
               void *arg);

// Append to the text of a read (from the read callback).
void netfs_printf(struct netfs_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void netfs_put(struct netfs_text *t, const void *p, uint n);

#endif
