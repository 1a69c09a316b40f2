// netv6.h: the system calls that are netv6's own, not POSIX.
#ifndef _NETV6_H
#define _NETV6_H

#include <netv6/param.h>   // HZ, CONSOLE, DEVNULL, ...
#include <netv6/sysinfo.h> // struct sysinfo

// pause sleeps for ticks timer ticks (HZ per second); -1 and EINTR if
// the process is killed meanwhile.
int pause(int ticks);
// uptime returns the number of ticks since boot.
long uptime(void);
// sysinfo fills *si with the kernel's resource counts.
int sysinfo(struct sysinfo *si);
// poweroff turns the machine off.
void poweroff(void) __attribute__((noreturn));

#endif
