// resolv.h: the DNS stub resolver (libc, resolv.c) under getaddrinfo and
// gethostbyname: its configuration, _res, as BSD and glibc have it, and
// one lookup call of netv6's own, res_querya.
//
// res_init reads the configuration: the name servers are every dns=
// address in /net/ndb (what DHCP learned, Plan 9 ndb lines such as
// "dns=10.0.2.3"), or, if it gives none, the "nameserver ADDRESS" lines
// of /etc/resolv.conf (up to MAXNS); "options timeout:N attempts:N"
// there sets retrans and retry. A lookup that finds _res not yet
// initialised (RES_INIT clear in options) calls res_init itself.
//
// A program may set _res itself after res_init (the in-guest tests point
// the resolver at a server of their own so): each query then goes to
// nsaddr_list[0..nscount) (address and port), retry rounds over them,
// retrans seconds for each reply.
#ifndef _RESOLV_H
#define _RESOLV_H

#include <netinet/in.h>

#define MAXNS 3        // name servers
#define RES_TIMEOUT 2  // seconds to wait for each reply (retrans)
#define RES_DFLRETRY 3 // rounds over the servers (retry)
#define RES_MAXADDR 8  // addresses kept from one answer

#define RES_INIT 1 // options: the configuration has been read

struct __res_state {
  int retrans;           // seconds per try (1..30)
  int retry;             // rounds over the servers (1..5)
  unsigned long options; // RES_INIT
  int nscount;           // 0: no name server (lookups give TRY_AGAIN)
  struct sockaddr_in nsaddr_list[MAXNS];
};

extern struct __res_state _res;

// res_init (re)reads the configuration into _res; 0 (an absent file
// just contributes nothing; nscount may be 0).
int res_init(void);

// ---- netv6's lookup call -----------------------------------------------

struct res_answer {
  int rcode; // the DNS reply code (0 NOERROR, 2
             // SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...)
  int naddr; // A records of the name (through CNAMEs)
  struct in_addr addr[RES_MAXADDR];
  unsigned ttl;              // the smallest TTL of the records used
  struct sockaddr_in server; // who answered
};

// res_querya asks the name servers of _res for the A records of name:
// an A query over UDP from a fresh socket on a random port, with a
// random ID, sent to each server in turn for retry rounds; each try
// waits retrans seconds for a reply, and takes only a reply from the
// server it asked (address and port) with the query's ID and question
// (name, type, class); others are dropped and the wait goes on. So a
// lookup ends within retry * nscount * retrans seconds.
//
// Returns 0 when a server answered (ans->rcode: NOERROR with naddr >= 0,
// NXDOMAIN, ...; a SERVFAIL or REFUSED is returned only when no other
// server gave a better answer), or -1 with h_errno: TRY_AGAIN (no
// server answered in time, or none is configured: _res.nscount is 0),
// NO_RECOVERY (errno EINVAL: name is not a valid DNS name, with an
// empty label, a label over 63 bytes or over 253 characters; otherwise
// a system call failed, errno says which).
int res_querya(const char *name, struct res_answer *ans);

// A query ID: 16 bits from a generator seeded from the clocks and the
// process ID, mixed with the clock at each call (not cryptographic).
unsigned res_randomid(void);

#endif
