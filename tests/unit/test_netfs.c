// tests/unit/test_netfs.c: host unit tests of the /net file system's
// pure parts: inode numbers, the tree (kernel/fs/netfs_tree.h: adding
// nodes, lookups, numbered directories, listings, refusals) and the
// control-file commands (kernel/fs/netfs_args.h) and the IPv4 addresses
// in them (kernel/net/inet_text.h). Built with ASan and UBSan.
#include <check.h>
#include <limits.h>
#include <netv6/errno.h>
#include <netv6/fs.h>
#include <stdio.h>
#include <string.h>

#include "inet_text.h"
#include "netfs_args.h"
#include "netfs_tree.h"
#include "nettest.h"

// ---- inode numbers -----------------------------------------------------

START_TEST(test_ino) {
  ck_assert_uint_eq(netfs_ino(NETFS_ROOT, NETFS_NOINST), 1);
  for (int node = 1; node <= (int)NETFS_NODEMASK; node += 7) {
    int insts[] = {NETFS_NOINST, 0, 1, 2, 1000, NETFS_MAXINST - 1,
                   NETFS_MAXINST};
    for (size_t i = 0; i < sizeof insts / sizeof insts[0]; i++) {
      uint32_t ino = netfs_ino(node, insts[i]);
      require(ino != 0, "node %d inst %d gives 0", node, insts[i]);
      require(netfs_ino_node(ino) == node && netfs_ino_inst(ino) == insts[i],
              "node %d inst %d: back %d %d", node, insts[i],
              netfs_ino_node(ino), netfs_ino_inst(ino));
      // The 16 bits a directory entry holds are never 0 either.
      require((uint16_t)ino != 0, "node %d inst %d: low bits 0", node,
              insts[i]);
    }
  }
  // Distinct (node, instance) pairs give distinct numbers.
  ck_assert_uint_ne(netfs_ino(2, 0), netfs_ino(3, 0));
  ck_assert_uint_ne(netfs_ino(2, 0), netfs_ino(2, 1));
  ck_assert_uint_ne(netfs_ino(2, NETFS_NOINST), netfs_ino(2, 0));
}
END_TEST

// ---- the tree --------------------------------------------------------------

static unsigned presentmask; // instance n exists if bit n is set
static int present(int n) { return n < 32 && (presentmask >> n & 1); }
static int always(int n) { return n >= 0; }

static const int fileops = 1; // stands for a provider's ops table
static int ipifc, ifdir, status, ctl, sockets;

static void build(void) {
  netfs_tree_init();
  presentmask = 0;
  ipifc = netfs_tree_add(NETFS_ROOT, "ipifc", NETFS_DIR, 0, 0);
  sockets = netfs_tree_add(NETFS_ROOT, "sockets", NETFS_FILE, &fileops, 0);
  ifdir = netfs_tree_addnum(ipifc, 4, present);
  status = netfs_tree_add(ifdir, "status", NETFS_FILE, &fileops, &presentmask);
  ctl = netfs_tree_add(ifdir, "ctl", NETFS_FILE, &fileops, 0);
  ck_assert_int_gt(ipifc, NETFS_ROOT);
  ck_assert_int_gt(sockets, 0);
  ck_assert_int_gt(ifdir, 0);
  ck_assert_int_gt(status, 0);
  ck_assert_int_gt(ctl, 0);
}

static uint32_t root(void) { return netfs_ino(NETFS_ROOT, NETFS_NOINST); }

// Look a path of names up from the root, each step must succeed.
static uint32_t walk(const char *path) {
  char buf[128], *save, *name;
  snprintf(buf, sizeof buf, "%s", path);
  uint32_t ino = root();
  for (name = strtok_r(buf, "/", &save); name; name = strtok_r(0, "/", &save)) {
    int r = netfs_tree_lookup(ino, name, &ino);
    ck_assert_msg(r == 0, "%s: %s gives %d", path, name, r);
  }
  return ino;
}

