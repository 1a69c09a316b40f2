// tests/unit/test_mkfs.c: host unit tests of the mkfs image library
// (mkfs/fsimage.h): building, reading back, saving and loading, and the
// checker catching deliberate damage. Built with ASan and UBSan.
#include <check.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netv6/stat.h>

#include "fsimage.h"

// One directory for the run (made and removed in the parent process,
// so it goes even when a test fails) and one inside it per test.
static char rundir[64], tmpdir[96];

// Remove what matches pattern (glob, not <dirent.h>: that header's
// struct dirent clashes with the one in <netv6/fs.h>).
static void removeall(const char *pattern) {
  glob_t g;

  memset(&g, 0, sizeof g);
  glob(pattern, 0, NULL, &g);
  for (size_t i = 0; i < g.gl_pathc; i++)
    if (unlink(g.gl_pathv[i]) < 0)
      rmdir(g.gl_pathv[i]);
  globfree(&g);
}

static void runsetup(void) {
  strcpy(rundir, "/tmp/test_mkfs.XXXXXX");
  if (!mkdtemp(rundir)) {
    perror("mkdtemp");
    exit(1);
  }
}

static void runteardown(void) {
  char pat[80];

  snprintf(pat, sizeof pat, "%s/*/*", rundir);
  removeall(pat);
  snprintf(pat, sizeof pat, "%s/*", rundir);
  removeall(pat);
  rmdir(rundir);
}

static void setup(void) {
  snprintf(tmpdir, sizeof tmpdir, "%s/t.XXXXXX", rundir);
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void) {
  char pat[112];

  snprintf(pat, sizeof pat, "%s/*", tmpdir);
  removeall(pat);
  rmdir(tmpdir);
}

static void tmpglob(glob_t *g) {
  char pat[112];

  snprintf(pat, sizeof pat, "%s/*", tmpdir);
  memset(g, 0, sizeof *g);
  glob(pat, 0, NULL, g);
}

// Number of entries in the temporary directory.
static int ntmpfiles(void) {
  glob_t g;
  int n;

  tmpglob(&g);
  n = g.gl_pathc;
  globfree(&g);
  return n;
}

static struct fsimg *mkimg(void) {
  struct fsimg *fs;

  ck_assert_int_eq(fs_create(FSSIZE, NINODES, &fs), 0);
  ck_assert_int_eq(fs_mkdir(fs, "/dev"), 2);
  return fs;
}

// Run the checker; on problems print them and fail.
static void clean(struct fsimg *fs) {
  struct fsreport r;
  int n = fs_check(fs, &r);

  for (int i = 0; i < r.kept; i++)
    fprintf(stderr, "problem: %s\n", r.p[i].msg);
  fs_report_free(&r);
  ck_assert_int_eq(n, 0);
}

// Check and expect exactly n problems, count of them of the given kind.
static void expect(struct fsimg *fs, int n, int kind, int count) {
  struct fsreport r;
  int got = fs_check(fs, &r);

  if (got != n || fs_report_count(&r, kind) != count)
    for (int i = 0; i < r.kept; i++)
      fprintf(stderr, "problem %d: %s\n", r.p[i].kind, r.p[i].msg);
  ck_assert_int_eq(got, n);
  ck_assert_int_eq(fs_report_count(&r, kind), count);
  fs_report_free(&r);
}

// Deterministic bytes that differ from block to block.
static uint8_t *pattern(size_t n, uint32_t seed) {
  uint8_t *p = malloc(n ? n : 1);
  uint32_t x = seed * 2654435761u + 1;

  ck_assert_ptr_nonnull(p);
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    p[i] = x;
  }
  return p;
}

static void readback(struct fsimg *fs, const char *path, const uint8_t *want,
                     size_t n) {
  uint8_t *got;
  size_t len;

  ck_assert_int_eq(fs_readfile(fs, path, &got, &len), 0);
  ck_assert_uint_eq(len, n);
  ck_assert(memcmp(got, want, n) == 0);
  free(got);
}

