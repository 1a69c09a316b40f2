// tests/fuzz/fuzz_dhcp.c: libFuzzer target for DHCP messages
// (kernel/net/dhcp_wire.h): the input is a UDP payload from a server.
// Beyond "no crash, no sanitizer report": a message that parsed, built
// again as a client message from its fields, parses back to the same
// fields. Seeds: tests/fuzz/corpus/dhcp/ (the exchange capture.sh
// recorded).
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dhcp_wire.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct dhcp_msg m, r;
  if (dhcp_parse(data, size, &m) < 0)
    return 0;
  CHECK(m.type >= DHCPDISCOVER && m.type <= DHCPINFORM);
  CHECK(m.ndns >= 0 && m.ndns <= DHCP_MAXDNS);
  uint8_t b[DHCP_BUILDLEN];
  CHECK(dhcp_build(b, sizeof b, &m) == DHCP_BUILDLEN);
  CHECK(dhcp_parse(b, sizeof b, &r) == 0);
  CHECK(r.op == DHCP_BOOTREQUEST && r.type == m.type && r.xid == m.xid &&
        r.secs == m.secs && r.flags == m.flags && r.ciaddr == m.ciaddr &&
        memcmp(r.chaddr, m.chaddr, sizeof r.chaddr) == 0 &&
        r.reqaddr == m.reqaddr && r.server == m.server);
  return 0;
}
