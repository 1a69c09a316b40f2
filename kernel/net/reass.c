// kernel/net/reass.c: IPv4 reassembly's logic (reass.h).
#include "reass.h"
#include "cksum.h"

void reass_init(struct reass *r) { net_zero(r, sizeof(*r)); }

static void freelist(struct netbuf *nb) {
  while (nb) {
    struct netbuf *next = nb->next;
    nb->next = 0;
    nb_free(nb);
    nb = next;
  }
}

static void drop(struct reass *r, struct reass_dgram *d) {
  freelist(d->frags);
  r->bytes -= d->bytes;
  net_zero(d, sizeof(*d));
}

// A fragment's payload offset and length are kept in its cb.
#define OFF(nb) ((nb)->cb.u64[0])
#define LEN(nb) ((nb)->cb.u64[1])

// The datagram waiting longest (the earliest deadline), or 0.
static struct reass_dgram *oldest(struct reass *r, struct reass_dgram * not ) {
  struct reass_dgram *o = 0;
  for (int i = 0; i < REASS_MAXDGRAMS; i++) {
    struct reass_dgram *d = &r->d[i];
    if (d->inuse && d != not &&(o == 0 || d->expire < o->expire))
      o = d;
  }
  return o;
}

static struct reass_dgram *find(struct reass *r, const struct ip_hdr *h,
                                uint64_t now) {
  struct reass_dgram *free = 0;
  for (int i = 0; i < REASS_MAXDGRAMS; i++) {
    struct reass_dgram *d = &r->d[i];
    if (d->inuse && d->src == h->src && d->dst == h->dst && d->id == h->id &&
        d->proto == h->proto)
      return d;
    if (!d->inuse && free == 0)
      free = d;
  }
  if (free == 0) {
    free = oldest(r, 0);
    r->st.evicted++;
    drop(r, free);
  }
  free->inuse = 1;
  free->src = h->src;
  free->dst = h->dst;
  free->id = h->id;
  free->proto = h->proto;
  free->expire = now + REASS_TIMEOUT_MS;
  return free;
}

// Put the whole datagram together: the first fragment's header is back
// in front of its payload, the rest chained after it.
static struct netbuf *assemble(struct reass *r, struct reass_dgram *d,
                               struct ip_hdr *h) {
  struct netbuf *first = d->frags, *nb = first->next;
  first->next = 0;
  uint8_t *ip = nb_push(first, d->hlen); // pulled on the way in: still there
  // The header now describes the whole datagram, not its first fragment
  // (so that an ICMP error quoting it quotes a datagram): its total
  // length, no MF and no offset (DF kept), and its checksum again.
  put16(ip + 2, (uint16_t)(d->hlen + d->total));
  put16(ip + 6, get16(ip + 6) & IP_DF);
  put16(ip + 10, 0);
  put16(ip + 10, inet_cksum(ip, d->hlen));
  while (nb) {
    struct netbuf *next = nb->next;
    nb->next = 0;
    nb_cat(first, nb);
    nb = next;
  }
  h->hlen = d->hlen;
  h->totlen = d->hlen + d->total;
  h->mf = 0;
  h->fragoff = 0;
  d->frags = 0;
  r->bytes -= d->bytes;
  net_zero(d, sizeof(*d));
  r->st.done++;
  return first;
}

struct netbuf *reass_input(struct reass *r, struct netbuf *nb, struct ip_hdr *h,
                           uint64_t now) {
  uint32_t off = h->fragoff, len = h->totlen - h->hlen, end = off + len;
  struct reass_dgram *d = find(r, h, now);
  nb_pull(nb, h->hlen);
  OFF(nb) = off;
  LEN(nb) = len;
  nb->next = 0;

  // Where the end is: a last fragment sets it; nothing may pass it.
  if (!h->mf) {
    if ((d->total != 0 && d->total != end)) {
      r->st.bad++;
      goto dropall;
    }
    for (struct netbuf *f = d->frags; f; f = f->next)
      if (OFF(f) + LEN(f) > end) {
        r->st.bad++;
        goto dropall;
      }
  } else if (d->total != 0 && end > d->total) {
    r->st.bad++;
    goto dropall;
  }

  // Find its place; an overlap is a duplicate or the end of it all.
  struct netbuf **pp = &d->frags;
  while (*pp && OFF(*pp) < off)
    pp = &(*pp)->next;
  struct netbuf *prev = 0;
  for (struct netbuf *f = d->frags; f && f != *pp; f = f->next)
    prev = f;
  struct netbuf *next = *pp;
  if (next && OFF(next) == off && LEN(next) == len) {
    r->st.dups++;
    nb_free(nb);
    return 0;
  }
  if ((prev && OFF(prev) + LEN(prev) > off) || (next && end > OFF(next))) {
    r->st.overlaps++;
    goto dropall;
  }
  if (d->nfrags == REASS_MAXFRAGS) {
    r->st.toomany++;
    goto dropall;
  }
  // Room: the datagrams waiting longest make way.
  while (r->bytes + len > REASS_MAXBYTES) {
    struct reass_dgram *o = oldest(r, d);
    if (o == 0) {
      r->st.evicted++;
      goto dropall; // this one alone is over the limit
    }
    r->st.evicted++;
    drop(r, o);
  }
  nb->next = next;
  *pp = nb;
  d->nfrags++;
  d->bytes += len;
  r->bytes += len;
  if (!h->mf)
    d->total = end;
  if (off == 0)
    d->hlen = h->hlen;
  if (d->total == 0 || d->bytes != d->total || d->hlen == 0)
    return 0;
  // No overlaps, all inside: every byte is here. Fragments may add up to
  // more than an IPv4 total length can say (offset + length <= 65535 for
  // each, plus the header): that datagram cannot exist.
  if (d->hlen + d->total > IP_MAXPACKET) {
    r->st.bad++;
    drop(r, d);
    return 0;
  }
  return assemble(r, d, h);

dropall:
  nb_free(nb);
  drop(r, d);
  return 0;
}

uint64_t reass_tick(struct reass *r, uint64_t now) {
  uint64_t next = UINT64_MAX;
  for (int i = 0; i < REASS_MAXDGRAMS; i++) {
    struct reass_dgram *d = &r->d[i];
    if (!d->inuse)
      continue;
    if (now >= d->expire) {
      r->st.timeouts++;
      drop(r, d);
    } else if (d->expire < next) {
      next = d->expire;
    }
  }
  return next;
}

void reass_flush(struct reass *r) {
  for (int i = 0; i < REASS_MAXDGRAMS; i++)
    if (r->d[i].inuse)
      drop(r, &r->d[i]);
}
