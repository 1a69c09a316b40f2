// kernel/net/ipreass.c: IPv4 reassembly (RFC 791, RFC 815).
//
// NOT YET: fragments are counted and dropped. Sending fragments works
// (ip.c); putting received ones back together (with limits on memory and
// fragments per datagram, a 30 s timeout, overlaps refused) is the next
// step of issue 9.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netstack.h"
#include "netstat.h"

void ip_reass_init(void) {}

struct netbuf *ip_reass(struct netbuf *nb, struct ip_hdr *h) {
  (void)h;
  NETSTAT(ip_reass_dropped);
  nb_free(nb);
  return 0;
}