static int lookup(uint32_t dir, const char *name) {
  uint32_t ino = 12345;
  int r = netfs_tree_lookup(dir, name, &ino);
  if (r < 0)
    ck_assert_uint_eq(ino, 12345); // untouched on an error
  return r;
}

START_TEST(test_lookup) {
  build();
  ck_assert_uint_eq(walk("ipifc"), netfs_ino(ipifc, NETFS_NOINST));
  ck_assert_uint_eq(walk("sockets"), netfs_ino(sockets, NETFS_NOINST));
  ck_assert_uint_eq(walk("."), root());
  ck_assert_uint_eq(walk(".."), 0); // out of the tree: the mount's parent
  ck_assert_uint_eq(walk("ipifc/.."), root());
  ck_assert_uint_eq(walk("ipifc/./."), walk("ipifc"));
  // No instance exists yet.
  ck_assert_int_eq(lookup(walk("ipifc"), "0"), -ENOENT);
  presentmask = 1u << 0 | 1u << 2;
  ck_assert_uint_eq(walk("ipifc/0"), netfs_ino(ifdir, 0));
  ck_assert_uint_eq(walk("ipifc/2"), netfs_ino(ifdir, 2));
  ck_assert_uint_eq(walk("ipifc/2/status"), netfs_ino(status, 2));
  ck_assert_uint_eq(walk("ipifc/2/ctl"), netfs_ino(ctl, 2));
  ck_assert_uint_eq(walk("ipifc/2/."), netfs_ino(ifdir, 2));
  ck_assert_uint_eq(walk("ipifc/2/.."), walk("ipifc"));
  ck_assert_uint_eq(walk("ipifc/0/../2/status"), netfs_ino(status, 2));
  uint32_t dir = walk("ipifc");
  ck_assert_int_eq(lookup(dir, "1"), -ENOENT);  // not present
  ck_assert_int_eq(lookup(dir, "4"), -ENOENT);  // past max
  ck_assert_int_eq(lookup(dir, "02"), -ENOENT); // not the number's name
  ck_assert_int_eq(lookup(dir, "2 "), -ENOENT);
  ck_assert_int_eq(lookup(dir, "-0"), -ENOENT);
  ck_assert_int_eq(lookup(dir, "99999999999"), -ENOENT);
  ck_assert_int_eq(lookup(dir, ""), -ENOENT);
  ck_assert_int_eq(lookup(dir, "status"), -ENOENT); // only inside 2/
  ck_assert_int_eq(lookup(root(), "nope"), -ENOENT);
  ck_assert_int_eq(lookup(root(), "0"), -ENOENT); // root has no numbers
  // Files are not directories; nor are numbers that are no inode.
  ck_assert_int_eq(lookup(walk("sockets"), "x"), -ENOTDIR);
  ck_assert_int_eq(lookup(walk("ipifc/2/status"), ".."), -ENOTDIR);
  ck_assert_int_eq(lookup(0, "."), -ENOTDIR);
  ck_assert_int_eq(lookup(netfs_ino(NETFS_MAXNODES - 1, NETFS_NOINST), "."),
                   -ENOTDIR);
  // An instance that goes away cannot be looked up any more.
  presentmask = 1u << 0;
  ck_assert_int_eq(lookup(dir, "2"), -ENOENT);
}
END_TEST

