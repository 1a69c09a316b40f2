// user/lib/printf.c: formatted output (libc, stdio layer).
//
// One engine, format(), turns a format and its arguments into bytes and
// hands them to a struct out. An out either fills a caller's buffer and
// drops what does not fit (snprintf), or fills a small buffer and writes
// it to a file descriptor whenever it is full (dprintf), so one call of
// a short printf is one write(). For a buffered stream (fopen) the
// small buffer goes to the stream with fwrite instead.
//
// Conversions: d i u x X o c s p %. Flags: - 0 + space #. Field width
// and precision, either may be *. Length modifiers: hh h l ll z j t.

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

struct out {
  char *buf;
  size_t cap;   // bytes buf holds
  size_t len;   // bytes in buf now
  size_t total; // bytes produced by the whole call
  int fd;       // >= 0: write buf to fd when full; -1: keep what fits
  int err;      // a write failed
  FILE *f;      // not NULL: fwrite buf to f instead of writing to fd
};

static void flush(struct out *o) {
  if (o->f) {
    if (fwrite(o->buf, 1, o->len, o->f) != o->len)
      o->err = 1;
    o->len = 0;
    return;
  }
  size_t off = 0;
  while (off < o->len) {
    int n = write(o->fd, o->buf + off, (int)(o->len - off));
    if (n <= 0) {
      o->err = 1;
      break;
    }
    off += n;
  }
  o->len = 0;
}

static void put(struct out *o, char c) {
  o->total++;
  if (o->fd < 0) {
    if (o->len + 1 < o->cap) // leave room for the NUL
      o->buf[o->len++] = c;
    return;
  }
  if (o->len == o->cap)
    flush(o);
  o->buf[o->len++] = c;
}

static void fill(struct out *o, char c, int n) {
  while (n-- > 0)
    put(o, c);
}

// One conversion's flags, width and precision.
struct spec {
  int left;  // '-': pad on the right
  int zero;  // '0': pad numbers with zeros
  int plus;  // '+': sign for non-negative numbers
  int space; // ' ': space for non-negative numbers
  int alt;   // '#': 0x for hex, leading 0 for octal
  int width; // minimum field width, 0 if none
  int prec;  // precision, -1 if none
};

static void emitstr(struct out *o, const char *s, struct spec *sp) {
  if (!s)
    s = "(null)";
  size_t n = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
  int pad = sp->width > (int)n ? sp->width - (int)n : 0;
  if (!sp->left)
    fill(o, ' ', pad);
  for (size_t i = 0; i < n; i++)
    put(o, s[i]);
  if (sp->left)
    fill(o, ' ', pad);
}

// emitnum prints magnitude v with sign neg in base; ptr forces a 0x.
static void emitnum(struct out *o, unsigned long long v, int neg, int base,
                    int upper, int ptr, struct spec *sp) {
  const char *dig = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char d[24]; // 64 bits in octal is 22 digits
  int nd = 0;
  int zero = v == 0;
  if (!(zero && sp->prec == 0)) // "%.0d" of 0 prints no digits
    do {
      d[nd++] = dig[v % base];
      v /= base;
    } while (v);

  char pre[2];
  int np = 0;
  if (neg)
    pre[np++] = '-';
  else if (sp->plus)
    pre[np++] = '+';
  else if (sp->space)
    pre[np++] = ' ';
  if (base == 16 && (ptr || (sp->alt && !zero))) {
    pre[0] = '0';
    pre[1] = upper ? 'X' : 'x';
    np = 2;
  }
  int zeros = sp->prec > nd ? sp->prec - nd : 0;
  if (base == 8 && sp->alt && zeros == 0 && (nd == 0 || d[nd - 1] != '0'))
    zeros = 1;

  int len = np + zeros + nd;
  int pad = sp->width > len ? sp->width - len : 0;
  int zeropad = sp->zero && !sp->left && sp->prec < 0;
  if (!sp->left && !zeropad)
    fill(o, ' ', pad);
  for (int i = 0; i < np; i++)
    put(o, pre[i]);
  if (zeropad)
    fill(o, '0', pad);
  fill(o, '0', zeros);
  while (nd > 0)
    put(o, d[--nd]);
  if (sp->left)
    fill(o, ' ', pad);
}

