// kernel/net/sostate.c: which socket state follows which event, and the
// error when an event is not allowed. Every state change in the socket
// core goes through sostate_next(), so this table is the state machine.
#include <netv6/errno.h>
#include "sostate.h"

int sostate_next(enum sostate s, enum soevent e) {
  if (s < 0 || s >= SS_NSTATES || e < 0 || e >= SE_NEVENTS)
    return -EINVAL;
  if (e == SE_CLOSE)
    return SS_CLOSED;
  if (s == SS_CLOSED)
    return e == SE_PEERCLOSED ? SS_CLOSED : -EINVAL;

  switch (e) {
  case SE_BIND:
    return s == SS_NEW ? SS_BOUND : -EINVAL;
  case SE_LISTEN:
    if (s == SS_NEW || s == SS_BOUND || s == SS_LISTENING)
      return SS_LISTENING;
    return -EINVAL;
  case SE_CONNECT:
    switch (s) {
    case SS_NEW:
    case SS_BOUND:
      return SS_CONNECTING;
    case SS_CONNECTING:
      return -EALREADY;
    case SS_CONNECTED:
    case SS_CLOSING:
      return -EISCONN;
    default:
      return -EINVAL; // listening
    }
  case SE_ESTABLISHED:
    // NEW: an accepted connection or one end of a socketpair.
    if (s == SS_CONNECTING || s == SS_NEW)
      return SS_CONNECTED;
    return -EINVAL;
  case SE_CONNFAILED:
    return s == SS_CONNECTING ? SS_CLOSED : -EINVAL;
  case SE_PEERCLOSED:
    if (s == SS_CONNECTED || s == SS_CLOSING)
      return SS_CLOSING;
    if (s == SS_CONNECTING)
      return SS_CLOSED;
    return -EINVAL;
  default:
    return -EINVAL;
  }
}

const char *sostate_name(enum sostate s) {
  static const char *names[] = {"NEW",        "BOUND",     "LISTENING",
                                "CONNECTING", "CONNECTED", "CLOSING",
                                "CLOSED"};
  if (s < 0 || s >= SS_NSTATES)
    return "?";
  return names[s];
}
