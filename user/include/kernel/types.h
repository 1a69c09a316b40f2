// kernel/types.h: for xv6-riscv programs that include "kernel/types.h".
#include <types.h>
