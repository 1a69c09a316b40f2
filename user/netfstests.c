// user/netfstests.c: the in-guest suite of the /net file system (user
// space; the kernel as a black box through open/read/write/stat on
// /net): listings, /net/sockets against sockets the cases make, read
// offsets and snapshots, stat, "..", refusals of every change to the
// tree, bad pointers and lengths, /net/ipifc's status and ctl commands,
// and loops that must leak nothing.
//
//   netfstests          every case, then the leak check
//   netfstests -q       the quick subset
//   netfstests NAME...  the named cases
//
// The protocol and the runner are user/testlib's (testlib.h).
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netv6.h>
#include <netv6/fs.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testlib/testlib.h"

#define DIR "/nft"              // the scratch directory
#define LOLEN 256               // a kernel's NETFS_CMDMAX: the longest command
#define BADADDR 0x3fffffff000UL // not mapped in any process

static char text[16384], text2[16384];

// ---- helpers --------------------------------------------------------------

// Read what is left of fd into p (at most max bytes, n at a time).
static int readall(int fd, char *p, int max, int n) {
  int len = 0, r;
  while (len < max &&
         (r = read(fd, p + len, n < max - len ? n : max - len)) > 0)
    len += r;
  EXPECT(r >= 0 || len == max, "read: %s", strerror(errno));
  return len;
}

// The whole text of path, NUL-terminated, read in chunks of n bytes.
#define SLURP(path, p, n) slurp_((path), (p), (n), __LINE__)
static int slurp_(const char *path, char *p, int n, int line) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    fail(line, "open %s: %s", path, strerror(errno));
  int len = readall(fd, p, (int)sizeof(text) - 1, n);
  p[len] = 0;
  close(fd);
  return len;
}

// One line of text split at blanks: up to 10 fields.
struct line {
  char buf[256];
  char *f[10];
  int n;
};

// Split the line that starts at t into l; returns where the next line
// starts (0 after the last).
static const char *splitline(const char *t, struct line *l) {
  const char *e = strchr(t, '\n');
  int len = e ? e - t : (int)strlen(t);
  snprintf(l->buf, sizeof(l->buf), "%.*s", len, t);
  l->n = 0;
  for (char *p = l->buf; *p && l->n < 10;) {
    while (*p == ' ')
      *p++ = 0;
    if (*p == 0)
      break;
    l->f[l->n++] = p;
    while (*p && *p != ' ')
      p++;
  }
  return e && e[1] ? e + 1 : 0;
}

// A line of /net/sockets, which must have exactly 8 fields.
struct sockrow {
  int id, rcvq, sndq;
  const char *fam, *type, *state, *local, *peer;
  struct line l;
};

#define ROWOF(r) rowof_((r), __LINE__)
static void rowof_(struct sockrow *r, int line) {
  struct line *l = &r->l;
  if (l->n != 8)
    fail(line, "%d fields: %s", l->n, l->buf);
  r->id = atoi(l->f[0]);
  r->fam = l->f[1];
  r->type = l->f[2];
  r->state = l->f[3];
  r->rcvq = atoi(l->f[4]);
  r->sndq = atoi(l->f[5]);
  r->local = l->f[6];
  r->peer = l->f[7];
}

// Find in *r the row whose local name is local and (if state is not 0)
// whose state is state.
#define ROW(r, t, local, state) row_((r), (t), (local), (state), __LINE__)
static void row_(struct sockrow *r, const char *t, const char *local,
                 const char *state, int line) {
  for (const char *p = splitline(t, &r->l); p;) { // after the header
    p = splitline(p, &r->l);
    rowof_(r, line);
    if (!strcmp(r->local, local) && (state == 0 || !strcmp(r->state, state)))
      return;
  }
  fail(line, "no %s socket with local name %s in:\n%s", state ? state : "",
       local, t);
}

static int countlines(const char *t) {
  int n = 0;
  for (; *t; t++)
    n += *t == '\n';
  return n;
}

// Does directory path list name? Reads it as ls does, a record a time.
static int lists(const char *path, const char *name) {
  int fd = OK(open(path, O_RDONLY));
  struct dirent de;
  int found = 0;
  while (read(fd, &de, sizeof(de)) == sizeof(de))
    found |= de.inum != 0 && strncmp(de.name, name, DIRSIZ) == 0;
  close(fd);
  return found;
}

static int unixsock(int type, const char *path) {
  int s = OK(socket(AF_UNIX, type, 0));
  if (path) {
    struct sockaddr_un a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    strcpy(a.sun_path, path);
    unlink(path);
    OK(bind(s, (struct sockaddr *)&a, sizeof(a)));
  }
  return s;
}

