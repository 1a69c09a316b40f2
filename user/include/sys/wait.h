// sys/wait.h: waiting for children and decoding their status word
// (layout as in netv6/wait.h: exit code in bits 8..15, or the number of
// the killing signal in bits 0..6).
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <netv6/wait.h>
#include <sys/types.h>

#define WIFEXITED(s) (((s)&0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s)&0x7f) != 0)
#define WTERMSIG(s) ((s)&0x7f)

// wait waits for any child to end and returns its pid, storing its
// status in *status unless status is NULL; -1 (ECHILD) if none is left.
int wait(int *status);
// waitpid waits for child pid (or any child if pid is -1). With
// options WNOHANG it returns 0 at once if that child has not ended.
int waitpid(int pid, int *status, int options);

#endif
