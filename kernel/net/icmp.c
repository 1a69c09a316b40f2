// kernel/net/icmp.c: ICMP (RFC 792, RFC 1122 3.2.2): echo replies,
// errors we send (rate-limited), and errors we receive, handed to the
// protocol whose datagram they quote.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "netbuf.h"
#include "netif.h"
#include "netstack.h"
#include "netstat.h"
#include "ip_wire.h"
#include "icmp_wire.h"
#include "udp_wire.h"

// Errors we send: a token bucket of ICMP_BURST, refilled at ICMP_RATE
// per second (Linux limits per destination; one bucket is enough to
// keep a flood of bad packets from turning into a flood of errors).
#define ICMP_RATE 100
#define ICMP_BURST 50
#define ICMP_QUOTE 548 // the most of a datagram an error quotes (576 - 28)

static struct {
  struct spinlock lock;
  uint64 tokens; // [lock] in units of 1/ICMP_RATE s... scaled by HZ
  uint64 last;   // [lock] tick of the last refill
} bucket;

void icmp_init(void) {
  initlock(&bucket.lock, "icmprate");
  bucket.tokens = ICMP_BURST * HZ;
}

static int icmp_allowed(void) {
  acquire(&bucket.lock);
  uint64 now = ticks;
  bucket.tokens += (now - bucket.last) * ICMP_RATE;
  bucket.last = now;
  if (bucket.tokens > ICMP_BURST * HZ)
    bucket.tokens = ICMP_BURST * HZ;
  int ok = bucket.tokens >= HZ;
  if (ok)
    bucket.tokens -= HZ;
  release(&bucket.lock);
  return ok;
}

// Send an ICMP message: the 8-byte header of *h, then len bytes of the
// packet src starting at off, from `from` to `to`.
static int icmp_send(const struct icmp_hdr *h, const struct netbuf *src,
                     uint32 off, uint32 len, ipaddr_t from, ipaddr_t to,
                     uint8 tos) {
  struct netbuf *nb = nb_alloc_chain(NB_MAXHDR, len);
  if (nb == 0)
    return -ENOBUFS;
  struct cksum c;
  cksum_init(&c);
  for (struct netbuf *b = nb; b; b = b->more) {
    nb_copyout(src, off, b->data, b->len);
    cksum_add(&c, b->data, b->len);
    off += b->len;
  }
  uint8 *p = nb_push(nb, ICMP_HLEN);
  icmp_emit(p, h, &c);
  struct ipout o = {.src = from, .dst = to, .proto = IPPROTO_ICMP, .tos = tos};
  return ip_output(nb, &o);
}

void icmp_error(struct netbuf *nb, int type, int code, uint32 info) {
  struct ip_hdr h;
  uint32 tot = nb_totlen(nb);
  // nb is a whole datagram that IP input accepted (its header in the
  // first buffer), however short its payload: quote what there is.
  if (nb_pullup(nb, tot < IP_MAXHLEN ? tot : IP_MAXHLEN) < 0 ||
      ip_parse(nb->data, tot, &h) < 0)
    return;
  // RFC 1122 3.2.2: never about an ICMP error, a broadcast or multicast,
  // a fragment but the first, or a source that names no single host.
  if (h.fragoff != 0 || ip_bad_source(h.src) || h.src == 0 ||
      ip_is_multicast(h.dst) || h.dst == IP_BROADCAST)
    return;
  if (h.proto == IPPROTO_ICMP) {
    uint8 t;
    if (nb_copyout(nb, h.hlen, &t, 1) < 0 || icmp_is_error(t))
      return;
  }
  if (!icmp_allowed()) {
    NETSTAT(icmp_ratelimited);
    return;
  }
  uint32 n = tot < ICMP_QUOTE ? tot : ICMP_QUOTE;
  struct icmp_hdr e = {.type = type, .code = code, .rest = info};
  NETSTAT(icmp_errors_sent);
  icmp_send(&e, nb, 0, n, 0, h.src, 0);
}

// An error about a datagram we sent: tell its protocol.
static void icmp_ctlinput(const struct icmp_hdr *ic, struct netbuf *nb,
                          uint32 off) {
  int err;
  switch (ic->type) {
  case ICMP_UNREACH:
    err = ic->code == ICMP_UNREACH_PORT       ? ECONNREFUSED
          : ic->code == ICMP_UNREACH_PROTOCOL ? ENOPROTOOPT
          : ic->code == ICMP_UNREACH_NEEDFRAG ? EMSGSIZE
          : ic->code == ICMP_UNREACH_NET      ? ENETUNREACH
                                              : EHOSTUNREACH;
    break;
  case ICMP_TIMXCEED:
    err = EHOSTUNREACH;
    break;
  case ICMP_PARAMPROB:
    err = EPROTO;
    break;
  default:
    return; // source quench, redirect: ignored (RFC 6633, host rules)
  }
  uint8 q[IP_MAXHLEN + 8];
  uint32 qlen = nb_totlen(nb) - off;
  if (qlen > sizeof(q))
    qlen = sizeof(q);
  struct ip_hdr h;
  if (nb_copyout(nb, off, q, qlen) < 0 || ip_parse_quote(q, qlen, &h) < 0) {
    NETSTAT(icmp_badquote);
    return;
  }
  if (h.proto == IPPROTO_UDP && h.plen >= 4)
    udp_ctlinput(h.src, get16(h.payload), h.dst, get16(h.payload + 2), err);
}

void icmp_input(struct netbuf *nb, const struct ipinfo *in) {
  uint32 len = nb_totlen(nb) - in->hlen;
  struct icmp_hdr ic;
  struct cksum c;
  cksum_init(&c);
  if (nb_pullup(nb, in->hlen + (len < ICMP_HLEN ? len : ICMP_HLEN)) < 0 ||
      icmp_parse_hdr(nb->data + in->hlen, nb->len - in->hlen, len, &ic) < 0 ||
      nb_cksum(nb, in->hlen, len, &c) < 0) {
    netstat_wire(NS_ICMP, -WIRE_SHORT);
    goto out;
  }
  if (icmp_verify(&c) < 0) {
    netstat_wire(NS_ICMP, -WIRE_CKSUM);
    goto out;
  }
  switch (ic.type) {
  case ICMP_ECHO:
    if (in->bcast) {
      NETSTAT(icmp_bcast_echo); // ignored, as Linux does by default
      break;
    }
    NETSTAT(icmp_echo_replies);
    struct icmp_hdr r = {.type = ICMP_ECHOREPLY, .code = 0, .rest = ic.rest};
    icmp_send(&r, nb, in->hlen + ICMP_HLEN, len - ICMP_HLEN, in->dst, in->src,
              in->tos);
    break;
  case ICMP_ECHOREPLY:
    ping_input(nb, in, &ic);
    break;
  default:
    if (icmp_is_error(ic.type))
      icmp_ctlinput(&ic, nb, in->hlen + ICMP_HLEN);
    else
      NETSTAT(icmp_ignored);
  }
out:
  nb_free(nb);
}
