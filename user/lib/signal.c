// user/lib/signal.c: signal(), for programs that ignore SIGPIPE or
// SIGCHLD (see signal.h: netv6 has no signal handlers).
#include <errno.h>
#include <signal.h>

sighandler_t signal(int sig, sighandler_t handler) {
  if (sig <= 0 || sig >= 64 || sig == SIGKILL ||
      (handler != SIG_DFL && handler != SIG_IGN)) {
    errno = EINVAL;
    return SIG_ERR;
  }
  return SIG_DFL;
}