// ---- listings ---------------------------------------------------------------

static void netls(void) {
  // / lists net, a directory of another device.
  EXPECT(lists("/", "net"), "/ does not list net");
  struct stat st, root;
  OK(stat("/net", &st));
  OK(stat("/", &root));
  EXPECT(st.st_type == T_DIR && S_ISDIR(st.st_mode), "/net type %d mode %o",
         st.st_type, st.st_mode);
  EXPECT(st.st_dev == NETDEV && root.st_dev != NETDEV, "devices %d %d",
         st.st_dev, root.st_dev);
  // /net: ".", "..", the files; every entry can be stat'ed, and its inode
  // number's low 16 bits are the record's.
  const char *want[] = {".", "..", "sockets", "ipifc"};
  for (int i = 0; i < 4; i++)
    EXPECT(lists("/net", want[i]), "/net does not list %s", want[i]);
  int fd = OK(open("/net", O_RDONLY | O_DIRECTORY));
  int n = readall(fd, text, sizeof(text), sizeof(struct dirent));
  close(fd);
  EXPECT(n > 0 && n % sizeof(struct dirent) == 0, "listing of %d bytes", n);
  for (int off = 0; off < n; off += sizeof(struct dirent)) {
    struct dirent *de = (struct dirent *)(text + off);
    char path[64];
    snprintf(path, sizeof(path), "/net/%.*s", DIRSIZ, de->name);
    OK(stat(path, &st));
    EXPECT((uint16_t)st.st_ino == de->inum, "%s: inode %u, record %u", path,
           st.st_ino, de->inum);
    for (int o2 = off + sizeof(struct dirent); o2 < n; o2 += sizeof(*de))
      EXPECT(strncmp(de->name, ((struct dirent *)(text + o2))->name, DIRSIZ),
             "%s listed twice", path);
  }
  // One big read gives the same records as 32-byte reads.
  fd = OK(open("/net", O_RDONLY));
  int m = readall(fd, text2, sizeof(text2), sizeof(text2));
  close(fd);
  EXPECT(m == n && memcmp(text, text2, n) == 0, "listings differ: %d, %d", n,
         m);
  // /net/ipifc: 0 (lo) and on without gaps; each with status and ctl.
  EXPECT(lists("/net/ipifc", "0"), "no /net/ipifc/0");
  int nif = 0;
  for (char p[32]; snprintf(p, sizeof(p), "%d", nif), lists("/net/ipifc", p);)
    nif++;
  fd = OK(open("/net/ipifc", O_RDONLY));
  m = readall(fd, text2, sizeof(text2), sizeof(text2));
  close(fd);
  EXPECT(m == (2 + nif) * (int)sizeof(struct dirent), "ipifc: %d bytes, %d ifs",
         m, nif);
  for (int i = 0; i < nif; i++) {
    char p[32];
    snprintf(p, sizeof(p), "/net/ipifc/%d", i);
    EXPECT(lists(p, "status") && lists(p, "ctl") && lists(p, ".."),
           "%s lacks files", p);
  }
}

// ---- /net/sockets
// -------------------------------------------------------------

