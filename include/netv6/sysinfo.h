// netv6/sysinfo.h: kernel resource counts returned by sysinfo(), used
// by the in-guest suites' leak checks.
#ifndef NETV6_SYSINFO_H
#define NETV6_SYSINFO_H

#include <stdint.h>

struct sysinfo {
  uint64_t freepages;  // free physical pages
  uint64_t totalpages; // physical pages the allocator manages
  uint32_t nproc;      // processes in use (any state but UNUSED)
  uint32_t nfile;      // open file objects system-wide
  uint32_t ninode;     // in-memory inodes in use
  uint32_t nsocket;    // sockets in use (0 until sockets exist)
  uint64_t uptime;     // ticks since boot
  uint32_t ncpu;       // harts running the kernel
  uint32_t hz;         // ticks per second
  uint32_t nnetbuf;    // packet buffers in use
  uint32_t pad;
};

#endif
