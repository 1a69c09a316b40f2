// user.h: the xv6 user-space interface, for programs written for xv6
// (x86 xv6 and xv6-riscv) and its socket assignment. Include it as xv6
// programs do: "types.h", "user.h" (or "kernel/types.h", "user/user.h"),
// and "signalcodes.h" for the socket calls' error codes.
//
// netv6's calls are POSIX-shaped; where xv6's differ, a macro adapts the
// xv6 form and leaves the POSIX form alone:
//   printf(1, fmt, ...) / fprintf(2, fmt, ...)  write to a descriptor
//   exit() / wait()                             exit(0) / wait(0)
//   kill(pid)                                   kill(pid, SIGKILL)
//   mkdir(path)                                 mkdir(path, 0755)
//   sleep(ticks)                                ticksleep(ticks): xv6 counts
//                                               ticks
//   listen connect send recv disconnect         the xv6 socket face
//                                               (bits/sockcall.h)
#ifndef _XV6_USER_H
#define _XV6_USER_H

#include <fcntl.h>
#include <netv6.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <bits/sockcall.h>

// Argument counting that also sees zero arguments: 1 for none, 2 for one.
#define __NV6_NARG0(...) __NV6_NARG(0, ##__VA_ARGS__)
#define __NV6_BYARGS0(name, ...) \
  __NV6_PASTE(name##_, __NV6_NARG0(__VA_ARGS__))(__VA_ARGS__)

#define __NV6_FD_OR(first, other) \
  _Generic((first), int           \
           : dprintf, unsigned    \
           : dprintf, long        \
           : dprintf, short       \
           : dprintf, default     \
           : other)

#define printf(first, ...) __NV6_FD_OR(first, printf)(first, ##__VA_ARGS__)
#define fprintf(first, ...) __NV6_FD_OR(first, fprintf)(first, ##__VA_ARGS__)

#define exit(...) __NV6_BYARGS0(__xv6_exit, __VA_ARGS__)
#define __xv6_exit_1() exit(0)
#define __xv6_exit_2(code) exit(code)
#define wait(...) __NV6_BYARGS0(__xv6_wait, __VA_ARGS__)
#define __xv6_wait_1() wait((int *)0)
#define __xv6_wait_2(status) wait(status)
#define kill(...) __NV6_BYARGS(__xv6_kill, __VA_ARGS__)
#define __xv6_kill_1(pid) kill(pid, SIGKILL)
#define __xv6_kill_2(pid, sig) kill(pid, sig)
#define mkdir(...) __NV6_BYARGS(__xv6_mkdir, __VA_ARGS__)
#define __xv6_mkdir_1(path) mkdir(path, 0755)
#define __xv6_mkdir_2(path, mode) mkdir(path, mode)
#define sleep(ticks) ticksleep(ticks)

#endif