START_TEST(test_empty) {
  struct fsimg *fs;
  struct fsentry *e;
  size_t n;

  ck_assert_int_eq(fs_create(FSSIZE, NINODES, &fs), 0);
  ck_assert_uint_eq(fs->sb.magic, FSMAGIC);
  ck_assert_uint_eq(fs->sb.size, FSSIZE);
  ck_assert_uint_eq(fs->sb.logstart, 2);
  ck_assert_uint_eq(fs->sb.nlog, LOGBLOCKS + 1);
  ck_assert_uint_eq(fs->sb.inodestart, 2 + LOGBLOCKS + 1);
  ck_assert_uint_eq(fs->sb.bmapstart, fs->sb.inodestart + NINODES / IPB);
  ck_assert_uint_eq(fs->datastart, fs->sb.bmapstart + FSSIZE / BPB);
  ck_assert_uint_eq(fs->sb.nblocks, FSSIZE - fs->datastart);
  ck_assert_uint_eq(fs->nfree, fs->sb.nblocks - 1); // the root's block
  ck_assert_uint_eq(fs->ifree, NINODES - 2);        // inode 0 and the root
  ck_assert_int_eq(fs_inode(fs, 0) == NULL, 1);
  ck_assert_int_eq(fs_lookup(fs, "/"), ROOTINO);
  ck_assert_int_eq(fs_inode(fs, ROOTINO)->type, T_DIR);
  ck_assert_int_eq(fs_inode(fs, ROOTINO)->nlink, 1);
  ck_assert_int_eq(fs_list(fs, "/", &e, &n), 0);
  ck_assert_uint_eq(n, 2);
  ck_assert_str_eq(e[0].name, ".");
  ck_assert_str_eq(e[1].name, "..");
  ck_assert_uint_eq(e[0].inum, ROOTINO);
  ck_assert_uint_eq(e[1].inum, ROOTINO);
  free(e);
  for (uint32_t b = 0; b <= fs->datastart; b++)
    ck_assert_int_eq(fs_getbit(fs, b), 1);
  ck_assert_int_eq(fs_getbit(fs, fs->datastart + 1), 0);
  ck_assert_int_eq(fs_getbit(fs, FSSIZE - 1), 0);
  clean(fs);

  // mkfs's /dev: a subdirectory gives the root a second link.
  ck_assert_int_eq(fs_mkdir(fs, "/dev"), 2);
  ck_assert_int_eq(fs_inode(fs, ROOTINO)->nlink, 2);
  ck_assert_int_eq(fs_inode(fs, 2)->nlink, 1);
  ck_assert_int_eq(fs_list(fs, "/dev", &e, &n), 0);
  ck_assert_uint_eq(n, 2);
  ck_assert_uint_eq(e[1].inum, ROOTINO);
  free(e);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_save_open) {
  struct fsimg *fs, *fs2;
  char img[160], why[256];
  uint8_t *data = pattern(5000, 7);
  FILE *f;

  fs = mkimg();
  ck_assert_int_gt(fs_addfile(fs, "/hello", data, 5000), 0);
  snprintf(img, sizeof img, "%s/fs.img", tmpdir);
  ck_assert_int_eq(fs_save(fs, img), 0);
  ck_assert_int_eq(ntmpfiles(), 1); // no temporary left behind
  f = fopen(img, "rb");
  ck_assert_ptr_nonnull(f);
  fseek(f, 0, SEEK_END);
  ck_assert_int_eq(ftell(f), (long)FSSIZE * BSIZE);
  fclose(f);

  ck_assert_int_eq(fs_open(img, &fs2, why, sizeof why), 0);
  ck_assert(memcmp(fs->data, fs2->data, (size_t)FSSIZE * BSIZE) == 0);
  ck_assert_uint_eq(fs2->nfree, fs->nfree);
  ck_assert_uint_eq(fs2->ifree, fs->ifree);
  readback(fs2, "/hello", data, 5000);
  clean(fs2);
  // Writing to a loaded image works too.
  ck_assert_int_gt(fs_addfile(fs2, "/more/x", data, 10), 0);
  clean(fs2);
  fs_free(fs2);

  // Saving where it cannot leaves nothing.
  snprintf(img, sizeof img, "%s/nodir/fs.img", tmpdir);
  ck_assert_int_eq(fs_save(fs, img), FSE_IO);
  ck_assert_int_eq(ntmpfiles(), 1);
  fs_free(fs);
  free(data);
}
END_TEST

