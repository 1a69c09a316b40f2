// user/lib/resfile.c: reading the resolver's configuration files whole,
// and /etc/hosts (libc, internal; interface in netdbint.h).
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "netdbint.h"
#include "nettext.h"

char *__readtext(const char *path, size_t *len) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return NULL;
  size_t cap = 1024, n = 0;
  char *buf = malloc(cap + 1);
  while (buf != NULL) {
    int r = read(fd, buf + n, cap - n);
    if (r < 0) {
      free(buf);
      buf = NULL;
      break;
    }
    n += r;
    if (r == 0 || n == TEXT_MAX)
      break;
    if (n == cap) {
      cap = cap * 2 > TEXT_MAX ? TEXT_MAX : cap * 2;
      char *more = realloc(buf, cap + 1);
      if (more == NULL)
        free(buf);
      buf = more;
    }
  }
  close(fd);
  if (buf != NULL) {
    buf[n] = 0;
    *len = n;
  }
  return buf;
}

int __hosts_byname(const char *name, uint32_t *addr, int max, char *canon,
                   size_t cap) {
  size_t len;
  char *text = __readtext(PATH_HOSTS, &len);
  if (text == NULL)
    return 0;
  int n = hosts_byname(text, len, name, addr, max, canon, cap);
  free(text);
  return n;
}

int __hosts_byaddr(uint32_t a, char *name, size_t cap) {
  size_t len;
  char *text = __readtext(PATH_HOSTS, &len);
  if (text == NULL)
    return 0;
  int r = hosts_byaddr(text, len, a, name, cap);
  free(text);
  return r;
}