static void netsockets(void) {
  int n = SLURP("/net/sockets", text, 4096);
  EXPECT(n > 0 && strncmp(text, "id ", 3) == 0, "header: %.40s", text);
  int before = countlines(text);
  int l = unixsock(SOCK_STREAM, DIR "/l.sock");
  OK(listen(l, 5));
  int d = unixsock(SOCK_DGRAM, 0);
  struct sockaddr_un a = {AF_UNIX, "\0nft-abstract"};
  OK(bind(d, (struct sockaddr *)&a, sizeof(sa_family_t) + 13));
  int sv[2], sq[2];
  OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  OK(write(sv[0], "hello", 5));
  OK(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sq));
  SLURP("/net/sockets", text, 4096);
  EXPECT(countlines(text) == before + 6, "%d lines, want %d:\n%s",
         countlines(text), before + 6, text);
  struct sockrow r;
  ROW(&r, text, DIR "/l.sock", "LISTENING");
  EXPECT(!strcmp(r.fam, "unix") && !strcmp(r.type, "stream") &&
             !strcmp(r.state, "LISTENING") && r.rcvq == 0 && r.sndq == 5 &&
             !strcmp(r.peer, "-"),
         "listener: %s %s %s %d %d %s", r.fam, r.type, r.state, r.rcvq, r.sndq,
         r.peer);
  ROW(&r, text, "@nft-abstract", 0);
  EXPECT(!strcmp(r.type, "dgram") && !strcmp(r.state, "BOUND"),
         "datagram: %s %s", r.type, r.state);
  // The stream pair: unnamed, one side holds 5 bytes, the other sent
  // them. The seqpacket pair: connected, nothing waiting.
  int seen = 0, seq = 0;
  struct sockrow p;
  for (const char *t = splitline(text, &p.l); t;) {
    t = splitline(t, &p.l);
    ROWOF(&p);
    if (!strcmp(p.type, "seqpacket"))
      seq += !strcmp(p.state, "CONNECTED") && p.rcvq == 0 && p.sndq == 0;
    if (strcmp(p.type, "stream") || strcmp(p.state, "CONNECTED"))
      continue;
    EXPECT(!strcmp(p.local, "-") && !strcmp(p.peer, "-"), "pair: %s %s",
           p.local, p.peer);
    seen |= p.rcvq == 5 && p.sndq == 0 ? 1 : p.rcvq == 0 && p.sndq == 5 ? 2 : 4;
  }
  EXPECT(seen == 3 && seq == 2, "pair sides seen: %d, %d\n%s", seen, seq, text);
  // A connection waiting for accept: the listener's queue shows it, and
  // the client's peer is the listener's name (as is the queued socket's
  // local name).
  int c = unixsock(SOCK_STREAM, 0);
  struct sockaddr_un la = {AF_UNIX, DIR "/l.sock"};
  OK(connect(c, (struct sockaddr *)&la, sizeof(la)));
  SLURP("/net/sockets", text, 4096);
  ROW(&r, text, DIR "/l.sock", "LISTENING");
  EXPECT(r.rcvq == 1, "listener queue %d", r.rcvq);
  EXPECT(strstr(text, " " DIR "/l.sock\n") != 0, "no client with that peer");
  // An IPv4 socket: its address and port, and its peer once connected.
  int u = OK(socket(AF_INET, SOCK_DGRAM, 0));
  struct sockaddr_in ua = {AF_INET, htons(7001), {htonl(INADDR_LOOPBACK)}};
  OK(bind(u, (struct sockaddr *)&ua, sizeof(ua)));
  ua.sin_port = htons(7002);
  OK(connect(u, (struct sockaddr *)&ua, sizeof(ua)));
  SLURP("/net/sockets", text, 4096);
  ROW(&r, text, "127.0.0.1:7001", 0);
  EXPECT(!strcmp(r.fam, "inet") && !strcmp(r.type, "dgram") &&
             !strcmp(r.peer, "127.0.0.1:7002"),
         "udp: %s %s %s %s", r.fam, r.type, r.state, r.peer);
  close(u);
  // Closed sockets go from the list.
  close(c);
  close(l);
  close(d);
  close(sv[0]);
  close(sv[1]);
  close(sq[0]);
  close(sq[1]);
  unlink(DIR "/l.sock");
  SLURP("/net/sockets", text, 4096);
  EXPECT(countlines(text) == before, "%d lines after closing, want %d:\n%s",
         countlines(text), before, text);
  EXPECT(strstr(text, "nft") == 0 && strstr(text, ":7001") == 0,
         "closed sockets still listed:\n%s", text);
}

// More sockets than one page of text holds: the snapshot spans pages.
static void netbig(void) {
  int p[2];
  OK(pipe(p));
  int pid = SPAWN();
  if (pid == 0) { // pairs here too: a process has only 64 descriptors
    close(p[0]);
    int sv[2];
    for (int i = 0; i < 27; i++)
      OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    READY(p[1]);
    ticksleep(60 * HZ); // killed by the parent
    exit(0);
  }
  close(p[1]);
  AWAIT(p[0]);
  int sv[2];
  for (int i = 0; i < 27; i++)
    OK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  int n = SLURP("/net/sockets", text, sizeof(text));
  EXPECT(n > 4096, "only %d bytes for 108 sockets", n);
  EXPECT(countlines(text) == 109, "%d lines", countlines(text));
  // Read in odd chunks it is the same text.
  int m = SLURP("/net/sockets", text2, 1000);
  EXPECT(m == n && memcmp(text, text2, n) == 0, "chunked read differs");
  m = SLURP("/net/sockets", text2, 1);
  EXPECT(m == n && memcmp(text, text2, n) == 0, "byte reads differ");
  kill(pid, SIGKILL);
  WAITFOR(pid);
}

