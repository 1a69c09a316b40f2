// errno.h: error numbers (Linux values, from netv6/errno.h) and errno,
// which a failing system call stub or library function sets.
// Processes are single-threaded, so errno is a plain global.
#ifndef _ERRNO_H
#define _ERRNO_H

#include <netv6/errno.h>

extern int errno;

#endif
