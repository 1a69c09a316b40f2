// bits/sockcall.h: one name, two socket faces.
//
// listen, connect, send and recv are calls of both the xv6 face
// (listen(port), connect(port, host), send(port, buf, n), recv(port, buf, n))
// and the BSD face (listen(fd, backlog), connect(fd, addr, len),
// send(fd, buf, len, flags), recv(fd, buf, len, flags)). Every pair
// differs in its number of arguments, so the name is a macro that picks
// the entry point by counting them: xv6_listen for one argument, the BSD
// listen for two, and so on. Programs written for either face compile
// unchanged; one program may even use both. (Taking the address of
// these names needs the entry point's own name, e.g. &xv6_send.)
#ifndef _BITS_SOCKCALL_H
#define _BITS_SOCKCALL_H

#define __NV6_NARG(...) __NV6_NARG_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __NV6_NARG_(a1, a2, a3, a4, a5, a6, n, ...) n
#define __NV6_PASTE(a, b) __NV6_PASTE_(a, b)
#define __NV6_PASTE_(a, b) a##b
// name_N(args), N the number of args.
#define __NV6_BYARGS(name, ...) \
  __NV6_PASTE(name##_, __NV6_NARG(__VA_ARGS__))(__VA_ARGS__)

// The xv6 face: results are 0 / a port, or a negative code from
// signalcodes.h (not -1 and errno).
int xv6_listen(int port);
int xv6_connect(int port, const char *host);
int xv6_send(int port, const char *buf, int n);
int xv6_recv(int port, char *buf, int n);
int xv6_disconnect(int port);

#define listen(...) __NV6_BYARGS(__nv6_listen, __VA_ARGS__)
#define __nv6_listen_1 xv6_listen
#define __nv6_listen_2 listen
#define connect(...) __NV6_BYARGS(__nv6_connect, __VA_ARGS__)
#define __nv6_connect_2 xv6_connect
#define __nv6_connect_3 connect
#define send(...) __NV6_BYARGS(__nv6_send, __VA_ARGS__)
#define __nv6_send_3 xv6_send
#define __nv6_send_4 send
#define recv(...) __NV6_BYARGS(__nv6_recv, __VA_ARGS__)
#define __nv6_recv_3 xv6_recv
#define __nv6_recv_4 recv
#define disconnect(port) xv6_disconnect(port)

#endif
