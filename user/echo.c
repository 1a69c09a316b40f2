// user/echo.c: echo [-n] [arg...] prints its arguments separated by
// spaces and followed by a newline (none with -n), in one write when
// the line fits the buffer.

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];
static int len;

static int out(const char *s, int n) {
  if (len + n > (int)sizeof(buf)) {
    if (len > 0 && write(1, buf, len) != len)
      return -1;
    len = 0;
    if (n > (int)sizeof(buf))
      return write(1, s, n) == n ? 0 : -1;
  }
  memcpy(buf + len, s, n);
  len += n;
  return 0;
}

int main(int argc, char *argv[]) {
  int i = 1, newline = 1;
  if (argc > 1 && strcmp(argv[1], "-n") == 0) {
    newline = 0;
    i++;
  }
  int err = 0;
  for (int first = i; i < argc; i++) {
    if (i > first)
      err |= out(" ", 1);
    err |= out(argv[i], strlen(argv[i]));
  }
  if (newline)
    err |= out("\n", 1);
  if (len > 0 && write(1, buf, len) != len)
    err = -1;
  if (err) {
    perror("echo: write");
    return 1;
  }
  return 0;
}
