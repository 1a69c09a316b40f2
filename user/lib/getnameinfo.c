// user/lib/getnameinfo.c: getnameinfo (libc, netdb.h): an IPv4 socket
// address as text, the host's name from /etc/hosts (there is no
// reverse DNS), the service's from the built-in table.
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "netdbint.h"
#include "nettext.h"

// Copy s into buf (len bytes) whole, or EAI_OVERFLOW.
static int put(char *buf, socklen_t len, const char *s) {
  size_t n = strlen(s);
  if (n >= len)
    return EAI_OVERFLOW;
  memcpy(buf, s, n + 1);
  return 0;
}

static int hostpart(uint32_t a, char *host, socklen_t len, int flags) {
  char name[NI_MAXHOST];
  if (!(flags & NI_NUMERICHOST) && __hosts_byaddr(a, name, sizeof(name))) {
    char *dot;
    if ((flags & NI_NOFQDN) && (dot = strchr(name, '.')) != NULL)
      *dot = 0;
    return put(host, len, name);
  }
  if (flags & NI_NAMEREQD)
    return EAI_NONAME;
  ip4_format(a, name);
  return put(host, len, name);
}

static int servpart(int port, char *serv, socklen_t len, int flags) {
  char num[8];
  const char *name = NULL;
  if (!(flags & NI_NUMERICSERV))
    name = svc_name(port, (flags & NI_DGRAM) ? NT_UDP : NT_TCP);
  if (name == NULL) {
    snprintf(num, sizeof(num), "%d", port);
    name = num;
  }
  return put(serv, len, name);
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
                socklen_t hostlen, char *serv, socklen_t servlen, int flags) {
  const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
  if (flags &
      ~(NI_NUMERICHOST | NI_NUMERICSERV | NI_NOFQDN | NI_NAMEREQD | NI_DGRAM))
    return EAI_BADFLAGS;
  if (sa == NULL || salen < sizeof(*sin) || sa->sa_family != AF_INET)
    return EAI_FAMILY;
  if ((host == NULL || hostlen == 0) && (serv == NULL || servlen == 0))
    return EAI_NONAME;
  int err = 0;
  if (host != NULL && hostlen > 0)
    err = hostpart(ntohl(sin->sin_addr.s_addr), host, hostlen, flags);
  if (err == 0 && serv != NULL && servlen > 0)
    err = servpart(ntohs(sin->sin_port), serv, servlen, flags);
  return err;
}