static void format(struct out *o, const char *fmt, va_list ap) {
  for (const char *f = fmt; *f; f++) {
    if (*f != '%') {
      put(o, *f);
      continue;
    }
    const char *start = f++;
    struct spec sp = {0, 0, 0, 0, 0, 0, -1};
    for (;; f++) {
      if (*f == '-')
        sp.left = 1;
      else if (*f == '0')
        sp.zero = 1;
      else if (*f == '+')
        sp.plus = 1;
      else if (*f == ' ')
        sp.space = 1;
      else if (*f == '#')
        sp.alt = 1;
      else
        break;
    }
    if (*f == '*') {
      sp.width = va_arg(ap, int);
      if (sp.width < 0) {
        sp.left = 1;
        sp.width = -sp.width;
      }
      f++;
    } else {
      while (*f >= '0' && *f <= '9')
        sp.width = sp.width * 10 + (*f++ - '0');
    }
    if (*f == '.') {
      f++;
      sp.prec = 0;
      if (*f == '*') {
        sp.prec = va_arg(ap, int);
        if (sp.prec < 0)
          sp.prec = -1;
        f++;
      } else {
        while (*f >= '0' && *f <= '9')
          sp.prec = sp.prec * 10 + (*f++ - '0');
      }
    }
    // Length: 'H' for hh, 'h', 'l' (also z j t: all 64 bits), 'L' for ll.
    int len = 0;
    if (f[0] == 'h' && f[1] == 'h') {
      len = 'H';
      f += 2;
    } else if (f[0] == 'l' && f[1] == 'l') {
      len = 'L';
      f += 2;
    } else if (*f == 'h') {
      len = 'h';
      f++;
    } else if (*f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
      len = 'l';
      f++;
    }

    int base = 10, upper = 0;
    switch (*f) {
    case 'd':
    case 'i': {
      long long v;
      if (len == 'l')
        v = va_arg(ap, long);
      else if (len == 'L')
        v = va_arg(ap, long long);
      else if (len == 'h')
        v = (short)va_arg(ap, int);
      else if (len == 'H')
        v = (signed char)va_arg(ap, int);
      else
        v = va_arg(ap, int);
      unsigned long long mag =
          v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
      emitnum(o, mag, v < 0, 10, 0, 0, &sp);
      break;
    }
    case 'X':
      upper = 1;
      // fall through
    case 'x':
      base = 16;
      goto unsigned_conv;
    case 'o':
      base = 8;
      // fall through
    case 'u':
    unsigned_conv : {
      unsigned long long v;
      if (len == 'l')
        v = va_arg(ap, unsigned long);
      else if (len == 'L')
        v = va_arg(ap, unsigned long long);
      else if (len == 'h')
        v = (unsigned short)va_arg(ap, unsigned);
      else if (len == 'H')
        v = (unsigned char)va_arg(ap, unsigned);
      else
        v = va_arg(ap, unsigned);
      sp.plus = sp.space = 0;
      emitnum(o, v, 0, base, upper, 0, &sp);
      break;
    }
    case 'p':
      sp.plus = sp.space = 0;
      emitnum(o, (uintptr_t)va_arg(ap, void *), 0, 16, 0, 1, &sp);
      break;
    case 'c': {
      char c = (char)va_arg(ap, int);
      int pad = sp.width > 1 ? sp.width - 1 : 0;
      if (!sp.left)
        fill(o, ' ', pad);
      put(o, c);
      if (sp.left)
        fill(o, ' ', pad);
      break;
    }
    case 's':
      emitstr(o, va_arg(ap, const char *), &sp);
      break;
    case '%':
      put(o, '%');
      break;
    default: // unknown or cut short: print the directive as it stands
      while (start < f)
        put(o, *start++);
      if (!*f)
        return;
      put(o, *f);
      break;
    }
  }
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap) {
  struct out o = {buf, n, 0, 0, -1, 0, NULL};
  format(&o, fmt, ap);
  if (n > 0)
    buf[o.len] = '\0';
  return (int)o.total;
}

int vsprintf(char *buf, const char *fmt, va_list ap) {
  return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int vdprintf(int fd, const char *fmt, va_list ap) {
  char buf[512];
  struct out o = {buf, sizeof(buf), 0, 0, fd, 0, NULL};
  format(&o, fmt, ap);
  flush(&o);
  return o.err ? -1 : (int)o.total;
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
  if (f->buf) {
    char buf[128];
    struct out o = {buf, sizeof(buf), 0, 0, f->fd, 0, f};
    format(&o, fmt, ap);
    flush(&o);
    return o.err ? -1 : (int)o.total; // fwrite set f->err
  }
  int n = vdprintf(f->fd, fmt, ap);
  if (n < 0)
    f->err = 1;
  return n;
}

int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int snprintf(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return r;
}

int sprintf(char *buf, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsprintf(buf, fmt, ap);
  va_end(ap);
  return r;
}

int dprintf(int fd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vdprintf(fd, fmt, ap);
  va_end(ap);
  return r;
}

int fprintf(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vfprintf(f, fmt, ap);
  va_end(ap);
  return r;
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return r;
}
