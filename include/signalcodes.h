// signalcodes.h: the error codes of the xv6 socket face (listen, connect,
// send, recv, disconnect), as the xv6 socket assignment defines them.
// Shared by the kernel (kernel/net/xv6sock.c) and user programs.
#ifndef SIGNALCODES_H
#define SIGNALCODES_H

#define E_NOTFOUND -1025      // no socket at that port
#define E_ACCESS_DENIED -1026 // another process's socket; port in use
#define E_WRONG_STATE -1027   // not connected / not listening
#define E_FAIL -1028          // no free socket or port
#define E_INVALID_ARG -1029   // bad port, host, buffer or length
#define E_CONNECTION_RESET_BY_REMOTE -1030 // the peer disconnected or exited

// Limits of netv6's implementation of the face.
#define XV6_NPORT 128   // ports 0 .. XV6_NPORT-1
#define XV6_MAXSOCK 32  // sockets of this face open at once
#define XV6_MAXMSG 4096 // largest message send() accepts, in bytes

#endif
