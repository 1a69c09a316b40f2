// user/lib/stdio.c: streams and character I/O (libc, stdio layer).
// The standard streams are unbuffered; fopen/fdopen streams have a
// buffer each: see stdio.h.
//
// A buffered stream is either reading (buf[rpos..rlen) holds input read
// ahead of the stream's position) or writing (buf[0..wlen) holds output
// not yet written), never both: a read first writes the waiting output,
// a write first gives back the unread input (lseek backwards).

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

// FILE.flags of the fopen/fdopen streams.
#define F_OPEN 1  // the slot of table[] is in use
#define F_READ 2  // opened for reading
#define F_WRITE 4 // opened for writing
#define F_APPEND 8

static FILE streams[3] = {{0, 0, 0}, {1, 0, 0}, {2, 0, 0}};
FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];

static FILE table[FOPEN_MAX];

// ---- the low level: buffers and descriptors --------------------------------

// chunk limits one read() or write() to what its int count can say.
static int chunk(size_t n) { return n > INT_MAX ? INT_MAX : (int)n; }

// writeall writes n bytes of p to f's descriptor, retrying short writes;
// returns the bytes written (n unless a write failed).
static size_t writeall(FILE *f, const char *p, size_t n) {
  size_t done = 0;
  while (done < n) {
    int w = write(f->fd, p + done, chunk(n - done));
    if (w <= 0) {
      f->err = 1;
      break;
    }
    done += w;
  }
  return done;
}

// drain writes f's waiting output; 0, or EOF (the output is dropped).
static int drain(FILE *f) {
  int n = f->wlen;
  f->wlen = 0;
  return writeall(f, f->buf, n) == (size_t)n ? 0 : EOF;
}

// unread drops f's read-ahead input and moves the descriptor back to the
// stream's position; 0, or EOF if it cannot seek (the input is kept).
static int unread(FILE *f) {
  int n = f->rlen - f->rpos;
  if (n > 0 && lseek(f->fd, -(off_t)n, SEEK_CUR) < 0)
    return EOF;
  f->rpos = f->rlen = 0;
  return 0;
}

// can checks that f was opened for dir (F_READ or F_WRITE) and turns a
// buffered stream that way round; 0 or EOF.
static int can(FILE *f, int dir) {
  if ((f->flags & F_OPEN) && !(f->flags & dir)) {
    errno = EBADF;
    f->err = 1;
    return EOF;
  }
  if (f->buf == NULL)
    return 0;
  if (dir == F_READ)
    return f->wlen > 0 ? drain(f) : 0;
  if (f->rlen > 0 && unread(f) < 0) {
    f->err = 1;
    return EOF;
  }
  return 0;
}

// readin reads up to n bytes into p straight from f's descriptor;
// returns the count, or 0 with eof or err set.
static size_t readin(FILE *f, char *p, size_t n) {
  int r = read(f->fd, p, chunk(n));
  if (r > 0)
    return r;
  if (r == 0)
    f->eof = 1;
  else
    f->err = 1;
  return 0;
}

// refill reads the next buffer of input; 0, or EOF at end of file or
// on an error.
static int refill(FILE *f) {
  f->rpos = f->rlen = 0;
  size_t n = readin(f, f->buf, BUFSIZ);
  f->rlen = (int)n;
  return n > 0 ? 0 : EOF;
}

// put sends n bytes of p to f, through its buffer if it has one; returns
// the bytes taken (n unless a write failed).
static size_t put(FILE *f, const char *p, size_t n) {
  if (can(f, F_WRITE) < 0)
    return 0;
  if (f->buf == NULL)
    return writeall(f, p, n);
  size_t done = 0;
  while (done < n) {
    if (f->wlen == 0 && n - done >= BUFSIZ) // too big to gain by copying
      return done + writeall(f, p + done, n - done);
    size_t k = n - done;
    if (k > (size_t)(BUFSIZ - f->wlen))
      k = BUFSIZ - f->wlen;
    memcpy(f->buf + f->wlen, p + done, k);
    f->wlen += k;
    if (f->wlen == BUFSIZ && drain(f) < 0)
      return done;
    done += k;
  }
  return done;
}

// get takes up to n bytes from f into p, stopping early only at end of
// file or on an error; returns the count.
static size_t get(FILE *f, char *p, size_t n) {
  if (can(f, F_READ) < 0)
    return 0;
  size_t done = 0;
  while (done < n) {
    if (f->buf && f->rpos < f->rlen) {
      size_t k = f->rlen - f->rpos;
      if (k > n - done)
        k = n - done;
      memcpy(p + done, f->buf + f->rpos, k);
      f->rpos += k;
      done += k;
    } else if (f->buf == NULL || n - done >= BUFSIZ) {
      size_t k = readin(f, p + done, n - done);
      if (k == 0)
        break;
      done += k;
    } else if (refill(f) < 0) {
      break;
    }
  }
  return done;
}

// ---- opening and closing ---------------------------------------------------

