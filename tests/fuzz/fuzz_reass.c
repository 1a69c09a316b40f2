// tests/fuzz/fuzz_reass.c: libFuzzer target for IPv4 reassembly's logic
// (kernel/net/reass.h), the classic target of fragment attacks. The
// input is a script: each 6 bytes are one fragment (2 bits of source,
// 3 bits of ID, MF, the offset in 8-byte units, the length) or, when
// the first byte is 0xff, a step of the clock and reass_tick. Every
// fragment carries the bytes of a fixed pattern at its offset, so
// whatever comes out whole must be exactly that pattern, and as long as
// its header says. Checked after every step: the limits on bytes,
// datagrams and fragments hold, and the buffers in use are the
// fragments held; at the end, after reass_flush, none is left.
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reass.h"
#include "fuzz.h"

static uint8_t pattern(uint32_t i) { return (uint8_t)(i * 7 + (i >> 8)); }

static struct reass r;

static void fragment(const uint8_t *s, uint64_t now) {
  uint32_t off = 8 * (uint32_t)(get16(s + 2) & 0x1fff);
  uint32_t len = get16(s + 4) % 1600;
  struct netbuf *nb = nb_alloc(NB_MAXHDR, IP_HLEN + len);
  CHECK(nb != 0);
  struct ip_hdr x = {0};
  x.totlen = (uint16_t)(IP_HLEN + len);
  x.id = s[1] & 7;
  x.mf = (s[1] >> 3) & 1;
  x.fragoff = (uint16_t)off;
  x.ttl = 64;
  x.proto = IPPROTO_UDP;
  x.src = IP4(10, 0, 0, s[1] >> 6);
  x.dst = IP4(10, 0, 0, 100);
  ip_emit(nb->data, &x);
  for (uint32_t i = 0; i < len; i++)
    nb->data[IP_HLEN + i] = pattern(off + i);
  struct ip_hdr h;
  if (ip_parse(nb->data, nb->len, &h) < 0 || !ip_is_fragment(&h)) {
    nb_free(nb); // what ip_parse refuses never reaches reassembly
    return;
  }
  struct netbuf *d = reass_input(&r, nb, &h, now);
  if (d == 0)
    return;
  // The whole datagram: the header, then the pattern from 0, and
  // exactly as long as *h says.
  CHECK(h.mf == 0 && h.fragoff == 0 && h.hlen == IP_HLEN);
  CHECK(nb_totlen(d) == h.totlen);
  CHECK(get16(d->data + 4) == h.id && get32(d->data + 12) == h.src);
  uint32_t at = 0;
  for (struct netbuf *b = d; b != 0; b = b->more)
    for (uint32_t i = b == d ? IP_HLEN : 0; i < b->len; i++, at++)
      CHECK(b->data[i] == pattern(at));
  nb_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int inited;
  if (!inited) {
    nb_init(fuzz_store, fuzz_unstore, 0);
    inited = 1;
  }
  reass_init(&r);
  uint64_t now = 0;
  for (size_t i = 0; i + 6 <= size; i += 6) {
    if (data[i] == 0xff) { // a step of the clock
      now += (uint64_t)get16(data + i + 1) * 100;
      reass_tick(&r, now);
    } else {
      fragment(data + i, now);
    }
    CHECK(r.bytes <= REASS_MAXBYTES);
    uint32_t frags = 0;
    for (int k = 0; k < REASS_MAXDGRAMS; k++) {
      CHECK(!r.d[k].inuse || r.d[k].nfrags <= REASS_MAXFRAGS);
      frags += r.d[k].inuse ? (uint32_t)r.d[k].nfrags : 0;
    }
    CHECK(frags == nb_inuse());
  }
  reass_flush(&r);
  CHECK(nb_inuse() == 0 && r.bytes == 0);
  return 0;
}
