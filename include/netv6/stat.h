// netv6/stat.h: what fstat() fills in. Shared by kernel and user.
#ifndef NETV6_STAT_H
#define NETV6_STAT_H

#include <stdint.h>

// Inode types (also the on-disk dinode.type values).
#define T_DIR 1    // directory
#define T_FILE 2   // regular file
#define T_DEVICE 3 // character device (major, minor)
#define T_SOCK 4   // AF_UNIX socket name

// POSIX st_mode file-type bits.
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000

struct stat {
  uint32_t st_dev;   // file-system device number
  uint32_t st_ino;   // inode number
  uint16_t st_type;  // T_DIR, T_FILE, T_DEVICE, T_SOCK (0 for pipes)
  uint16_t st_nlink; // number of links to the file
  uint32_t st_mode;  // S_IF* type bits | 0777-style permission bits
  uint64_t st_size;  // size in bytes
  uint32_t st_rdev;  // for devices: major << 16 | minor
  uint32_t st_pad;
};

#endif
