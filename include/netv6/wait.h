// netv6/wait.h: how wait() encodes a child's end in its status word.
// Same layout as Linux: an exit code in bits 8..15, or the number of
// the signal that killed it in bits 0..6.
#ifndef NETV6_WAIT_H
#define NETV6_WAIT_H

#include <netv6/signal.h>

#define WNOHANG 1 // waitpid: return 0 at once if no child has ended

#define W_EXITCODE(code) (((code)&0xff) << 8)
#define W_KILLED(sig) ((sig)&0x7f)

#endif
