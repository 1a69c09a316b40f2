// kernel/net/net.h: what the socket layer offers the rest of the kernel,
// and the families (struct domain, socket.h) the core knows.
#ifndef KERNEL_NET_NET_H
#define KERNEL_NET_NET_H

struct domain;
extern const struct domain unix_domain; // unix.c
extern const struct domain inet_domain; // inet.c

void xv6sock_init(void);
void netfs_sockets_init(void); // /net/sockets (netfs_sockets.c)
void netfs_ipifc_init(void);   // /net/ipifc (netfs_ipifc.c)
void netfs_inet_init(void);    // /net/iproute, arp, ndb, stats
void xv6sock_exit(int pid);

#endif
