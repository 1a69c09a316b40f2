// user/lib/signal.c: signal actions and masks (libc, system call
// layer): sigaction, signal, raise, killpg, getpgrp and the sigset_t
// operations, over the kernel's sigaction (struct k_sigaction,
// <netv6/signal.h>).
#include <errno.h>
#include <signal.h>
#include <unistd.h>

int __sigaction(int sig, const struct k_sigaction *act,
                struct k_sigaction *old); // the system call (usys.S)

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
  struct k_sigaction k, o;
  if (act) {
    k.handler = (unsigned long)act->sa_handler;
    k.flags = (unsigned)act->sa_flags;
    k.mask = act->sa_mask;
  }
  if (__sigaction(sig, act ? &k : 0, old ? &o : 0) < 0)
    return -1;
  if (old) {
    old->sa_handler = (sighandler_t)o.handler;
    old->sa_flags = (int)o.flags;
    old->sa_mask = o.mask;
  }
  return 0;
}

sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction a, old;
  a.sa_handler = handler;
  a.sa_mask = 0;
  a.sa_flags = SA_RESTART;
  if (sigaction(sig, &a, &old) < 0)
    return SIG_ERR;
  return old.sa_handler;
}

int raise(int sig) { return kill(getpid(), sig); }

pid_t getpgrp(void) { return getpgid(0); }

int killpg(pid_t pgrp, int sig) {
  if (pgrp <= 1) {
    errno = EINVAL;
    return -1;
  }
  return kill(-pgrp, sig);
}

static int valid(int sig) {
  if (sig > 0 && sig < NSIG)
    return 1;
  errno = EINVAL;
  return 0;
}

int sigemptyset(sigset_t *set) {
  *set = 0;
  return 0;
}

int sigfillset(sigset_t *set) {
  *set = ~0UL;
  return 0;
}

int sigaddset(sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  *set |= 1UL << (sig - 1);
  return 0;
}

int sigdelset(sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  *set &= ~(1UL << (sig - 1));
  return 0;
}

int sigismember(const sigset_t *set, int sig) {
  if (!valid(sig))
    return -1;
  return (*set >> (sig - 1)) & 1;
}
