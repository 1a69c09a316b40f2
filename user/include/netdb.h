// netdb.h: names and addresses (libc: getaddrinfo.c, gethostbyname.c,
// getnameinfo.c, over the resolver of resolv.h). IPv4 only.
//
// A host name is looked up in this order: a numeric address (inet_aton's
// forms, "10.0.2.15"); /etc/hosts; "localhost" and names ending in
// ".localhost" (127.0.0.1, RFC 6761, when /etc/hosts does not have
// them); then DNS, the A records from the name servers of /net/ndb or
// /etc/resolv.conf (see resolv.h). Values are glibc's.
#ifndef _NETDB_H
#define _NETDB_H

#include <netinet/in.h>
#include <sys/socket.h>

struct addrinfo {
  int ai_flags;
  int ai_family;   // AF_INET
  int ai_socktype; // SOCK_STREAM, SOCK_DGRAM
  int ai_protocol; // IPPROTO_TCP, IPPROTO_UDP
  socklen_t ai_addrlen;
  struct sockaddr *ai_addr; // a struct sockaddr_in
  char *ai_canonname;       // the first entry's, with AI_CANONNAME
  struct addrinfo *ai_next;
};

// ai_flags
#define AI_PASSIVE 0x0001     // no node: INADDR_ANY (else 127.0.0.1)
#define AI_CANONNAME 0x0002   // fill in ai_canonname
#define AI_NUMERICHOST 0x0004 // node must be an address: never look it up
#define AI_V4MAPPED 0x0008    // accepted; no effect (no IPv6)
#define AI_ALL 0x0010         // accepted; no effect
#define AI_ADDRCONFIG 0x0020  // accepted; no effect
#define AI_NUMERICSERV 0x0400 // service must be a number

// getaddrinfo's and getnameinfo's errors (gai_strerror names them).
#define EAI_BADFLAGS -1 // bad ai_flags, or AI_CANONNAME without a node
#define EAI_NONAME \
  -2 // no such name (or no address for it), or neither
     // node nor service
#define EAI_AGAIN \
  -3                     // no answer now: no name server answered in time,
                         // none is configured, or it failed (SERVFAIL)
#define EAI_FAIL -4      // a name server refused, or the name is invalid
#define EAI_FAMILY -6    // a family other than AF_INET or AF_UNSPEC
#define EAI_SOCKTYPE -7  // a socket type or protocol not supported
#define EAI_SERVICE -8   // no such service for the socket type
#define EAI_MEMORY -10   // out of memory
#define EAI_SYSTEM -11   // a system call failed: see errno
#define EAI_OVERFLOW -12 // getnameinfo: a buffer is too small

int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res);
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int err);

// getnameinfo's flags.
#define NI_NUMERICHOST 1 // the address as digits, never a name
#define NI_NUMERICSERV 2 // the port as digits, never a service name
#define NI_NOFQDN 4      // a name from /etc/hosts without its domain
#define NI_NAMEREQD 8    // no name for the address: EAI_NONAME
#define NI_DGRAM 16      // the service is a UDP one
#define NI_MAXHOST 1025
#define NI_MAXSERV 32

// The host's name from /etc/hosts (no reverse DNS), else its address;
// the service's name from a built-in table, else its number.
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
                socklen_t hostlen, char *serv, socklen_t servlen, int flags);

// ---- the old interface -------------------------------------------------

struct hostent {
  char *h_name;       // the canonical name
  char **h_aliases;   // none: an empty list
  int h_addrtype;     // AF_INET
  int h_length;       // 4
  char **h_addr_list; // the addresses (struct in_addr), NULL-terminated
};
#define h_addr h_addr_list[0]

// gethostbyname's result is static, rewritten by the next call; NULL
// on failure with h_errno set.
struct hostent *gethostbyname(const char *name);

extern int h_errno;
#define HOST_NOT_FOUND 1 // no such name (NXDOMAIN)
#define TRY_AGAIN 2      // no answer now
#define NO_RECOVERY 3    // refused, or not a valid name
#define NO_DATA 4        // the name exists but has no address
#define NO_ADDRESS NO_DATA

const char *hstrerror(int err);
void herror(const char *s); // "s: message for h_errno" to stderr

#endif
