// user/lib/netdbint.h: what the C library's name lookup files share
// (libc, internal): reading small configuration files, /etc/hosts, and
// the lookup of a host name in netdb.h's order (hostaddr.c).
#ifndef USER_LIB_NETDBINT_H
#define USER_LIB_NETDBINT_H

#include <netdb.h>
#include <resolv.h>
#include <stddef.h>
#include <stdint.h>

#define PATH_HOSTS "/etc/hosts"
#define PATH_RESCONF "/etc/resolv.conf"
#define PATH_NDB "/net/ndb"
#define TEXT_MAX 65536 // bytes read of one such file

// The text of the file at path, malloc'ed, with a NUL after its *len
// bytes (at most TEXT_MAX; the rest is not read); NULL if it cannot be
// opened or read, or memory runs out. The caller frees it.
char *__readtext(const char *path, size_t *len);

// /etc/hosts lookups: hosts_byname and hosts_byaddr (nettext.h) over the
// file; no file is no entry.
int __hosts_byname(const char *name, uint32_t *addr, int max, char *canon,
                   size_t cap);
int __hosts_byaddr(uint32_t a, char *name, size_t cap);

// The addresses of a host name (host byte order), in netdb.h's order.
struct hostaddrs {
  int n;
  uint32_t addr[RES_MAXADDR];
  char canon[256]; // the canonical name: the node itself, or /etc/hosts'
};

// Look node up; with numeric, only as an address. Returns 0 (n >= 1),
// or an EAI_ code with h_errno set for gethostbyname: EAI_NONAME
// (HOST_NOT_FOUND; NO_DATA when the name has no A record), EAI_AGAIN
// (TRY_AGAIN), EAI_FAIL (NO_RECOVERY), EAI_SYSTEM (errno).
int __hostaddrs(const char *node, int numeric, struct hostaddrs *out);

#endif
