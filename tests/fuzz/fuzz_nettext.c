// tests/fuzz/fuzz_nettext.c: libFuzzer target for the C library's
// configuration text (user/lib/nettext.h): the input is one file's text,
// read as /etc/hosts, /etc/resolv.conf and /net/ndb alike, without a
// NUL after it. Beyond "no crash, no sanitizer report": the limits hold
// (servers, options, names cut to fit and ended), a name found in the
// hosts text finds an entry again by that name, and every dotted
// quad ip4_parse takes is exactly what ip4_format writes for it.
// Seeds: tests/fuzz/corpus/nettext/.
#include <stdint.h>
#include <string.h>

#include "nettext.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  uint32_t a[4], b[4], ns[NT_MAXNS];
  char canon[16], name[16], quad[16];
  // hosts: the entries of a name and of an address.
  int n = hosts_byname(text, size, "localhost", a, 4, canon, sizeof canon);
  CHECK(n >= 0);
  if (n > 0)
    CHECK(memchr(canon, 0, sizeof canon) != NULL);
  if (hosts_byaddr(text, size, 0x7f000001, name, sizeof name)) {
    CHECK(memchr(name, 0, sizeof name) != NULL);
    // An entry's own name (when it was not cut, and not the root ".",
    // which names no host) leads back to it.
    if (strlen(name) < sizeof name - 1 && strcmp(name, ".") != 0)
      CHECK(hosts_byname(text, size, name, b, 4, NULL, 0) > 0);
  }
  // resolv.conf and ndb: within their limits.
  struct resconf c;
  memset(&c, 0, sizeof c);
  resolv_parse(text, size, &c);
  CHECK(c.nns >= 0 && c.nns <= NT_MAXNS);
  CHECK(c.timeout >= 0 && c.timeout <= NT_MAXTIMEOUT);
  CHECK(c.attempts >= 0 && c.attempts <= NT_MAXATTEMPTS);
  n = ndb_dns(text, size, ns, 0, NT_MAXNS);
  CHECK(n >= 0 && n <= NT_MAXNS);
  // A dotted quad of the whole input is exactly its own formatting.
  if (ip4_parse(text, size, a)) {
    CHECK(ip4_format(a[0], quad) == (int)size);
    CHECK(memcmp(quad, text, size) == 0);
  }
  return 0;
}
