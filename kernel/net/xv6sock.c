// kernel/net/xv6sock.c: the xv6 face of the socket layer: the five calls
// of the xv6 socket assignment (listen, connect, send, recv, disconnect)
// with its signalcodes.h error codes.
//
// A thin layer: it checks arguments in the order the assignment's
// semantics give, maps (owner process, local port) to a socket of the
// core, and translates results. Port p is the AF_UNIX abstract name
// "\0xv6:p"; connections run over the AF_UNIX stream transport.
//
// The face's own rules on top of a stream: listen accepts one client and
// the server's port then names that connection; send waits until the
// peer has read the previous message (one in flight each way); recv
// returns 0, not a count. See docs/xv6-socket-api.md.
#include <signalcodes.h>
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "socket.h"
#include "net.h"

// [x] xv6lock must be held. No call into the socket core is made with
// xv6lock held except soref(), which never sleeps: a port is claimed
// (busy) under the lock, the socket is set up without it, and the claim
// is then filled in or given back under the lock again.
// Lock order: xv6lock -> socktable.lock.
static struct spinlock xv6lock;
static struct {
  struct socket *so; // [x] 0 while the port is free or busy
  int busy;          // [x] claimed: a listen or connect is setting it up
  int pid;           // [x] owner
} ports[XV6_NPORT];
static int nopen; // [x] ports in use (busy ones too)

void xv6sock_init(void) { initlock(&xv6lock, "xv6sock"); }

// The abstract AF_UNIX name of a port.
static int portname(int port, struct sockaddr_un *a) {
  memset(a, 0, sizeof(*a));
  a->sun_family = AF_UNIX;
  char digits[8];
  int n = 0;
  do {
    digits[n++] = '0' + port % 10;
    port /= 10;
  } while (port > 0);
  char *p = a->sun_path;
  *p++ = 0;
  memmove(p, "xv6:", 4);
  p += 4;
  while (n > 0)
    *p++ = digits[--n];
  return sizeof(sa_family_t) + (p - a->sun_path);
}

// Free a port; returns its socket, whose reference the caller drops.
// xv6lock held.
static struct socket *unport(int port) {
  struct socket *so = ports[port].so;
  ports[port].so = 0;
  ports[port].busy = 0;
  ports[port].pid = 0;
  nopen--;
  return so;
}

static int port_free(int port) {
  return ports[port].so == 0 && !ports[port].busy;
}

// Claim a free port for the caller while its socket is set up.
// xv6lock held.
static void claim(int port) {
  ports[port].busy = 1;
  ports[port].pid = myproc()->pid;
  nopen++;
}

// End a claim: the port names so from now on, or (so == 0) is free
// again.
static void settle(int port, struct socket *so) {
  acquire(&xv6lock);
  if (so) {
    ports[port].so = so;
    ports[port].busy = 0;
  } else {
    unport(port);
  }
  release(&xv6lock);
}

// The socket at port, referenced, if the caller owns it; else 0 with
// *err = E_NOTFOUND or E_ACCESS_DENIED.
static struct socket *owned(int port, int *err) {
  struct socket *so = 0;
  acquire(&xv6lock);
  if (ports[port].so == 0)
    *err = E_NOTFOUND;
  else if (ports[port].pid != myproc()->pid)
    *err = E_ACCESS_DENIED;
  else {
    so = ports[port].so;
    soref(so);
  }
  release(&xv6lock);
  return so;
}

// Free port if it still names so, dropping the port's reference.
static void dropport(int port, struct socket *so) {
  struct socket *old = 0;
  acquire(&xv6lock);
  if (ports[port].so == so)
    old = unport(port);
  release(&xv6lock);
  if (old)
    sorelease(old);
}

// The peer is gone: close our end too (if the port still names it).
static int reset(int port, struct socket *so) {
  dropport(port, so);
  return E_CONNECTION_RESET_BY_REMOTE;
}

// The face's code for a failed send or recv. A signal is passed on as
// it is: the call is restarted, or returns -EINTR (see sigframe.c).
static int errcode(int r) {
  if (r == -ERESTARTSYS || r == -EINTR)
    return r;
  return r == -EFAULT ? E_INVALID_ARG : E_FAIL;
}

static int connected(struct socket *so) {
  int st = sostate_get(so);
  return st == SS_CONNECTED || st == SS_CLOSING;
}

// listen(port): wait for one client; the port then names the connection.
int64 sys_xv6_listen(void) {
  int port = argint(0);
  struct sockaddr_un name;
  struct socket *so;
  if (port < 0 || port >= XV6_NPORT)
    return E_INVALID_ARG;
  if (socreate(AF_UNIX, SOCK_STREAM, 0, &so) < 0)
    return E_FAIL; // the system's socket table is full
  acquire(&xv6lock);
  int err = nopen >= XV6_MAXSOCK ? E_FAIL
            : !port_free(port)   ? E_ACCESS_DENIED
                                 : 0;
  if (err == 0)
    claim(port);
  release(&xv6lock);
  if (err != 0) {
    sorelease(so);
    return err;
  }
  int len = portname(port, &name);
  if (sobind(so, (struct sockaddr *)&name, len) < 0 || solisten(so, 1) < 0) {
    settle(port, 0);
    sorelease(so);
    return E_FAIL;
  }
  settle(port, so);

  // Wait for a client. Once one is queued, the listener is shut so that
  // no second client can join the queue (it gets E_WRONG_STATE), the
  // client is taken, and the port renamed to the connection.
  struct socket *conn;
  err = sowaitconn(so);
  if (err < 0) {
    // A signal. Free the port, so that the call can start over (it is
    // restarted, or returns -EINTR); a killed process ends anyway.
    dropport(port, so);
    return err;
  }
  soshutdown(so, SHUT_RD);
  if (soaccept(so, 1, &conn) < 0)
    return E_FAIL; // cannot happen: the queue was not empty
  acquire(&xv6lock);
  int mine = ports[port].so == so;
  if (mine)
    ports[port].so = conn;
  release(&xv6lock);
  sorelease(so); // the listener: the port's reference
  if (!mine) {
    sorelease(conn); // the port went away meanwhile (exit)
    return E_FAIL;
  }
  return 0;
}

