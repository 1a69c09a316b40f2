// stdio.h: formatted and character I/O over file descriptors.
//
// stdin, stdout and stderr are unbuffered. Output functions write at
// once; printf and friends format into a small buffer first, so one call
// costs one write() unless the output is long. Input functions read one
// byte per read(), so no input is consumed beyond what they return (a
// child can read the rest).
//
// Streams from fopen and fdopen (at most FOPEN_MAX at once) are fully
// buffered, BUFSIZ bytes each: output waits in the buffer until it is
// full or fflush, fclose, fseek or exit() writes it; input is read a
// buffer at a time. A stream whose buffer could not be allocated works
// unbuffered. exit() flushes every stream; _exit() does not, nor does a
// process killed by a signal. A forked child inherits its parent's
// unwritten output, so flush before fork.
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

#define BUFSIZ 1024  // a stream's buffer
#define FOPEN_MAX 16 // streams open at once, besides the standard three

typedef struct file {
  int fd;
  int eof;   // a read returned end of file
  int err;   // a read or write failed
  int flags; // from fopen/fdopen; 0 for the standard streams
  char *buf; // BUFSIZ bytes; NULL: unbuffered
  int rpos;  // unread input is buf[rpos..rlen)
  int rlen;
  int wlen; // output waiting to be written is buf[0..wlen)
} FILE;

extern FILE *stdin, *stdout, *stderr;

#define __printf(f, a) __attribute__((format(printf, f, a)))

int printf(const char *fmt, ...) __printf(1, 2);
int fprintf(FILE *f, const char *fmt, ...) __printf(2, 3);
int dprintf(int fd, const char *fmt, ...) __printf(2, 3);
int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t n, const char *fmt, ...) __printf(3, 4);
int vprintf(const char *fmt, va_list ap) __printf(1, 0);
int vfprintf(FILE *f, const char *fmt, va_list ap) __printf(2, 0);
int vdprintf(int fd, const char *fmt, va_list ap) __printf(2, 0);
int vsprintf(char *buf, const char *fmt, va_list ap) __printf(2, 0);
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap) __printf(3, 0);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *s, FILE *f);
int puts(const char *s); // s and a newline to stdout

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
// fgets reads up to n-1 bytes, stopping after a newline; NULL at end of
// file when nothing was read.
char *fgets(char *buf, int n, FILE *f);
// gets reads a line (newline kept, at most max-1 bytes) from fd 0 and
// returns buf; buf is "" at end of file.
char *gets(char *buf, int max);

// fopen opens path as mode says: "r" read, "w" write (created, emptied),
// "a" append (created; every write goes to the end); a '+' adds the other
// direction ("r+" does not create or empty), a 'b' is ignored. NULL and
// errno (from open(), EINVAL for a bad mode, EMFILE when FOPEN_MAX
// streams are open) on failure. fdopen makes a stream of an open
// descriptor (mode as for fopen, but nothing is created or emptied).
FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode);
// fclose flushes f, closes its descriptor and frees it; 0 or EOF.
int fclose(FILE *f);
// fread and fwrite move up to n items of size bytes; they return the
// whole items moved, fewer at end of file (feof) or on error (ferror).
size_t fread(void *buf, size_t size, size_t n, FILE *f);
size_t fwrite(const void *buf, size_t size, size_t n, FILE *f);
// fseek flushes f and moves it as lseek does (SEEK_SET/CUR/END from
// unistd.h), clearing end of file; 0 or -1. ftell gives the position;
// -1 on failure (ESPIPE for a pipe). rewind is fseek(f, 0, SEEK_SET)
// that also clears the error flag.
int fseek(FILE *f, long off, int whence);
long ftell(FILE *f);
void rewind(FILE *f);
// fflush writes f's waiting output (and gives back unread input of a
// file it was reading: the descriptor's offset moves back to the
// stream's position); fflush(NULL) flushes every stream. 0 or EOF.
int fflush(FILE *f);
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
// perror prints "s: message for errno" to stderr.
void perror(const char *s);
// remove deletes a file name (or an empty directory).
int remove(const char *path);

#endif
