// user/lib/bindreplace.c: bindreplace(), binding a server's AF_UNIX
// socket to a path where a stale name of an earlier server may be left
// (netv6's own helper, declared in <sys/un.h>).
#include <errno.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

// Does a socket of any type answer at a?
static int answers(const struct sockaddr_un *a, socklen_t len) {
  static const int types[] = {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM};
  for (int i = 0; i < 3; i++) {
    int s = socket(AF_UNIX, types[i], 0);
    if (s < 0)
      continue;
    int r = connect(s, (const struct sockaddr *)a, len);
    close(s);
    if (r == 0)
      return 1;
  }
  return 0;
}

// Is the name at a stale: a socket inode that nobody answers at? (A name
// that vanished meanwhile counts too: binding again will tell.)
static int stale(const struct sockaddr_un *a, socklen_t len) {
  struct stat st;
  if (stat(a->sun_path, &st) < 0)
    return errno == ENOENT;
  return S_ISSOCK(st.st_mode) && !answers(a, len);
}

int bindreplace(int s, const struct sockaddr_un *a, socklen_t len) {
  for (int tries = 0; tries < 5; tries++) {
    if (bind(s, (const struct sockaddr *)a, len) == 0)
      return 0;
    if (errno != EADDRINUSE || a->sun_path[0] == 0)
      return -1;
    if (!stale(a, len) || (unlink(a->sun_path) < 0 && errno != ENOENT))
      break;
  }
  errno = EADDRINUSE;
  return -1;
}