START_TEST(test_nodes) {
  build();
  const struct netfs_node *n = netfs_tree_node(netfs_ino(status, 3));
  ck_assert_ptr_nonnull(n);
  ck_assert_str_eq(n->name, "status");
  ck_assert_int_eq(n->kind, NETFS_FILE);
  ck_assert_ptr_eq(n->ops, &fileops);
  ck_assert_ptr_eq(n->arg, &presentmask);
  ck_assert_int_eq(netfs_tree_node(root())->kind, NETFS_DIR);
  n = netfs_tree_node(netfs_ino(ifdir, 0));
  ck_assert_ptr_nonnull(n);
  ck_assert_ptr_null(n->name);
  ck_assert_int_eq(n->max, 4);
  // Not inodes: an instance where there is none, none where one is
  // needed, one past max, nodes that do not exist.
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(sockets, 0)));
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(status, NETFS_NOINST)));
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(ifdir, NETFS_NOINST)));
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(status, 4)));
  ck_assert_ptr_null(netfs_tree_node(0));
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(ctl + 1, NETFS_NOINST)));
  ck_assert_ptr_null(netfs_tree_node(netfs_ino(NETFS_NODEMASK, NETFS_NOINST)));
  // Parents.
  ck_assert_uint_eq(netfs_tree_parent(root()), 0);
  ck_assert_uint_eq(netfs_tree_parent(netfs_ino(status, 3)),
                    netfs_ino(ifdir, 3));
  ck_assert_uint_eq(netfs_tree_parent(netfs_ino(ifdir, 3)),
                    netfs_ino(ipifc, NETFS_NOINST));
}
END_TEST

// A listing, as "name=ino name=ino ...".
static char listed[512];
static void emit(void *arg, const char *name, uint32_t ino) {
  size_t n = strlen(listed);
  snprintf(listed + n, sizeof listed - n, "%s%s=%u", n ? " " : "", name, ino);
  (*(int *)arg)++;
}

static const char *list(uint32_t dir, int want) {
  int count = 0;
  listed[0] = 0;
  int r = netfs_tree_list(dir, emit, &count);
  ck_assert_int_eq(r, want);
  if (r >= 0)
    ck_assert_int_eq(count, r);
  return listed;
}

START_TEST(test_list) {
  build();
  char want[256];
  snprintf(want, sizeof want, ".=1 ..=0 ipifc=%u sockets=%u",
           netfs_ino(ipifc, NETFS_NOINST), netfs_ino(sockets, NETFS_NOINST));
  ck_assert_str_eq(list(root(), 4), want);
  uint32_t dir = walk("ipifc");
  snprintf(want, sizeof want, ".=%u ..=1", dir);
  ck_assert_str_eq(list(dir, 2), want);
  presentmask = 1u << 3 | 1u << 1;
  snprintf(want, sizeof want, ".=%u ..=1 1=%u 3=%u", dir, netfs_ino(ifdir, 1),
           netfs_ino(ifdir, 3));
  ck_assert_str_eq(list(dir, 4), want);
  uint32_t three = walk("ipifc/3");
  snprintf(want, sizeof want, ".=%u ..=%u status=%u ctl=%u", three, dir,
           netfs_ino(status, 3), netfs_ino(ctl, 3));
  ck_assert_str_eq(list(three, 4), want);
  list(walk("sockets"), -ENOTDIR);
  list(netfs_ino(status, 3), -ENOTDIR);
  list(0, -ENOTDIR);
}
END_TEST

// Numbers up to many digits in a big numbered directory.
START_TEST(test_bignum) {
  netfs_tree_init();
  int conv = netfs_tree_add(NETFS_ROOT, "udp", NETFS_DIR, 0, 0);
  int n = netfs_tree_addnum(conv, NETFS_MAXINST + 1, always);
  ck_assert_int_gt(n, 0);
  uint32_t dir = walk("udp"), ino;
  char name[16];
  snprintf(name, sizeof name, "%d", NETFS_MAXINST);
  ck_assert_int_eq(netfs_tree_lookup(dir, name, &ino), 0);
  ck_assert_uint_eq(ino, netfs_ino(n, NETFS_MAXINST));
  ck_assert_ptr_nonnull(netfs_tree_node(ino));
  snprintf(name, sizeof name, "%d", NETFS_MAXINST + 1);
  ck_assert_int_eq(lookup(dir, name), -ENOENT);
  ck_assert_int_eq(netfs_tree_addnum(NETFS_ROOT, NETFS_MAXINST + 2, always),
                   -EINVAL);
}
END_TEST