// connect(port, host): returns the local port chosen, counting down
// from the highest free one.
int64 sys_xv6_connect(void) {
  int port = argint(0);
  char host[16];
  if (argstr(1, host, sizeof(host)) < 0 ||
      (strncmp(host, "localhost", sizeof(host)) != 0 &&
       strncmp(host, "127.0.0.1", sizeof(host)) != 0))
    return E_INVALID_ARG;
  if (port < 0 || port >= XV6_NPORT)
    return E_INVALID_ARG;

  struct socket *so, *target = 0;
  if (socreate(AF_UNIX, SOCK_STREAM, 0, &so) < 0)
    return E_FAIL; // the system's socket table is full
  acquire(&xv6lock);
  int local = XV6_NPORT - 1;
  while (local > 0 && !port_free(local))
    local--;
  int err = nopen >= XV6_MAXSOCK || local == 0 ? E_FAIL
            : ports[port].so == 0              ? E_NOTFOUND
                                               : 0;
  if (err == 0) {
    target = ports[port].so;
    soref(target);
    claim(local);
  }
  release(&xv6lock);

  if (err == 0 && !soacceptable(target))
    err = E_WRONG_STATE;
  if (err == 0) {
    struct sockaddr_un a;
    int len = portname(local, &a);
    if (sobind(so, (struct sockaddr *)&a, len) < 0) {
      err = E_FAIL;
    } else {
      len = portname(port, &a);
      int r = soconnect(so, (struct sockaddr *)&a, len, 1);
      if (r == -ENOBUFS)
        err = E_FAIL; // no socket left for the server's end
      else if (r < 0)
        err = E_WRONG_STATE; // not listening, or it has its client
    }
  }
  if (target) {
    settle(local, err == 0 ? so : 0);
    sorelease(target);
  }
  if (err != 0) {
    sorelease(so);
    return err;
  }
  return local;
}

// The argument checks send and recv share, in the face's order.
static struct socket *msgargs(int *port, uint64 *buf, int *n, int write,
                              int *err) {
  *port = argint(0);
  *buf = argaddr(1);
  *n = argint(2);
  if (*port < 0 || *port >= XV6_NPORT || *n <= 0 || *n > XV6_MAXMSG ||
      !uaccess_ok(myproc()->pagetable, *buf, *n, write)) {
    *err = E_INVALID_ARG;
    return 0;
  }
  struct socket *so = owned(*port, err);
  if (so && !connected(so)) {
    sorelease(so);
    *err = E_WRONG_STATE;
    return 0;
  }
  return so;
}

// send(port, buf, n): one message; waits until the peer has read the
// previous one.
int64 sys_xv6_send(void) {
  int port, n, err;
  uint64 buf;
  struct socket *so = msgargs(&port, &buf, &n, 0, &err);
  if (so == 0)
    return err;
  int r = sowaitsent(so);
  if (r == 0)
    r = sosend(so, 1, buf, n, 0, 0, 0);
  if (r == -EPIPE || r == -ECONNRESET)
    err = reset(port, so);
  else if (r < 0)
    err = errcode(r);
  else
    err = 0;
  sorelease(so);
  return err;
}

// recv(port, buf, n): up to n bytes of the message waiting (the rest
// stays for the next recv); waits until there is one.
int64 sys_xv6_recv(void) {
  int port, n, err;
  uint64 buf;
  struct socket *so = msgargs(&port, &buf, &n, 1, &err);
  if (so == 0)
    return err;
  int r = sorecv(so, 1, buf, n, 0, 0, 0, 0);
  if (r == 0 || r == -ECONNRESET)
    err = reset(port, so); // end of stream: the peer is gone
  else if (r < 0)
    err = errcode(r);
  else
    err = 0;
  sorelease(so);
  return err;
}

int64 sys_xv6_disconnect(void) {
  int port = argint(0);
  if (port < 0 || port >= XV6_NPORT)
    return E_INVALID_ARG;
  int err = 0;
  struct socket *so = 0;
  acquire(&xv6lock);
  if (ports[port].so == 0)
    err = E_NOTFOUND;
  else if (ports[port].pid != myproc()->pid)
    err = E_ACCESS_DENIED;
  else
    so = unport(port);
  release(&xv6lock);
  if (so)
    sorelease(so);
  return err;
}

// A process is exiting: disconnect every port it owns.
void xv6sock_exit(int pid) {
  for (int port = 0; port < XV6_NPORT; port++) {
    struct socket *so = 0;
    acquire(&xv6lock);
    if (ports[port].so && ports[port].pid == pid)
      so = unport(port);
    release(&xv6lock);
    if (so)
      sorelease(so);
  }
}
