// sys/stat.h: file status (struct stat from netv6/stat.h) and the calls
// that make directories and device nodes.
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <netv6/stat.h>
#include <sys/types.h>

#define S_ISDIR(m) (((m)&S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m)&S_IFMT) == S_IFREG)
#define S_ISCHR(m) (((m)&S_IFMT) == S_IFCHR)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m)&S_IFMT) == S_IFSOCK)

int fstat(int fd, struct stat *st);
// stat is fstat by name, without opening the file (it works for socket
// names too, which cannot be opened). lstat is the same: no symlinks.
int stat(const char *path, struct stat *st);
#define lstat stat
int mkdir(const char *path, mode_t mode); // mode is ignored
// mknod makes a device node; major is CONSOLE or DEVNULL (netv6/param.h).
int mknod(const char *path, int major, int minor);

#endif
