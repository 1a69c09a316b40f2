// user/lib/hostaddr.c: the addresses of a host name, in netdb.h's order
// (libc, internal; interface in netdbint.h): an address, /etc/hosts,
// localhost, then DNS. getaddrinfo and gethostbyname are built on it.
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "netdbint.h"

// Is name "localhost" or "*.localhost", with or without the final dot
// (RFC 6761 6.3: always the loopback address)?
static int localhost(const char *name) {
  static const char lh[] = "localhost";
  size_t n = strlen(name), l = sizeof(lh) - 1;
  if (n > 0 && name[n - 1] == '.')
    n--;
  if (n < l || strncasecmp(name + n - l, lh, l) != 0)
    return 0;
  return n == l || name[n - l - 1] == '.';
}

static int fail(int herr, int eai) {
  h_errno = herr;
  return eai;
}

int __hostaddrs(const char *node, int numeric, struct hostaddrs *out) {
  struct in_addr in;
  memset(out, 0, sizeof(*out));
  strncpy(out->canon, node, sizeof(out->canon) - 1);
  if (inet_aton(node, &in)) {
    out->n = 1;
    out->addr[0] = ntohl(in.s_addr);
    return 0;
  }
  if (numeric || node[0] == 0 || strchr(node, ':') != NULL)
    return fail(HOST_NOT_FOUND, EAI_NONAME);
  int n = __hosts_byname(node, out->addr, RES_MAXADDR, out->canon,
                         sizeof(out->canon));
  if (n > 0) {
    out->n = n < RES_MAXADDR ? n : RES_MAXADDR;
    return 0;
  }
  if (localhost(node)) {
    out->n = 1;
    out->addr[0] = INADDR_LOOPBACK;
    return 0;
  }
  struct res_answer ans;
  if (res_querya(node, &ans) < 0) {
    if (h_errno == TRY_AGAIN)
      return EAI_AGAIN;
    return errno == EINVAL ? fail(HOST_NOT_FOUND, EAI_NONAME) : EAI_SYSTEM;
  }
  switch (ans.rcode) {
  case 0: // NOERROR
    break;
  case 3: // NXDOMAIN
    return fail(HOST_NOT_FOUND, EAI_NONAME);
  case 2: // SERVFAIL
    return fail(TRY_AGAIN, EAI_AGAIN);
  default: // REFUSED, FORMERR, NOTIMP...
    return fail(NO_RECOVERY, EAI_FAIL);
  }
  if (ans.naddr == 0)
    return fail(NO_DATA, EAI_NONAME);
  out->n = ans.naddr;
  for (int i = 0; i < ans.naddr; i++)
    out->addr[i] = ntohl(ans.addr[i].s_addr);
  return 0;
}
