// user/lib/nettext.h: the text formats of network configuration, for the
// C library's resolver (libc, internal): dotted-quad addresses,
// /etc/hosts, /etc/resolv.conf, the name servers of /net/ndb, and
// service names and numbers.
//
// Pure functions of their arguments, with no system calls and no libc
// beyond the compiler's own headers, so the host unit tests
// (tests/unit/test_nettext.c) compile them as they are. A file's text
// is (text, len): it need not end in a newline or a NUL; blanks are
// spaces, tabs, CR, VT, FF and NUL bytes. Addresses are
// IPv4 in host byte order (10.0.2.3 is 0x0a000203).
//
// The formats, as read here:
//   hosts        ADDRESS NAME [ALIAS...], one entry a line; '#' starts a
//                comment; lines whose address is not IPv4 are skipped.
//                Names compare ignoring ASCII case and a trailing dot.
//   resolv.conf  "nameserver ADDRESS" (up to NT_MAXNS, in order) and
//                "options timeout:N attempts:N"; '#' or ';' starts a
//                comment; other lines (search, domain) are ignored.
//   ndb          Plan 9 ndb: attribute=value pairs separated by blanks,
//                any number a line ("ip=10.0.2.15 ipmask=255.255.255.0
//                ipgw=10.0.2.2", "dns=10.0.2.3"); '#' starts a comment;
//                a value may be in double quotes. Every dns= value that
//                is an address is a name server, in order.
#ifndef USER_LIB_NETTEXT_H
#define USER_LIB_NETTEXT_H

#include <stddef.h>
#include <stdint.h>

#define NT_MAXNS 3       // name servers kept (resolv.h's MAXNS)
#define NT_MAXTIMEOUT 30 // options timeout: at most this many seconds
#define NT_MAXATTEMPTS 5 // options attempts: at most this many

// s[0..n) is exactly a strict dotted quad: four decimal parts 0..255, no
// sign, no leading zero, no blank. 1 with *out set, or 0.
int ip4_parse(const char *s, size_t n, uint32_t *out);

// Write a as "a.b.c.d" and a NUL into out (16 bytes always suffice);
// returns the length without the NUL.
int ip4_format(uint32_t a, char *out);

// hosts text: the addresses of the entries that name (as their name or
// one of their aliases), in file order, at most max into addr; the
// first such entry's name (its canonical name) into canon, cap bytes,
// if canon is not NULL (cut to fit). Returns how many addresses matched
// (possibly more than max).
int hosts_byname(const char *text, size_t len, const char *name, uint32_t *addr,
                 int max, char *canon, size_t cap);

// hosts text: the name of the first entry for address a into name (cap
// bytes, cut to fit). 1 if there is one, else 0.
int hosts_byaddr(const char *text, size_t len, uint32_t a, char *name,
                 size_t cap);

struct resconf {
  uint32_t ns[NT_MAXNS]; // name servers, in order
  int nns;
  int timeout;  // options timeout:N, seconds (1..NT_MAXTIMEOUT); 0: none
  int attempts; // options attempts:N (1..NT_MAXATTEMPTS); 0: none
};

// resolv.conf text into c: name servers appended after those c has
// (while there is room), options replace c's. Bad lines are ignored.
void resolv_parse(const char *text, size_t len, struct resconf *c);

// ndb text: the addresses of its dns= attributes appended to ns[n..max)
// in order; returns the new count.
int ndb_dns(const char *text, size_t len, uint32_t *ns, int n, int max);

// ---- services ----------------------------------------------------------

#define NT_TCP 6  // IPPROTO_TCP
#define NT_UDP 17 // IPPROTO_UDP

// A port number as text: decimal digits only, 0..65535. The port, or
// -1 if s is not one.
int svc_number(const char *s);

// The port of a well-known service name (echo, domain, http, ...) for
// proto (NT_TCP, NT_UDP, or 0 for either), or -1 if the table has no
// such service for that protocol.
int svc_port(const char *name, int proto);

// The name of the service at port for proto (0: either), or NULL.
const char *svc_name(int port, int proto);

#endif