// ---- offsets and snapshots --------------------------------------------------

static void netoffsets(void) {
  int n = SLURP("/net/ipifc/0/status", text, 4096);
  EXPECT(n > 40 && strncmp(text, "name lo\n", 8) == 0, "status:\n%s", text);
  // Reads go on from the offset; the end reads 0 (again and again).
  int fd = OK(open("/net/ipifc/0/status", O_RDONLY));
  char b[16];
  EXPECT(read(fd, b, 5) == 5 && memcmp(b, text, 5) == 0, "first 5 bytes");
  EXPECT(read(fd, b, 3) == 3 && memcmp(b, text + 5, 3) == 0, "next 3");
  EXPECT(lseek(fd, 0, SEEK_CUR) == 8, "offset %ld",
         (long)lseek(fd, 0, SEEK_CUR));
  EXPECT(lseek(fd, 10, SEEK_SET) == 10, "seek to 10");
  EXPECT(read(fd, b, 4) == 4 && memcmp(b, text + 10, 4) == 0, "at 10");
  EXPECT(lseek(fd, -4, SEEK_CUR) == 10, "seek back 4");
  EXPECT(read(fd, b, 4) == 4 && memcmp(b, text + 10, 4) == 0, "at 10 again");
  EXPECT(lseek(fd, n, SEEK_SET) == n, "seek to the end");
  EXPECT(read(fd, b, 4) == 0, "read at the end");
  EXPECT(read(fd, b, 4) == 0, "read past the end");
  EXPECT(lseek(fd, 100000, SEEK_SET) == 100000, "seek far");
  EXPECT(read(fd, b, 4) == 0, "read far past the end");
  FAILS(lseek(fd, 0, SEEK_END), EINVAL); // no size to count from
  FAILS(lseek(fd, -1, SEEK_SET), EINVAL);
  FAILS(lseek(fd, 0, 7), EINVAL);
  close(fd);
}

// A read at offset 0 takes a new snapshot; reads further on keep serving
// the one they started.
static void netsnapshot(void) {
  char first[8];
  // Reads after the first go on in its snapshot: a socket made meanwhile
  // is not in it.
  int fd = OK(open("/net/sockets", O_RDONLY));
  EXPECT(read(fd, first, 8) == 8, "read 8");
  int s = unixsock(SOCK_DGRAM, DIR "/snap1.sock");
  int rest = readall(fd, text, sizeof(text) - 1, 64);
  text[rest] = 0;
  EXPECT(strstr(text, "snap1.sock") == 0, "the old snapshot shows it");
  close(fd);
  // A read at offset 0 takes a new one, though the old is not used up.
  fd = OK(open("/net/sockets", O_RDONLY));
  EXPECT(read(fd, first, 8) == 8, "read 8");
  int s2 = unixsock(SOCK_DGRAM, DIR "/snap2.sock");
  OK(lseek(fd, 0, SEEK_SET));
  int n = readall(fd, text, sizeof(text) - 1, 64);
  text[n] = 0;
  EXPECT(strstr(text, DIR "/snap2.sock") != 0, "new snapshot lacks it:\n%s",
         text);
  close(s);
  close(s2);
  unlink(DIR "/snap1.sock");
  unlink(DIR "/snap2.sock");
  // Two processes sharing the descriptor share its offset.
  OK(lseek(fd, 0, SEEK_SET));
  SLURP("/net/sockets", text, 4096);
  char b[16];
  EXPECT(read(fd, b, 10) == 10 && memcmp(b, text, 10) == 0, "parent's 10");
  int pid = SPAWN();
  if (pid == 0) {
    EXPECT(read(fd, b, 10) == 10 && memcmp(b, text + 10, 10) == 0,
           "child's 10 are not the next 10");
    exit(0);
  }
  EXITED(pid, 0);
  EXPECT(lseek(fd, 0, SEEK_CUR) == 20, "shared offset");
  close(fd);
}

// ---- stat, "..", names that are not there
// --------------------------------------

