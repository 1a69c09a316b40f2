// user/init.c: the first process. Sets up the console as fds 0, 1 and
// 2, runs the DHCP client for eth0 (dhcp -b), then keeps a shell running
// forever, reaping every orphan that the kernel hands to it on the way.

#include <errno.h>
#include <fcntl.h>
#include <netv6.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *shargv[] = {"sh", NULL};

// mkdev makes the device node path unless it exists already.
static void mkdev(const char *path, int major) {
  if (mknod(path, major, 0) < 0 && errno != EEXIST)
    fprintf(stderr, "init: mknod %s: %s\n", path, strerror(errno));
}

static int openconsole(void) {
  int fd = open("/dev/console", O_RDWR);
  if (fd >= 0)
    return fd;
  if (mkdir("/dev", 0755) < 0 && errno != EEXIST)
    return -1;
  if (mknod("/dev/console", CONSOLE, 0) < 0 && errno != EEXIST)
    return -1;
  fd = open("/dev/console", O_RDWR);
  if (fd >= 0)
    mkdev("/dev/null", DEVNULL); // the console works: errors show
  return fd;
}

int main(void) {
  if (openconsole() != 0) // no fds are open yet: the console is 0
    exit(1);
  dup(0); // stdout
  dup(0); // stderr

  // The network: DHCP on eth0, if there is one (dhcp -b says nothing
  // without it, waits a few seconds at most, and keeps the lease in the
  // background).
  int pid = fork();
  if (pid == 0) {
    char *dargv[] = {"dhcp", "-b", NULL};
    exec("/dhcp", dargv);
    exit(127);
  }
  if (pid > 0)
    while (wait(NULL) != pid)
      ;

  for (;;) {
    printf("init: starting sh\n");
    long start = uptime();
    int pid = fork();
    if (pid < 0) {
      fprintf(stderr, "init: fork: %s\n", strerror(errno));
      sleep(1);
      continue;
    }
    if (pid == 0) {
      exec("sh", shargv);
      exec("/sh", shargv);
      fprintf(stderr, "init: exec sh: %s\n", strerror(errno));
      exit(127);
    }
    // Wait for this shell; any other pid is an orphan being reaped.
    for (;;) {
      int status;
      int w = wait(&status);
      if (w == pid) {
        if (WIFSIGNALED(status))
          fprintf(stderr, "init: sh killed by signal %d\n", WTERMSIG(status));
        break;
      }
      if (w < 0 && errno != EINTR) {
        fprintf(stderr, "init: wait: %s\n", strerror(errno));
        break;
      }
    }
    if (uptime() - start < HZ) // a shell that dies at once: slow down
      sleep(1);
  }
}
