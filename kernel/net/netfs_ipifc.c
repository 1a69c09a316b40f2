// kernel/net/netfs_ipifc.c: /net/ipifc, the network interfaces as files
// (Plan 9's ip(3) names; a netfs provider, fs/netfs.h, over netif.h).
// /net/ipifc/N is interface N (lo is 0), with:
//
//   status  what it is, one "key value" a line: name, type (loopback or
//           ether), mac, mtu, up and link (yes or no), an "addr A/LEN"
//           line per address, then the counters ipackets, ibytes,
//           ierrors, idrops, opackets, obytes, oerrors, odrops.
//   ctl     write-only; one command per write:
//             add A M | add A/LEN       add an address (and its route)
//             remove A M | remove A/LEN | remove A
//             up | down                 administratively up or down
//           A bad command fails with EINVAL and changes nothing; the
//           others give netif.h's errors (EADDRINUSE, ENOSPC,
//           EADDRNOTAVAIL).
//
// Interfaces are never unregistered, so N's pointer stays good while a
// file of it is open.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../defs.h"
#include "../fs/netfs.h"
#include "inet_text.h"
#include "netif.h"
#include "net.h"

static int present(int n) { return netif_get(n) != 0; }

static int status_read(struct netfs_file *nf, struct netfs_text *t) {
  struct netif *ifp = netif_get(nf->inst);
  if (ifp == 0)
    return -ENOENT;
  acquire(&ifp->lock);
  uint32 mtu = ifp->mtu;
  int up = ifp->up, link = ifp->link;
  struct ifaddr addr[NETIF_NADDR];
  memmove(addr, ifp->addr, sizeof(addr));
  release(&ifp->lock);

  const uint8 *m = ifp->mac;
  netfs_printf(t, "name %s\n", ifp->name);
  netfs_printf(t, "type %s\n", ifp->type == NETIF_LOOP ? "loopback" : "ether");
  netfs_printf(t, "mac %02x:%02x:%02x:%02x:%02x:%02x\n", m[0], m[1], m[2], m[3],
               m[4], m[5]);
  netfs_printf(t, "mtu %u\n", mtu);
  netfs_printf(t, "up %s\nlink %s\n", up ? "yes" : "no", link ? "yes" : "no");
  for (int i = 0; i < NETIF_NADDR; i++)
    if (addr[i].addr)
      netfs_printf(t, "addr " IP_FMT "/%d\n", IP_ARGS(addr[i].addr),
                   addr[i].plen);
  const struct netif_stats *s = &ifp->st;
  netfs_printf(t, "ipackets %lu\nibytes %lu\nierrors %lu\nidrops %lu\n",
               s->ipackets, s->ibytes, s->ierrors, s->idrops);
  netfs_printf(t, "opackets %lu\nobytes %lu\noerrors %lu\nodrops %lu\n",
               s->opackets, s->obytes, s->oerrors, s->odrops);
  return 0;
}

static int ctl_write(struct netfs_file *nf, char *cmd, int len) {
  (void)len;
  struct netif *ifp = netif_get(nf->inst);
  if (ifp == 0)
    return -ENOENT;
  char *argv[4];
  int argc = netfs_args(cmd, argv, 3);
  if (argc < 1)
    return -EINVAL;
  if (argc == 1 && strncmp(argv[0], "up", 3) == 0)
    return netif_setup(ifp, 1);
  if (argc == 1 && strncmp(argv[0], "down", 5) == 0)
    return netif_setup(ifp, 0);
  int add = strncmp(argv[0], "add", 4) == 0;
  if (!add && strncmp(argv[0], "remove", 7) != 0)
    return -EINVAL;
  ipaddr_t a;
  int plen;
  if (argc < 2 ||
      inet_text_prefix(argv[1], argc == 3 ? argv[2] : 0, &a, &plen) < 0)
    return -EINVAL;
  if (add)
    return plen < 0 ? -EINVAL : netif_addaddr(ifp, a, plen);
  return netif_deladdr(ifp, a, plen);
}

static const struct netfs_ops status_ops = {.read = status_read};
static const struct netfs_ops ctl_ops = {.write = ctl_write};

// Boot, after netfsinit; interfaces may register before or after.
void netfs_ipifc_init(void) {
  int dir = netfs_dir(NETFS_ROOT, "ipifc");
  int n = netfs_numdir(dir, NETIF_MAX, present);
  if (dir < 0 || n < 0 || netfs_file(n, "status", &status_ops, 0) < 0 ||
      netfs_file(n, "ctl", &ctl_ops, 0) < 0)
    panic("netfs_ipifc_init");
}
