// user/lib/sysname.c: the names of the system calls (libc), from the
// one table in <netv6/syscall.h>: for ps, and for messages.
#include <netv6.h>
#include <netv6/syscall.h>

#define NAME(name, num) [num] = #name,
static const char *const names[] = {SYSCALL_TABLE(NAME, NAME)};
#undef NAME

const char *syscallname(int num) {
  if (num > 0 && num < (int)(sizeof(names) / sizeof(names[0])))
    return names[num];
  return 0;
}
