// netinet/in.h: Internet (IPv4) addresses and byte order. The
// definitions are shared with the kernel, in <netv6/in.h>.
#ifndef _NETINET_IN_H
#define _NETINET_IN_H

#include <netv6/in.h>

#endif
