// types.h: the integer type names of xv6 programs (uint, uchar, ...).
// For programs written for xv6; POSIX programs use <sys/types.h>.
#ifndef _XV6_TYPES_H
#define _XV6_TYPES_H

#include <stdint.h>

typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char uchar;
typedef uint8_t uint8;
typedef uint16_t uint16;
typedef uint32_t uint32;
typedef uint64_t uint64;
typedef uint64_t pde_t;

#endif
