// user/lib/gethostbyname.c: gethostbyname, hstrerror, herror (libc,
// netdb.h): the old interface, over hostaddr.c, with its static result.
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "netdbint.h"

struct hostent *gethostbyname(const char *name) {
  static struct hostaddrs h;
  static struct in_addr addrs[RES_MAXADDR];
  static char *list[RES_MAXADDR + 1], *aliases[1];
  static struct hostent he;
  if (name == NULL) {
    h_errno = HOST_NOT_FOUND;
    return NULL;
  }
  int err = __hostaddrs(name, 0, &h);
  if (err == EAI_SYSTEM)
    h_errno = NO_RECOVERY;
  if (err != 0)
    return NULL;
  for (int i = 0; i < h.n; i++) {
    addrs[i].s_addr = htonl(h.addr[i]);
    list[i] = (char *)&addrs[i];
  }
  list[h.n] = NULL;
  aliases[0] = NULL;
  he.h_name = h.canon;
  he.h_aliases = aliases;
  he.h_addrtype = AF_INET;
  he.h_length = sizeof(struct in_addr);
  he.h_addr_list = list;
  return &he;
}

const char *hstrerror(int err) {
  switch (err) {
  case 0:
    return "Resolver Error 0 (no error)";
  case HOST_NOT_FOUND:
    return "Unknown host";
  case TRY_AGAIN:
    return "Host name lookup failure";
  case NO_RECOVERY:
    return "Unknown server error";
  case NO_DATA:
    return "No address associated with name";
  }
  return "Unknown resolver error";
}

void herror(const char *s) {
  if (s != NULL && *s != 0)
    fprintf(stderr, "%s: %s\n", s, hstrerror(h_errno));
  else
    fprintf(stderr, "%s\n", hstrerror(h_errno));
}
