// kernel/stat.h: for xv6-riscv programs that include "kernel/stat.h".
#include <sys/stat.h>