START_TEST(test_open_bad) {
  struct fsimg *fs;
  char img[160], why[256];
  uint8_t *zero = calloc(4, BSIZE);
  FILE *f;

  snprintf(img, sizeof img, "%s/none.img", tmpdir);
  ck_assert_int_eq(fs_open(img, &fs, why, sizeof why), FSE_IO);
  ck_assert_ptr_null(fs);

  snprintf(img, sizeof img, "%s/zero.img", tmpdir);
  f = fopen(img, "wb");
  fwrite(zero, BSIZE, 4, f);
  fclose(f);
  ck_assert_int_eq(fs_open(img, &fs, why, sizeof why), FSE_CORRUPT);
  ck_assert_ptr_nonnull(strstr(why, "magic"));

  // A real superblock in a file too short for it.
  fs = mkimg();
  memcpy(zero, fs->data, 4 * BSIZE);
  fs_free(fs);
  f = fopen(img, "wb");
  fwrite(zero, BSIZE, 4, f);
  fclose(f);
  ck_assert_int_eq(fs_open(img, &fs, why, sizeof why), FSE_CORRUPT);
  ck_assert_ptr_nonnull(strstr(why, "size"));
  free(zero);
}
END_TEST

START_TEST(test_small) {
  struct fsimg *fs = mkimg();
  const char *msg = "hello, world\n";
  struct fsentry *e;
  uint32_t before = fs->nfree;
  uint8_t *got;
  size_t n;
  int inum;

  inum = fs_addfile(fs, "/hello.txt", msg, strlen(msg));
  ck_assert_int_eq(inum, 3);
  ck_assert_uint_eq(fs->nfree, before - 1);
  ck_assert_int_eq(fs_lookup(fs, "/hello.txt"), inum);
  ck_assert_int_eq(fs_inode(fs, inum)->type, T_FILE);
  ck_assert_int_eq(fs_inode(fs, inum)->nlink, 1);
  ck_assert_uint_eq(fs_inode(fs, inum)->size, strlen(msg));
  readback(fs, "/hello.txt", (const uint8_t *)msg, strlen(msg));

  // An empty file has no blocks and reads back empty.
  ck_assert_int_gt(fs_addfile(fs, "/empty", "", 0), 0);
  ck_assert_uint_eq(fs->nfree, before - 1);
  ck_assert_int_eq(fs_readfile(fs, "/empty", &got, &n), 0);
  ck_assert_uint_eq(n, 0);
  free(got);

  ck_assert_int_eq(fs_list(fs, "/", &e, &n), 0);
  ck_assert_uint_eq(n, 5);
  ck_assert_str_eq(e[2].name, "dev");
  ck_assert_str_eq(e[3].name, "hello.txt");
  ck_assert_int_eq(e[3].type, T_FILE);
  ck_assert_uint_eq(e[3].size, strlen(msg));
  ck_assert_str_eq(e[4].name, "empty");
  free(e);

  ck_assert_int_eq(fs_readfile(fs, "/nothere", &got, &n), FSE_NOENT);
  ck_assert_int_eq(fs_readfile(fs, "/dev", &got, &n), FSE_ISDIR);
  ck_assert_int_eq(fs_list(fs, "/hello.txt", &e, &n), FSE_NOTDIR);
  ck_assert_int_eq(fs_lookup(fs, "/hello.txt/x"), FSE_NOTDIR);
  clean(fs);
  fs_free(fs);
}
END_TEST

// Sizes around the direct / single-indirect / double-indirect limits.
static const size_t sizes[] = {
    NDIRECT * BSIZE,    // all direct
    NDIRECT *BSIZE + 1, // first indirect byte
    (NDIRECT + 1) * BSIZE,
    (NDIRECT + NINDIRECT) * BSIZE,     // indirect full
    (NDIRECT + NINDIRECT) * BSIZE + 1, // first double
    (NDIRECT + NINDIRECT + 1) * BSIZE,
    (NDIRECT + 2 * NINDIRECT) * BSIZE + 1, // second level-1 block
    9 * 1024 * 1024 + 123,                 // ~9 MiB
};