static void netstats(void) {
  struct stat st, fst;
  OK(stat("/net/sockets", &st));
  EXPECT(st.st_type == T_FILE && st.st_mode == (S_IFREG | 0444) &&
             st.st_size == 0 && st.st_dev == NETDEV && st.st_nlink == 1,
         "sockets: type %d mode %o size %lu dev %u", st.st_type, st.st_mode,
         (unsigned long)st.st_size, st.st_dev);
  int fd = OK(open("/net/sockets", O_RDONLY));
  OK(fstat(fd, &fst));
  close(fd);
  EXPECT(fst.st_ino == st.st_ino && fst.st_mode == st.st_mode &&
             fst.st_dev == st.st_dev,
         "fstat differs from stat");
  OK(stat("/net/ipifc/0/ctl", &st));
  EXPECT(st.st_mode == (S_IFREG | 0200), "ctl mode %o", st.st_mode);
  OK(stat("/net/ipifc/0/status", &fst));
  EXPECT(fst.st_mode == (S_IFREG | 0444) && fst.st_ino != st.st_ino,
         "status mode %o", fst.st_mode);
  OK(stat("/net/ipifc/0", &st));
  EXPECT(st.st_type == T_DIR && st.st_mode == (S_IFDIR | 0555), "dir mode %o",
         st.st_mode);
  fd = OK(open("/net/ipifc", O_RDONLY));
  OK(fstat(fd, &fst));
  close(fd);
  EXPECT(S_ISDIR(fst.st_mode) && fst.st_dev == NETDEV, "fstat of a directory");
  // Every name reaches the same inode however it is spelt.
  struct stat a, b;
  OK(stat("/net/ipifc/0/status", &a));
  OK(stat("/net/./ipifc//0/../0/status", &b));
  EXPECT(a.st_ino == b.st_ino && a.st_dev == b.st_dev, "spellings differ");
  // poll: a netfs file is always ready for what it was opened for.
  fd = OK(open("/net/sockets", O_RDONLY));
  struct pollfd p = {fd, POLLIN | POLLOUT, 0};
  EXPECT(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "poll %x", p.revents);
  close(fd);
}

static void netdotdot(void) {
  struct stat root, st;
  OK(stat("/", &root));
  OK(stat("/net/..", &st));
  EXPECT(st.st_dev == root.st_dev && st.st_ino == root.st_ino,
         "/net/.. is not /");
  OK(stat("/net/ipifc/0/../../..", &st));
  EXPECT(st.st_dev == root.st_dev && st.st_ino == root.st_ino,
         "/net/ipifc/0/../../.. is not /");
  OK(chdir("/net"));
  int fd = OK(open("sockets", O_RDONLY)); // relative to a netfs directory
  close(fd);
  OK(chdir("ipifc/0"));
  OK(stat("status", &st));
  OK(chdir("../../.."));
  OK(stat(".", &st));
  EXPECT(st.st_dev == root.st_dev && st.st_ino == root.st_ino,
         "cd ../../.. from /net/ipifc/0 is not /");
  OK(stat("net/sockets", &st)); // and back in from /
  OK(chdir(DIR));
  OK(stat("../net/ipifc", &st));
  EXPECT(S_ISDIR(st.st_mode), "../net/ipifc");
}

static void netnoent(void) {
  struct stat st;
  FAILS(open("/net/nope", O_RDONLY), ENOENT);
  FAILS(stat("/net/nope", &st), ENOENT);
  FAILS(open("/net/ipifc/99", O_RDONLY), ENOENT);
  FAILS(open("/net/ipifc/00", O_RDONLY), ENOENT);
  FAILS(open("/net/ipifc/-1", O_RDONLY), ENOENT);
  FAILS(open("/net/ipifc/0/nope", O_RDONLY), ENOENT);
  FAILS(open("/net/ipifc/status", O_RDONLY), ENOENT);
  FAILS(open("/net/sockets/x", O_RDONLY), ENOTDIR);
  FAILS(stat("/net/sockets/..", &st), ENOTDIR);
  FAILS(chdir("/net/sockets"), ENOTDIR);
  FAILS(open("/net/sockets", O_RDONLY | O_DIRECTORY), ENOTDIR);
  char *argv[] = {"sockets", 0};
  int pid = SPAWN();
  if (pid == 0) {
    FAILS(exec("/net/sockets", argv), 0); // not a program
    exit(0);
  }
  EXITED(pid, 0);
}

// ---- nothing in /net can be changed
// ---------------------------------------------

// The names /net lists, as one string.
static void names(char *out, int max) {
  int fd = OK(open("/net", O_RDONLY));
  struct dirent de;
  out[0] = 0;
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    int n = strlen(out);
    snprintf(out + n, max - n, "%.*s ", DIRSIZ, de.name);
  }
  close(fd);
}

