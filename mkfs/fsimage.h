// mkfs/fsimage.h: a netv6 file-system image held in host memory.
//
// One interface for three jobs, all on the format of <netv6/fs.h>:
//   build   fs_create, fs_mkdir, fs_addfile   (fsbuild.c), fs_save (fsio.c)
//   read    fs_open (fsio.c), fs_lookup, fs_readfile, fs_list (fsread.c)
//   check   fs_check                          (fscheck.c)
// The core (fsimage.c) holds validation of a loaded image, block/inode
// access, the bitmap, block mapping, file read/write and directory
// search, shared by all three.
//
// Errors are values: functions return a negative FSE_* code and leave a
// one-line detail in fs->why (fs_strerror gives the generic text).
// Nothing here trusts the image: every block address and inode number
// read from it is range-checked, so a corrupt image gives FSE_CORRUPT,
// never a crash.
//
// Link counts follow xv6: a dinode's nlink counts the directory entries
// that name it, except "." entries. A directory thus has nlink
// 1 + (number of subdirectories), the root included (its ".." is itself).
#ifndef MKFS_FSIMAGE_H
#define MKFS_FSIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <netv6/fs.h>

enum {
  FSE_NOENT = -1,    // no such file or directory
  FSE_EXIST = -2,    // name already exists
  FSE_NOTDIR = -3,   // a path component is not a directory
  FSE_ISDIR = -4,    // is a directory (read as a file)
  FSE_NAMELEN = -5,  // a name is longer than DIRSIZ
  FSE_FBIG = -6,     // file larger than MAXFILE blocks
  FSE_NOSPC = -7,    // no free data blocks
  FSE_NOINODE = -8,  // no free inodes
  FSE_INVAL = -9,    // bad argument (empty path, "." or ".." as a new name)
  FSE_CORRUPT = -10, // the image is inconsistent
  FSE_IO = -11,      // host file I/O failed (detail in why)
  FSE_NOMEM = -12,   // out of host memory
};

// Generic text for an FSE_* code.
const char *fs_strerror(int err);

struct fsimg {
  uint8_t *data;        // sb.size * BSIZE bytes, the whole image
  struct superblock sb; // copy of block 1 (validated on open)
  uint32_t datastart;   // first data block: sb.size - sb.nblocks
  uint32_t nfree;       // free data blocks (bitmap bits clear)
  uint32_t ifree;       // free inodes (type 0), inode 0 not counted
  uint32_t bhint;       // where the block allocator looks next
  uint32_t ihint;       // where the inode allocator looks next
  char why[256];        // detail of the last error
};

// ---- life cycle (fsbuild.c, fsimage.c, fsio.c) ----

// A fresh image of size blocks and ninodes inodes (inode 0 unused) with
// an empty root directory. Layout: block 0 unused, 1 super, log header +
// LOGBLOCKS log blocks from block 2, inode blocks, bitmap blocks, data.
// Returns 0 and sets *out, or FSE_INVAL (sizes that cannot hold a root
// directory, ninodes over 65536) or FSE_NOMEM.
int fs_create(uint32_t size, uint32_t ninodes, struct fsimg **out);

// Adopt len bytes of image (malloc'd; ownership passes to the image even
// on failure). Checks the superblock enough that every later access is
// safe; failure is FSE_CORRUPT with the reason copied to why (may be
// NULL). Bytes past sb.size blocks are ignored.
int fs_frombytes(void *data, size_t len, struct fsimg **out, char *why,
                 size_t whylen);

// Read an image file (FSE_IO if unreadable), then as fs_frombytes.
int fs_open(const char *path, struct fsimg **out, char *why, size_t whylen);

// Write the image to path: to a temporary file in the same directory,
// flushed, then renamed over path. On failure path is untouched and no
// temporary file remains (FSE_IO, detail in fs->why).
int fs_save(struct fsimg *fs, const char *path);

void fs_free(struct fsimg *fs);

// ---- core access (fsimage.c) ----

// Block b, or NULL if b is past the end of the image.
uint8_t *fs_block(struct fsimg *fs, uint32_t b);

// Inode inum's on-disk slot, or NULL for inode 0 or inum >= ninodes.
struct dinode *fs_inode(struct fsimg *fs, uint32_t inum);

// Bitmap bit of block b (1 = in use); fs_setbit changes it. b must be
// below sb.size.
int fs_getbit(struct fsimg *fs, uint32_t b);
void fs_setbit(struct fsimg *fs, uint32_t b, int used);