START_TEST(test_boundaries) {
  struct fsimg *fs = mkimg();
  size_t n = sizes[_i];
  uint8_t *data = pattern(n, _i + 1);
  uint32_t before = fs->nfree, nblk = (n + BSIZE - 1) / BSIZE;
  struct dinode *d;
  int inum;

  inum = fs_addfile(fs, "/big", data, n);
  ck_assert_int_gt(inum, 0);
  d = fs_inode(fs, inum);
  ck_assert_uint_eq(d->size, n);
  ck_assert_uint_eq(before - fs->nfree, fs_fileblocks(n));
  ck_assert_int_eq(d->addrs[NDIRECT] != 0, nblk > NDIRECT);
  ck_assert_int_eq(d->addrs[NDIRECT + 1] != 0, nblk > NDIRECT + NINDIRECT);
  readback(fs, "/big", data, n);
  clean(fs);

  if (n > 1024 * 1024) { // the big one survives a save and a load
    char img[160], why[256];
    struct fsimg *fs2;
    snprintf(img, sizeof img, "%s/big.img", tmpdir);
    ck_assert_int_eq(fs_save(fs, img), 0);
    ck_assert_int_eq(fs_open(img, &fs2, why, sizeof why), 0);
    readback(fs2, "/big", data, n);
    clean(fs2);
    fs_free(fs2);
  }
  fs_free(fs);
  free(data);
}
END_TEST

START_TEST(test_fileblocks) {
  ck_assert_uint_eq(fs_fileblocks(0), 0);
  ck_assert_uint_eq(fs_fileblocks(1), 1);
  ck_assert_uint_eq(fs_fileblocks(NDIRECT * BSIZE), NDIRECT);
  ck_assert_uint_eq(fs_fileblocks(NDIRECT * BSIZE + 1), NDIRECT + 2);
  ck_assert_uint_eq(fs_fileblocks((NDIRECT + NINDIRECT) * BSIZE),
                    NDIRECT + NINDIRECT + 1);
  ck_assert_uint_eq(fs_fileblocks((NDIRECT + NINDIRECT) * BSIZE + 1),
                    NDIRECT + NINDIRECT + 1 + 1 + 1 + 1);
  ck_assert_uint_eq(fs_fileblocks((uint64_t)MAXFILE * BSIZE),
                    MAXFILE + 1 + 1 + NINDIRECT);
}
END_TEST

