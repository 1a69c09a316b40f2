// stdlib.h: memory allocation, number conversion, sorting, exit.
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

// The heap grows with sbrk(). malloc and friends return NULL (errno
// ENOMEM) when no memory is left; pointers are 16-byte aligned.
void *malloc(size_t n);
void free(void *p);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t n);

void exit(int status) __attribute__((noreturn));
// abort ends the program as killed by SIGABRT.
void abort(void) __attribute__((noreturn));
// There is no environment: getenv always returns NULL.
char *getenv(const char *name);

// A pseudo-random sequence (the same for the same seed), 0..RAND_MAX.
#define RAND_MAX 0x7fffffff
int rand(void);
void srand(unsigned seed);

int abs(int x);
long labs(long x);
int atoi(const char *s);
long atol(const char *s);
// strto* accept leading space, a sign and, for base 16 or 0, a 0x
// prefix (base 0: 0x means 16, a leading 0 means 8, else 10). On
// overflow they return the extreme value and set errno to ERANGE.
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

void qsort(void *base, size_t n, size_t size,
           int (*cmp)(const void *, const void *));

#endif
