// kernel/param.h: kernel-internal limits. Limits user space may see are
// in include/netv6/param.h.
#ifndef KERNEL_PARAM_H
#define KERNEL_PARAM_H

#include <netv6/param.h>

#define NCPU 8              // maximum number of harts
#define NINODE 200          // in-memory inodes
#define NBUF 128            // buffer-cache blocks
#define TIMEBASE 10000000UL // QEMU virt: rdtime counts at 10 MHz

#endif
