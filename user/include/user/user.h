// user/user.h: for xv6-riscv programs that include "user/user.h".
#include <user.h>
