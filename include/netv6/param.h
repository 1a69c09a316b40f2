// netv6/param.h: system-wide limits that user space may want to know.
#ifndef NETV6_PARAM_H
#define NETV6_PARAM_H

#define NPROC 64    // maximum number of processes
#define NOFILE 64   // open files per process
#define NFILE 256   // open files per system
#define MAXARG 32   // max exec arguments
#define MAXPATH 256 // maximum file path name, including the NUL
#define HZ 100      // timer ticks per second
#define CONSOLE 1   // console device major number
#define DEVNULL 2   // /dev/null major number
#define NDEV 10     // maximum major device number

#endif
