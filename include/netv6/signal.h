// netv6/signal.h: signals as the kernel and user space both see them:
// numbers (Linux's), the system-call forms of sigaction and sigprocmask,
// and what a handler is given (siginfo, the saved registers). Shared by
// the kernel and user/include/signal.h.
//
// A signal set is one 64-bit word: signal s is bit s-1.
#ifndef NETV6_SIGNAL_H
#define NETV6_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define SIGRTMIN 34
#define SIGRTMAX 64
#define NSIG 65 // signals are 1 .. NSIG-1

// sigaction flags (Linux's values).
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002 // children are reaped by the system
#define SA_SIGINFO 0x00000004   // the handler takes (sig, info, context)
#define SA_RESTART 0x10000000   // interrupted calls are restarted
#define SA_NODEFER 0x40000000   // do not block the signal in its handler
#define SA_RESETHAND 0x80000000 // back to SIG_DFL once delivered

// sigprocmask's how.
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

// Handler values that are not addresses.
#define SIGH_DFL 0UL
#define SIGH_IGN 1UL

// siginfo si_code values.
#define SI_USER 0      // kill() or raise()
#define SI_KERNEL 0x80 // the kernel (the console's ^C and ^\ among them)
#define SI_TIMER (-2)  // alarm() / setitimer()
#define CLD_EXITED 1   // SIGCHLD: the child exited; si_status its code
#define CLD_KILLED 2   // SIGCHLD: a signal ended it; si_status the signal
#define SEGV_MAPERR 1  // nothing mapped at si_addr
#define SEGV_ACCERR 2  // mapped, but not for that access
#define ILL_ILLOPC 1   // illegal instruction
#define BUS_ADRALN 1   // misaligned address
#define TRAP_BRKPT 1   // breakpoint

// The sigaction system call's form of an action (libc's struct
// sigaction is translated to it).
struct k_sigaction {
  unsigned long handler; // SIGH_DFL, SIGH_IGN or an address
  unsigned long flags;   // SA_*
  unsigned long mask;    // blocked while the handler runs
};

// What an SA_SIGINFO handler's second argument points to.
typedef struct {
  int si_signo;
  int si_errno;
  int si_code;
  int si_pid;    // the sender (SI_USER), the child (SIGCHLD)
  int si_uid;    // always 0: netv6 has no users
  int si_status; // SIGCHLD: exit code or signal
  void *si_addr; // SIGSEGV, SIGILL, SIGBUS: the faulting address
} siginfo_t;

// The registers a handler interrupted, as its third argument sees them
// (and as sigreturn puts them back): gregs[0] is the pc, gregs[n] is
// register xn.
typedef struct {
  unsigned long gregs[32];
} mcontext_t;

typedef struct ucontext {
  unsigned long uc_flags;
  unsigned long uc_sigmask; // the mask to restore
  mcontext_t uc_mcontext;
} ucontext_t;

#endif
