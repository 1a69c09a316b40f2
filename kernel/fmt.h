// kernel/fmt.h: printf-style formatting into any sink, one character at
// a time. Pure (only <stdarg.h> and <stdint.h>): the kernel's printf
// (console) and netfs's text files (netfs_printf) share it, and the
// host unit tests (tests/unit/test_fmt.c) compile it natively.
//
// Conversions: %d %i %u %x %p %s %c %%. Modifiers: l or ll (64-bit
// integers); flags - (left-justify) and 0 (pad numbers with zeros); a
// field width (digits or *); for %s a precision (.digits or .*), the
// most bytes of the string to use, so that a name that is not
// NUL-terminated can be printed. Anything else is copied as it is.
#ifndef KERNEL_FMT_H
#define KERNEL_FMT_H

#include <stdarg.h>

// The sink: called with each character produced and the caller's arg.
typedef void (*fmt_put)(void *arg, char c);

// Format fmt with ap into put. Returns the number of characters produced.
int vfmt(fmt_put put, void *arg, const char *fmt, va_list ap);

#endif
