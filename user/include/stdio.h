// stdio.h: formatted and character I/O over file descriptors.
//
// A FILE is only a descriptor number and two status flags: there is no
// buffering. Output functions write at once; printf and friends format
// into a small buffer first, so one call costs one write() unless the
// output is long. Input functions read one byte per read(), so no input
// is consumed beyond what they return (a child can read the rest).
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

typedef struct file {
  int fd;
  int eof; // a read returned end of file
  int err; // a read or write failed
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

int fflush(FILE *f); // nothing to flush: returns 0
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
// perror prints "s: message for errno" to stderr.
void perror(const char *s);
// remove deletes a file name (or an empty directory).
int remove(const char *path);

#endif
