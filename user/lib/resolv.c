// user/lib/resolv.c: the DNS stub resolver (libc; interface in
// resolv.h): the configuration (_res, res_init), query IDs, and the A
// query over UDP with its retries, res_querya. Messages are built and
// checked by kernel/net/dns_wire.c, compiled into libc as it is.
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../../kernel/net/dns_wire.h"
#include "netdbint.h"
#include "nettext.h"

struct __res_state _res;
int h_errno;

int res_init(void) {
  struct resconf c;
  size_t len;
  char *text;
  memset(&c, 0, sizeof(c));
  if ((text = __readtext(PATH_NDB, &len)) != NULL) {
    c.nns = ndb_dns(text, len, c.ns, 0, NT_MAXNS);
    free(text);
  }
  if ((text = __readtext(PATH_RESCONF, &len)) != NULL) {
    struct resconf f;
    memset(&f, 0, sizeof(f));
    resolv_parse(text, len, &f);
    free(text);
    if (c.nns == 0) // /net/ndb's servers come first; these otherwise
      for (int i = 0; i < f.nns; i++)
        c.ns[c.nns++] = f.ns[i];
    c.timeout = f.timeout;
    c.attempts = f.attempts;
  }
  memset(&_res, 0, sizeof(_res));
  _res.retrans = c.timeout > 0 ? c.timeout : RES_TIMEOUT;
  _res.retry = c.attempts > 0 ? c.attempts : RES_DFLRETRY;
  _res.nscount = c.nns;
  for (int i = 0; i < c.nns; i++) {
    struct sockaddr_in *a = &_res.nsaddr_list[i];
    a->sin_family = AF_INET;
    a->sin_port = htons(PORT_DNS);
    a->sin_addr.s_addr = htonl(c.ns[i]);
  }
  _res.options = RES_INIT;
  return 0;
}

// ---- query IDs
// ---------------------------------------------------------------

// splitmix64's output function: every bit of z stirs every bit out.
static uint64_t mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t nsec(int clock) {
  struct timespec ts;
  if (clock_gettime(clock, &ts) < 0)
    return 0;
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

unsigned res_randomid(void) {
  static uint64_t state;
  static int seeded;
  if (!seeded) {
    state = mix(nsec(CLOCK_REALTIME)) ^ mix((uint64_t)(uintptr_t)&state);
    seeded = 1;
  }
  // A forked child shares the state: its pid and the clock set it apart.
  state += 0x9e3779b97f4a7c15ull ^
           mix(nsec(CLOCK_MONOTONIC) ^ (uint64_t)getpid() << 40);
  return (unsigned)(mix(state) >> 48);
}

// ---- the query
// ---------------------------------------------------------------

static long now_ms(void) { return (long)(nsec(CLOCK_MONOTONIC) / 1000000); }

// Which of the servers asked (bits of asked) is from? -1 if none.
static int server_of(const struct sockaddr_in *from, socklen_t len,
                     unsigned asked) {
  if (len < sizeof(*from) || from->sin_family != AF_INET)
    return -1;
  for (int i = 0; i < MAXNS; i++) {
    const struct sockaddr_in *a = &_res.nsaddr_list[i];
    if ((asked & 1u << i) && from->sin_addr.s_addr == a->sin_addr.s_addr &&
        from->sin_port == a->sin_port)
      return i;
  }
  return -1;
}

// The reply to the query (id, name) from one of the servers asked, if
// it comes before the deadline (now_ms's clock): its server's index
// with *ans filled, -1 if none came (other datagrams are dropped).
// *failed: a system call failed.
static int await(int s, uint16_t id, const char *name, unsigned asked,
                 long deadline, struct res_answer *ans, int *failed) {
  static uint8_t msg[DNS_MAXMSG * 2];
  for (long left; (left = deadline - now_ms()) > 0;) {
    struct pollfd p = {s, POLLIN, 0};
    int r = poll(&p, 1, (int)left);
    if (r < 0 && errno != EINTR) {
      *failed = 1;
      return -1;
    }
    if (r <= 0)
      continue;
    struct sockaddr_in from;
    socklen_t flen = sizeof(from);
    int n = recvfrom(s, msg, sizeof(msg), MSG_DONTWAIT,
                     (struct sockaddr *)&from, &flen);
    if (n < 0)
      continue; // an ICMP error for an earlier datagram, say
    int i = server_of(&from, flen, asked);
    struct dns_reply rep;
    if (i < 0 || dns_parse_reply(msg, n, id, name, DNS_TYPE_A, &rep) < 0)
      continue;
    ans->rcode = rep.rcode;
    ans->naddr = rep.naddr;
    for (int k = 0; k < rep.naddr && k < RES_MAXADDR; k++)
      ans->addr[k].s_addr = htonl(rep.addr[k]);
    ans->ttl = rep.ttl;
    ans->server = _res.nsaddr_list[i];
    return i;
  }
  return -1;
}

int res_querya(const char *name, struct res_answer *ans) {
  static uint8_t q[DNS_MAXMSG];
  if (!(_res.options & RES_INIT))
    res_init();
  memset(ans, 0, sizeof(*ans));
  uint16_t id = res_randomid();
  size_t qlen = dns_query(q, sizeof(q), id, name, DNS_TYPE_A);
  if (qlen == 0) {
    h_errno = NO_RECOVERY;
    errno = EINVAL;
    return -1;
  }
  int ns = _res.nscount < MAXNS ? _res.nscount : MAXNS;
  if (ns <= 0) {
    h_errno = TRY_AGAIN;
    return -1;
  }
  // A fresh socket on a random port (the kernel picks a random free
  // ephemeral port for port 0, RFC 6056).
  int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in me;
  memset(&me, 0, sizeof(me));
  me.sin_family = AF_INET;
  if (s < 0 || bind(s, (struct sockaddr *)&me, sizeof(me)) < 0) {
    if (s >= 0)
      close(s);
    h_errno = NO_RECOVERY;
    return -1;
  }
  // Each try asks the next server and waits retrans seconds for an
  // answer from any server asked so far. NOERROR and NXDOMAIN are
  // answers; a server that fails (SERVFAIL, REFUSED) is asked no more,
  // and its answer is kept in case no server does better.
  unsigned asked = 0, gaveup = 0, all = (1u << ns) - 1;
  int failed = 0, kept = 0;
  struct res_answer got, bad;
  int tries = ns * (_res.retry > 0 ? _res.retry : 1);
  long ms = (_res.retrans > 0 ? _res.retrans : 1) * 1000L;
  for (int t = 0; t < tries && gaveup != all && !failed; t++) {
    int i = t % ns;
    if (gaveup & 1u << i)
      continue;
    struct sockaddr *to = (struct sockaddr *)&_res.nsaddr_list[i];
    if (sendto(s, q, qlen, 0, to, sizeof(struct sockaddr_in)) < 0)
      continue; // no route to it, say: the next one
    asked |= 1u << i;
    long deadline = now_ms() + ms;
    int j;
    while ((j = await(s, id, name, asked, deadline, &got, &failed)) >= 0) {
      if (got.rcode == DNS_NOERROR || got.rcode == DNS_NXDOMAIN) {
        close(s);
        *ans = got;
        return 0;
      }
      gaveup |= 1u << j;
      bad = got;
      kept = 1;
      if (j == i || gaveup == all)
        break; // on to the next server at once
    }
  }
  int e = errno;
  close(s);
  if (kept) {
    *ans = bad;
    return 0;
  }
  errno = e;
  h_errno = failed ? NO_RECOVERY : TRY_AGAIN;
  return -1;
}