START_TEST(test_nested) {
  struct fsimg *fs = mkimg();
  struct fsentry *e;
  int a, b, c, f;
  size_t n;

  f = fs_addfile(fs, "/a/b/c/file.txt", "xyz", 3);
  ck_assert_int_gt(f, 0);
  a = fs_lookup(fs, "/a");
  b = fs_lookup(fs, "/a/b");
  c = fs_lookup(fs, "/a/b/c");
  ck_assert_int_gt(a, 0);
  ck_assert_int_gt(b, 0);
  ck_assert_int_gt(c, 0);
  ck_assert_int_eq(fs_lookup(fs, "/a/b/c/file.txt"), f);
  ck_assert_int_eq(fs_lookup(fs, "//a///b/c/"), c);
  ck_assert_int_eq(fs_lookup(fs, "/a/b/../b/c/./file.txt"), f);
  ck_assert_int_eq(fs_lookup(fs, "/a/.."), ROOTINO);
  ck_assert_int_eq(fs_inode(fs, a)->type, T_DIR);
  ck_assert_int_eq(fs_inode(fs, ROOTINO)->nlink, 3); // .., dev, a
  ck_assert_int_eq(fs_inode(fs, a)->nlink, 2);
  ck_assert_int_eq(fs_inode(fs, b)->nlink, 2);
  ck_assert_int_eq(fs_inode(fs, c)->nlink, 1);
  ck_assert_int_eq(fs_list(fs, "/a/b/c", &e, &n), 0);
  ck_assert_uint_eq(n, 3);
  ck_assert_uint_eq(e[0].inum, c);
  ck_assert_uint_eq(e[1].inum, b);
  ck_assert_str_eq(e[2].name, "file.txt");
  free(e);
  readback(fs, "/a/b/c/file.txt", (const uint8_t *)"xyz", 3);

  // Into existing directories, and a mix of old and new.
  ck_assert_int_gt(fs_addfile(fs, "/a/b/other", "1", 1), 0);
  ck_assert_int_gt(fs_mkdir(fs, "/a/x/y"), 0);
  ck_assert_int_eq(fs_inode(fs, a)->nlink, 3);
  readback(fs, "/a/b/other", (const uint8_t *)"1", 1);
  clean(fs);

  // Bad paths change nothing.
  uint32_t nfree = fs->nfree, ifree = fs->ifree;
  ck_assert_int_eq(fs_addfile(fs, "/a/b/c/file.txt/z", "", 0), FSE_NOTDIR);
  ck_assert_int_eq(fs_addfile(fs, "relative", "", 0), FSE_INVAL);
  ck_assert_int_eq(fs_addfile(fs, "/new/./z", "", 0), FSE_INVAL);
  ck_assert_int_eq(fs_addfile(fs, "/new/..", "", 0), FSE_INVAL);
  ck_assert_uint_eq(fs->nfree, nfree);
  ck_assert_uint_eq(fs->ifree, ifree);
  ck_assert_int_eq(fs_lookup(fs, "/new"), FSE_NOENT);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_dirsiz) {
  struct fsimg *fs = mkimg();
  char name[DIRSIZ + 3], path[DIRSIZ + 8];
  struct fsentry *e;
  uint32_t nfree, ifree;
  size_t n;
  int inum;

  memset(name, 'n', DIRSIZ);
  name[DIRSIZ] = 0;
  snprintf(path, sizeof path, "/%s", name);
  inum = fs_addfile(fs, path, "max", 3);
  ck_assert_int_gt(inum, 0);
  ck_assert_int_eq(fs_lookup(fs, path), inum);
  readback(fs, path, (const uint8_t *)"max", 3);
  ck_assert_int_eq(fs_list(fs, "/", &e, &n), 0);
  ck_assert_uint_eq(n, 4);
  ck_assert_uint_eq(strlen(e[3].name), DIRSIZ);
  ck_assert_str_eq(e[3].name, name);
  free(e);
  // A prefix of it is a different name.
  path[DIRSIZ] = 0;
  ck_assert_int_eq(fs_lookup(fs, path), FSE_NOENT);

  nfree = fs->nfree;
  ifree = fs->ifree;
  name[DIRSIZ] = 'n';
  name[DIRSIZ + 1] = 0;
  snprintf(path, sizeof path, "/%s", name);
  ck_assert_int_eq(fs_addfile(fs, path, "long", 4), FSE_NAMELEN);
  ck_assert_ptr_nonnull(strstr(fs->why, "31"));
  ck_assert_int_eq(fs_lookup(fs, path), FSE_NAMELEN);
  snprintf(path, sizeof path, "/%s/f", name);
  ck_assert_int_eq(fs_addfile(fs, path, "long", 4), FSE_NAMELEN);
  ck_assert_int_eq(fs_mkdir(fs, path), FSE_NAMELEN);
  ck_assert_uint_eq(fs->nfree, nfree);
  ck_assert_uint_eq(fs->ifree, ifree);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_duplicate) {
  struct fsimg *fs = mkimg();
  uint32_t nfree, ifree;

  ck_assert_int_gt(fs_addfile(fs, "/x", "1", 1), 0);
  nfree = fs->nfree;
  ifree = fs->ifree;
  ck_assert_int_eq(fs_addfile(fs, "/x", "2", 1), FSE_EXIST);
  ck_assert_int_eq(fs_mkdir(fs, "/x"), FSE_EXIST);
  ck_assert_int_eq(fs_mkdir(fs, "/dev"), FSE_EXIST);
  ck_assert_int_eq(fs_addfile(fs, "/dev", "", 0), FSE_EXIST);
  ck_assert_int_eq(fs_mkdir(fs, "/"), FSE_EXIST);
  ck_assert_int_eq(fs_addfile(fs, "/x/y", "", 0), FSE_NOTDIR);
  ck_assert_uint_eq(fs->nfree, nfree);
  ck_assert_uint_eq(fs->ifree, ifree);
  readback(fs, "/x", (const uint8_t *)"1", 1);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_too_many) {
  struct fsimg *fs;
  char path[32];
  int i, r = 0;

  ck_assert_int_eq(fs_create(FSSIZE, NINODES, &fs), 0);
  for (i = 0; i < NINODES; i++) {
    snprintf(path, sizeof path, "/f%d", i);
    if ((r = fs_addfile(fs, path, path, strlen(path))) < 0)
      break;
  }
  ck_assert_int_eq(r, FSE_NOINODE);
  ck_assert_int_eq(i, NINODES - 2); // inode 0 unused, 1 is the root
  ck_assert_uint_eq(fs->ifree, 0);
  ck_assert_int_eq(fs_mkdir(fs, "/d"), FSE_NOINODE);
  readback(fs, "/f2045", (const uint8_t *)"/f2045", 6);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_full) {
  struct fsimg *fs;
  uint8_t *data;
  uint32_t k;

  // 400 blocks, 64 inodes: a file that fits exactly, then one block more.
  ck_assert_int_eq(fs_create(400, 64, &fs), 0);
  ck_assert_uint_eq(fs->nfree, 400 - fs->datastart - 1);
  for (k = 0; fs_fileblocks((uint64_t)(k + 1) * BSIZE) <= fs->nfree; k++)
    ;
  data = pattern((size_t)(k + 1) * BSIZE, 3);
  ck_assert_int_eq(fs_addfile(fs, "/big", data, (size_t)(k + 1) * BSIZE),
                   FSE_NOSPC);
  ck_assert_int_gt(fs_addfile(fs, "/big", data, (size_t)k * BSIZE), 0);
  ck_assert_uint_eq(fs->nfree, 0);
  ck_assert_int_eq(fs_addfile(fs, "/one", "1", 1), FSE_NOSPC);
  ck_assert_int_eq(fs_addfile(fs, "/empty", "", 0), 3); // no block needed
  ck_assert_int_eq(fs_mkdir(fs, "/d"), FSE_NOSPC);
  readback(fs, "/big", data, (size_t)k * BSIZE);
  clean(fs);
  fs_free(fs);

  // Filling with small files stops cleanly at the last block.
  ck_assert_int_eq(fs_create(400, 512, &fs), 0);
  int i, r = 0;
  char path[32];
  for (i = 0; i < 1000; i++) {
    snprintf(path, sizeof path, "/f%d", i);
    if ((r = fs_addfile(fs, path, data, 3000)) < 0)
      break;
  }
  ck_assert_int_eq(r, FSE_NOSPC);
  ck_assert_uint_lt(fs->nfree, 3);
  clean(fs);
  fs_free(fs);
  free(data);

  ck_assert_int_eq(fs_create(56, 64, &fs), FSE_INVAL); // no data block
  ck_assert_int_eq(fs_create(57, 64, &fs), 0);         // just the root's
  ck_assert_uint_eq(fs->nfree, 0);
  clean(fs);
  fs_free(fs);
  ck_assert_int_eq(fs_create(400, 1, &fs), FSE_INVAL);
}
END_TEST

