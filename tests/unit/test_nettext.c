// tests/unit/test_nettext.c: host unit tests of the C library's
// configuration text parsers (user/lib/nettext.c, services.c): dotted
// quads, /etc/hosts, /etc/resolv.conf, /net/ndb, service names. Every
// text is handed over in a buffer of exactly its length (no NUL after
// it), so ASan sees any read past the end. Built with ASan and UBSan.
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nettext.h"
#include "nettest.h"

// A copy of the string s without its NUL, for ASan to guard; free it.
static char *exact(const char *s, size_t *len) {
  *len = strlen(s);
  char *p = malloc(*len ? *len : 1);
  memcpy(p, s, *len);
  return p;
}

static int quad(const char *s, uint32_t *a) {
  size_t n;
  char *p = exact(s, &n);
  int r = ip4_parse(p, n, a);
  free(p);
  return r;
}

START_TEST(test_ip4_parse) {
  uint32_t a = 0;
  ck_assert_int_eq(quad("10.0.2.15", &a), 1);
  ck_assert_uint_eq(a, 0x0a00020f);
  ck_assert_int_eq(quad("0.0.0.0", &a), 1);
  ck_assert_uint_eq(a, 0);
  ck_assert_int_eq(quad("255.255.255.255", &a), 1);
  ck_assert_uint_eq(a, 0xffffffff);
  ck_assert_int_eq(quad("127.0.0.1", &a), 1);
  ck_assert_uint_eq(a, 0x7f000001);
  static const char *bad[] = {
      "",          "1",        "1.2.3",     "1.2.3.4.5",  "256.1.1.1",
      "1.2.3.256", "01.2.3.4", "1.2.3.04",  "00.0.0.0",   " 1.2.3.4",
      "1.2.3.4 ",  "1..2.3",   "1.2.3.",    ".1.2.3",     "-1.2.3.4",
      "+1.2.3.4",  "1.2.3.4x", "0x1.2.3.4", "1000.1.1.1", "1.2.3.1000",
      "1.2.3.-0",  "1,2,3,4",  "1.2.3.4.",  "a.b.c.d",    "99999999999.1.1.1",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    a = 0x12345678;
    require(quad(bad[i], &a) == 0, "\"%s\" was taken", bad[i]);
    require(a == 0x12345678, "\"%s\" changed the result", bad[i]);
  }
  // Only the n bytes given count.
  ck_assert_int_eq(ip4_parse("1.2.3.4 junk", 7, &a), 1);
  ck_assert_uint_eq(a, 0x01020304);
  ck_assert_int_eq(ip4_parse("1.2.3.45", 7, &a), 1);
  ck_assert_uint_eq(a, 0x01020304);
  ck_assert_int_eq(ip4_parse("1.2.3.4", 6, &a), 0);
}
END_TEST

START_TEST(test_ip4_format) {
  char t[16], want[16];
  ck_assert_int_eq(ip4_format(0, t), 7);
  ck_assert_str_eq(t, "0.0.0.0");
  ck_assert_int_eq(ip4_format(0xffffffff, t), 15);
  ck_assert_str_eq(t, "255.255.255.255");
  ip4_format(0x64140300, t);
  ck_assert_str_eq(t, "100.20.3.0");
  // Any address: as printf writes it, and back again.
  uint64_t st = 7;
  for (int i = 0; i < 100000; i++) {
    uint32_t a = (uint32_t)xrand(&st), b = 0;
    int n = ip4_format(a, t);
    snprintf(want, sizeof(want), "%u.%u.%u.%u", a >> 24, a >> 16 & 255,
             a >> 8 & 255, a & 255);
    require(strcmp(t, want) == 0 && n == (int)strlen(want), "%s for %s", t,
            want);
    require(ip4_parse(t, (size_t)n, &b) == 1 && b == a, "%s back", t);
  }
}
END_TEST

// ---- /etc/hosts
// --------------------------------------------------------------

static const char hosts[] =
    "# a comment line\n"
    "127.0.0.1\tlocalhost\n"
    "  10.0.0.1   alpha.example  alpha   a1 # alias a1\n"
    "::1 localhost ip6-localhost\n" // not IPv4: skipped
    "10.0.0.2 beta.example beta\r\n"
    "10.0.0.3\n" // an address alone
    "10.0.0.4 #only a comment\n"
    "bogus.addr gamma\n"
    "10.0.0.5 Multi.Example multi\n"
    "10.0.0.6 multi.example.\n"
    "10.0.0.7 trailing";

