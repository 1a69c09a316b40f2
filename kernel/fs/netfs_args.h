// kernel/fs/netfs_args.h: reading the text commands written to /net
// control files (Plan 9 style: one command per write, words apart by
// blanks, as in "add 10.77.0.2 255.255.255.0"). Pure: no kernel header,
// host-tested in tests/unit/test_netfs.c.
#ifndef KERNEL_FS_NETFS_ARGS_H
#define KERNEL_FS_NETFS_ARGS_H

// A command as write() brought it: n bytes in cmd, which has room for
// one more. Terminates it with a NUL in place of one trailing newline (or
// after it all), so that `echo up > ctl` works. Returns its length, or
// -EINVAL if it holds a NUL byte.
int netfs_cmdline(char *cmd, int n);

// Split cmd in place into its words (runs of characters other than
// space, tab, carriage return and newline), NUL-terminating each, and
// point argv[0..] at them. Returns the number of words (0 for a blank
// command), or -EINVAL if there are more than max (argv holds the first
// max then, and cmd is cut up anyway).
int netfs_args(char *cmd, char **argv, int max);

// Read s as a decimal number in [0, max] with nothing else in it: no
// sign, no blanks, no leading zero (but "0" itself). Returns 0 and the
// value in *v, or -EINVAL.
int netfs_uint(const char *s, unsigned max, unsigned *v);

#endif