START_TEST(test_fbig) {
  struct fsimg *fs = mkimg();
  static uint8_t small[16];

  // The size is refused before the data is read.
  ck_assert_int_eq(fs_addfile(fs, "/huge", small, (size_t)MAXFILE * BSIZE + 1),
                   FSE_FBIG);
  ck_assert_int_eq(fs_lookup(fs, "/huge"), FSE_NOENT);
  clean(fs);
  fs_free(fs);
}
END_TEST

// An image with two files and a subdirectory, for damaging.
static struct fsimg *sample(int *f1, int *f2) {
  struct fsimg *fs = mkimg();
  uint8_t *data = pattern(20 * BSIZE, 9);

  *f1 = fs_addfile(fs, "/one", data, 20 * BSIZE);
  *f2 = fs_addfile(fs, "/sub/two", data, 100);
  ck_assert_int_gt(*f1, 0);
  ck_assert_int_gt(*f2, 0);
  free(data);
  clean(fs);
  return fs;
}

START_TEST(test_check_bitmap) {
  int f1, f2;
  struct fsimg *fs = sample(&f1, &f2);
  uint32_t b = fs_inode(fs, f1)->addrs[3];
  uint32_t ind = fs_inode(fs, f1)->addrs[NDIRECT];

  fs_setbit(fs, b, 0); // a data block marked free
  expect(fs, 1, FSP_BMAPFREE, 1);
  fs_setbit(fs, b, 1);
  fs_setbit(fs, ind, 0); // an indirect block marked free
  expect(fs, 1, FSP_BMAPFREE, 1);
  fs_setbit(fs, ind, 1);
  fs_setbit(fs, FSSIZE - 5, 1); // a free block marked used
  expect(fs, 1, FSP_BMAPLEAK, 1);
  fs_setbit(fs, FSSIZE - 5, 0);
  fs_setbit(fs, fs->sb.inodestart + 3, 0); // metadata marked free
  expect(fs, 1, FSP_BMAPFREE, 1);
  fs_setbit(fs, fs->sb.inodestart + 3, 1);
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_check_nlink) {
  int f1, f2;
  struct fsimg *fs = sample(&f1, &f2);
  int sub = fs_lookup(fs, "/sub");

  fs_inode(fs, f1)->nlink = 2;
  expect(fs, 1, FSP_NLINK, 1);
  fs_inode(fs, f1)->nlink = 0;
  expect(fs, 1, FSP_NLINK, 1);
  fs_inode(fs, f1)->nlink = 1;
  fs_inode(fs, sub)->nlink = 2; // a directory without subdirectories
  expect(fs, 1, FSP_NLINK, 1);
  fs_inode(fs, sub)->nlink = 1;
  fs_inode(fs, ROOTINO)->nlink = 1; // ignores the children's ".."
  expect(fs, 1, FSP_NLINK, 1);
  fs_inode(fs, ROOTINO)->nlink = 3;
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_check_blocks) {
  int f1, f2;
  struct fsimg *fs = sample(&f1, &f2);
  struct dinode *d1 = fs_inode(fs, f1), *d2 = fs_inode(fs, f2);
  uint32_t save;

  // Two inodes sharing a block; f2's own block is then leaked.
  save = d2->addrs[0];
  d2->addrs[0] = d1->addrs[5];
  expect(fs, 2, FSP_DUP, 1);
  // An address outside the data area (a bitmap block).
  d2->addrs[0] = fs->sb.bmapstart;
  expect(fs, 2, FSP_ADDR, 1);
  ck_assert_int_eq(fs_lookup(fs, "/sub/two"), f2);
  uint8_t *buf;
  size_t n;
  ck_assert_int_eq(fs_readfile(fs, "/sub/two", &buf, &n), FSE_CORRUPT);
  d2->addrs[0] = 0xfffffff0u;
  expect(fs, 2, FSP_ADDR, 1);
  d2->addrs[0] = save;
  clean(fs);

  // Sizes that disagree with the blocks.
  d1->size += BSIZE;
  expect(fs, 1, FSP_SIZE, 1); // a hole at the end
  d1->size = 10 * BSIZE;
  expect(fs, 2, FSP_SIZE, 2); // 10 blocks and the indirect past the end
  d1->size = 20 * BSIZE;
  clean(fs);
  fs_free(fs);
}
END_TEST

