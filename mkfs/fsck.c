// mkfs/fsck.c: the host fsck command, for images mkfs or the kernel
// wrote.
//
//   fsck IMG            check; print each problem, exit 1 if any
//   fsck IMG cat PATH   print a file's content
//   fsck IMG ls [PATH]  list a directory: name, type, inode, nlink, size
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netv6/stat.h>

#include "fsimage.h"

static const char *prog = "fsck";

static int check(struct fsimg *fs, const char *img) {
  struct fsreport r;
  int n;

  if ((n = fs_check(fs, &r)) < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, img, fs_strerror(n));
    return 1;
  }
  for (int i = 0; i < r.kept; i++)
    printf("%s: %s: %s\n", prog, img, r.p[i].msg);
  if (r.n > r.kept)
    printf("%s: %s: ... and %d more\n", prog, img, r.n - r.kept);
  if (n == 0)
    printf("%s: %s: clean, %u of %u data blocks and %u of %u inodes "
           "used\n",
           prog, img, fs->sb.nblocks - fs->nfree, fs->sb.nblocks,
           fs->sb.ninodes - 1 - fs->ifree, fs->sb.ninodes - 1);
  else
    printf("%s: %s: %d problem%s\n", prog, img, n, n == 1 ? "" : "s");
  fs_report_free(&r);
  return n != 0;
}

static int cat(struct fsimg *fs, const char *path) {
  uint8_t *data;
  size_t n;
  int r;

  if ((r = fs_readfile(fs, path, &data, &n)) < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, fs_strerror(r));
    return 1;
  }
  r = fwrite(data, 1, n, stdout) != n;
  free(data);
  return r;
}

static char typechar(int type) {
  switch (type) {
  case T_DIR:
    return 'd';
  case T_FILE:
    return '-';
  case T_DEVICE:
    return 'c';
  case T_SOCK:
    return 's';
  }
  return '?';
}

static void line(const char *name, int type, uint32_t inum, int nlink,
                 uint32_t size) {
  printf("%-30s %c %5u %3d %9u\n", name, typechar(type), inum, nlink, size);
}

static int ls(struct fsimg *fs, const char *path) {
  struct fsentry *e;
  struct dinode *d;
  size_t n;
  int r;

  if ((r = fs_lookup(fs, path)) < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, fs_strerror(r));
    return 1;
  }
  d = fs_inode(fs, r);
  if (d && d->type != T_DIR) {
    line(path, d->type, r, d->nlink, d->size);
    return 0;
  }
  if ((r = fs_list(fs, path, &e, &n)) < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, fs_strerror(r));
    return 1;
  }
  for (size_t i = 0; i < n; i++)
    line(e[i].name, e[i].type, e[i].inum, e[i].nlink, e[i].size);
  free(e);
  return 0;
}

int main(int argc, char **argv) {
  struct fsimg *fs;
  char why[256] = "";
  int r;

  if (argc < 2 ||
      (argc > 2 && strcmp(argv[2], "ls") != 0 && strcmp(argv[2], "cat") != 0) ||
      (argc > 2 && strcmp(argv[2], "cat") == 0 && argc != 4) || argc > 4) {
    fprintf(stderr, "usage: %s IMG | %s IMG cat PATH | %s IMG ls [PATH]\n",
            prog, prog, prog);
    return 2;
  }
  if ((r = fs_open(argv[1], &fs, why, sizeof why)) < 0) {
    fprintf(stderr, "%s: %s: %s: %s\n", prog, argv[1], fs_strerror(r), why);
    return 1;
  }
  if (argc == 2)
    r = check(fs, argv[1]);
  else if (strcmp(argv[2], "cat") == 0)
    r = cat(fs, argv[3]);
  else
    r = ls(fs, argc == 4 ? argv[3] : "/");
  fs_free(fs);
  return r;
}
