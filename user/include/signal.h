// signal.h: sending signals. netv6 has no handlers: any signal but 0
// kills the target, and wait() reports the signal number.
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <netv6/wait.h> // SIGKILL, SIGSEGV, SIGTERM
#include <sys/types.h>

// kill sends sig to process pid; sig 0 only checks that pid exists.
int kill(int pid, int sig);

#endif
