// mkfs/main.c: the mkfs command.
//
//   mkfs IMG FILE...
//
// Builds a fresh FSSIZE-block image with NINODES inodes, empty /dev, /tmp
// and /net, and each FILE copied in: "HOST" goes to /basename(HOST), and
// "HOST=/GUEST/PATH" to that absolute path, parents created. Any error
// names the file, exits 1 and leaves IMG as it was (fs_save writes a
// temporary file and renames it).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsimage.h"

static const char *prog = "mkfs";

// Read the whole host file path into *data. Returns 0, or -1 after
// printing why.
static int readhost(const char *path, uint8_t **data, size_t *n) {
  struct stat st;
  uint8_t *buf;
  size_t got;
  FILE *f;

  if (stat(path, &st) < 0) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    fprintf(stderr, "%s: %s: not a regular file\n", prog, path);
    return -1;
  }
  if ((uint64_t)st.st_size > (uint64_t)MAXFILE * BSIZE) {
    fprintf(stderr,
            "%s: %s: %lld bytes, more than MAXFILE (%llu blocks "
            "of %d bytes)\n",
            prog, path, (long long)st.st_size, (unsigned long long)MAXFILE,
            BSIZE);
    return -1;
  }
  if (!(f = fopen(path, "rb"))) {
    fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
    return -1;
  }
  if (!(buf = malloc(st.st_size + 1))) {
    fprintf(stderr, "%s: %s: out of memory\n", prog, path);
    fclose(f);
    return -1;
  }
  got = fread(buf, 1, st.st_size, f);
  if (ferror(f) || got != (size_t)st.st_size) {
    fprintf(stderr, "%s: %s: read error\n", prog, path);
    fclose(f);
    free(buf);
    return -1;
  }
  fclose(f);
  *data = buf;
  *n = got;
  return 0;
}

// Add one command-line FILE argument to the image.
static int addarg(struct fsimg *fs, const char *arg) {
  char *host, *guest, *eq, *base;
  uint8_t *data;
  size_t n;
  int r;

  if (!(host = strdup(arg)))
    return -1;
  if ((eq = strchr(host, '=')) != NULL) {
    *eq = 0;
    guest = strdup(eq + 1);
    if (guest && guest[0] != '/') {
      fprintf(stderr, "%s: %s: guest path \"%s\" must be absolute\n", prog, arg,
              guest);
      free(host);
      free(guest);
      return -1;
    }
  } else {
    base = strrchr(host, '/');
    base = base ? base + 1 : host;
    if (*base == 0) {
      fprintf(stderr, "%s: %s: no file name\n", prog, arg);
      free(host);
      return -1;
    }
    if ((guest = malloc(strlen(base) + 2)) != NULL)
      sprintf(guest, "/%s", base);
  }
  if (!guest || readhost(host, &data, &n) < 0) {
    free(host);
    free(guest);
    return -1;
  }
  fs->why[0] = 0;
  if ((r = fs_addfile(fs, guest, data, n)) < 0)
    fprintf(stderr, "%s: %s: %s\n", prog, host,
            fs->why[0] ? fs->why : fs_strerror(r));
  free(data);
  free(host);
  free(guest);
  return r < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
  struct fsimg *fs;
  int r;

  if (argc < 2) {
    fprintf(stderr, "usage: %s IMG [HOSTFILE | HOSTFILE=/GUEST/PATH]...\n",
            prog);
    return 1;
  }
  if ((r = fs_create(FSSIZE, NINODES, &fs)) < 0) {
    fprintf(stderr, "%s: %s\n", prog, fs_strerror(r));
    return 1;
  }
  // /dev for the device nodes init makes; /tmp for programs' scratch
  // files and socket names, as on any Unix; /net where the kernel mounts
  // its network files (kernel/fs/netfs.c).
  static const char *const dirs[] = {"/dev", "/tmp", "/net"};
  for (int i = 0; i < 3; i++) {
    if ((r = fs_mkdir(fs, dirs[i])) < 0) {
      fprintf(stderr, "%s: %s: %s\n", prog, dirs[i], fs_strerror(r));
      fs_free(fs);
      return 1;
    }
  }
  for (int i = 2; i < argc; i++) {
    if (addarg(fs, argv[i]) < 0) {
      fs_free(fs);
      return 1;
    }
  }
  if ((r = fs_save(fs, argv[1])) < 0) {
    fprintf(stderr, "%s: %s\n", prog, fs->why);
    fs_free(fs);
    return 1;
  }
  printf("%s: %s: %d files, %u of %u data blocks and %u of %u inodes "
         "used\n",
         prog, argv[1], argc - 2, fs->sb.nblocks - fs->nfree, fs->sb.nblocks,
         fs->sb.ninodes - 1 - fs->ifree, fs->sb.ninodes - 1);
  fs_free(fs);
  return 0;
}
