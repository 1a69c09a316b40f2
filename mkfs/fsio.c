// mkfs/fsio.c: images to and from host files (see fsimage.h). Kept apart
// from the rest of the library because it needs the host's <sys/stat.h>,
// whose struct stat clashes with <netv6/stat.h>.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsimage.h"
#include "fsint.h"

#define MAXIMAGE ((uint64_t)UINT32_MAX * BSIZE)

int fs_open(const char *path, struct fsimg **out, char *why, size_t whylen) {
  struct stat st;
  uint8_t *data;
  size_t done = 0;
  ssize_t m;
  int fd;

  *out = NULL;
  if ((fd = open(path, O_RDONLY)) < 0)
    goto bad;
  if (fstat(fd, &st) < 0)
    goto badfd;
  if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAXIMAGE) {
    if (why)
      snprintf(why, whylen, "%s: not a regular file of image size", path);
    close(fd);
    return FSE_IO;
  }
  if (!(data = malloc(st.st_size ? st.st_size : 1))) {
    close(fd);
    return FSE_NOMEM;
  }
  while (done < (size_t)st.st_size) {
    m = read(fd, data + done, st.st_size - done);
    if (m < 0 && errno == EINTR)
      continue;
    if (m <= 0) {
      if (m == 0)
        errno = EIO; // the file shrank under us
      free(data);
      goto badfd;
    }
    done += m;
  }
  close(fd);
  return fs_frombytes(data, done, out, why, whylen);

badfd:
  close(fd);
bad:
  if (why)
    snprintf(why, whylen, "%s: %s", path, strerror(errno));
  return FSE_IO;
}

int fs_save(struct fsimg *fs, const char *path) {
  size_t len = (size_t)fs->sb.size * BSIZE, done = 0;
  char *tmp;
  mode_t mask;
  ssize_t m;
  int fd, err;

  if (!(tmp = malloc(strlen(path) + 16)))
    return FSE_NOMEM;
  sprintf(tmp, "%s.tmpXXXXXX", path);
  if ((fd = mkstemp(tmp)) < 0) {
    err = errno;
    fs_fail(fs, FSE_IO, "%s: %s", tmp, strerror(err));
    free(tmp);
    return FSE_IO;
  }
  mask = umask(0);
  umask(mask);
  if (fchmod(fd, 0666 & ~mask) < 0)
    goto bad;
  while (done < len) {
    m = write(fd, fs->data + done, len - done);
    if (m < 0 && errno == EINTR)
      continue;
    if (m < 0)
      goto bad;
    done += m;
  }
  if (fsync(fd) < 0)
    goto bad;
  if (close(fd) < 0) {
    fd = -1;
    goto bad;
  }
  fd = -1;
  if (rename(tmp, path) < 0)
    goto bad;
  free(tmp);
  return 0;

bad:
  err = errno;
  if (fd >= 0)
    close(fd);
  unlink(tmp);
  fs_fail(fs, FSE_IO, "%s: %s", path, strerror(err));
  free(tmp);
  return FSE_IO;
}
