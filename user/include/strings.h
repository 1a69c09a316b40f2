// strings.h: the BSD memory and string functions older programs use.
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

void bzero(void *p, size_t n);
void bcopy(const void *src, void *dst, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
