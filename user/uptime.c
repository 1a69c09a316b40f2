// user/uptime.c: uptime prints the time of day (UTC), how long the
// system has been up, and how many processes there are, as
// "14:05:09 up 0:02:31, 5 processes".

#include <netv6.h>
#include <stdio.h>
#include <time.h>

int main(void) {
  struct sysinfo si;
  if (sysinfo(&si) < 0) {
    perror("uptime: sysinfo");
    return 1;
  }
  long now = time(NULL) % 86400, up = si.uptime / si.hz;
  printf("%02ld:%02ld:%02ld up ", now / 3600, now / 60 % 60, now % 60);
  if (up >= 86400)
    printf("%ld day%s, ", up / 86400, up >= 2 * 86400 ? "s" : "");
  printf("%ld:%02ld:%02ld, %u processes\n", up / 3600 % 24, up / 60 % 60,
         up % 60, (unsigned)si.nproc);
  return 0;
}