// parsemode turns an fopen mode into open() flags and stream flags;
// 0, or -1 for a bad mode.
static int parsemode(const char *mode, int *oflags, int *sflags) {
  int o, s;
  switch (*mode++) {
  case 'r':
    o = O_RDONLY;
    s = F_READ;
    break;
  case 'w':
    o = O_WRONLY | O_CREAT | O_TRUNC;
    s = F_WRITE;
    break;
  case 'a':
    o = O_WRONLY | O_CREAT | O_APPEND;
    s = F_WRITE | F_APPEND;
    break;
  default:
    return -1;
  }
  for (; *mode; mode++) {
    if (*mode == '+') {
      o = (o & ~O_ACCMODE) | O_RDWR;
      s |= F_READ | F_WRITE;
    } else if (*mode != 'b') {
      return -1;
    }
  }
  *oflags = o;
  *sflags = s;
  return 0;
}

// slot finds a free stream; NULL and EMFILE if none.
static FILE *slot(void) {
  for (int i = 0; i < FOPEN_MAX; i++)
    if (!(table[i].flags & F_OPEN))
      return &table[i];
  errno = EMFILE;
  return NULL;
}

// setup makes f a stream of fd; without memory for a buffer it works
// unbuffered.
static FILE *setup(FILE *f, int fd, int sflags) {
  memset(f, 0, sizeof(*f));
  f->fd = fd;
  f->flags = F_OPEN | sflags;
  f->buf = malloc(BUFSIZ);
  return f;
}

FILE *fopen(const char *path, const char *mode) {
  int o, s;
  if (parsemode(mode, &o, &s) < 0) {
    errno = EINVAL;
    return NULL;
  }
  FILE *f = slot();
  if (f == NULL)
    return NULL;
  int fd = open(path, o);
  if (fd < 0)
    return NULL;
  return setup(f, fd, s);
}

FILE *fdopen(int fd, const char *mode) {
  int o, s;
  if (parsemode(mode, &o, &s) < 0) {
    errno = EINVAL;
    return NULL;
  }
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0)
    return NULL;
  int acc = fl & O_ACCMODE;
  if (((s & F_READ) && acc == O_WRONLY) || ((s & F_WRITE) && acc == O_RDONLY)) {
    errno = EINVAL;
    return NULL;
  }
  FILE *f = slot();
  if (f == NULL)
    return NULL;
  if ((s & F_APPEND) && !(fl & O_APPEND) &&
      fcntl(fd, F_SETFL, fl | O_APPEND) < 0)
    return NULL;
  return setup(f, fd, s);
}

int fflush(FILE *f) {
  if (f == NULL) {
    // Output only: exit() comes here, and giving back read-ahead would
    // move an offset a parent (after fork) may share.
    int r = 0;
    for (int i = 0; i < FOPEN_MAX; i++)
      if (table[i].buf && table[i].wlen > 0 && drain(&table[i]) < 0)
        r = EOF;
    return r;
  }
  if (f->buf == NULL)
    return 0;
  if (f->wlen > 0)
    return drain(f);
  unread(f); // a pipe keeps its read-ahead: that is not an error
  return 0;
}

int fclose(FILE *f) {
  int r = fflush(f);
  if (close(f->fd) < 0)
    r = EOF;
  if (f->flags & F_OPEN) {
    free(f->buf);
    memset(f, 0, sizeof(*f));
  }
  return r;
}

// ---- reading and writing ---------------------------------------------------

size_t fread(void *buf, size_t size, size_t n, FILE *f) {
  if (size == 0 || n == 0)
    return 0;
  if (n > SIZE_MAX / size) {
    errno = EINVAL;
    f->err = 1;
    return 0;
  }
  return get(f, buf, size * n) / size;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f) {
  if (size == 0 || n == 0)
    return 0;
  if (n > SIZE_MAX / size) {
    errno = EINVAL;
    f->err = 1;
    return 0;
  }
  return put(f, buf, size * n) / size;
}

int fputc(int c, FILE *f) {
  char b = (char)c;
  return put(f, &b, 1) == 1 ? (unsigned char)c : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }

int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) {
  size_t n = strlen(s);
  return put(f, s, n) == n ? 0 : EOF;
}

int puts(const char *s) { return fprintf(stdout, "%s\n", s) < 0 ? EOF : 0; }

int fgetc(FILE *f) {
  if (f->buf && f->rpos < f->rlen && f->wlen == 0)
    return (unsigned char)f->buf[f->rpos++];
  unsigned char c;
  return get(f, (char *)&c, 1) == 1 ? c : EOF;
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

// ---- positions
// ---------------------------------------------------------------

int fseek(FILE *f, long off, int whence) {
  if (f->buf && f->wlen > 0 && drain(f) < 0)
    return -1;
  if (f->buf && whence == SEEK_CUR)
    off -= f->rlen - f->rpos; // from the stream's position, not the fd's
  if (lseek(f->fd, off, whence) < 0)
    return -1;
  f->rpos = f->rlen = 0;
  f->eof = 0;
  return 0;
}

long ftell(FILE *f) {
  // Appended output lands at the end, wherever the offset is now.
  if (f->buf && f->wlen > 0 && (f->flags & F_APPEND) && drain(f) < 0)
    return -1;
  off_t pos = lseek(f->fd, 0, SEEK_CUR);
  if (pos < 0)
    return -1;
  if (f->buf)
    pos += f->wlen - (f->rlen - f->rpos);
  return pos;
}

void rewind(FILE *f) {
  fseek(f, 0, SEEK_SET);
  f->err = 0;
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
