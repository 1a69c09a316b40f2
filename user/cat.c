// user/cat.c: cat [file...] copies each file (standard input if none)
// to standard output.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[8192];

// copy copies fd to standard output; 0, or -1 after printing an error.
static int copy(int fd, const char *name) {
  int n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    for (int off = 0; off < n;) {
      int w = write(1, buf + off, n - off);
      if (w <= 0) {
        fprintf(stderr, "cat: write: %s\n", strerror(errno));
        return -1;
      }
      off += w;
    }
  }
  if (n < 0) {
    fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
    return -1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc < 2)
    return copy(0, "stdin") < 0;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    if (copy(fd, argv[i]) < 0)
      status = 1;
    close(fd);
  }
  return status;
}
