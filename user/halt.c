// user/halt.c: halt powers the machine off.

#include <netv6.h>

int main(void) { poweroff(); }
