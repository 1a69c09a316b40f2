// user/wc.c: wc [file...] counts lines, words and bytes of each file
// (standard input if none) and prints "lines words bytes [name]", then
// a total line when there was more than one file.

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];
static long tl, tw, tc; // totals

static int count(int fd, const char *name) {
  long l = 0, w = 0, c = 0;
  int inword = 0, n;
  while ((n = read(fd, buf, sizeof(buf))) > 0) {
    c += n;
    for (int i = 0; i < n; i++) {
      if (buf[i] == '\n')
        l++;
      if (isspace((unsigned char)buf[i])) {
        inword = 0;
      } else if (!inword) {
        inword = 1;
        w++;
      }
    }
  }
  if (n < 0) {
    fprintf(stderr, "wc: %s: %s\n", name ? name : "stdin", strerror(errno));
    return -1;
  }
  if (name)
    printf("%ld %ld %ld %s\n", l, w, c, name);
  else
    printf("%ld %ld %ld\n", l, w, c);
  tl += l, tw += w, tc += c;
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc < 2)
    return count(0, NULL) < 0;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
      status = 1;
      continue;
    }
    if (count(fd, argv[i]) < 0)
      status = 1;
    close(fd);
  }
  if (argc > 2)
    printf("%ld %ld %ld total\n", tl, tw, tc);
  return status;
}
