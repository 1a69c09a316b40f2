// user/sysfuzz.c: calls the kernel with random system call numbers and
// random arguments (null, negative, huge, kernel, read-only, unmapped
// and wild addresses, pointers into a buffer of random bytes) and looks
// at what happened: no kernel panic, no fault in the caller, results
// that keep the rules (sysfuzz_rules.inc), nothing leaked. A test
// program (user space), run by the usertests case sysfuzz.
//
//   sysfuzz [rounds [seed]]      (default 20 rounds, seed 0)
//
// Round r plays the fixed plan of seed (seed + r) * 7919 + 13: CALLS
// draws, each a call number and its arguments (sysfuzz_child.inc), so a
// run repeats exactly. A child process makes the planned calls and
// before each one writes to a pipe which call it is about to make; the
// parent reads along. A call that makes no progress for STALL_MS is
// blocked: the parent kills the child, names the call, and starts a new
// child at the next call, so a blocked call costs one call of coverage,
// not the rest of the round (at most MAXKILLS times a round).
//
// No child may die of a signal the parent did not send: the calls are
// pointed at memory that is unmapped, read-only or the child's own
// buffer, never at its variables or stack, so a fault (SIGSEGV, SIGILL)
// means the kernel wrote where it must not or broke the child's state.
// A new call that can end its caller on purpose belongs in skipped().
//
// Each round prints a line: calls made of those planned, every blocked
// call, a child's death, and every result that broke a rule (the first
// MAXSHOWN in full). The children work in a fresh directory, "fuzz" in
// the working directory, removed with all they made at the end. Then
// free pages, open files, inodes, sockets and processes must be what
// they were. The last line sums up: rounds, calls made of planned,
// blocked calls, faults, wrong results, the counts before and after,
// and "ok" or what failed. Exit status 0 if all is well, else 1.
#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <netv6/fs.h>
#include <netv6/syscall.h>
#include <poll.h>
#include <signal.h>
#include <signalcodes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// The numbers of the calls, from the system call table.
#define NUMBER(name, num) SYS_##name = num,
enum { SYSCALL_TABLE(NUMBER, NUMBER) };
#undef NUMBER

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define STALL_MS 500  // no new call for this long: the call blocked
#define DEATH_MS 5000 // a killed child must be gone within this
#define MAXKILLS 50   // blocked calls per round before giving it up
#define MAXSHOWN 20   // wrong results printed in full

#include "sysfuzz_child.inc"
#include "sysfuzz_rules.inc"

static struct {
  long planned, made, blocked, faults, wrong;
  int failed; // something went wrong that is not counted above
} t;

static void show(const char *what, int round, const struct rec *m) {
  printf("sysfuzz: round %d call %u: %s(%lx, %lx, %lx, %lx, %lx, %lx)", round,
         m->index, callname(m->num), m->a[0], m->a[1], m->a[2], m->a[3],
         m->a[4], m->a[5]);
  if (m->kind == REC_WRONG)
    printf(" = %ld: %s\n", m->ret, rulenames[m->rule]);
  else
    printf(" %s\n", what);
}

// The records of one child, read as they come.
struct reader {
  int fd;
  char raw[64 * sizeof(struct rec)];
  int have;        // bytes in raw
  int begun;       // calls the child began
  struct rec last; // the last call begun
};

