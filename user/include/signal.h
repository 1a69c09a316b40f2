// signal.h: sending signals. netv6 has no handlers: any signal but 0
// kills the target, and wait() reports the signal number.
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <netv6/wait.h> // SIGKILL, SIGSEGV, SIGTERM
#include <sys/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGABRT 6
#define SIGUSR1 10
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGCHLD 17

// kill sends sig to process pid; sig 0 only checks that pid exists.
int kill(int pid, int sig);

// Handlers are not supported. signal() accepts SIG_IGN and SIG_DFL so
// that portable programs compile: SIG_IGN for SIGPIPE is what netv6
// always does (a write to a closed pipe or socket fails with EPIPE),
// and ignoring SIGCHLD changes nothing (reap with wait/waitpid). A real
// handler gets SIG_ERR and EINVAL.
typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
sighandler_t signal(int sig, sighandler_t handler);

#endif