START_TEST(test_check_tree) {
  int f1, f2;
  struct fsimg *fs = sample(&f1, &f2);
  struct dinode *d2 = fs_inode(fs, f2), saved = *d2;
  int sub = fs_lookup(fs, "/sub");

  // The entry names a free inode, and the blocks become leaks.
  memset(d2, 0, sizeof *d2);
  expect(fs, 2, FSP_DIR, 1);
  *d2 = saved;
  // An allocated inode that no entry names.
  struct dinode *lost = fs_inode(fs, 100);
  lost->type = T_FILE;
  lost->nlink = 1;
  expect(fs, 1, FSP_UNREACH, 1);
  lost->type = 77;
  expect(fs, 1, FSP_TYPE, 1);
  memset(lost, 0, sizeof *lost);
  clean(fs);

  // A wrong "..", and a directory named twice.
  struct dirent de[3];
  uint8_t *blk = fs_block(fs, fs_inode(fs, sub)->addrs[0]);
  memcpy(de, blk, sizeof de);
  ((struct dirent *)blk)[1].inum = sub;
  expect(fs, 3, FSP_DIR, 1); // and the nlinks of the root and sub
  memcpy(blk, de, sizeof de);
  ((struct dirent *)blk)[2].inum = ROOTINO; // "two" -> the root
  expect(fs, 3, FSP_DIR, 1);                // + root nlink, f2 unreachable
  memcpy(blk, de, sizeof de);
  memcpy(((struct dirent *)blk)[2].name, "..", 3); // extra ".."
  expect(fs, 2, FSP_DIR, 2);                       // extra "..", duplicate name
  memcpy(blk, de, sizeof de);
  clean(fs);

  // A log header with an uninstalled transaction.
  uint32_t one = 1;
  memcpy(fs_block(fs, fs->sb.logstart), &one, sizeof one);
  expect(fs, 1, FSP_LOG, 1);
  fs_free(fs);
}
END_TEST

