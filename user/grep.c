// user/grep.c: grep [-c] [-n] [-v] PATTERN [file...] prints the lines
// of each file (standard input if none) that match PATTERN, prefixed
// with the file name when there are several files.
//
// PATTERN is a small regular expression: c matches the character c,
// '.' any character, \c the character c itself, x* any number of the
// preceding item x; '^' at the start anchors to the line's start, '$' at
// the end to its end. Exit status: 0 if a line was selected, 1 if none,
// 2 on error.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

// itemlen: bytes of the item at re (2 for an escape, else 1).
static int itemlen(const char *re) { return re[0] == '\\' && re[1] ? 2 : 1; }

// itemhit: does the item at re match character c?
static int itemhit(const char *re, char c) {
  if (re[0] == '\\' && re[1])
    return re[1] == c;
  return re[0] == '.' || re[0] == c;
}

// matchat: does re match a prefix of s?
static int matchat(const char *re, const char *s) {
  while (*re) {
    int n = itemlen(re);
    if (re[n] == '*') {
      // Take as many as possible, then give back one at a time.
      const char *t = s;
      while (*t && itemhit(re, *t))
        t++;
      for (;; t--) {
        if (matchat(re + n + 1, t))
          return 1;
        if (t == s)
          return 0;
      }
    }
    if (re[0] == '$' && re[1] == '\0')
      return *s == '\0';
    if (*s == '\0' || !itemhit(re, *s))
      return 0;
    re += n;
    s++;
  }
  return 1;
}

// match: does re match anywhere in s?
static int match(const char *re, const char *s) {
  if (re[0] == '^')
    return matchat(re + 1, s);
  for (;; s++) {
    if (matchat(re, s))
      return 1;
    if (*s == '\0')
      return 0;
  }
}

static int cflag, nflag, vflag;
static char buf[4096];

// line handles one line (NUL-terminated, no newline); returns whether
// it was selected.
static int line(const char *re, char *s, const char *name, long lineno) {
  if (match(re, s) == vflag)
    return 0;
  if (!cflag) {
    char num[24] = "";
    if (nflag)
      snprintf(num, sizeof(num), "%ld:", lineno);
    printf("%s%s%s%s\n", name ? name : "", name ? ":" : "", num, s);
  }
  return 1;
}

// grep scans fd; returns the number of selected lines, -1 on error.
static long grep(const char *re, int fd, const char *name) {
  long hits = 0, lineno = 0;
  int len = 0, n;
  for (;;) {
    n = read(fd, buf + len, sizeof(buf) - 1 - len);
    if (n <= 0)
      break;
    len += n;
    char *p = buf, *nl;
    while ((nl = memchr(p, '\n', buf + len - p))) {
      *nl = '\0';
      hits += line(re, p, name, ++lineno);
      p = nl + 1;
    }
    len -= p - buf;
    memmove(buf, p, len);
    if (len == (int)sizeof(buf) - 1) { // a very long line: cut it here
      buf[len] = '\0';
      hits += line(re, buf, name, ++lineno);
      len = 0;
    }
  }
  if (len > 0) { // the last line had no newline
    buf[len] = '\0';
    hits += line(re, buf, name, ++lineno);
  }
  if (n < 0) {
    fprintf(stderr, "grep: %s: %s\n", name ? name : "stdin", strerror(errno));
    return -1;
  }
  if (cflag)
    printf("%s%s%ld\n", name ? name : "", name ? ":" : "", hits);
  return hits;
}

int main(int argc, char *argv[]) {
  int i = 1;
  for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
    for (char *o = argv[i] + 1; *o; o++) {
      if (*o == 'c')
        cflag = 1;
      else if (*o == 'n')
        nflag = 1;
      else if (*o == 'v')
        vflag = 1;
      else
        goto usage;
    }
  }
  if (i >= argc)
    goto usage;
  const char *re = argv[i++];
  int nfiles = argc - i;
  if (nfiles == 0) {
    long r = grep(re, 0, NULL);
    return r < 0 ? 2 : r > 0 ? 0 : 1;
  }

  int found = 0, err = 0;
  for (; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
      err = 1;
      continue;
    }
    long r = grep(re, fd, nfiles > 1 ? argv[i] : NULL);
    if (r < 0)
      err = 1;
    else if (r > 0)
      found = 1;
    close(fd);
  }
  return err ? 2 : found ? 0 : 1;

usage:
  fprintf(stderr, "usage: grep [-cnv] PATTERN [file...]\n");
  return 2;
}
