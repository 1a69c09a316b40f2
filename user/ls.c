// user/ls.c: ls [path...] describes each path (default "."): a line
// "name type inode size" for a file, one such line per entry for a
// directory. Types are the T_* numbers of netv6/stat.h.

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netv6/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void show(const char *name, struct stat *st) {
  printf("%-14s %d %u %lu\n", name, st->st_type, st->st_ino,
         (unsigned long)st->st_size);
}

static int lsdir(int fd, const char *path) {
  static char buf[PATH_MAX + DIRSIZ + 2];
  size_t plen = strlen(path);
  if (plen + 1 + DIRSIZ + 1 > sizeof(buf)) {
    fprintf(stderr, "ls: %s: path too long\n", path);
    return -1;
  }
  memcpy(buf, path, plen);
  buf[plen++] = '/';

  struct dirent de;
  int n, status = 0;
  while ((n = read(fd, &de, sizeof(de))) == sizeof(de)) {
    if (de.inum == 0)
      continue;
    char name[DIRSIZ + 1];
    memcpy(name, de.name, DIRSIZ);
    name[DIRSIZ] = '\0'; // a name of exactly DIRSIZ bytes has no NUL
    strcpy(buf + plen, name);
    struct stat st;
    if (stat(buf, &st) < 0) {
      fprintf(stderr, "ls: cannot stat %s: %s\n", buf, strerror(errno));
      status = -1;
      continue;
    }
    show(name, &st);
  }
  if (n < 0) {
    fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
    return -1;
  }
  return status;
}

static int ls(const char *path) {
  struct stat st;
  if (stat(path, &st) < 0) {
    fprintf(stderr, "ls: cannot stat %s: %s\n", path, strerror(errno));
    return -1;
  }
  if (st.st_type != T_DIR) {
    show(path, &st); // also socket names, which cannot be opened
    return 0;
  }
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "ls: cannot open %s: %s\n", path, strerror(errno));
    return -1;
  }
  int r = lsdir(fd, path);
  close(fd);
  return r;
}

int main(int argc, char *argv[]) {
  if (argc < 2)
    return ls(".") < 0;
  int status = 0;
  for (int i = 1; i < argc; i++)
    if (ls(argv[i]) < 0)
      status = 1;
  return status;
}
