// sys/syscall.h: the system call numbers as constants SYS_name (as on
// Linux), made from the one table in <netv6/syscall.h>. procinfo()
// reports the call a process is inside by its number.
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <netv6/syscall.h>

#define __NV6_SYSNUM(name, num) SYS_##name = num,
enum { SYSCALL_TABLE(__NV6_SYSNUM, __NV6_SYSNUM) };
#undef __NV6_SYSNUM

#endif
