// signal.h: POSIX signals. The numbers, siginfo_t and ucontext_t are
// the kernel's (<netv6/signal.h>, Linux's numbering); this adds the C
// library's side. See docs/architecture.md ("Signals") for how they are
// delivered.
//
// Default actions: SIGCHLD, SIGURG, SIGWINCH, SIGCONT and the stop
// signals (netv6 has no stopped processes) are ignored; every other
// signal ends the process, and wait() reports it (WIFSIGNALED). SIGKILL
// and SIGSTOP cannot be caught, blocked or ignored.
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <netv6/signal.h>
#include <sys/types.h>

typedef unsigned long sigset_t; // signal s is bit s-1
typedef int sig_atomic_t;

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)SIGH_DFL)
#define SIG_IGN ((sighandler_t)SIGH_IGN)
#define SIG_ERR ((sighandler_t)-1)

struct sigaction {
  union {
    void (*sa_handler)(int);
    void (*sa_sigaction)(int, siginfo_t *, void *); // with SA_SIGINFO
  };
  sigset_t sa_mask; // also blocked while the handler runs
  int sa_flags;     // SA_RESTART, SA_SIGINFO, SA_NODEFER, SA_RESETHAND...
};

// kill sends sig to process pid (pid > 0), to the caller's process
// group (0), to group -pid (pid < -1) or to every process it may (-1);
// sig 0 only checks that the target exists. killpg(g, sig) is
// kill(-g, sig); raise(sig) sends sig to the caller.
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);

// sigaction sets (if act) and gets (if old) the action for sig.
// signal sets a handler with SA_RESTART (as BSD and glibc do) and
// returns the old one.
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);

// The mask: sigprocmask(SIG_BLOCK / SIG_UNBLOCK / SIG_SETMASK, set, old).
// sigpending gives the blocked signals that are pending. sigsuspend
// waits for a signal with *mask as the mask and returns -1 (EINTR)
// after its handler has run.
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

// strsignal describes sig ("Interrupt"); signame gives its name without
// "SIG" ("INT"), or NULL; signum parses a name ("INT", "SIGINT") or a
// number, -1 if neither. psignal prints "msg: description" on stderr.
char *strsignal(int sig);
const char *signame(int sig);
int signum(const char *name);
void psignal(int sig, const char *msg);

#endif