START_TEST(test_refusals) {
  build();
  int r;
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "", NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, 0, NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "a/b", NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, ".", NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "..", NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "7up", NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "x", 3, 0, 0), -EINVAL);
  static const char n30[] = "abcdefghijklmnopqrstuvwxyz0123";
  static const char n31[] = "abcdefghijklmnopqrstuvwxyz01234";
  ck_assert_int_eq(sizeof n30 - 1, DIRSIZ);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, n31, NETFS_DIR, 0, 0), -EINVAL);
  ck_assert_int_gt(netfs_tree_add(NETFS_ROOT, n30, NETFS_DIR, 0, 0), 0);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "ipifc", NETFS_FILE, 0, 0),
                   -EEXIST);
  ck_assert_int_eq(netfs_tree_add(sockets, "x", NETFS_FILE, 0, 0), -ENOTDIR);
  ck_assert_int_eq(netfs_tree_add(0, "x", NETFS_FILE, 0, 0), -ENOENT);
  ck_assert_int_eq(netfs_tree_add(NETFS_MAXNODES, "x", NETFS_FILE, 0, 0),
                   -ENOENT);
  ck_assert_int_eq(netfs_tree_add(-1, "x", NETFS_FILE, 0, 0), -ENOENT);
  // The same name may be used in another directory.
  ck_assert_int_gt(netfs_tree_add(ipifc, "sockets", NETFS_FILE, 0, 0), 0);
  // Numbered directories: one per directory, one level, max >= 1.
  ck_assert_int_eq(netfs_tree_addnum(ipifc, 4, present), -EEXIST);
  ck_assert_int_eq(netfs_tree_addnum(ifdir, 4, present), -EINVAL);
  int sub = netfs_tree_add(ifdir, "sub", NETFS_DIR, 0, 0);
  ck_assert_int_gt(sub, 0);
  ck_assert_int_eq(netfs_tree_addnum(sub, 4, present), -EINVAL);
  ck_assert_int_eq(netfs_tree_addnum(NETFS_ROOT, 0, present), -EINVAL);
  ck_assert_int_eq(netfs_tree_addnum(NETFS_ROOT, 4, 0), -EINVAL);
  ck_assert_int_eq(netfs_tree_addnum(sockets, 4, present), -ENOTDIR);
  // A refused add changes nothing: the root lists what it did.
  list(root(), 5); // . .. ipifc sockets n30
  // Fill the table.
  static char names[NETFS_MAXNODES][16];
  int added = 0;
  for (int i = 0; i < NETFS_MAXNODES; i++) {
    snprintf(names[i], sizeof names[i], "f%d", i);
    r = netfs_tree_add(NETFS_ROOT, names[i], NETFS_FILE, 0, 0);
    if (r < 0) {
      ck_assert_int_eq(r, -ENOSPC);
      break;
    }
    added++;
  }
  // All but node 0 (never used), the root and the 8 nodes above.
  ck_assert_int_eq(added, NETFS_MAXNODES - 1 - 1 - 8);
  ck_assert_int_eq(netfs_tree_addnum(sub, 4, present), -EINVAL);
  ck_assert_int_eq(netfs_tree_addnum(NETFS_ROOT, 4, present), -ENOSPC);
  // And init empties it again.
  netfs_tree_init();
  ck_assert_int_eq(lookup(root(), "ipifc"), -ENOENT);
  ck_assert_int_eq(netfs_tree_add(NETFS_ROOT, "ipifc", NETFS_DIR, 0, 0),
                   NETFS_ROOT + 1);
}
END_TEST

// ---- command words and numbers ----------------------------------------

static char *argv[8];

static int args(const char *cmd, int max) {
  static char buf[256];
  snprintf(buf, sizeof buf, "%s", cmd);
  memset(argv, 0, sizeof argv);
  return netfs_args(buf, argv, max);
}

