// unistd.h: the POSIX-style process, file and time system calls.
// Each returns -1 and sets errno on failure unless noted.
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

int fork(void);
void exit(int status) __attribute__((noreturn));
void _exit(int status) __attribute__((noreturn));
int getpid(void);
int getppid(void);

// Process groups and sessions. setpgid puts process pid (0: the caller;
// else a child) in group pgid (0: pid's own), a new group or one of its
// session. setsid starts a new session and group led by the caller,
// which then has no controlling terminal. getpgrp() is getpgid(0).
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
// tcsetpgrp makes pgrp the console's foreground process group, the one
// Ctrl-C (SIGINT) and Ctrl-backslash (SIGQUIT) go to. fd must be the
// console, the controlling terminal of the session init started (ENOTTY
// otherwise); pgrp a group of that session (EPERM otherwise).
int tcsetpgrp(int fd, pid_t pgrp);
pid_t tcgetpgrp(int fd);
// exec replaces the program with path, passing the NULL-terminated argv.
// It returns only on failure. execv is the same call.
int exec(const char *path, char *const argv[]);
int execv(const char *path, char *const argv[]);

int read(int fd, void *buf, int n);
int write(int fd, const void *buf, int n);
int close(int fd);
int dup(int fd);           // the lowest free descriptor, sharing fd's file
int dup2(int fd, int nfd); // nfd, closed first if open, sharing fd's file
int pipe(int fds[2]);      // fds[0] is the read end, fds[1] the write end

// lseek moves fd's offset: to off (SEEK_SET), by off (SEEK_CUR) or
// to the end plus off (SEEK_END); returns the new offset. Pipes, sockets
// and devices give ESPIPE.
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
off_t lseek(int fd, off_t off, int whence);

int chdir(const char *path);
int unlink(const char *path);
int link(const char *old, const char *new);

// sbrk grows (or shrinks) the data segment by n bytes and returns the old
// break; (void *)-1 and ENOMEM on failure.
void *sbrk(long n);

// sleep pauses for the given seconds; returns 0, or the seconds
// requested if interrupted. usleep rounds up to whole timer ticks.
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
// pause waits until a signal's handler has run: -1, errno EINTR.
int pause(void);
// alarm asks for SIGALRM in the given seconds (0: none); returns the
// seconds that were left of the alarm before. setitimer (<sys/time.h>)
// sets the same timer, in microseconds.
unsigned alarm(unsigned seconds);

// getopt parses single-letter options as POSIX describes: optstring
// lists them, a ':' after a letter means it takes an argument.
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

#endif
