// netv6.h: the system calls that are netv6's own, not POSIX.
#ifndef _NETV6_H
#define _NETV6_H

#include <netv6/param.h>    // HZ, CONSOLE, DEVNULL, ...
#include <netv6/sysinfo.h>  // struct sysinfo
#include <netv6/procinfo.h> // struct procinfo, PS_*

// ticksleep sleeps for ticks timer ticks (HZ per second); -1 and EINTR
// if a signal comes meanwhile (a handler ran, or the process is being
// killed). xv6's sleep(ticks).
int ticksleep(int ticks);
// uptime returns the number of ticks since boot.
long uptime(void);
// sysinfo fills *si with the kernel's resource counts.
int sysinfo(struct sysinfo *si);
// procinfo fills buf[0..n) with one entry for each process (any order)
// and returns how many it filled; with n 0 it only counts them. -1 and
// EFAULT for a bad buf, EINVAL for n < 0. See docs/netv6-calls.md.
int procinfo(struct procinfo *buf, int n);
// syscallname gives the name of system call num ("read"), or NULL if
// there is no such call.
const char *syscallname(int num);
// poweroff turns the machine off.
void poweroff(void) __attribute__((noreturn));

// /net files (user/lib/netfile.c). net_read reads a whole file into buf
// (NUL-terminated, at most size - 1 bytes): its length, or -1 with
// errno. net_ctl writes one command: 0, or -1 with errno (EINVAL for a
// bad command). net_ifindex is the N of /net/ipifc/N named name, or -1
// (ENODEV).
int net_read(const char *path, char *buf, int size);
int net_ctl(const char *path, const char *cmd);
int net_ifindex(const char *name);

#endif