// Disk block of file block fbn of inode d into *out; 0 there means a
// hole. With alloc, missing data and index blocks are allocated
// (zeroed). Returns 0, FSE_FBIG (fbn >= MAXFILE), FSE_NOSPC, or
// FSE_CORRUPT (an address outside the data area).
int fs_bmap(struct fsimg *fs, struct dinode *d, uint32_t fbn, int alloc,
            uint32_t *out);

// Read up to n bytes at off of inode d (holes read as zeros). Returns
// bytes read (0 at or past the end) or a negative FSE_* code.
long fs_readi(struct fsimg *fs, struct dinode *d, uint64_t off, void *buf,
              size_t n);

// Write n bytes at off (off <= size), growing the file. Returns n or a
// negative code; on FSE_NOSPC part of the data may have been written.
long fs_writei(struct fsimg *fs, struct dinode *d, uint64_t off,
               const void *buf, size_t n);

// Look name (len bytes, len <= DIRSIZ) up in directory dinode dp.
// Returns the inode number, 0 if absent, or a negative code.
int fs_dirlookup(struct fsimg *fs, struct dinode *dp, const char *name,
                 size_t len);

// Blocks (data plus index blocks) a file of size bytes occupies.
uint32_t fs_fileblocks(uint64_t size);

// ---- building (fsbuild.c) ----

// Create a directory at an absolute path, and any missing parents.
// Returns its inode number, FSE_EXIST if the path already exists, or
// another negative code. Checks space first: on error nothing changed.
int fs_mkdir(struct fsimg *fs, const char *path);

// Create a regular file at path holding n bytes of data, creating
// missing parent directories. Returns the inode number or a negative
// code (FSE_EXIST, FSE_NAMELEN, FSE_FBIG, FSE_NOSPC, FSE_NOINODE,
// FSE_NOTDIR, FSE_INVAL). Sizes and space are checked before data is
// read or anything is written: on error the image is unchanged.
int fs_addfile(struct fsimg *fs, const char *path, const void *data, size_t n);

// ---- reading (fsread.c) ----

// Inode number of an absolute path ("/" is ROOTINO), or a negative
// code. "." and ".." are followed through the directory entries.
int fs_lookup(struct fsimg *fs, const char *path);

// The whole content of the regular file (or device/socket inode) at
// path, in a malloc'd buffer the caller frees (non-NULL even when
// empty). FSE_ISDIR for a directory.
int fs_readfile(struct fsimg *fs, const char *path, uint8_t **data, size_t *n);

struct fsentry {
  uint32_t inum;
  char name[DIRSIZ + 1]; // NUL-terminated
  int16_t type;          // of the inode it names (0 if out of range)
  int16_t nlink;
  uint32_t size;
};

// The used entries of the directory at path, "." and ".." included, in
// on-disk order, as a malloc'd array the caller frees.
int fs_list(struct fsimg *fs, const char *path, struct fsentry **ents,
            size_t *n);

// ---- checking (fscheck.c) ----

enum {
  FSP_SUPER = 1, // superblock layout not as mkfs makes it
  FSP_LOG,       // log header not empty (or impossible)
  FSP_TYPE,      // inode of unknown type
  FSP_ADDR,      // block address outside the data area
  FSP_DUP,       // block used twice (by one or two inodes)
  FSP_SIZE,      // size disagrees with the allocated blocks
  FSP_DIR,       // bad directory (., .., entries, names, linked twice)
  FSP_UNREACH,   // allocated inode not reachable from the root
  FSP_NLINK,     // nlink differs from the entries that name the inode
  FSP_BMAPFREE,  // block in use but free in the bitmap
  FSP_BMAPLEAK,  // block marked in use but used by nothing
};

struct fsproblem {
  int kind;       // FSP_*
  uint32_t inum;  // inode concerned, or 0
  uint32_t block; // block concerned, or 0
  char msg[112];
};

#define FSCHECK_MAX 1000 // problems kept; the rest are only counted

struct fsreport {
  int n;    // problems found (may exceed those kept)
  int kept; // entries in p
  struct fsproblem *p;
};

// Check the whole image: superblock layout, log header, inode types,
// block addresses, blocks used twice, sizes vs blocks (no holes, nothing
// past the end), the directory tree from the root (".", "..", names,
// entries naming free inodes, duplicates), link counts, unreachable
// inodes, and the bitmap against the blocks actually in use. Fills r
// (free with fs_report_free) and returns r->n, or FSE_NOMEM.
int fs_check(struct fsimg *fs, struct fsreport *r);
void fs_report_free(struct fsreport *r);

// Number of problems of one kind among those kept in a report.
int fs_report_count(const struct fsreport *r, int kind);

#endif
