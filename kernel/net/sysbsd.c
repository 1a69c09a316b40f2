// kernel/net/sysbsd.c: the BSD face of the socket layer: socket calls on
// file descriptors. A socket descriptor is an open file of type
// FD_SOCKET holding one reference on a socket of the core, so read,
// write, close, dup, fork and poll work on it as on any file.
//
// Each call fetches and checks its arguments (addresses are copied in
// and out here, lengths checked), then calls the socket core.
#include <netv6/fcntl.h>
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../file.h"
#include "../defs.h"
#include "socket.h"

#define FD_CLOEXEC 1

// The socket behind descriptor argument n. Returns 0 with *err set to
// -EBADF or -ENOTSOCK if there is none.
static struct file *argsock(int n, int *err) {
  int fd = argint(n);
  struct file *f = (fd >= 0 && fd < NOFILE) ? myproc()->ofile[fd] : 0;
  if (f == 0) {
    *err = -EBADF;
    return 0;
  }
  if (f->type != FD_SOCKET) {
    *err = -ENOTSOCK;
    return 0;
  }
  return f;
}

// Give a socket a descriptor. On failure the socket is released.
static int sockfd(struct socket *so, int flags) {
  struct file *f = filealloc();
  if (f == 0) {
    sorelease(so);
    return -ENFILE;
  }
  f->type = FD_SOCKET;
  f->sock = so;
  f->readable = f->writable = 1;
  f->flags = (flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0;
  int fd = fdalloc(f, (flags & SOCK_CLOEXEC) ? FD_CLOEXEC : 0);
  if (fd < 0)
    fileclose(f); // releases the socket
  return fd;
}

// Copy a socket address argument in. Returns its length or -errno.
static int argaddrin(int n, int lenarg, struct sockaddr_storage *a) {
  int len = argint(lenarg);
  if (len < 0 || len > (int)sizeof(*a))
    return -EINVAL;
  memset(a, 0, sizeof(*a));
  if (copyin(myproc()->pagetable, a, argaddr(n), len) < 0)
    return -EFAULT;
  return len;
}

// Copy an address out to (uaddr, ulenp): at most *ulenp bytes, and
// the full length into *ulenp. A null uaddr wants nothing.
static int addrout(uint64 uaddr, uint64 ulenp, struct sockaddr_storage *a,
                   int len) {
  if (uaddr == 0)
    return 0;
  pagetable_t pt = myproc()->pagetable;
  int ulen;
  if (copyin(pt, &ulen, ulenp, sizeof(ulen)) < 0)
    return -EFAULT;
  if (ulen < 0)
    return -EINVAL;
  int n = len < ulen ? len : ulen;
  if (copyout(pt, uaddr, a, n) < 0 || copyout(pt, ulenp, &len, sizeof(len)) < 0)
    return -EFAULT;
  return 0;
}

static int typeflags(int type) { return type & (SOCK_NONBLOCK | SOCK_CLOEXEC); }

static int checktype(int type) {
  if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
    return -EINVAL;
  return 0;
}

// socket(domain, type, protocol)
int64 sys_socket(void) {
  int domain = argint(0), type = argint(1), protocol = argint(2);
  int err = checktype(type);
  if (err < 0)
    return err;
  struct socket *so;
  if ((err = socreate(domain, type & SOCK_TYPE_MASK, protocol, &so)) < 0)
    return err;
  return sockfd(so, typeflags(type));
}

// socketpair(domain, type, protocol, int sv[2])
int64 sys_socketpair(void) {
  int domain = argint(0), type = argint(1), protocol = argint(2);
  uint64 usv = argaddr(3);
  int err = checktype(type);
  if (err < 0)
    return err;
  if (!uaccess_ok(myproc()->pagetable, usv, 2 * sizeof(int), 1))
    return -EFAULT;
  struct socket *a, *b;
  if ((err = sopair(domain, type & SOCK_TYPE_MASK, protocol, &a, &b)) < 0)
    return err;
  int fa = sockfd(a, typeflags(type));
  if (fa < 0) {
    sorelease(b);
    return fa;
  }
  int fb = sockfd(b, typeflags(type));
  if (fb < 0) {
    struct proc *p = myproc();
    struct file *f = p->ofile[fa];
    p->ofile[fa] = 0;
    fileclose(f);
    return fb;
  }
  int sv[2] = {fa, fb};
  copyout(myproc()->pagetable, usv, sv, sizeof(sv)); // checked above
  return 0;
}

// The (fd, addr, len) arguments of bind and connect: the socket file in
// *fp and the address copied into *a. Returns the address length or
// -errno.
static int sockaddrargs(struct file **fp, struct sockaddr_storage *a) {
  int err;
  if ((*fp = argsock(0, &err)) == 0)
    return err;
  return argaddrin(1, 2, a);
}

int64 sys_bind(void) {
  struct file *f;
  struct sockaddr_storage a;
  int len = sockaddrargs(&f, &a);
  if (len < 0)
    return len;
  return sobind(f->sock, (struct sockaddr *)&a, len);
}

int64 sys_listen(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  return solisten(f->sock, argint(1));
}

// accept4(fd, addr, addrlen, flags)
int64 sys_accept4(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  uint64 uaddr = argaddr(1), ulenp = argaddr(2);
  int flags = argint(3);
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
    return -EINVAL;
  if (f->sock->type == SOCK_DGRAM)
    return -EOPNOTSUPP;
  if (uaddr && !uaccess_ok(myproc()->pagetable, ulenp, sizeof(int), 1))
    return -EFAULT;
  // Get the descriptor and file first: if there are none, the
  // connection stays queued for a later accept (as on Linux).
  struct proc *p = myproc();
  int fd = 0;
  while (fd < NOFILE && p->ofile[fd])
    fd++;
  if (fd == NOFILE)
    return -EMFILE;
  struct file *nf = filealloc();
  if (nf == 0)
    return -ENFILE;
  struct socket *ns;
  if ((err = soaccept(f->sock, f->flags & O_NONBLOCK, &ns)) < 0) {
    fileclose(nf);
    return err;
  }
  struct sockaddr_storage a;
  int len = sogetname(ns, &a, 1);
  if (len < 0) {
    len = sizeof(sa_family_t);
    a.ss_family = f->sock->family;
  }
  nf->type = FD_SOCKET;
  nf->sock = ns;
  nf->readable = nf->writable = 1;
  nf->flags = (flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0;
  p->ofile[fd] = nf; // still free: a process has one thread
  p->fdflags[fd] = (flags & SOCK_CLOEXEC) ? FD_CLOEXEC : 0;
  addrout(uaddr, ulenp, &a, len); // like Linux: the connection is taken
  return fd;
}

int64 sys_connect(void) {
  struct file *f;
  struct sockaddr_storage a;
  int len = sockaddrargs(&f, &a);
  if (len < 0)
    return len;
  return soconnect(f->sock, (struct sockaddr *)&a, len, f->flags & O_NONBLOCK);
}

static int sendflags(int flags, struct file *f, int *sof) {
  if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL))
    return -EOPNOTSUPP;
  *sof = ((flags & MSG_DONTWAIT) || (f->flags & O_NONBLOCK)) ? SOF_NONBLOCK : 0;
  return 0;
}

