// date: print the wall-clock time (UTC) from the real-time clock, and
// the time since boot. `date -s` prints only the seconds since 1970.
#include <stdio.h>
#include <string.h>
#include <time.h>

// Year, month (1-12) and day (1-31) of a day number counted from
// 1970-01-01, for the proleptic Gregorian calendar.
static void civil(long days, long *y, int *m, int *d) {
  days += 719468; // shift the epoch to 0000-03-01
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;                                   // 0..146096
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; // 0..399
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // 0..365
  long mp = (5 * doy + 2) / 153; // 0..11, from March
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = yoe + era * 400 + (*m <= 2);
}

int main(int argc, char *argv[]) {
  struct timespec now, up;
  if (clock_gettime(CLOCK_REALTIME, &now) < 0 ||
      clock_gettime(CLOCK_MONOTONIC, &up) < 0) {
    perror("date: clock_gettime");
    return 1;
  }
  if (argc > 1 && strcmp(argv[1], "-s") == 0) {
    printf("%ld\n", (long)now.tv_sec);
    return 0;
  }
  long y;
  int m, d;
  long secs = now.tv_sec % 86400;
  civil(now.tv_sec / 86400, &y, &m, &d);
  printf("%04ld-%02d-%02d %02ld:%02ld:%02ld UTC (up %ld.%03ld s)\n", y, m, d,
         secs / 3600, secs / 60 % 60, secs % 60, (long)up.tv_sec,
         up.tv_nsec / 1000000);
  return 0;
}
