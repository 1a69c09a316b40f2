// kernel/fs/netfs_args.c: splitting control-file commands into words,
// and strict decimal numbers (see netfs_args.h).
#include <netv6/errno.h>
#include "netfs_args.h"

static int blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int netfs_cmdline(char *cmd, int n) {
  cmd[n] = 0;
  if (n > 0 && cmd[n - 1] == '\n')
    cmd[--n] = 0;
  for (int i = 0; i < n; i++)
    if (cmd[i] == 0)
      return -EINVAL;
  return n;
}

int netfs_args(char *cmd, char **argv, int max) {
  int n = 0;
  for (;;) {
    while (blank(*cmd))
      cmd++;
    if (*cmd == 0)
      return n;
    if (n == max)
      return -EINVAL;
    argv[n++] = cmd;
    while (*cmd && !blank(*cmd))
      cmd++;
    if (*cmd)
      *cmd++ = 0;
  }
}

int netfs_uint(const char *s, unsigned max, unsigned *v) {
  if (*s == 0 || (s[0] == '0' && s[1] != 0))
    return -EINVAL;
  unsigned x = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return -EINVAL;
    unsigned d = *s - '0';
    if (d > max || x > (max - d) / 10)
      return -EINVAL; // x * 10 + d would pass max
    x = x * 10 + d;
  }
  *v = x;
  return 0;
}