START_TEST(test_check_robust) {
  int f1, f2;
  struct fsimg *fs = sample(&f1, &f2);
  struct fsreport r;
  int sub = fs_lookup(fs, "/sub");

  // Garbage all over the inode blocks: the checker reports, never
  // crashes, and the reader returns errors.
  uint8_t *g = pattern((size_t)BSIZE * (NINODES / IPB), 5);
  memcpy(fs_block(fs, fs->sb.inodestart), g, (size_t)BSIZE * (NINODES / IPB));
  ck_assert_int_gt(fs_check(fs, &r), 0);
  fs_report_free(&r);
  uint8_t *buf;
  size_t n;
  int e = fs_readfile(fs, "/sub/two", &buf, &n);
  if (e == 0)
    free(buf);
  // The root inode is garbage: not a directory, or one that points
  // outside the image. Either way an error, with the path in the detail.
  ck_assert_msg(e == FSE_NOTDIR || e == FSE_CORRUPT,
                "reading through a garbage root gave %d (%s)", e, fs->why);
  ck_assert_ptr_nonnull(strstr(fs->why, "/sub/two"));
  free(g);
  fs_free(fs);

  // A directory whose block address is wild.
  fs = sample(&f1, &f2);
  sub = fs_lookup(fs, "/sub");
  fs_inode(fs, sub)->addrs[0] = 123456789;
  ck_assert_int_eq(fs_lookup(fs, "/sub/two"), FSE_CORRUPT);
  ck_assert_int_gt(fs_check(fs, &r), 0);
  ck_assert_int_ge(fs_report_count(&r, FSP_ADDR), 1);
  fs_report_free(&r);
  fs_free(fs);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("mkfs");
  TCase *tc = tcase_create("image");

  tcase_add_unchecked_fixture(tc, runsetup, runteardown);
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_empty);
  tcase_add_test(tc, test_save_open);
  tcase_add_test(tc, test_open_bad);
  tcase_add_test(tc, test_small);
  tcase_add_loop_test(tc, test_boundaries, 0, sizeof sizes / sizeof sizes[0]);
  tcase_add_test(tc, test_fileblocks);
  tcase_add_test(tc, test_nested);
  tcase_add_test(tc, test_dirsiz);
  tcase_add_test(tc, test_duplicate);
  tcase_add_test(tc, test_too_many);
  tcase_add_test(tc, test_full);
  tcase_add_test(tc, test_fbig);
  tcase_add_test(tc, test_check_bitmap);
  tcase_add_test(tc, test_check_nlink);
  tcase_add_test(tc, test_check_blocks);
  tcase_add_test(tc, test_check_tree);
  tcase_add_test(tc, test_check_robust);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) {
  SRunner *sr = srunner_create(suite());
  int failed;

  srunner_run_all(sr, CK_NORMAL);
  failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
