// kernel/fs/file.c: open-file objects: the table they live in, and
// read/write/close that dispatch on what the file is (pipe, inode,
// device, socket, /net file).
#include <netv6/stat.h>
#include "../types.h"
#include "../param.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../file.h"
#include "../defs.h"
#include "../net/socket.h"
#include <netv6/poll.h>

struct devsw devsw[NDEV];

static struct {
  struct spinlock lock; // protects every f->ref
  struct file file[NFILE];
} ftable;

void fileinit(void) { initlock(&ftable.lock, "ftable"); }

// A fresh file with ref 1, or 0 if the table is full.
struct file *filealloc(void) {
  acquire(&ftable.lock);
  for (struct file *f = ftable.file; f < ftable.file + NFILE; f++) {
    if (f->ref == 0) {
      memset(f, 0, sizeof(*f));
      f->ref = 1;
      release(&ftable.lock);
      return f;
    }
  }
  release(&ftable.lock);
  return 0;
}

struct file *filedup(struct file *f) {
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("filedup");
  f->ref++;
  release(&ftable.lock);
  return f;
}

// Drop a reference; the last one closes what the file refers to.
void fileclose(struct file *f) {
  acquire(&ftable.lock);
  if (f->ref < 1)
    panic("fileclose");
  if (--f->ref > 0) {
    release(&ftable.lock);
    return;
  }
  struct file ff = *f; // the slot may be reused once released
  f->ref = 0;
  f->type = FD_NONE;
  release(&ftable.lock);

  if (ff.type == FD_PIPE) {
    pipeclose(ff.pipe, ff.writable);
  } else if (ff.type == FD_SOCKET) {
    sorelease(ff.sock);
  } else if (ff.type == FD_NETFS) {
    netfs_close(ff.nf);
    iput(ff.ip); // a netfs inode is never written: no transaction
  } else if (ff.type == FD_INODE || ff.type == FD_DEVICE) {
    begin_op();
    iput(ff.ip);
    end_op();
  }
}

int nfiles(void) {
  int n = 0;
  acquire(&ftable.lock);
  for (int i = 0; i < NFILE; i++)
    if (ftable.file[i].ref > 0)
      n++;
  release(&ftable.lock);
  return n;
}

// Copy the file's metadata to user address addr.
int filestat(struct file *f, uint64 addr) {
  struct stat st;
  if (f->type == FD_INODE || f->type == FD_DEVICE || f->type == FD_NETFS) {
    ilock(f->ip);
    stati(f->ip, &st);
    iunlock(f->ip);
  } else if (f->type == FD_SOCKET) {
    memset(&st, 0, sizeof(st));
    st.st_type = T_SOCK;
    st.st_mode = S_IFSOCK | 0777;
  } else {
    memset(&st, 0, sizeof(st));
    st.st_mode = S_IFIFO | 0600;
  }
  return copyout(myproc()->pagetable, addr, &st, sizeof(st));
}

static int devok(struct file *f) {
  return f->major >= 0 && f->major < NDEV && devsw[f->major].read != 0;
}

// Read up to n bytes into user address addr. Returns the count or -errno.
int fileread(struct file *f, uint64 addr, int n) {
  if (!f->readable)
    return -EBADF;
  switch (f->type) {
  case FD_PIPE:
    return piperead(f->pipe, addr, n, f->flags);
  case FD_SOCKET:
    return sorecvfile(f->sock, addr, n, f->flags & O_NONBLOCK);
  case FD_DEVICE:
    if (!devok(f))
      return -ENXIO;
    return devsw[f->major].read(1, addr, n, f->flags);
  case FD_NETFS:
    return netfs_read(f, addr, n);
  case FD_INODE: {
    ilock(f->ip);
    int r = readi(f->ip, 1, addr, f->off, n);
    if (r > 0)
      f->off += r;
    iunlock(f->ip);
    return r;
  }
  default:
    panic("fileread");
  }
}

// Write n bytes from user address addr. Returns the count written
// (short only if an error stopped it part way) or -errno. A write to a
// pipe nobody reads fails with EPIPE and raises SIGPIPE too.
int filewrite(struct file *f, uint64 addr, int n) {
  if (!f->writable)
    return -EBADF;
  switch (f->type) {
  case FD_PIPE: {
    int r = pipewrite(f->pipe, addr, n, f->flags);
    if (r == -EPIPE)
      sigself(SIGPIPE);
    return r;
  }
  case FD_SOCKET:
    return sosigpipe(f->sock,
                     sosendfile(f->sock, addr, n, f->flags & O_NONBLOCK), 0);
  case FD_DEVICE:
    if (!devok(f) || devsw[f->major].write == 0)
      return -ENXIO;
    return devsw[f->major].write(1, addr, n, f->flags);
  case FD_NETFS:
    return netfs_write(f, addr, n);
  case FD_INODE: {
    // One transaction may log only MAXOPBLOCKS blocks: the inode, up
    // to two bitmap blocks, five indirect blocks and the data blocks,
    // one more than whole blocks when the write is not aligned.
    const int max = (MAXOPBLOCKS - 9) * BSIZE;
    int done = 0;
    while (done < n) {
      int m = n - done < max ? n - done : max;
      begin_op();
      ilock(f->ip);
      if (f->flags & O_APPEND)
        f->off = f->ip->size;
      int r = writei(f->ip, 1, addr + done, f->off, m);
      if (r > 0)
        f->off += r;
      iunlock(f->ip);
      end_op();
      if (r < 0)
        return done > 0 ? done : r;
      done += r;
      if (r != m)
        break; // a short write: out of space or a bad address
    }
    return done;
  }
  default:
    panic("filewrite");
  }
}

// What poll() would report for f now (POLLIN, POLLOUT, POLLHUP, POLLERR).
int filepoll(struct file *f) {
  switch (f->type) {
  case FD_PIPE:
    return pipepoll(f->pipe, f->writable);
  case FD_SOCKET:
    return sopoll(f->sock);
  case FD_DEVICE:
    if (devok(f) && devsw[f->major].poll)
      return devsw[f->major].poll() & (f->readable ? ~0 : ~POLLIN) &
             (f->writable ? ~0 : ~POLLOUT);
    return (f->readable ? POLLIN : 0) | (f->writable ? POLLOUT : 0);
  case FD_INODE:
  case FD_NETFS:
    return (f->readable ? POLLIN : 0) | (f->writable ? POLLOUT : 0);
  default:
    return POLLNVAL;
  }
}
