// kernel/net/netfs_sockets.c: /net/sockets, every socket of the core in
// text (a netfs provider, fs/netfs.h; netstat reads it). A header line,
// then a line per socket:
//
//   id fam  type   state      rcvq sndq local peer
//   3  unix stream CONNECTED  5    0    /tmp/s -
//
// id is the socket's slot; fam is unix or inet; type is stream, dgram,
// seqpacket or raw; state is the core's (sostate.h). rcvq is the bytes
// waiting to be read and sndq the bytes sent that the peer has not read,
// except for a listener, where they are its accept queue and backlog
// (as in Linux's ss). Names: "-" for none; an AF_UNIX path as it is, an
// abstract name as @name, an IPv4 address as a.b.c.d:port. Bytes in
// names that are blanks or not printable show as '?', so that every
// line splits on blanks into exactly 8 fields.
#include <netv6/in.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../fs/netfs.h"
#include "socket.h"
#include "net.h"

static const char *typename(int type) {
  switch (type) {
  case SOCK_STREAM:
    return "stream";
  case SOCK_DGRAM:
    return "dgram";
  case SOCK_SEQPACKET:
    return "seqpacket";
  case SOCK_RAW:
    return "raw";
  }
  return "?";
}

// A byte of a name: blanks and unprintable bytes show as '?'.
static void putbyte(struct netfs_text *t, char c) {
  netfs_printf(t, "%c", c > ' ' && c < 0x7f ? c : '?');
}

static void putaddr(struct netfs_text *t, const struct sockaddr_storage *a,
                    int len) {
  int n = len - (int)sizeof(sa_family_t);
  if (len <= 0 || n <= 0) {
    netfs_printf(t, "-");
  } else if (a->ss_family == AF_UNIX) {
    const struct sockaddr_un *u = (const struct sockaddr_un *)a;
    int abstract = u->sun_path[0] == 0; // its length says where it ends
    if (abstract)
      netfs_printf(t, "@");
    for (int i = abstract; i < n && (abstract || u->sun_path[i]); i++)
      putbyte(t, u->sun_path[i]);
  } else if (a->ss_family == AF_INET) {
    const struct sockaddr_in *in = (const struct sockaddr_in *)a;
    uint32 h = ntohl(in->sin_addr.s_addr);
    netfs_printf(t, "%d.%d.%d.%d:%d", h >> 24, (h >> 16) & 255, (h >> 8) & 255,
                 h & 255, ntohs(in->sin_port));
  } else {
    netfs_printf(t, "?");
  }
}

static int sockets_read(struct netfs_file *nf, struct netfs_text *t) {
  (void)nf;
  netfs_printf(t, "%-3s %-4s %-9s %-10s %5s %5s %s %s\n", "id", "fam", "type",
               "state", "rcvq", "sndq", "local", "peer");
  for (int i = 0; i < NSOCKET; i++) {
    struct sosnap s;
    if (sosnapshot(i, &s) < 0)
      continue;
    const char *fam = s.family == AF_UNIX   ? "unix"
                      : s.family == AF_INET ? "inet"
                                            : "?";
    int listening = s.state == SS_LISTENING;
    netfs_printf(t, "%-3d %-4s %-9s %-10s %5d %5d ", i, fam, typename(s.type),
                 sostate_name(s.state), listening ? s.qlen : (int)s.rcvq,
                 listening ? s.backlog : s.sndq);
    putaddr(t, &s.local, s.locallen);
    netfs_printf(t, " ");
    putaddr(t, &s.peer, s.peerlen);
    netfs_printf(t, "\n");
  }
  return 0;
}

static const struct netfs_ops sockets_ops = {.read = sockets_read};

// Boot, after netfsinit and sockinit.
void netfs_sockets_init(void) {
  if (netfs_file(NETFS_ROOT, "sockets", &sockets_ops, 0) < 0)
    panic("netfs_sockets_init");
}
