// user/lib/getaddrinfo.c: getaddrinfo, freeaddrinfo, gai_strerror (libc,
// netdb.h): a host name through hostaddr.c, a service through the
// built-in table of services.c, one result per address and socket type.
#include <netdb.h>
#include <stdlib.h>
#include <string.h>

#include "netdbint.h"
#include "nettext.h"

#define AI_KNOWN                                                       \
  (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL | \
   AI_ADDRCONFIG | AI_NUMERICSERV)

// A result and its address, in one allocation.
struct result {
  struct addrinfo ai;
  struct sockaddr_in sin;
};

// The socket types asked for, each with its protocol and port.
struct kind {
  int type, proto, port;
};

// The kinds that hints allow (socktype 0: both, stream first, as glibc
// gives them); their number, or an EAI_ code.
static int kinds(int socktype, int protocol, struct kind *k) {
  int n = 0;
  if (socktype != 0 && socktype != SOCK_STREAM && socktype != SOCK_DGRAM)
    return EAI_SOCKTYPE;
  if ((socktype == 0 || socktype == SOCK_STREAM) &&
      (protocol == 0 || protocol == IPPROTO_TCP))
    k[n++] = (struct kind){SOCK_STREAM, IPPROTO_TCP, 0};
  if ((socktype == 0 || socktype == SOCK_DGRAM) &&
      (protocol == 0 || protocol == IPPROTO_UDP))
    k[n++] = (struct kind){SOCK_DGRAM, IPPROTO_UDP, 0};
  return n > 0 ? n : EAI_SOCKTYPE;
}

// Put the service's port into each kind, dropping the kinds the
// service does not run over; the kinds left, or an EAI_ code.
static int ports(const char *service, int flags, struct kind *k, int n) {
  int num = svc_number(service), left = 0;
  if (num < 0 && (flags & AI_NUMERICSERV))
    return EAI_NONAME;
  for (int i = 0; i < n; i++) {
    int port = num >= 0 ? num : svc_port(service, k[i].proto);
    if (port >= 0) {
      k[left] = k[i];
      k[left++].port = port;
    }
  }
  return left > 0 ? left : EAI_SERVICE;
}

int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res) {
  int flags = 0, family = AF_UNSPEC, socktype = 0, protocol = 0;
  if (hints != NULL) {
    flags = hints->ai_flags;
    family = hints->ai_family;
    socktype = hints->ai_socktype;
    protocol = hints->ai_protocol;
  }
  if (flags & ~AI_KNOWN)
    return EAI_BADFLAGS;
  if (node == NULL && service == NULL)
    return EAI_NONAME;
  if ((flags & AI_CANONNAME) && node == NULL)
    return EAI_BADFLAGS;
  if (family != AF_UNSPEC && family != AF_INET)
    return EAI_FAMILY;
  struct kind k[2];
  int nk = kinds(socktype, protocol, k);
  if (nk > 0 && service != NULL)
    nk = ports(service, flags, k, nk);
  if (nk < 0)
    return nk;
  static struct hostaddrs h; // big for a stack: its names
  if (node != NULL) {
    int err = __hostaddrs(node, flags & AI_NUMERICHOST, &h);
    if (err != 0)
      return err;
  } else {
    h.n = 1;
    h.addr[0] = (flags & AI_PASSIVE) ? INADDR_ANY : INADDR_LOOPBACK;
  }
  struct addrinfo *head = NULL, **tail = &head;
  for (int a = 0; a < h.n; a++) {
    for (int i = 0; i < nk; i++) {
      struct result *r = calloc(1, sizeof(*r));
      if (r == NULL) {
        freeaddrinfo(head);
        return EAI_MEMORY;
      }
      r->sin.sin_family = AF_INET;
      r->sin.sin_port = htons(k[i].port);
      r->sin.sin_addr.s_addr = htonl(h.addr[a]);
      r->ai.ai_family = AF_INET;
      r->ai.ai_socktype = k[i].type;
      r->ai.ai_protocol = k[i].proto;
      r->ai.ai_addrlen = sizeof(r->sin);
      r->ai.ai_addr = (struct sockaddr *)&r->sin;
      *tail = &r->ai;
      tail = &r->ai.ai_next;
    }
  }
  if ((flags & AI_CANONNAME) &&
      (head->ai_canonname = strdup(h.canon)) == NULL) {
    freeaddrinfo(head);
    return EAI_MEMORY;
  }
  *res = head;
  return 0;
}

void freeaddrinfo(struct addrinfo *ai) {
  while (ai != NULL) {
    struct addrinfo *next = ai->ai_next;
    free(ai->ai_canonname);
    free(ai); // its struct result, address included
    ai = next;
  }
}

const char *gai_strerror(int err) {
  switch (err) {
  case 0:
    return "Success";
  case EAI_BADFLAGS:
    return "Bad value for ai_flags";
  case EAI_NONAME:
    return "Name or service not known";
  case EAI_AGAIN:
    return "Temporary failure in name resolution";
  case EAI_FAIL:
    return "Non-recoverable failure in name resolution";
  case EAI_FAMILY:
    return "ai_family not supported";
  case EAI_SOCKTYPE:
    return "ai_socktype not supported";
  case EAI_SERVICE:
    return "Service not supported for ai_socktype";
  case EAI_MEMORY:
    return "Memory allocation failure";
  case EAI_SYSTEM:
    return "System error";
  case EAI_OVERFLOW:
    return "Argument buffer overflow";
  }
  return "Unknown error";
}
