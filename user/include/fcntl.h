// fcntl.h: open() and its O_* flags (values from netv6/fcntl.h).
#ifndef _FCNTL_H
#define _FCNTL_H

#include <netv6/fcntl.h>
#include <sys/types.h>

// open returns a new file descriptor, or -1 and sets errno. A mode
// argument may follow flags; the kernel ignores it.
int open(const char *path, int flags, ...);

#endif
