// user/forkbomb.c: forks until fork fails, to show that a full process
// table leaves the system usable. The children wait on a pipe (they do
// nothing until the parent lets them go); the parent prints how many it
// made, how many processes (kernel threads too) there were before, and
// why fork failed, releases and reaps them, prints
// "forkbomb: reaped X of Y children", and exits 0 if X == Y and fork
// did fail. The loop is bounded. (tests/test_boot.py checks both lines.)

#include <errno.h>
#include <netv6.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int rel[2];
  if (pipe(rel) < 0) {
    fprintf(stderr, "forkbomb: pipe: %s\n", strerror(errno));
    return 1;
  }
  struct sysinfo si;
  if (sysinfo(&si) < 0) {
    fprintf(stderr, "forkbomb: sysinfo: %s\n", strerror(errno));
    return 1;
  }
  int n = 0, err = 0;
  for (int i = 0; i < 4 * NPROC; i++) {
    int pid = fork();
    if (pid == 0) {
      close(rel[1]);
      char c;
      read(rel[0], &c, 1); // returns 0 once the parent closes its end
      exit(0);
    }
    if (pid < 0) {
      err = errno;
      break;
    }
    n++;
  }
  printf("forkbomb: %d children (%u processes before), then fork: %s\n", n,
         si.nproc, err ? strerror(err) : "never failed");
  close(rel[1]);
  close(rel[0]);
  int reaped = 0;
  while (wait(NULL) >= 0)
    reaped++;
  printf("forkbomb: reaped %d of %d children\n", reaped, n);
  return reaped == n && err ? 0 : 1;
}