START_TEST(test_args) {
  ck_assert_int_eq(args("add 10.77.0.2 255.255.255.0", 8), 3);
  ck_assert_str_eq(argv[0], "add");
  ck_assert_str_eq(argv[1], "10.77.0.2");
  ck_assert_str_eq(argv[2], "255.255.255.0");
  ck_assert_ptr_null(argv[3]);
  ck_assert_int_eq(args("  \tup\r\n", 8), 1);
  ck_assert_str_eq(argv[0], "up");
  ck_assert_int_eq(args("a  b\t\tc \n d", 8), 4);
  ck_assert_str_eq(argv[3], "d");
  ck_assert_int_eq(args("", 8), 0);
  ck_assert_int_eq(args(" \t\r\n ", 8), 0);
  ck_assert_int_eq(args("x", 0), -EINVAL);
  ck_assert_int_eq(args("", 0), 0);
  ck_assert_int_eq(args("a b c", 3), 3);
  ck_assert_int_eq(args("a b c d", 3), -EINVAL);
  ck_assert_str_eq(argv[2], "c"); // the first max are there
}
END_TEST

static long num(const char *s, unsigned max) {
  unsigned v = 77;
  int r = netfs_uint(s, max, &v);
  if (r < 0) {
    ck_assert_int_eq(r, -EINVAL);
    ck_assert_uint_eq(v, 77); // untouched
    return -1;
  }
  return v;
}