static int byname(const char *name, uint32_t *addr, int max, char *canon,
                  size_t cap) {
  size_t n;
  char *p = exact(hosts, &n);
  int r = hosts_byname(p, n, name, addr, max, canon, cap);
  free(p);
  return r;
}

START_TEST(test_hosts_byname) {
  uint32_t a[4];
  char canon[64];
  ck_assert_int_eq(byname("localhost", a, 4, canon, sizeof(canon)), 1);
  ck_assert_uint_eq(a[0], 0x7f000001);
  ck_assert_str_eq(canon, "localhost");
  // An alias gives the entry's canonical name; case and a final dot do
  // not matter; a comment ends the line.
  ck_assert_int_eq(byname("ALPHA", a, 4, canon, sizeof(canon)), 1);
  ck_assert_uint_eq(a[0], 0x0a000001);
  ck_assert_str_eq(canon, "alpha.example");
  ck_assert_int_eq(byname("a1", a, 4, canon, sizeof(canon)), 1);
  ck_assert_int_eq(byname("alpha.example.", a, 4, canon, sizeof(canon)), 1);
  ck_assert_int_eq(byname("alias", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("#", a, 4, NULL, 0), 0);
  // A CR before the newline is a blank.
  ck_assert_int_eq(byname("beta", a, 4, canon, sizeof(canon)), 1);
  ck_assert_uint_eq(a[0], 0x0a000002);
  ck_assert_str_eq(canon, "beta.example");
  // Not prefixes, not the address, not the IPv6 line, not a bad address.
  ck_assert_int_eq(byname("local", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("localhostx", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("10.0.0.3", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("ip6-localhost", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("gamma", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname("", a, 4, NULL, 0), 0);
  ck_assert_int_eq(byname(".", a, 4, NULL, 0), 0);
  // Every entry of a name, in order; the first one's name as written.
  ck_assert_int_eq(byname("multi.example", a, 4, canon, sizeof(canon)), 2);
  ck_assert_uint_eq(a[0], 0x0a000005);
  ck_assert_uint_eq(a[1], 0x0a000006);
  ck_assert_str_eq(canon, "Multi.Example");
  // More than max: counted, not stored.
  a[1] = 99;
  ck_assert_int_eq(byname("multi.example", a, 1, NULL, 0), 2);
  ck_assert_uint_eq(a[1], 99);
  // The canonical name cut to fit.
  ck_assert_int_eq(byname("multi", a, 4, canon, 6), 1);
  ck_assert_str_eq(canon, "Multi");
  // The last line needs no newline.
  ck_assert_int_eq(byname("trailing", a, 4, canon, sizeof(canon)), 1);
  ck_assert_uint_eq(a[0], 0x0a000007);
  ck_assert_int_eq(hosts_byname("", 0, "localhost", a, 4, NULL, 0), 0);
  // A NUL byte is a blank: it ends a name, and the rest is another one.
  static const char nul[] = "10.0.0.8 lo\0cal\n";
  ck_assert_int_eq(
      hosts_byname(nul, sizeof(nul) - 1, "cal", a, 4, canon, sizeof(canon)), 1);
  ck_assert_str_eq(canon, "lo");
  ck_assert_int_eq(hosts_byname(nul, sizeof(nul) - 1, "lo", a, 4, NULL, 0), 1);
}
END_TEST

START_TEST(test_hosts_byaddr) {
  size_t n;
  char *p = exact(hosts, &n), name[64];
  ck_assert_int_eq(hosts_byaddr(p, n, 0x7f000001, name, sizeof(name)), 1);
  ck_assert_str_eq(name, "localhost");
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000001, name, sizeof(name)), 1);
  ck_assert_str_eq(name, "alpha.example");
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000001, name, 4), 1);
  ck_assert_str_eq(name, "alp");
  // An address without a name (alone, or before a comment) has none.
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000003, name, sizeof(name)), 0);
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000004, name, sizeof(name)), 0);
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000007, name, sizeof(name)), 1);
  ck_assert_str_eq(name, "trailing");
  ck_assert_int_eq(hosts_byaddr(p, n, 0x0a000009, name, sizeof(name)), 0);
  free(p);
}
END_TEST

