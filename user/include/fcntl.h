// fcntl.h: open() and its O_* flags (values from netv6/fcntl.h), fcntl().
#ifndef _FCNTL_H
#define _FCNTL_H

#include <netv6/fcntl.h>
#include <sys/types.h>

// fcntl commands.
#define F_DUPFD 0 // the lowest free descriptor >= arg, sharing fd's file
#define F_GETFD 1 // the descriptor's flags: FD_CLOEXEC
#define F_SETFD 2
#define F_GETFL 3 // the open file's flags: access mode, O_NONBLOCK, O_APPEND
#define F_SETFL 4 // only O_NONBLOCK and O_APPEND change; shared by dups

#define FD_CLOEXEC 1 // close the descriptor on exec

// open returns a new file descriptor, or -1 and sets errno. A mode
// argument may follow flags; the kernel ignores it.
int open(const char *path, int flags, ...);
// fcntl(fd, cmd) or fcntl(fd, cmd, int arg); -1 and errno (EBADF,
// EINVAL for an unknown cmd, EMFILE) on failure.
int fcntl(int fd, int cmd, ...);

#endif
