// user/ps.c: ps lists every process (procinfo(), see
// docs/netv6-calls.md): its pid, its parent's, its process group, its
// state (with the system call a sleeping one waits in), the time it has
// run and its name, one line each, in pid order:
//
//       PID  PPID  PGID STATE                TIME NAME
//         1     0     1 sleep:wait        0:00.02 init
//         7     5     7 run               0:00.00 ps
//
// States: new, ready (waiting for a hart), run, sleep (a signal ends
// it), disk (waits for the disk or a file-system lock, which ends soon
// on its own), zombie (ended, not yet waited for). Kernel threads have
// group 0.

#include <netv6.h>
#include <stdio.h>
#include <stdlib.h>

static struct procinfo ps[NPROC];

static const char *statename(int st) {
  static const char *const names[] = {
      [PS_NEW] = "new",        [PS_RUNNABLE] = "ready", [PS_RUNNING] = "run",
      [PS_SLEEPING] = "sleep", [PS_UNINTR] = "disk",    [PS_ZOMBIE] = "zombie"};
  return st > 0 && st <= PS_ZOMBIE && names[st] ? names[st] : "?";
}

static int bypid(const void *a, const void *b) {
  return ((const struct procinfo *)a)->pid - ((const struct procinfo *)b)->pid;
}

int main(int argc, char *argv[]) {
  (void)argv;
  if (argc > 1) {
    fprintf(stderr, "usage: ps\n");
    return 2;
  }
  int n = procinfo(ps, NPROC);
  if (n < 0) {
    perror("ps: procinfo");
    return 1;
  }
  qsort(ps, n, sizeof(ps[0]), bypid);
  printf("%5s %5s %5s %-16s %8s %s\n", "PID", "PPID", "PGID", "STATE", "TIME",
         "NAME");
  for (int i = 0; i < n; i++) {
    struct procinfo *p = &ps[i];
    char state[24];
    const char *call = syscallname(p->sysnum);
    if ((p->state == PS_SLEEPING || p->state == PS_UNINTR) && call)
      snprintf(state, sizeof(state), "%s:%s", statename(p->state), call);
    else
      snprintf(state, sizeof(state), "%s", statename(p->state));
    char time[24];
    unsigned long t = p->runticks; // HZ a second
    snprintf(time, sizeof(time), "%lu:%02lu.%02lu", t / HZ / 60, t / HZ % 60,
             (t % HZ) * 100 / HZ);
    printf("%5d %5d %5d %-16s %8s %s\n", p->pid, p->ppid, p->pgid, state, time,
           p->name);
  }
  return 0;
}
