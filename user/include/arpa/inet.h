// arpa/inet.h: IPv4 address text <-> binary (libc, inet.c). Only
// AF_INET: other families fail with EAFNOSUPPORT.
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <netinet/in.h>

// inet_pton reads strict dotted decimal "a.b.c.d" (each 0..255, no
// leading zeros) into dst (a struct in_addr, network order). Returns 1,
// 0 if src is not such an address, or -1 (errno EAFNOSUPPORT).
int inet_pton(int af, const char *src, void *dst);
// inet_ntop writes src (a struct in_addr) as dotted decimal into dst,
// size bytes; returns dst, or NULL (errno ENOSPC, EAFNOSUPPORT).
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
// inet_aton also takes the old forms a.b.c, a.b and a, each part
// decimal, octal (leading 0) or hex (0x). Returns 1, or 0 if invalid.
int inet_aton(const char *cp, struct in_addr *in);
// inet_addr is inet_aton's result, or INADDR_NONE if invalid.
in_addr_t inet_addr(const char *cp);
// inet_ntoa's result is in a static buffer, rewritten by the next call.
char *inet_ntoa(struct in_addr in);

#endif
