// user/lib/strings.c: bzero, bcopy, strcasecmp, strncasecmp.
#include <ctype.h>
#include <string.h>
#include <strings.h>

void bzero(void *p, size_t n) { memset(p, 0, n); }
void bcopy(const void *src, void *dst, size_t n) { memmove(dst, src, n); }

int strncasecmp(const char *a, const char *b, size_t n) {
  for (; n > 0; n--, a++, b++) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x != y || x == 0)
      return x - y;
  }
  return 0;
}

int strcasecmp(const char *a, const char *b) {
  return strncasecmp(a, b, (size_t)-1);
}