// take reads what the child wrote, waiting up to ms. Returns 1 when
// records came, 0 when its end of the pipe closed, -1 on timeout (or
// when poll fails: the caller then kills the child all the same).
static int take(struct reader *rd, int round, int ms) {
  struct pollfd p = {rd->fd, POLLIN, 0};
  int r = poll(&p, 1, ms), n = 0;
  if (r > 0)
    n = read(rd->fd, rd->raw + rd->have, sizeof(rd->raw) - rd->have);
  if (r < 0 || n < 0) {
    printf("sysfuzz: round %d: %s: %s\n", round, r < 0 ? "poll" : "read",
           strerror(errno));
    t.failed = 1;
    return r < 0 ? -1 : 0;
  }
  if (r == 0)
    return -1;
  if (n == 0)
    return 0;
  rd->have += n;
  int k = 0;
  for (; rd->have - k >= (int)sizeof(struct rec); k += sizeof(struct rec)) {
    struct rec m;
    memcpy(&m, rd->raw + k, sizeof(m));
    if (m.kind == REC_CALL) {
      rd->begun++;
      rd->last = m;
    } else if (m.kind == REC_WRONG && m.rule > 0 && m.rule < NRULES) {
      if (t.wrong++ < MAXSHOWN)
        show("", round, &m);
    } else {
      printf("sysfuzz: round %d: a garbled record from the child\n", round);
      t.failed = 1;
    }
  }
  memmove(rd->raw, rd->raw + k, rd->have - k);
  rd->have -= k;
  return 1;
}

