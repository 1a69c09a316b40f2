// netv6/syscall.h: the one table of system calls.
//
// Shared by the kernel (which builds its dispatch table from it) and
// user space (user/lib/usys.S turns every line into a stub).
//
//   SYSCALL(name, number)      the libc stub `name` returns -1 and sets
//                              errno when the kernel returns -errno.
//   SYSCALL_RAW(name, number)  the stub returns the kernel's value as is
//                              (for calls whose negative results are codes,
//                              such as the xv6 socket face).
//
// Calling convention: number in a7, arguments in a0..a5, result in a0.
// The kernel returns a value >= 0 on success and -errno (Linux numbers,
// see netv6/errno.h) on failure.
#ifndef NETV6_SYSCALL_H
#define NETV6_SYSCALL_H

#define SYSCALL_TABLE(SYSCALL, SYSCALL_RAW) \
  SYSCALL(fork, 1)                          \
  SYSCALL(exit, 2)                          \
  SYSCALL(wait, 3)                          \
  SYSCALL(pipe, 4)                          \
  SYSCALL(read, 5)                          \
  SYSCALL(kill, 6)                          \
  SYSCALL(exec, 7)                          \
  SYSCALL(fstat, 8)                         \
  SYSCALL(chdir, 9)                         \
  SYSCALL(dup, 10)                          \
  SYSCALL(getpid, 11)                       \
  SYSCALL(sbrk, 12)                         \
  SYSCALL(ticksleep, 13)                    \
  SYSCALL(uptime, 14)                       \
  SYSCALL(open, 15)                         \
  SYSCALL(write, 16)                        \
  SYSCALL(mknod, 17)                        \
  SYSCALL(unlink, 18)                       \
  SYSCALL(link, 19)                         \
  SYSCALL(mkdir, 20)                        \
  SYSCALL(close, 21)                        \
  SYSCALL(poweroff, 22)                     \
  SYSCALL(sysinfo, 23)                      \
  SYSCALL(getppid, 24)                      \
  SYSCALL_RAW(xv6_listen, 25)               \
  SYSCALL_RAW(xv6_connect, 26)              \
  SYSCALL_RAW(xv6_send, 27)                 \
  SYSCALL_RAW(xv6_recv, 28)                 \
  SYSCALL_RAW(xv6_disconnect, 29)           \
  SYSCALL(socket, 30)                       \
  SYSCALL(socketpair, 31)                   \
  SYSCALL(bind, 32)                         \
  SYSCALL(listen, 33)                       \
  SYSCALL(accept4, 34)                      \
  SYSCALL(connect, 35)                      \
  SYSCALL(sendto, 36)                       \
  SYSCALL(recvfrom, 37)                     \
  SYSCALL(shutdown, 38)                     \
  SYSCALL(getsockname, 39)                  \
  SYSCALL(getpeername, 40)                  \
  SYSCALL(setsockopt, 41)                   \
  SYSCALL(getsockopt, 42)                   \
  SYSCALL(fcntl, 43)                        \
  SYSCALL(poll, 44)                         \
  SYSCALL(dup2, 45)                         \
  SYSCALL(stat, 46)                         \
  SYSCALL(waitpid, 47)                      \
  SYSCALL(clock_gettime, 48)                \
  SYSCALL(lseek, 49)                        \
  SYSCALL(procinfo, 50)                     \
  SYSCALL(sigaction, 51)                    \
  SYSCALL(sigprocmask, 52)                  \
  SYSCALL(sigpending, 53)                   \
  SYSCALL(sigsuspend, 54)                   \
  SYSCALL(sigreturn, 55)                    \
  SYSCALL(pause, 56)                        \
  SYSCALL(setpgid, 57)                      \
  SYSCALL(getpgid, 58)                      \
  SYSCALL(setsid, 59)                       \
  SYSCALL(getsid, 60)                       \
  SYSCALL(tcsetpgrp, 61)                    \
  SYSCALL(tcgetpgrp, 62)                    \
  SYSCALL(setitimer, 63)                    \
  SYSCALL(getitimer, 64)                    \
  SYSCALL(nanosleep, 65)

#endif
