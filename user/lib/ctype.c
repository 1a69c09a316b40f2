// user/lib/ctype.c: character classes, ASCII only (libc, ctype layer).

#include <ctype.h>

int isdigit(int c) { return c >= '0' && c <= '9'; }

int isxdigit(int c) {
  return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int isspace(int c) {
  return c == ' ' || (c >= '\t' && c <= '\r'); // \t \n \v \f \r
}

int isupper(int c) { return c >= 'A' && c <= 'Z'; }

int islower(int c) { return c >= 'a' && c <= 'z'; }

int isalpha(int c) { return isupper(c) || islower(c); }

int isalnum(int c) { return isalpha(c) || isdigit(c); }

int isprint(int c) { return c >= ' ' && c <= '~'; }

int isgraph(int c) { return c > ' ' && c <= '~'; }

int ispunct(int c) { return isgraph(c) && !isalnum(c); }

int iscntrl(int c) { return (c >= 0 && c < ' ') || c == 0x7f; }

int toupper(int c) { return islower(c) ? c - 'a' + 'A' : c; }

int tolower(int c) { return isupper(c) ? c - 'A' + 'a' : c; }
