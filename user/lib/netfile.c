// user/lib/netfile.c: reading and writing /net files, for the network
// programs (ifconfig, route, arp, netstat, dhcp). See <netv6.h>.
#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <string.h>
#include <unistd.h>

int net_read(const char *path, char *buf, int size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  int n = 0, r = 0;
  while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
    n += r;
  int err = errno;
  close(fd);
  if (r < 0) {
    errno = err;
    return -1;
  }
  buf[n] = 0;
  return n;
}

int net_ctl(const char *path, const char *cmd) {
  int fd = open(path, O_WRONLY);
  if (fd < 0)
    return -1;
  int n = strlen(cmd), r = write(fd, cmd, n);
  int err = errno;
  close(fd);
  errno = err;
  return r == n ? 0 : -1;
}

int net_ifindex(const char *name) {
  char path[40], buf[128];
  int nl = strlen(name);
  for (int n = 0; n < 16; n++) {
    strcpy(path, "/net/ipifc/");
    int k = strlen(path);
    if (n >= 10)
      path[k++] = '0' + n / 10;
    path[k++] = '0' + n % 10;
    strcpy(path + k, "/status");
    if (net_read(path, buf, sizeof(buf)) < 0)
      continue;
    if (strncmp(buf, "name ", 5) == 0 && strncmp(buf + 5, name, nl) == 0 &&
        buf[5 + nl] == '\n')
      return n;
  }
  errno = ENODEV;
  return -1;
}
