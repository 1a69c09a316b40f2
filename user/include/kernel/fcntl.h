// kernel/fcntl.h: for xv6-riscv programs that include "kernel/fcntl.h".
#include <fcntl.h>
