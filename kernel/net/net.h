// kernel/net/net.h: what the socket layer offers the rest of the kernel,
// and the protocols the core knows.
#ifndef KERNEL_NET_NET_H
#define KERNEL_NET_NET_H

struct protosw;
extern const struct protosw unix_stream_proto;

void unixinit(void);
void xv6sock_init(void);
void xv6sock_exit(int pid);

#endif