static void netrofs(void) {
  char was[512], now[512];
  names(was, sizeof(was));
  int fd;
  // Opening for writing what has no write callback; writing a read-only
  // descriptor; directories.
  FAILS(open("/net/sockets", O_WRONLY), EACCES);
  FAILS(open("/net/sockets", O_RDWR), EACCES);
  FAILS(open("/net/sockets", O_WRONLY | O_CREAT | O_TRUNC), EACCES);
  FAILS(open("/net/ipifc/0/ctl", O_RDONLY), EACCES);
  FAILS(open("/net/ipifc/0/ctl", O_RDWR), EACCES);
  FAILS(open("/net", O_WRONLY), EISDIR);
  FAILS(open("/net/ipifc", O_RDWR), EISDIR);
  fd = OK(open("/net/sockets", O_RDONLY | O_CREAT)); // it exists: fine
  FAILS(write(fd, "x", 1), EBADF);
  close(fd);
  fd = OK(open("/net/ipifc", O_RDONLY));
  FAILS(write(fd, "x", 1), EBADF);
  close(fd);
  fd = OK(open("/net/ipifc/0/ctl", O_WRONLY));
  char b[4];
  FAILS(read(fd, b, 4), EBADF);
  close(fd);
  // Making, linking and removing names.
  FAILS(open("/net/new", O_CREAT | O_WRONLY), EROFS);
  FAILS(open("/net/ipifc/0/new", O_CREAT | O_RDONLY), EROFS);
  FAILS(open("/net/sockets", O_CREAT | O_EXCL | O_RDONLY), EEXIST);
  FAILS(mkdir("/net/d", 0755), EROFS);
  FAILS(mkdir("/net/ipifc/9", 0755), EROFS);
  FAILS(mkdir("/net/ipifc", 0755), EEXIST);
  FAILS(mkdir("/net", 0755), EEXIST);
  FAILS(mknod("/net/console", CONSOLE, 0), EROFS);
  FAILS(unlink("/net/sockets"), EROFS);
  FAILS(unlink("/net/ipifc/0"), EROFS);
  FAILS(unlink("/net/ipifc"), EROFS);
  FAILS(unlink("/net/nope"), EROFS);
  FAILS(unlink("/net"), EBUSY);
  FAILS(unlink("/net/."), EROFS);
  close(OK(open(DIR "/f", O_CREAT | O_WRONLY)));
  FAILS(link("/net/sockets", DIR "/x"), EXDEV);
  FAILS(link("/net/sockets", "/net/x"), EROFS);
  FAILS(link("/net/ipifc", DIR "/x"), EPERM); // a directory
  FAILS(link(DIR "/f", "/net/f"), EXDEV);
  FAILS(link(DIR "/f", "/net/ipifc/0/f"), EXDEV);
  struct stat st;
  FAILS(stat(DIR "/x", &st), ENOENT);
  OK(stat(DIR "/f", &st));
  EXPECT(st.st_nlink == 1, "nlink %d after refused links", st.st_nlink);
  // A socket's name in /net.
  int s = OK(socket(AF_UNIX, SOCK_DGRAM, 0));
  struct sockaddr_un a = {AF_UNIX, "/net/s"};
  FAILS(bind(s, (struct sockaddr *)&a, sizeof(a)), EROFS);
  close(s);
  names(now, sizeof(now));
  EXPECT(strcmp(was, now) == 0, "/net changed: \"%s\" -> \"%s\"", was, now);
  OK(stat("/net", &st));
  EXPECT(S_ISDIR(st.st_mode) && st.st_dev == NETDEV, "/net is not mounted");
  unlink(DIR "/f");
}

// ---- bad pointers and lengths
// ------------------------------------------------

