// user/lib/signame.c: the names and descriptions of signals (libc):
// strsignal, psignal, and signame/signum for programs such as kill.
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
  const char *name;
  const char *text;
} sigs[NSIG] = {
    [SIGHUP] = {"HUP", "Hangup"},
    [SIGINT] = {"INT", "Interrupt"},
    [SIGQUIT] = {"QUIT", "Quit"},
    [SIGILL] = {"ILL", "Illegal instruction"},
    [SIGTRAP] = {"TRAP", "Trace/breakpoint trap"},
    [SIGABRT] = {"ABRT", "Aborted"},
    [SIGBUS] = {"BUS", "Bus error"},
    [SIGFPE] = {"FPE", "Floating point exception"},
    [SIGKILL] = {"KILL", "Killed"},
    [SIGUSR1] = {"USR1", "User defined signal 1"},
    [SIGSEGV] = {"SEGV", "Segmentation fault"},
    [SIGUSR2] = {"USR2", "User defined signal 2"},
    [SIGPIPE] = {"PIPE", "Broken pipe"},
    [SIGALRM] = {"ALRM", "Alarm clock"},
    [SIGTERM] = {"TERM", "Terminated"},
    [SIGSTKFLT] = {"STKFLT", "Stack fault"},
    [SIGCHLD] = {"CHLD", "Child exited"},
    [SIGCONT] = {"CONT", "Continued"},
    [SIGSTOP] = {"STOP", "Stopped (signal)"},
    [SIGTSTP] = {"TSTP", "Stopped"},
    [SIGTTIN] = {"TTIN", "Stopped (tty input)"},
    [SIGTTOU] = {"TTOU", "Stopped (tty output)"},
    [SIGURG] = {"URG", "Urgent I/O condition"},
    [SIGXCPU] = {"XCPU", "CPU time limit exceeded"},
    [SIGXFSZ] = {"XFSZ", "File size limit exceeded"},
    [SIGVTALRM] = {"VTALRM", "Virtual timer expired"},
    [SIGPROF] = {"PROF", "Profiling timer expired"},
    [SIGWINCH] = {"WINCH", "Window changed"},
    [SIGIO] = {"IO", "I/O possible"},
    [SIGPWR] = {"PWR", "Power failure"},
    [SIGSYS] = {"SYS", "Bad system call"},
};

const char *signame(int sig) {
  return sig > 0 && sig < NSIG ? sigs[sig].name : NULL;
}

char *strsignal(int sig) {
  static char other[32];
  if (sig > 0 && sig < NSIG && sigs[sig].text)
    return (char *)sigs[sig].text;
  if (sig >= SIGRTMIN && sig <= SIGRTMAX)
    snprintf(other, sizeof(other), "Real-time signal %d", sig - SIGRTMIN);
  else
    snprintf(other, sizeof(other), "Unknown signal %d", sig);
  return other;
}

void psignal(int sig, const char *msg) {
  if (msg && *msg)
    fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
  else
    fprintf(stderr, "%s\n", strsignal(sig));
}

int signum(const char *s) {
  if (isdigit((unsigned char)*s)) {
    char *end;
    long v = strtol(s, &end, 10);
    return *end == 0 && v >= 0 && v < NSIG ? (int)v : -1;
  }
  if (strncmp(s, "SIG", 3) == 0)
    s += 3;
  for (int i = 1; i < NSIG; i++)
    if (sigs[i].name && strcmp(sigs[i].name, s) == 0)
      return i;
  return -1;
}
