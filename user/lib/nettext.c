// user/lib/nettext.c: reading the network configuration's text formats
// (libc, internal; pure). The formats and the interface are in
// nettext.h.
#include "nettext.h"

// A cursor over a file's text, one line at a time.
struct scan {
  const char *p, *end;
};

// A NUL byte in a file is a blank too: no token holds one, so every
// token can be a C string.
static int blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c == 0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c; }

static int oneof(char c, const char *set) {
  for (; *set; set++)
    if (c == *set)
      return 1;
  return 0;
}

// The next token of the current line into *tok; returns its length, or
// 0 at the end of the line (which is not passed) or at a comment (one
// of the characters in comments, which hides the rest of the line).
static size_t token(struct scan *s, const char **tok, const char *comments) {
  while (s->p < s->end && blank(*s->p))
    s->p++;
  if (s->p < s->end && oneof(*s->p, comments))
    while (s->p < s->end && *s->p != '\n')
      s->p++;
  const char *t = s->p;
  while (s->p < s->end && *s->p != '\n' && !blank(*s->p) &&
         !oneof(*s->p, comments))
    s->p++;
  *tok = t;
  return (size_t)(s->p - t);
}

// Past the end of the current line.
static void endline(struct scan *s) {
  while (s->p < s->end && *s->p++ != '\n')
    ;
}

// Does the token t[0..n) equal the word w (NUL-terminated)?
static int is(const char *t, size_t n, const char *w) {
  size_t i = 0;
  for (; i < n && w[i] != 0; i++)
    if (t[i] != w[i])
      return 0;
  return i == n && w[i] == 0;
}

// Is the token t[0..n) the host name name, ignoring ASCII case and a
// trailing dot on either?
static int same_name(const char *t, size_t n, const char *name) {
  size_t m = 0;
  while (name[m] != 0)
    m++;
  if (n > 0 && t[n - 1] == '.')
    n--;
  if (m > 0 && name[m - 1] == '.')
    m--;
  if (n != m || n == 0)
    return 0;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)t[i]) != lower((unsigned char)name[i]))
      return 0;
  return 1;
}

// Copy t[0..n) and a NUL into out (cap bytes), cut to fit.
static void copyout(const char *t, size_t n, char *out, size_t cap) {
  if (cap == 0)
    return;
  if (n > cap - 1)
    n = cap - 1;
  for (size_t i = 0; i < n; i++)
    out[i] = t[i];
  out[n] = 0;
}

// A decimal number of t[0..n), at most max (larger ones are max). -1 if
// it is not digits only.
static long decimal(const char *t, size_t n, long max) {
  long v = 0;
  if (n == 0)
    return -1;
  for (size_t i = 0; i < n; i++) {
    if (t[i] < '0' || t[i] > '9')
      return -1;
    v = v * 10 + (t[i] - '0');
    if (v > max)
      v = max;
  }
  return v;
}

int ip4_parse(const char *s, size_t n, uint32_t *out) {
  const char *end = s + n;
  uint32_t a = 0;
  for (int part = 0; part < 4; part++) {
    if (part > 0 && (s == end || *s++ != '.'))
      return 0;
    const char *d = s;
    while (s < end && *s >= '0' && *s <= '9' && s - d < 4)
      s++;
    long v = decimal(d, (size_t)(s - d), 1000);
    if (v < 0 || v > 255 || (s - d > 1 && *d == '0'))
      return 0;
    a = a << 8 | (uint32_t)v;
  }
  if (s != end)
    return 0;
  *out = a;
  return 1;
}

// Append v in decimal at p; returns the end.
static char *putdec(char *p, unsigned v) {
  if (v >= 100)
    *p++ = (char)('0' + v / 100);
  if (v >= 10)
    *p++ = (char)('0' + v / 10 % 10);
  *p++ = (char)('0' + v % 10);
  return p;
}

int ip4_format(uint32_t a, char *out) {
  char *p = out;
  for (int i = 3; i >= 0; i--) {
    p = putdec(p, a >> (8 * i) & 0xff);
    if (i > 0)
      *p++ = '.';
  }
  *p = 0;
  return (int)(p - out);
}

// ---- /etc/hosts ------------------------------------------------------------

int hosts_byname(const char *text, size_t len, const char *name, uint32_t *addr,
                 int max, char *canon, size_t cap) {
  int found = 0;
  for (struct scan s = {text, text + len}; s.p < s.end; endline(&s)) {
    const char *t, *first = 0;
    size_t n = token(&s, &t, "#"), firstn = 0;
    uint32_t a;
    if (n == 0 || !ip4_parse(t, n, &a))
      continue;
    while ((n = token(&s, &t, "#")) > 0) {
      if (first == 0) {
        first = t;
        firstn = n;
      }
      if (same_name(t, n, name))
        break;
    }
    if (n == 0)
      continue;
    if (found < max)
      addr[found] = a;
    if (found == 0 && canon != 0)
      copyout(first, firstn, canon, cap);
    found++;
  }
  return found;
}

int hosts_byaddr(const char *text, size_t len, uint32_t a, char *name,
                 size_t cap) {
  for (struct scan s = {text, text + len}; s.p < s.end; endline(&s)) {
    const char *t;
    size_t n = token(&s, &t, "#");
    uint32_t b;
    if (n == 0 || !ip4_parse(t, n, &b) || b != a)
      continue;
    if ((n = token(&s, &t, "#")) > 0) {
      copyout(t, n, name, cap);
      return 1;
    }
  }
  return 0;
}

// ---- /etc/resolv.conf and /net/ndb
// -------------------------------------------

// "timeout:N" or "attempts:N": the number, at most max, at least 1;
// 0 if the token is not that option.
static int option(const char *t, size_t n, const char *opt, int max) {
  size_t l = 0;
  while (opt[l] != 0)
    l++;
  if (n <= l || !is(t, l, opt))
    return 0;
  long v = decimal(t + l, n - l, max);
  return v < 0 ? 0 : v < 1 ? 1 : (int)v;
}

void resolv_parse(const char *text, size_t len, struct resconf *c) {
  for (struct scan s = {text, text + len}; s.p < s.end; endline(&s)) {
    const char *t;
    size_t n = token(&s, &t, "#;");
    uint32_t a;
    if (is(t, n, "nameserver")) {
      n = token(&s, &t, "#;");
      if (ip4_parse(t, n, &a) && c->nns < NT_MAXNS)
        c->ns[c->nns++] = a;
    } else if (is(t, n, "options")) {
      while ((n = token(&s, &t, "#;")) > 0) {
        int v;
        if ((v = option(t, n, "timeout:", NT_MAXTIMEOUT)) > 0)
          c->timeout = v;
        else if ((v = option(t, n, "attempts:", NT_MAXATTEMPTS)) > 0)
          c->attempts = v;
      }
    }
  }
}

int ndb_dns(const char *text, size_t len, uint32_t *ns, int n, int max) {
  for (struct scan s = {text, text + len}; s.p < s.end; endline(&s)) {
    const char *t;
    size_t l;
    while ((l = token(&s, &t, "#")) > 0) {
      uint32_t a;
      if (l < 4 || !is(t, 4, "dns="))
        continue;
      t += 4;
      l -= 4;
      if (l >= 2 && t[0] == '"' && t[l - 1] == '"') {
        t++;
        l -= 2;
      }
      if (ip4_parse(t, l, &a) && n < max)
        ns[n++] = a;
    }
  }
  return n;
}
