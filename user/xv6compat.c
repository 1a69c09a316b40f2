// xv6compat: a program written the way an xv6 course program is: xv6's
// headers ("types.h", "user.h", "signalcodes.h"), printf(1, ...), exit()
// and wait() with no arguments, sleep(ticks), kill(pid), and the socket
// calls listen(10), connect(10, "localhost"), send, recv, disconnect.
// That it builds shows course programs compile against netv6's headers;
// what it prints shows they behave. It forks a server and a client that
// exchange messages, and prints "xv6compat: PASS what" or
// "xv6compat: FAIL what: ..." for each check, then "xv6compat: done".
// socktests runs it (case xv6compat) and counts the PASS lines: keep
// XV6COMPAT_PASSES in user/socktests_load.inc in step with the checks.
#include "types.h"
#include "user.h"
#include "signalcodes.h"

#define PORT 10

void check(char *what, int got, int want) {
  if (got == want)
    printf(1, "xv6compat: PASS %s\n", what);
  else
    printf(1, "xv6compat: FAIL %s: got %d, want %d\n", what, got, want);
}

void checkstr(char *what, char *got, char *want) {
  if (strcmp(got, want) == 0)
    printf(1, "xv6compat: PASS %s\n", what);
  else
    printf(1, "xv6compat: FAIL %s: got \"%s\", want \"%s\"\n", what, got, want);
}

// 3 checks: error codes.
void errors(void) {
  check("listen(-1)", listen(-1), E_INVALID_ARG);
  check("connect to a bad host", connect(PORT, "example.com"), E_INVALID_ARG);
  check("send on a free port", send(PORT + 1, "x", 1), E_NOTFOUND);
}

// 3 checks: a listener killed with kill(pid) frees its port.
void killed(void) {
  int pid, i;

  pid = fork();
  if (pid == 0) {
    listen(PORT + 1);
    exit();
  }
  // Wait for it to listen: until then send() finds nothing there.
  for (i = 0; i < 500 && send(PORT + 1, "x", 1) == E_NOTFOUND; i++)
    sleep(1);
  check("the listener's port", send(PORT + 1, "x", 1), E_ACCESS_DENIED);
  kill(pid);
  check("wait for the killed listener", wait(), pid);
  check("its port is free", connect(PORT + 1, "localhost"), E_NOTFOUND);
}

// 7 checks.
void server(void) {
  char buf[128];

  check("listen", listen(PORT), 0);
  memset(buf, 0, sizeof(buf));
  check("server recv", recv(PORT, buf, sizeof(buf)), 0);
  checkstr("server got hello", buf, "hello");
  check("server send", send(PORT, "hello OK", 9), 0);
  memset(buf, 0, sizeof(buf));
  check("server recv 2", recv(PORT, buf, sizeof(buf)), 0);
  checkstr("server got exit", buf, "exit");
  check("server recv after the disconnect", recv(PORT, buf, sizeof(buf)),
        E_CONNECTION_RESET_BY_REMOTE);
}

// 7 checks.
void client(void) {
  char buf[128];
  int local, i;

  // The server may not be listening yet.
  local = E_NOTFOUND;
  for (i = 0; i < 500 && local == E_NOTFOUND; i++) {
    local = connect(PORT, "localhost");
    if (local == E_NOTFOUND)
      sleep(1);
  }
  if (local <= 0) {
    printf(1, "xv6compat: FAIL connect: %d\n", local);
    return;
  }
  printf(1, "xv6compat: PASS connect\n");
  check("client send", send(local, "hello", 6), 0);
  memset(buf, 0, sizeof(buf));
  check("client recv", recv(local, buf, sizeof(buf)), 0);
  checkstr("client got hello OK", buf, "hello OK");
  check("client send 2", send(local, "exit", 5), 0);
  check("disconnect", disconnect(local), 0);
  check("disconnect again", disconnect(local), E_NOTFOUND);
}

int main(int argc, char *argv[]) {
  int pid;

  errors();
  killed();
  pid = fork();
  if (pid < 0) {
    printf(1, "xv6compat: FAIL fork\n");
    exit();
  }
  if (pid == 0) {
    server();
    exit();
  }
  client();
  check("wait", wait(), pid);
  printf(1, "xv6compat: done\n");
  exit();
}