// ---- resolv.conf and ndb
// -------------------------------------------------------

static struct resconf resolv(const char *text) {
  struct resconf c;
  size_t n;
  memset(&c, 0, sizeof(c));
  char *p = exact(text, &n);
  resolv_parse(p, n, &c);
  free(p);
  return c;
}

START_TEST(test_resolv) {
  struct resconf c = resolv("# comment\n"
                            "; another\n"
                            "search example\n"
                            "nameserver 10.0.2.3\n"
                            "nameserver bogus\n"
                            "nameservers 10.9.9.9\n"
                            "  nameserver\t10.0.2.4 # the second\r\n"
                            "nameserver\n"
                            "#nameserver 10.9.9.8\n"
                            "nameserver 10.0.2.5\n"
                            "nameserver 10.0.2.6\n" // a fourth: no room
                            "options ndots:1 timeout:5 attempts:2");
  ck_assert_int_eq(c.nns, 3);
  ck_assert_uint_eq(c.ns[0], 0x0a000203);
  ck_assert_uint_eq(c.ns[1], 0x0a000204);
  ck_assert_uint_eq(c.ns[2], 0x0a000205);
  ck_assert_int_eq(c.timeout, 5);
  ck_assert_int_eq(c.attempts, 2);
  // Options are clamped; bad ones are ignored; a later line wins.
  c = resolv("options timeout:99 attempts:0\noptions attempts:x timeout:");
  ck_assert_int_eq(c.nns, 0);
  ck_assert_int_eq(c.timeout, NT_MAXTIMEOUT);
  ck_assert_int_eq(c.attempts, 1);
  c = resolv("options attempts:9 timeout:00012 timeouts:3\n");
  ck_assert_int_eq(c.attempts, NT_MAXATTEMPTS);
  ck_assert_int_eq(c.timeout, 12);
  c = resolv("");
  ck_assert_int_eq(c.nns + c.timeout + c.attempts, 0);
  // Appended after what is there.
  c.nns = 2;
  c.ns[0] = 1;
  c.ns[1] = 2;
  const char *more = "nameserver 1.1.1.1\nnameserver 2.2.2.2\n";
  resolv_parse(more, strlen(more), &c);
  ck_assert_int_eq(c.nns, 3);
  ck_assert_uint_eq(c.ns[2], 0x01010101);
}
END_TEST

static int ndb(const char *text, uint32_t *ns, int n, int max) {
  size_t len;
  char *p = exact(text, &len);
  n = ndb_dns(p, len, ns, n, max);
  free(p);
  return n;
}

START_TEST(test_ndb) {
  uint32_t ns[4] = {0};
  // What the kernel serves: the interface's line, then the servers.
  ck_assert_int_eq(ndb("ip=10.0.2.15 ipmask=255.255.255.0 ipgw=10.0.2.2\n"
                       "\tdns=10.0.2.3\n",
                       ns, 0, 3),
                   1);
  ck_assert_uint_eq(ns[0], 0x0a000203);
  // Several, quoted, on one line or continued; comments; bad values and
  // other attributes skipped.
  ck_assert_int_eq(ndb("# ndb\n"
                       "sys=netv6 dns=\"10.0.0.1\" xdns=10.9.9.9 dns=bad\n"
                       "  dns=10.0.0.2 # dns=10.9.9.8\n"
                       "dns= dns=\"\" dns=\" DNS=10.9.9.7 dns=10.0.0.3",
                       ns, 0, 3),
                   3);
  ck_assert_uint_eq(ns[0], 0x0a000001);
  ck_assert_uint_eq(ns[1], 0x0a000002);
  ck_assert_uint_eq(ns[2], 0x0a000003);
  // Appended after n, up to max.
  ns[3] = 77;
  ck_assert_int_eq(ndb("dns=1.1.1.1 dns=2.2.2.2 dns=3.3.3.3", ns, 2, 3), 3);
  ck_assert_uint_eq(ns[2], 0x01010101);
  ck_assert_uint_eq(ns[3], 77);
  ck_assert_int_eq(ndb("ip=10.0.2.15", ns, 0, 3), 0);
  ck_assert_int_eq(ndb("", ns, 0, 3), 0);
}
END_TEST

