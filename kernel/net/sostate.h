// kernel/net/sostate.h: the socket state machine, as a pure function.
// Host-compilable: the unit tests in tests/unit/test_sostate.c use it.
#ifndef KERNEL_NET_SOSTATE_H
#define KERNEL_NET_SOSTATE_H

enum sostate {
  SS_NEW,        // just created
  SS_BOUND,      // has a local name
  SS_LISTENING,  // queues incoming connections for accept()
  SS_CONNECTING, // a connect() is under way
  SS_CONNECTED,  // data can flow both ways
  SS_CLOSING,    // the peer is gone or has shut down writing: read what is left
  SS_CLOSED,     // finished; only close() remains
  SS_NSTATES
};

enum soevent {
  SE_BIND,        // bind() succeeded
  SE_LISTEN,      // listen()
  SE_CONNECT,     // connect() started
  SE_ESTABLISHED, // the connection is up (connect done, accepted, socketpair)
  SE_CONNFAILED,  // the connection attempt failed
  SE_PEERCLOSED,  // the peer closed or shut down its writing side
  SE_CLOSE,       // this side is closed
  SE_NEVENTS
};

// The state after event e in state s, or -errno if e is not allowed
// there (the error the call that caused e returns).
int sostate_next(enum sostate s, enum soevent e);
const char *sostate_name(enum sostate s);

#endif