START_TEST(test_uint) {
  ck_assert_int_eq(num("0", 10), 0);
  ck_assert_int_eq(num("7", 10), 7);
  ck_assert_int_eq(num("10", 10), 10);
  ck_assert_int_eq(num("11", 10), -1);
  ck_assert_int_eq(num("9", 5), -1); // a digit past max on its own
  ck_assert_int_eq(num("5", 5), 5);
  ck_assert_int_eq(num("0", 0), 0);
  ck_assert_int_eq(num("1", 0), -1);
  ck_assert_int_eq(num("4294967295", UINT_MAX), 4294967295L);
  ck_assert_int_eq(num("4294967296", UINT_MAX), -1);
  ck_assert_int_eq(num("42949672950", UINT_MAX), -1);
  ck_assert_int_eq(num("99999999999999999999", UINT_MAX), -1);
  const char *bad[] = {"", "00", "01", "-1", "+1", " 1", "1 ", "1a", "0x1"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_msg(num(bad[i], UINT_MAX) == -1, "\"%s\" taken", bad[i]);
}
END_TEST

static int cmdline(const char *in, int n, const char *want) {
  char buf[32];
  memset(buf, 'z', sizeof buf);
  memcpy(buf, in, n);
  int r = netfs_cmdline(buf, n);
  if (r >= 0) {
    ck_assert_int_eq(r, strlen(want));
    ck_assert_str_eq(buf, want);
  }
  return r;
}

START_TEST(test_cmdline) {
  ck_assert_int_eq(cmdline("up", 2, "up"), 2);
  ck_assert_int_eq(cmdline("up\n", 3, "up"), 2);
  ck_assert_int_eq(cmdline("up\n\n", 4, "up\n"), 3); // only one goes
  ck_assert_int_eq(cmdline("\n", 1, ""), 0);
  ck_assert_int_eq(cmdline("", 0, ""), 0);
  ck_assert_int_eq(cmdline("a b\r\n", 5, "a b\r"), 4);
  ck_assert_int_eq(cmdline("up\0x", 4, 0), -EINVAL);
  ck_assert_int_eq(cmdline("\0", 1, 0), -EINVAL);
  ck_assert_int_eq(cmdline("up\0\n", 4, 0), -EINVAL);
}
END_TEST

static long addr(const char *s) {
  ipaddr_t a = 0x5a5a5a5a;
  int r = inet_text_addr(s, &a);
  if (r < 0) {
    ck_assert_int_eq(r, -EINVAL);
    ck_assert_uint_eq(a, 0x5a5a5a5a);
    return -1;
  }
  return a;
}

START_TEST(test_addr) {
  ck_assert_int_eq(addr("10.77.0.2"), IP4(10, 77, 0, 2));
  ck_assert_int_eq(addr("0.0.0.0"), 0);
  ck_assert_int_eq(addr("255.255.255.255"), 0xffffffffL);
  ck_assert_int_eq(addr("127.0.0.1"), IP_LOOPBACK);
  const char *bad[] = {"",          "1",          "1.2.3",     "1.2.3.4.",
                       "1.2.3.4.5", "256.1.1.1",  "1.2.3.256", "01.2.3.4",
                       "1.2.3.04",  "1..3.4",     ".1.2.3",    "1.2.3.4 ",
                       " 1.2.3.4",  "1.2.3.4/24", "a.b.c.d",   "1.2.3.-4",
                       "1.2.3.4x",  "1000.2.3.4", "1.2.3.1000"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_msg(addr(bad[i]) == -1, "\"%s\" taken", bad[i]);
  // Every mask, and what is not one.
  for (int p = 0; p <= 32; p++)
    ck_assert_int_eq(inet_text_masklen(ip_mask(p)), p);
  ck_assert_int_eq(inet_text_masklen(IP4(255, 0, 255, 0)), -EINVAL);
  ck_assert_int_eq(inet_text_masklen(IP4(0, 0, 0, 255)), -EINVAL);
  ck_assert_int_eq(inet_text_masklen(IP4(255, 255, 255, 253)), -EINVAL);
}
END_TEST

static int prefix(const char *s, const char *mask, ipaddr_t *a) {
  int plen = 99;
  *a = 0x5a5a5a5a;
  int r = inet_text_prefix(s, mask, a, &plen);
  if (r < 0) {
    ck_assert_int_eq(r, -EINVAL);
    ck_assert_int_eq(plen, 99);
    ck_assert_uint_eq(*a, 0x5a5a5a5a);
    return -100;
  }
  return plen;
}

START_TEST(test_prefix) {
  ipaddr_t a;
  ck_assert_int_eq(prefix("10.77.0.2/24", 0, &a), 24);
  ck_assert_uint_eq(a, IP4(10, 77, 0, 2));
  ck_assert_int_eq(prefix("10.77.0.2", "255.255.255.0", &a), 24);
  ck_assert_uint_eq(a, IP4(10, 77, 0, 2));
  ck_assert_int_eq(prefix("0.0.0.0/0", 0, &a), 0);
  ck_assert_int_eq(prefix("1.2.3.4/32", 0, &a), 32);
  ck_assert_int_eq(prefix("1.2.3.4", "0.0.0.0", &a), 0);
  ck_assert_int_eq(prefix("1.2.3.4", 0, &a), -1); // no length given
  ck_assert_uint_eq(a, IP4(1, 2, 3, 4));
  ck_assert_int_eq(prefix("1.2.3.4/33", 0, &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4/024", 0, &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4/", 0, &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4/24", "255.255.255.0", &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4", "255.0.255.0", &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4", "255.255.255", &a), -100);
  ck_assert_int_eq(prefix("1.2.3/24", 0, &a), -100);
  ck_assert_int_eq(prefix("1.2.3.4/24/8", 0, &a), -100);
  ck_assert_int_eq(prefix("1234567890.1.2.3/8", 0, &a), -100);
  ck_assert_int_eq(prefix("", 0, &a), -100);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("netfs");
  TCase *tc = tcase_create("netfs");
  tcase_add_test(tc, test_ino);
  tcase_add_test(tc, test_lookup);
  tcase_add_test(tc, test_nodes);
  tcase_add_test(tc, test_list);
  tcase_add_test(tc, test_bignum);
  tcase_add_test(tc, test_refusals);
  tcase_add_test(tc, test_args);
  tcase_add_test(tc, test_uint);
  tcase_add_test(tc, test_cmdline);
  tcase_add_test(tc, test_addr);
  tcase_add_test(tc, test_prefix);
  suite_add_tcase(s, tc);
  return s;
}

int main(void) { return runsuite(suite()); }