// ---- services
// ------------------------------------------------------------------

START_TEST(test_services) {
  ck_assert_int_eq(svc_number("0"), 0);
  ck_assert_int_eq(svc_number("53"), 53);
  ck_assert_int_eq(svc_number("65535"), 65535);
  ck_assert_int_eq(svc_number("00080"), 80);
  static const char *bad[] = {"",    "65536", "-1",
                              "+1",  " 80",   "80 ",
                              "8x0", "0x50",  "99999999999999999999"};
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
    require(svc_number(bad[i]) == -1, "\"%s\" was taken", bad[i]);
  ck_assert_int_eq(svc_port("domain", NT_UDP), 53);
  ck_assert_int_eq(svc_port("domain", NT_TCP), 53);
  ck_assert_int_eq(svc_port("echo", 0), 7);
  ck_assert_int_eq(svc_port("http", NT_TCP), 80);
  ck_assert_int_eq(svc_port("http", 0), 80);
  ck_assert_int_eq(svc_port("http", NT_UDP), -1);
  ck_assert_int_eq(svc_port("tftp", NT_UDP), 69);
  ck_assert_int_eq(svc_port("tftp", NT_TCP), -1);
  ck_assert_int_eq(svc_port("Domain", 0), -1); // names are exact
  ck_assert_int_eq(svc_port("nosuch", 0), -1);
  ck_assert_int_eq(svc_port("", 0), -1);
  ck_assert_str_eq(svc_name(53, NT_UDP), "domain");
  ck_assert_str_eq(svc_name(80, NT_TCP), "http");
  ck_assert_ptr_null(svc_name(80, NT_UDP));
  ck_assert_ptr_null(svc_name(1, 0));
  // Every name maps back to its port.
  for (int p = 0; p < 65536; p++) {
    const char *n = svc_name(p, 0);
    require(n == NULL || svc_port(n, 0) == p, "%d: %s", p, n);
  }
}
END_TEST

// ---- any bytes at all
// ------------------------------------------------------------

// Random text from a small alphabet of the formats' own characters:
// the parsers must neither read past the end nor crash, and keep their
// limits.
START_TEST(test_random_text) {
  static const char alpha[] = "0123456789.. \t\n\r#;=\"dnsameroptiuk:lh";
  uint64_t st = 12345;
  for (int round = 0; round < 20000; round++) {
    size_t len = xrand(&st) % 200;
    char *p = malloc(len ? len : 1);
    for (size_t i = 0; i < len; i++)
      p[i] = (xrand(&st) & 15) == 0 ? (char)xrand(&st)
                                    : alpha[xrand(&st) % (sizeof(alpha) - 1)];
    uint32_t a[3], ns[NT_MAXNS];
    char canon[8];
    struct resconf c;
    memset(&c, 0, sizeof(c));
    canon[0] = 0;
    require(hosts_byname(p, len, "dns", a, 3, canon, sizeof(canon)) >= 0,
            "byname");
    require(memchr(canon, 0, sizeof(canon)) != NULL, "canon not ended");
    hosts_byaddr(p, len, 0x01020304, canon, sizeof(canon));
    resolv_parse(p, len, &c);
    require(c.nns <= NT_MAXNS && c.timeout <= NT_MAXTIMEOUT &&
                c.attempts <= NT_MAXATTEMPTS && c.timeout >= 0 &&
                c.attempts >= 0,
            "resolv limits");
    int n = ndb_dns(p, len, ns, 0, NT_MAXNS);
    require(n >= 0 && n <= NT_MAXNS, "ndb %d", n);
    ip4_parse(p, len, a);
    free(p);
  }
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("nettext");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_ip4_parse);
  tcase_add_test(tc, test_ip4_format);
  tcase_add_test(tc, test_hosts_byname);
  tcase_add_test(tc, test_hosts_byaddr);
  tcase_add_test(tc, test_resolv);
  tcase_add_test(tc, test_ndb);
  tcase_add_test(tc, test_services);
  tcase_add_test(tc, test_random_text);
  tcase_set_timeout(tc, 60);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