// sendto(fd, buf, len, flags, addr, addrlen); send() is sendto with no
// address. A stream send the peer will never receive fails with EPIPE
// and raises SIGPIPE, unless flags has MSG_NOSIGNAL.
int64 sys_sendto(void) {
  int err, sof;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  uint64 buf = argaddr(1);
  int64 n = arglong(2);
  if (n < 0 || n > 0x7fffffff)
    return -EINVAL;
  if ((err = sendflags(argint(3), f, &sof)) < 0)
    return err;
  struct sockaddr_storage a;
  int alen = 0;
  if (argaddr(4) != 0 && (alen = argaddrin(4, 5, &a)) < 0)
    return alen; // what an address means is the protocol's (resolve)
  int r =
      sosend(f->sock, 1, buf, n, sof, alen ? (struct sockaddr *)&a : 0, alen);
  return sosigpipe(f->sock, r, argint(3) & MSG_NOSIGNAL);
}

// recvfrom(fd, buf, len, flags, addr, addrlen); recv() is recvfrom
// with no address. MSG_TRUNC on a message socket returns the message's
// real length.
int64 sys_recvfrom(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  uint64 buf = argaddr(1);
  int64 n = arglong(2);
  int flags = argint(3);
  uint64 uaddr = argaddr(4), ulenp = argaddr(5);
  if (n < 0 || n > 0x7fffffff)
    return -EINVAL;
  if (flags & ~(MSG_PEEK | MSG_DONTWAIT | MSG_WAITALL | MSG_TRUNC))
    return -EOPNOTSUPP;
  if (uaddr && !uaccess_ok(myproc()->pagetable, ulenp, sizeof(int), 1))
    return -EFAULT;
  int sof = 0;
  if ((flags & MSG_DONTWAIT) || (f->flags & O_NONBLOCK))
    sof |= SOF_NONBLOCK;
  if (flags & MSG_PEEK)
    sof |= SOF_PEEK;
  if (flags & MSG_WAITALL)
    sof |= SOF_WAITALL;
  struct sockaddr_storage a;
  int alen = 0, msglen;
  int r = sorecv(f->sock, 1, buf, n, sof, &a, &alen, &msglen);
  if (r < 0)
    return r;
  if (uaddr) {
    if (alen == 0 && f->sock->type == SOCK_STREAM) {
      // A stream has no sender address: report the peer's.
      alen = sogetname(f->sock, &a, 1);
      if (alen < 0)
        alen = 0;
    }
    if ((err = addrout(uaddr, ulenp, &a, alen)) < 0)
      return err;
  }
  if ((flags & MSG_TRUNC) && msglen >= 0)
    return msglen; // the message's real length, even if cut short
  return r;
}