static void netbadargs(void) {
  int fd = OK(open("/net/sockets", O_RDONLY));
  FAILS(read(fd, (void *)0, 10), EFAULT);
  FAILS(read(fd, (void *)BADADDR, 10), EFAULT);
  FAILS(read(fd, text, -1), EINVAL);
  EXPECT(read(fd, text, 0) == 0, "read of 0");
  // Nothing was consumed: the text is all there from the start.
  int n = readall(fd, text, sizeof(text) - 1, 4096);
  text[n] = 0;
  EXPECT(strncmp(text, "id ", 3) == 0, "after bad reads: %.20s", text);
  // Just past the end of the process's memory.
  OK(lseek(fd, 0, SEEK_SET));
  FAILS(read(fd, (void *)PGROUNDUP(sbrk(0)), 10), EFAULT);
  close(fd);
  fd = OK(open("/net", O_RDONLY));
  FAILS(read(fd, (void *)BADADDR, sizeof(struct dirent)), EFAULT);
  close(fd);
  // Writes of commands.
  fd = OK(open("/net/ipifc/0/ctl", O_WRONLY));
  FAILS(write(fd, (void *)0, 2), EFAULT);
  FAILS(write(fd, (void *)BADADDR, 2), EFAULT);
  FAILS(write(fd, "up", -1), EINVAL);
  EXPECT(write(fd, "up", 0) == 0, "write of 0");
  static char cmd[LOLEN + 2];
  memset(cmd, 'x', sizeof(cmd));
  FAILS(write(fd, cmd, LOLEN + 1), EINVAL); // too long for a command
  FAILS(write(fd, cmd, LOLEN), EINVAL);     // reaches ctl: a bad command
  memcpy(cmd, "up                  ", 20);  // the longest good command
  for (int i = 20; i < LOLEN - 1; i++)
    cmd[i] = ' ';
  cmd[LOLEN - 1] = '\n';
  EXPECT(write(fd, cmd, LOLEN) == LOLEN, "a %d-byte command: %s", LOLEN,
         strerror(errno));
  FAILS(write(fd, "up\0x", 4), EINVAL); // a NUL inside
  close(fd);
}

// ---- /net/ipifc/N/ctl
// ------------------------------------------------------------

// The lines of lo's status that commands change (not the counters).
static void lostate(char *out, int max) {
  SLURP("/net/ipifc/0/status", text2, 4096);
  out[0] = 0;
  struct line l;
  for (const char *t = text2; t;) {
    t = splitline(t, &l);
    if (l.n == 2 && (!strcmp(l.f[0], "up") || !strcmp(l.f[0], "addr") ||
                     !strcmp(l.f[0], "mtu") || !strcmp(l.f[0], "name"))) {
      int n = strlen(out);
      snprintf(out + n, max - n, "%s %s;", l.f[0], l.f[1]);
    }
  }
}

#define CTL(cmd) ctl_((cmd), __LINE__)
static int ctl_(const char *cmd, int line) {
  int fd = open("/net/ipifc/0/ctl", O_WRONLY);
  if (fd < 0)
    fail(line, "open ctl: %s", strerror(errno));
  errno = 0;
  int r = write(fd, cmd, strlen(cmd));
  int e = errno;
  close(fd);
  if (r >= 0 && r != (int)strlen(cmd))
    fail(line, "%s: wrote %d", cmd, r);
  errno = e;
  return r < 0 ? -1 : 0;
}

static void netctl(void) {
  char was[512], now[512];
  lostate(was, sizeof(was));
  EXPECT(strstr(was, "name lo;") && strstr(was, "addr 127.0.0.1/8;") &&
             strstr(was, "up yes;"),
         "lo: %s", was);
  // Bad commands: EINVAL, and nothing changes.
  const char *bad[] = {"\n",
                       "bogus",
                       "add",
                       "add 10.99.0.1",
                       "add 10.99.0.1/33",
                       "add 10.99.0.1/24 255.255.255.0",
                       "add 10.99.0.1 255.0.255.0",
                       "add 10.99.0.1 255.255.255.0 extra",
                       "add 10.99.0.256/24",
                       "add 10.99.0.1/024",
                       "remove",
                       "remove 10.99.0",
                       "up now",
                       "down 1",
                       "UP",
                       "add10.99.0.1/24",
                       "add 10.99.0.0/24",   // the network itself
                       "add 10.99.0.255/24", // its broadcast
                       "add 224.0.0.1/4"};
  for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    errno = 0;
    EXPECT(CTL(bad[i]) < 0 && errno == EINVAL, "\"%s\": %s", bad[i],
           strerror(errno));
  }
  lostate(now, sizeof(now));
  EXPECT(strcmp(was, now) == 0, "bad commands changed lo: %s", now);
  // add and remove, both spellings; a trailing newline is fine.
  OK(CTL("add 10.99.0.1/24\n"));
  lostate(now, sizeof(now));
  EXPECT(strstr(now, "addr 10.99.0.1/24;"), "added: %s", now);
  errno = 0;
  EXPECT(CTL("add 10.99.0.1 255.255.255.0") < 0 && errno == EADDRINUSE,
         "added twice: %s", strerror(errno));
  OK(CTL("remove 10.99.0.1 255.255.255.0"));
  errno = 0;
  EXPECT(CTL("remove 10.99.0.1/24") < 0 && errno == EADDRNOTAVAIL,
         "removed twice: %s", strerror(errno));
  OK(CTL("add 10.99.0.2 255.255.0.0"));
  lostate(now, sizeof(now));
  EXPECT(strstr(now, "addr 10.99.0.2/16;"), "added with a mask: %s", now);
  OK(CTL("remove 10.99.0.2")); // any prefix length
  lostate(now, sizeof(now));
  EXPECT(strcmp(was, now) == 0, "after remove: %s", now);
  // down and up.
  OK(CTL("down"));
  lostate(now, sizeof(now));
  int down = strstr(now, "up no;") != 0;
  OK(CTL("up\n"));
  EXPECT(down, "down did not show: %s", now);
  lostate(now, sizeof(now));
  EXPECT(strcmp(was, now) == 0, "after up: %s", now);
}

