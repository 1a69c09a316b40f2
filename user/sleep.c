// user/sleep.c: sleep SECONDS waits that long (a decimal number, such
// as 2 or 0.25); a signal ends it as its action says (^C: SIGINT).

#include <stdio.h>
#include <time.h>

int main(int argc, char *argv[]) {
  struct timespec ts = {0, 0};
  const char *s = argc == 2 ? argv[1] : "";
  int digits = 0;
  for (; *s >= '0' && *s <= '9'; s++, digits++)
    ts.tv_sec = ts.tv_sec * 10 + (*s - '0');
  if (*s == '.') {
    long scale = 100000000;
    for (s++; *s >= '0' && *s <= '9'; s++, digits++, scale /= 10)
      ts.tv_nsec += (*s - '0') * scale;
  }
  if (argc != 2 || digits == 0 || *s || ts.tv_sec > 100000000) {
    fprintf(stderr, "usage: sleep SECONDS\n");
    return 2;
  }
  return nanosleep(&ts, NULL) < 0 ? 1 : 0;
}
