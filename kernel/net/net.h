// kernel/net/net.h: what the socket layer offers the rest of the kernel,
// and the protocols the core knows.
#ifndef KERNEL_NET_NET_H
#define KERNEL_NET_NET_H

struct protosw;
struct socket;
extern const struct protosw unix_stream_proto;
extern const struct protosw unix_dgram_proto;
extern const struct protosw unix_seqpacket_proto;

void unixinit(void);
int unix_pair(struct socket *a, struct socket *b);
void xv6sock_init(void);
void xv6sock_exit(int pid);

#endif