// ---- nothing leaks
// ---------------------------------------------------------------

static void netstress(void) {
  struct sysinfo a, b;
  char c;
  OK(sysinfo(&a));
  for (int i = 0; i < 200; i++) {
    SLURP("/net/sockets", text, 512);
    SLURP("/net/ipifc/0/status", text, 7);
    int fd = OK(open("/net/ipifc", O_RDONLY)); // a partial read, then close
    EXPECT(read(fd, &c, 1) == 1, "dir read");
    close(fd);
    fd = OK(open("/net/ipifc/0/status", O_RDONLY));
    EXPECT(read(fd, &c, 1) == 1, "status read");
    int fd2 = OK(dup(fd));
    close(fd);
    EXPECT(read(fd2, &c, 1) == 1, "read through dup");
    close(fd2);
    FAILS(open("/net/ipifc/0/ctl", O_RDONLY), EACCES);
    FAILS(open("/net/nope", O_RDONLY), ENOENT);
    FAILS(open("/net/new", O_CREAT | O_RDWR), EROFS);
    fd = OK(open("/net/ipifc/0/ctl", O_WRONLY));
    FAILS(write(fd, "bogus", 5), EINVAL);
    close(fd);
  }
  // Open files shared with children that close them at exit.
  for (int i = 0; i < 20; i++) {
    int fd = OK(open("/net/sockets", O_RDONLY));
    EXPECT(read(fd, &c, 1) == 1, "read");
    int pid = SPAWN();
    if (pid == 0) {
      EXPECT(read(fd, &c, 1) == 1, "child's read");
      exit(0);
    }
    close(fd);
    EXITED(pid, 0);
  }
  // Descriptors: the table fills, then empties.
  int fds[NOFILE], n = 0, fd;
  while (n < NOFILE && (fd = open("/net/sockets", O_RDONLY)) >= 0) {
    EXPECT(read(fd, &c, 1) == 1, "read %d", n);
    fds[n++] = fd;
  }
  EXPECT(errno == EMFILE && n > NOFILE - 8, "opened %d: %s", n,
         strerror(errno));
  while (n > 0)
    close(fds[--n]);
  // Open files and inodes are back now. (Free pages are not compared
  // here: the runner forks this case's watchdog while the case runs.
  // The suite's leak check after the last case compares them.)
  OK(sysinfo(&b));
  EXPECT(a.nfile == b.nfile && a.ninode == b.ninode, "files %d, inodes %d",
         (int)(b.nfile - a.nfile), (int)(b.ninode - a.ninode));
}

// ---- the cases, for the runner (testlib) ----------------------------------

static struct tcase cases[] = {
    {"netls", netls, 1, 60},
    {"netsockets", netsockets, 1, 60},
    {"netbig", netbig, 1, 60},
    {"netoffsets", netoffsets, 1, 60},
    {"netsnapshot", netsnapshot, 1, 60},
    {"netstats", netstats, 1, 60},
    {"netdotdot", netdotdot, 1, 60},
    {"netnoent", netnoent, 1, 60},
    {"netrofs", netrofs, 1, 60},
    {"netbadargs", netbadargs, 1, 60},
    {"netctl", netctl, 1, 60},
    {"netstress", netstress, 1, 120},
};

// The paths the cases take, once, so that what the kernel keeps (the
// inode cache's entries are reused, not kept) is there before the leak
// check's first look.
static void warmup(void) {
  char b[64];
  int fd = open("/net/sockets", O_RDONLY);
  if (fd >= 0) {
    read(fd, b, sizeof(b));
    close(fd);
  }
}

int main(int argc, char *argv[]) {
  static struct suite suite = {.name = "netfstests",
                               .dir = DIR,
                               .cases = cases,
                               .ncases = NELEM(cases),
                               .warmup = warmup,
                               .flags = T_NOSOCK | T_KILLKIDS};
  return runsuite(&suite, argc, argv);
}
