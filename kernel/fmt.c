// kernel/fmt.c: printf-style formatting into a sink (see fmt.h).
#include <stdint.h>
#include "fmt.h"

// One conversion's options.
struct spec {
  int left;  // '-': pad on the right
  int zero;  // '0': pad numbers with zeros after the sign
  int width; // the least characters to produce
  int prec;  // %s: the most bytes of the string; -1 for all
};

struct out {
  fmt_put put;
  void *arg;
  int n; // characters produced so far
};

static void emit(struct out *o, char c) {
  o->put(o->arg, c);
  o->n++;
}

static void pad(struct out *o, char c, int n) {
  while (n-- > 0)
    emit(o, c);
}

// Emit s (len bytes) in a field of sp->width; sign goes before any zeros.
static void field(struct out *o, const struct spec *sp, const char *sign,
                  const char *s, int len) {
  int slen = 0;
  while (sign[slen])
    slen++;
  int fill = sp->width - slen - len;
  if (!sp->left && !sp->zero)
    pad(o, ' ', fill);
  for (int i = 0; i < slen; i++)
    emit(o, sign[i]);
  if (!sp->left && sp->zero)
    pad(o, '0', fill);
  for (int i = 0; i < len; i++)
    emit(o, s[i]);
  if (sp->left)
    pad(o, ' ', fill);
}

static void number(struct out *o, const struct spec *sp, uint64_t x, int base,
                   const char *sign) {
  static const char digits[] = "0123456789abcdef";
  char buf[24];
  int i = sizeof(buf);
  do {
    buf[--i] = digits[x % base];
    x /= base;
  } while (x != 0);
  field(o, sp, sign, buf + i, sizeof(buf) - i);
}

static void string(struct out *o, struct spec *sp, const char *s) {
  if (s == 0)
    s = "(null)";
  int len = 0;
  while ((sp->prec < 0 || len < sp->prec) && s[len])
    len++;
  sp->zero = 0;
  field(o, sp, "", s, len);
}

// Read a width or precision: digits, or * from the arguments.
static int count(const char **fmt, va_list *ap) {
  if (**fmt == '*') {
    (*fmt)++;
    return va_arg(*ap, int);
  }
  int v = 0;
  while (**fmt >= '0' && **fmt <= '9') {
    if (v < 100000)
      v = v * 10 + (**fmt - '0');
    (*fmt)++;
  }
  return v;
}

int vfmt(fmt_put put, void *arg, const char *fmt, va_list ap) {
  struct out o = {put, arg, 0};
  va_list args;
  va_copy(args, ap);
  while (*fmt) {
    if (*fmt != '%') {
      emit(&o, *fmt++);
      continue;
    }
    const char *start = fmt++;
    struct spec sp = {0, 0, 0, -1};
    for (;; fmt++) {
      if (*fmt == '-')
        sp.left = 1;
      else if (*fmt == '0')
        sp.zero = 1;
      else
        break;
    }
    sp.width = count(&fmt, &args);
    if (sp.width < 0) { // a negative * width means left-justified
      sp.left = 1;
      sp.width = -sp.width;
    }
    if (*fmt == '.') {
      fmt++;
      sp.prec = count(&fmt, &args);
    }
    int lng = 0;
    while (*fmt == 'l') {
      lng = 1;
      fmt++;
    }
    switch (*fmt) {
    case 'd':
    case 'i': {
      int64_t v = lng ? va_arg(args, long) : va_arg(args, int);
      number(&o, &sp, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0 ? "-" : "");
      break;
    }
    case 'u':
      number(&o, &sp,
             lng ? va_arg(args, unsigned long) : va_arg(args, unsigned), 10,
             "");
      break;
    case 'x':
      number(&o, &sp,
             lng ? va_arg(args, unsigned long) : va_arg(args, unsigned), 16,
             "");
      break;
    case 'p':
      number(&o, &sp, (uintptr_t)va_arg(args, void *), 16, "0x");
      break;
    case 'c': {
      char c = (char)va_arg(args, int);
      sp.zero = 0;
      field(&o, &sp, "", &c, 1);
      break;
    }
    case 's':
      string(&o, &sp, va_arg(args, const char *));
      break;
    case '%':
      emit(&o, '%');
      break;
    default: // not a conversion: copy it as it is
      if (*fmt == 0)
        fmt--; // a lone % at the end
      while (start <= fmt)
        emit(&o, *start++);
      break;
    }
    fmt++;
  }
  va_end(args);
  return o.n;
}