int64 sys_shutdown(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  return soshutdown(f->sock, argint(1));
}

static int64 getname(int peer) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  uint64 uaddr = argaddr(1), ulenp = argaddr(2);
  if (uaddr == 0)
    return -EFAULT;
  struct sockaddr_storage a;
  int len = sogetname(f->sock, &a, peer);
  if (len < 0)
    return len;
  return addrout(uaddr, ulenp, &a, len);
}

int64 sys_getsockname(void) { return getname(0); }
int64 sys_getpeername(void) { return getname(1); }

// setsockopt(fd, level, name, val, len)
int64 sys_setsockopt(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  int level = argint(1), name = argint(2), len = argint(4);
  char val[32];
  if (len < 0 || len > (int)sizeof(val))
    return -EINVAL;
  if (copyin(myproc()->pagetable, val, argaddr(3), len) < 0)
    return -EFAULT;
  return sosetopt(f->sock, level, name, val, len);
}

// getsockopt(fd, level, name, val, lenp)
int64 sys_getsockopt(void) {
  int err;
  struct file *f = argsock(0, &err);
  if (f == 0)
    return err;
  int level = argint(1), name = argint(2);
  uint64 uval = argaddr(3), ulenp = argaddr(4);
  pagetable_t pt = myproc()->pagetable;
  int len;
  if (copyin(pt, &len, ulenp, sizeof(len)) < 0)
    return -EFAULT;
  if (len < 0)
    return -EINVAL;
  char val[32];
  int klen = len < (int)sizeof(val) ? len : (int)sizeof(val);
  if ((err = sogetopt(f->sock, level, name, val, &klen)) < 0)
    return err;
  if (copyout(pt, uval, val, klen) < 0 ||
      copyout(pt, ulenp, &klen, sizeof(klen)) < 0)
    return -EFAULT;
  return 0;
}
