// mkfs/fsint.h: helpers shared inside the fsimage library (not part of
// its interface; see fsimage.h for that).
#ifndef MKFS_FSINT_H
#define MKFS_FSINT_H

#include <stddef.h>
#include <stdint.h>

struct fsimg;

// Record a detail in fs->why and return err.
int fs_fail(struct fsimg *fs, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

// a / b rounded up.
uint32_t fs_divup(uint64_t a, uint32_t b);

// Recount free blocks and inodes and reset the allocation hints.
void fs_count(struct fsimg *fs);

// 0 if directory-entry name dname (DIRSIZ bytes, NUL-padded) equals
// name (len <= DIRSIZ bytes), else 1.
int fs_namecmp(const char *dname, const char *name, size_t len);

// Next path component after p: skips slashes, sets *name and *len
// (*len is 0 at the end) and returns the position after the component.
const char *fs_nextname(const char *p, const char **name, size_t *len);

#endif
