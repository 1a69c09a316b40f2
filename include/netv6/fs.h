// netv6/fs.h: the on-disk file-system format.
//
// Shared by the kernel (kernel/fs/) and the host tool mkfs. All integers
// on disk are little-endian (the host and RISC-V both are).
//
// Disk layout, in blocks of BSIZE bytes:
//   [ boot (unused) | super | log header + log | inodes | free bitmap | data ]
// mkfs computes the layout and records it in the superblock.
#ifndef NETV6_FS_H
#define NETV6_FS_H

#include <stdint.h>

#define BSIZE 1024         // block size
#define FSMAGIC 0x6e763666 // "fv6n"
#define ROOTINO 1          // root directory inode number
#define ROOTDEV 1          // device number of the root file system
#define NETDEV 2           // device number of /net (no disk: kernel/fs/netfs.c)

#define FSSIZE 65536   // blocks in the image made by mkfs (64 MiB)
#define NINODES 2048   // inodes in the image made by mkfs
#define MAXOPBLOCKS 16 // most blocks one file-system operation writes
#define LOGBLOCKS (MAXOPBLOCKS * 3) // blocks in the on-disk log

struct superblock {
  uint32_t magic;      // FSMAGIC
  uint32_t size;       // size of the file-system image (blocks)
  uint32_t nblocks;    // number of data blocks
  uint32_t ninodes;    // number of inodes
  uint32_t nlog;       // number of log blocks (including the header)
  uint32_t logstart;   // block number of the log header
  uint32_t inodestart; // block number of the first inode block
  uint32_t bmapstart;  // block number of the first free-map block
};

// Block addresses in an inode: NDIRECT direct blocks, then one
// single-indirect block, then one double-indirect block.
#define NDIRECT 11
#define NINDIRECT (BSIZE / sizeof(uint32_t))
#define NDINDIRECT (NINDIRECT * NINDIRECT)
#define MAXFILE (NDIRECT + NINDIRECT + NDINDIRECT) // in blocks (~64 MiB)
#define NADDRS (NDIRECT + 2)

// On-disk inode (64 bytes).
struct dinode {
  int16_t type;           // T_DIR, T_FILE, T_DEVICE, T_SOCK; 0 = free
  int16_t major;          // device: major number
  int16_t minor;          // device: minor number
  int16_t nlink;          // directory entries that refer to it
  uint32_t size;          // bytes of data
  uint32_t addrs[NADDRS]; // data block addresses
};
_Static_assert(sizeof(struct dinode) == 64, "dinode must be 64 bytes");

#define IPB (BSIZE / sizeof(struct dinode))         // inodes per block
#define IBLOCK(i, sb) ((i) / IPB + (sb).inodestart) // block holding inode i
#define BPB (BSIZE * 8)                             // bitmap bits per block
#define BBLOCK(b, sb) ((b) / BPB + (sb).bmapstart)  // bitmap block of block b

// A directory is a file of struct dirent. inum 0 marks a free entry.
// Names are NUL-padded; a name of exactly DIRSIZ bytes has no NUL.
#define DIRSIZ 30
struct dirent {
  uint16_t inum;
  char name[DIRSIZ];
};
_Static_assert(sizeof(struct dirent) == 32, "dirent must be 32 bytes");

// The log header block: how many blocks the committed transaction
// holds, and where each belongs.
struct logheader {
  uint32_t n;
  uint32_t block[LOGBLOCKS];
};
_Static_assert(sizeof(struct logheader) <= BSIZE, "log header fits a block");

#endif
