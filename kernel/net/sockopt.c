// kernel/net/sockopt.c: socket options for setsockopt() and getsockopt()
// of the BSD face. Level SOL_SOCKET is the core's (options live in
// struct socket, [s] fields: *so->lk protects them); other levels
// (IPPROTO_IP, IPPROTO_TCP...) go to the protocol's setopt/getopt.
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "socket.h"

// Timeouts come as struct timeval { long sec; long usec; }.
struct ktimeval {
  long sec;
  long usec;
};

static int timeo_set(uint64 *t, const void *val, int len) {
  struct ktimeval tv;
  if (len < (int)sizeof(tv))
    return -EINVAL;
  memmove(&tv, val, sizeof(tv));
  if (tv.usec < 0 || tv.usec >= 1000000)
    return -EDOM;
  if (tv.sec < 0) {
    *t = 0; // as Linux: a negative time means no timeout
    return 0;
  }
  if (tv.sec > (1L << 32)) {
    *t = 0; // over a century: the same as waiting for ever
    return 0;
  }
  uint64 us = (uint64)tv.sec * 1000000 + tv.usec;
  *t = (us * HZ + 999999) / 1000000; // round up to whole ticks
  return 0;
}

static void timeo_get(uint64 t, struct ktimeval *tv) {
  uint64 us = t * (1000000 / HZ);
  tv->sec = us / 1000000;
  tv->usec = us % 1000000;
}

// Another level than SOL_SOCKET: the protocol's, if it has options.
static int protoopt(struct socket *so, int level, int name, void *val, int *len,
                    int set) {
  const struct protosw *pr = so->pr;
  if (set ? pr->setopt == 0 : pr->getopt == 0)
    return -ENOPROTOOPT;
  acquire(so->lk);
  int err = set ? pr->setopt(so, level, name, val, *len)
                : pr->getopt(so, level, name, val, len);
  release(so->lk);
  return err;
}

// Socket-level options that belong to the protocol: SO_BINDTODEVICE
// names a network interface, which the core knows nothing of.
static int protolevel(int level, int name) {
  return level != SOL_SOCKET || name == SO_BINDTODEVICE;
}

int sosetopt(struct socket *so, int level, int name, const void *val, int len) {
  if (protolevel(level, name))
    return protoopt(so, level, name, (void *)val, &len, 1);
  int iv = 0;
  if (name != SO_RCVTIMEO && name != SO_SNDTIMEO) {
    if (len < (int)sizeof(int))
      return -EINVAL;
    memmove(&iv, val, sizeof(int));
  }
  int err = 0;
  acquire(so->lk);
  switch (name) {
  case SO_REUSEADDR:
    so->reuseaddr = iv != 0;
    break;
  case SO_RCVTIMEO:
    err = timeo_set(&so->rcvtimeo, val, len);
    break;
  case SO_SNDTIMEO:
    err = timeo_set(&so->sndtimeo, val, len);
    break;
  case SO_RCVBUF:
    if (iv < 0)
      err = -EINVAL;
    else
      err = sb_resize(&so->rcv, iv < 2048 ? 2048 : iv);
    break;
  case SO_SNDBUF:
    if (iv < 0)
      err = -EINVAL;
    else
      so->sndbuf = iv < 2048 ? 2048 : iv;
    break;
  case SO_BROADCAST:
    so->broadcast = iv != 0;
    break;
  case SO_KEEPALIVE:
    so->keepalive = iv != 0;
    break;
  case SO_SNDLOWAT:
    so->sndlowat = iv < 1 ? 1 : iv;
    break;
  case SO_DEBUG:
  case SO_DONTROUTE:
    break; // accepted, no effect
  default:
    err = -ENOPROTOOPT;
  }
  release(so->lk);
  return err;
}

int sogetopt(struct socket *so, int level, int name, void *val, int *len) {
  if (protolevel(level, name))
    return protoopt(so, level, name, val, len, 0);
  int iv = 0;
  struct ktimeval tv;
  int err = 0, istv = 0;
  acquire(so->lk);
  switch (name) {
  case SO_TYPE:
    iv = so->type;
    break;
  case SO_DOMAIN:
    iv = so->family;
    break;
  case SO_PROTOCOL:
    iv = so->pr->protocol;
    break;
  case SO_ERROR:
    iv = so->error;
    so->error = 0;
    break;
  case SO_ACCEPTCONN:
    iv = so->state == SS_LISTENING;
    break;
  case SO_REUSEADDR:
    iv = so->reuseaddr;
    break;
  case SO_RCVBUF:
    iv = so->rcv.hiwat;
    break;
  case SO_SNDBUF:
    iv = so->sndbuf;
    break;
  case SO_BROADCAST:
    iv = so->broadcast;
    break;
  case SO_KEEPALIVE:
    iv = so->keepalive;
    break;
  case SO_SNDLOWAT:
    iv = so->sndlowat;
    break;
  case SO_DEBUG:
  case SO_DONTROUTE:
    iv = 0;
    break;
  case SO_RCVTIMEO:
    timeo_get(so->rcvtimeo, &tv);
    istv = 1;
    break;
  case SO_SNDTIMEO:
    timeo_get(so->sndtimeo, &tv);
    istv = 1;
    break;
  default:
    err = -ENOPROTOOPT;
  }
  release(so->lk);
  if (err < 0)
    return err;
  int size = istv ? (int)sizeof(tv) : (int)sizeof(iv);
  if (*len < size)
    size = *len; // truncated, as Linux does
  memmove(val, istv ? (void *)&tv : (void *)&iv, size);
  *len = size;
  return 0;
}
