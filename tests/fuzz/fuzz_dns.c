// tests/fuzz/fuzz_dns.c: libFuzzer target for DNS replies
// (kernel/net/dns_wire.h): the input is a UDP payload from a name
// server. It is checked twice: against the question it claims to answer
// (its own ID, first name and type, so the answer section is reached)
// and against a fixed query for test.example. Beyond "no crash, no
// sanitizer report": the addresses stay within bounds, and a question
// name written by dns_query reads back, stable from the first round on.
// Seeds: tests/fuzz/corpus/dns/ (dnsmasq's replies, capture.sh).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dns_wire.h"
#include "wire.h"
#include "fuzz.h"

// Write name as a query and read it back into out; 0 if dns_query
// refuses the name.
static int roundtrip(const char *name, char *out) {
  uint8_t q[DNS_MAXMSG];
  size_t n = dns_query(q, sizeof q, 1, name, DNS_TYPE_A);
  if (n == 0)
    return 0;
  size_t off = DNS_HLEN;
  CHECK(dns_name_read(q, n, &off, out, DNS_MAXNAME + 1) == 0);
  CHECK(off + 4 == n);
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct dns_reply r;
  int err = dns_parse_reply(data, size, 0x1234, "test.example", DNS_TYPE_A, &r);
  CHECK(err <= 0 && err > -WIRE_NERR);
  CHECK(err < 0 || (r.naddr >= 0 && r.naddr <= DNS_MAXADDR));
  if (size < DNS_HLEN)
    return 0;
  char name[DNS_MAXNAME + 1];
  size_t off = DNS_HLEN;
  if (dns_name_read(data, size, &off, name, sizeof name) < 0)
    return 0;
  CHECK(off <= size && strlen(name) < sizeof name);
  uint16_t qtype = size - off >= 2 ? get16(data + off) : DNS_TYPE_A;
  err = dns_parse_reply(data, size, get16(data), name, qtype, &r);
  CHECK(err < 0 || (r.naddr >= 0 && r.naddr <= DNS_MAXADDR));
  // The name, written as a query and read back, then again: the second
  // round gives back what the first did. (Not always the name itself: a
  // label holding a dot or a NUL byte has no faithful dotted text.)
  char once[DNS_MAXNAME + 1], twice[DNS_MAXNAME + 1];
  if (!roundtrip(name, once))
    return 0;
  CHECK(roundtrip(once, twice));
  CHECK(strcmp(once, twice) == 0);
  return 0;
}
