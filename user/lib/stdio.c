// user/lib/stdio.c: the standard streams and character I/O (libc,
// stdio layer). Unbuffered: see stdio.h.

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static FILE streams[3] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];

// writeall writes n bytes of buf, retrying short writes; 0 or -1.
static int writeall(FILE *f, const char *buf, size_t n) {
  while (n > 0) {
    int w = write(f->fd, buf, (int)n);
    if (w <= 0) {
      f->err = 1;
      return -1;
    }
    buf += w;
    n -= w;
  }
  return 0;
}

int fputc(int c, FILE *f) {
  char b = (char)c;
  return writeall(f, &b, 1) < 0 ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f) { return fputc(c, f); }

int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) {
  return writeall(f, s, strlen(s)) < 0 ? EOF : 0;
}

int puts(const char *s) { return fprintf(stdout, "%s\n", s) < 0 ? EOF : 0; }

int fgetc(FILE *f) {
  unsigned char c;
  int n = read(f->fd, &c, 1);
  if (n == 1)
    return c;
  if (n == 0)
    f->eof = 1;
  else
    f->err = 1;
  return EOF;
}

int getc(FILE *f) { return fgetc(f); }

int getchar(void) { return fgetc(stdin); }

char *fgets(char *buf, int n, FILE *f) {
  if (n <= 0)
    return NULL;
  int i = 0;
  while (i < n - 1) {
    int c = fgetc(f);
    if (c == EOF)
      break;
    buf[i++] = (char)c;
    if (c == '\n')
      break;
  }
  buf[i] = '\0';
  return i == 0 && n > 1 ? NULL : buf;
}

char *gets(char *buf, int max) {
  int i = 0;
  while (i + 1 < max) {
    char c;
    if (read(0, &c, 1) != 1)
      break;
    buf[i++] = c;
    if (c == '\n')
      break;
  }
  if (max > 0)
    buf[i] = '\0';
  return buf;
}

int fflush(FILE *f) {
  (void)f;
  return 0;
}

int fileno(FILE *f) { return f->fd; }

int feof(FILE *f) { return f->eof; }

int ferror(FILE *f) { return f->err; }

void clearerr(FILE *f) { f->eof = f->err = 0; }

void perror(const char *s) {
  const char *msg = strerror(errno);
  if (s && *s)
    fprintf(stderr, "%s: %s\n", s, msg);
  else
    fprintf(stderr, "%s\n", msg);
}