// runchild runs a child for the round's calls from draw start on.
// Returns the draw to go on from, or CALLS when the round is over.
static int runchild(int round, unsigned long s, int start) {
  int fd[2];
  if (pipe(fd) < 0) {
    printf("sysfuzz: round %d: pipe: %s\n", round, strerror(errno));
    t.failed = 1;
    return CALLS;
  }
  int me = getpid(), pid = fork();
  if (pid == 0) {
    close(fd[0]);
    child(s, start, fd[1], me);
  }
  close(fd[1]);
  if (pid < 0) {
    printf("sysfuzz: round %d: fork: %s\n", round, strerror(errno));
    close(fd[0]);
    t.failed = 1;
    return CALLS;
  }
  static struct reader rd;
  memset(&rd, 0, sizeof(rd));
  rd.fd = fd[0];
  int r;
  while ((r = take(&rd, round, STALL_MS)) > 0)
    ;
  int blocked = r < 0;
  if (blocked) { // kill it, and see its end of the pipe close
    kill(pid, SIGKILL);
    while ((r = take(&rd, round, DEATH_MS)) > 0)
      ;
    if (r < 0) {
      printf("sysfuzz: round %d: child %d still there %d ms after SIGKILL\n",
             round, pid, DEATH_MS);
      close(fd[0]);
      t.failed = 1;
      return CALLS; // not reaped: the caller's sweep must find it
    }
  }
  close(fd[0]);
  int st = 0;
  if (waitpid(pid, &st, 0) != pid) {
    printf("sysfuzz: round %d: waitpid %d: %s\n", round, pid, strerror(errno));
    t.failed = 1;
    return CALLS;
  }
  t.made += rd.begun;
  if (blocked) {
    if (rd.begun == 0) {
      printf("sysfuzz: round %d: the child made no call in %d ms\n", round,
             STALL_MS);
      t.failed = 1;
      return CALLS;
    }
    t.made--;
    t.blocked++;
    show("blocked: killed", round, &rd.last);
    return rd.last.index + 1;
  }
  if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
    return CALLS;
  // It ended early, and not by our hand: a fault, or a failed set-up.
  if (WIFSIGNALED(st))
    t.faults++;
  else
    t.failed = 1;
  if (rd.begun)
    show("was the last call", round, &rd.last);
  printf("sysfuzz: round %d: child %d %s %d before it made all its calls\n",
         round, pid, WIFSIGNALED(st) ? "died of signal" : "exited with",
         WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
  return CALLS;
}

static void playround(int r, unsigned long s) {
  long made = t.made, blocked = t.blocked;
  int planned = plan(s), kills = 0;
  t.planned += planned;
  for (int start = 0; start < CALLS;) {
    start = runchild(r, s, start);
    if (start < CALLS && ++kills == MAXKILLS) {
      printf("sysfuzz: round %d: %d calls blocked, the rest left out\n", r,
             kills);
      break;
    }
  }
  printf("sysfuzz: round %d (seed %lu): %ld of %d calls made, %ld blocked\n", r,
         s, t.made - made, planned, t.blocked - blocked);
}

// rmtree removes name from the working directory, and first, for a
// directory, everything in it. Returns 0 or -1 (errno says why).
static int rmtree(const char *name, int depth) {
  struct stat st;
  if (stat(name, &st) < 0)
    return -1;
  if (st.st_type == T_DIR) {
    int fd;
    if (depth > 32) {
      errno = ELOOP;
      return -1;
    }
    if (chdir(name) < 0 || (fd = open(".", O_RDONLY)) < 0)
      return -1;
    struct dirent de;
    int err = 0;
    while (read(fd, &de, sizeof(de)) == sizeof(de)) {
      char n[DIRSIZ + 1];
      memcpy(n, de.name, DIRSIZ);
      n[DIRSIZ] = 0; // a name of DIRSIZ bytes has no NUL
      if (de.inum != 0 && strcmp(n, ".") != 0 && strcmp(n, "..") != 0 &&
          rmtree(n, depth + 1) < 0 && !err)
        err = errno;
    }
    close(fd);
    if (chdir("..") < 0)
      return -1;
    if (err) {
      errno = err;
      return -1;
    }
  }
  return unlink(name);
}

static int getinfo(struct sysinfo *si, const char *when) {
  if (sysinfo(si) < 0) {
    printf("sysfuzz: sysinfo %s: %s\n", when, strerror(errno));
    return -1;
  }
  if (si->freepages == 0 || si->freepages > si->totalpages || si->nproc == 0) {
    printf("sysfuzz: sysinfo %s: free pages %ld of %ld, processes %u?\n", when,
           (long)si->freepages, (long)si->totalpages, si->nproc);
    return -1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  unsigned long base = argc > 2 ? strtoul(argv[2], 0, 10) : 0;
  if (stat("fuzz", &(struct stat){0}) == 0 && rmtree("fuzz", 0) < 0) {
    printf("sysfuzz: cannot remove an old fuzz: %s\n", strerror(errno));
    return 1;
  }
  if (mkdir("fuzz", 0755) < 0 || chdir("fuzz") < 0) {
    printf("sysfuzz: cannot make fuzz: %s\n", strerror(errno));
    return 1;
  }
  struct sysinfo s0, s1;
  if (getinfo(&s0, "before") < 0)
    return 1;
  for (int r = 0; r < rounds; r++)
    playround(r, (base + r) * 7919 + 13);
  int info = getinfo(&s1, "after");
  int cleaned = chdir("..") == 0 && rmtree("fuzz", 0) == 0;
  if (!cleaned)
    printf("sysfuzz: cannot remove fuzz: %s\n", strerror(errno));
  int same = info == 0 && s0.freepages == s1.freepages &&
             s0.nfile == s1.nfile && s0.nsocket == s1.nsocket &&
             s0.nproc == s1.nproc && s0.ninode == s1.ninode;
  int ok = same && cleaned && !t.failed && t.faults == 0 && t.wrong == 0 &&
           t.made + t.blocked == t.planned;
  printf("sysfuzz: %d rounds: %ld of %ld calls made, %ld blocked; %ld "
         "faults, %ld wrong results; free pages %ld -> %ld, files %u -> %u, "
         "inodes %u -> %u, sockets %u -> %u, processes %u -> %u: %s%s%s%s%s\n",
         rounds, t.made, t.planned, t.blocked, t.faults, t.wrong,
         (long)s0.freepages, (long)s1.freepages, s0.nfile, s1.nfile, s0.ninode,
         s1.ninode, s0.nsocket, s1.nsocket, s0.nproc, s1.nproc,
         ok ? "ok" : "FAILED:", same ? "" : " leak",
         t.faults || t.wrong ? " faults or wrong results" : "",
         t.made + t.blocked == t.planned ? "" : " calls left out",
         t.failed || !cleaned ? " see above" : "");
  return ok ? 0 : 1;
}
