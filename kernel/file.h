// kernel/file.h: open files, in-memory inodes and the device switch.
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <netv6/fs.h>
#include <netv6/fcntl.h>
#include <netv6/stat.h>
#include "sleeplock.h"

// An open file: what a descriptor points at. Shared by dup and fork.
// [t] ftable.lock must be held; [i] immutable after fileopen.
struct file {
  enum {
    FD_NONE,
    FD_PIPE,
    FD_INODE,
    FD_DEVICE,
    FD_SOCKET,
    FD_NETFS
  } type;                // [i]
  int ref;               // [t] descriptors pointing here
  char readable;         // [i]
  char writable;         // [i]
  int flags;             // status flags: O_APPEND, O_NONBLOCK
  struct pipe *pipe;     // [i] FD_PIPE
  struct inode *ip;      // [i] FD_INODE, FD_DEVICE and FD_NETFS
  struct socket *sock;   // [i] FD_SOCKET: holds one reference
  struct netfs_file *nf; // [i] FD_NETFS: this open's state (fs/netfs.h)
  uint off;              // FD_INODE: offset, under ip->lock
  short major;           // [i] FD_DEVICE
};

// An inode in memory. [c] icache.lock must be held; [l] ip->lock
// (sleeplock) must be held. The fields below lock are a copy of the
// on-disk dinode, valid once valid is 1.
struct inode {
  uint dev;  // [c]
  uint inum; // [c]
  int ref;   // [c] pointers to this struct
  struct sleeplock lock;
  int valid;          // [l] read from disk?
  short type;         // [l]
  short major;        // [l]
  short minor;        // [l]
  short nlink;        // [l]
  uint size;          // [l]
  uint addrs[NADDRS]; // [l]
};

// Device switch: how to read and write each major device number.
// user says whether addr is a user address; flags are file status
// flags (O_NONBLOCK). Return a byte count or -errno.
struct devsw {
  int (*read)(int user, uint64 addr, int n, int flags);
  int (*write)(int user, uint64 addr, int n, int flags);
  int (*poll)(void); // POLLIN/POLLOUT now; 0 means always ready
};

extern struct devsw devsw[];

#endif
