// kernel/sysfile.c: file-system system calls. Each fetches and checks
// its arguments, then calls into fs/.
#include <netv6/stat.h>
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "sleeplock.h"
#include "proc.h"
#include "file.h"
#include "defs.h"

#define FD_CLOEXEC 1

// The open file for descriptor argument n, or 0 (then -EBADF).
static struct file *argfd(int n, int *pfd) {
  int fd = argint(n);
  if (fd < 0 || fd >= NOFILE)
    return 0;
  struct file *f = myproc()->ofile[fd];
  if (f && pfd)
    *pfd = fd;
  return f;
}

struct file *argfile(int n) {
  return argfd(n, 0);
}

// Give f the lowest free descriptor. Returns it, or -EMFILE.
int fdalloc(struct file *f, int fdflags) {
  struct proc *p = myproc();
  for (int fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd] == 0) {
      p->ofile[fd] = f;
      p->fdflags[fd] = fdflags;
      return fd;
    }
  }
  return -EMFILE;
}

int64 sys_dup(void) {
  struct file *f = argfd(0, 0);
  if (f == 0)
    return -EBADF;
  int fd = fdalloc(f, 0);
  if (fd >= 0)
    filedup(f);
  return fd;
}

// dup2(old, new): make new refer to old's file, closing what new had.
int64 sys_dup2(void) {
  struct file *f = argfd(0, 0);
  int nfd = argint(1);
  if (f == 0 || nfd < 0 || nfd >= NOFILE)
    return -EBADF;
  struct proc *p = myproc();
  if (argint(0) == nfd)
    return nfd; // the same descriptor: nothing changes
  struct file *old = p->ofile[nfd];
  p->ofile[nfd] = filedup(f);
  p->fdflags[nfd] = 0;
  if (old)
    fileclose(old);
  return nfd;
}

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4

// fcntl(fd, cmd, arg): descriptor flags (FD_CLOEXEC), file status flags
// (O_NONBLOCK and O_APPEND may change), and F_DUPFD.
int64 sys_fcntl(void) {
  int fd;
  struct file *f = argfd(0, &fd);
  int cmd = argint(1);
  int64 arg = arglong(2);
  struct proc *p = myproc();
  if (f == 0)
    return -EBADF;
  switch (cmd) {
  case F_DUPFD:
    if (arg < 0 || arg >= NOFILE)
      return -EINVAL;
    for (int nfd = arg; nfd < NOFILE; nfd++) {
      if (p->ofile[nfd] == 0) {
        p->ofile[nfd] = filedup(f);
        p->fdflags[nfd] = 0;
        return nfd;
      }
    }
    return -EMFILE;
  case F_GETFD:
    return p->fdflags[fd] & FD_CLOEXEC;
  case F_SETFD:
    p->fdflags[fd] = arg & FD_CLOEXEC;
    return 0;
  case F_GETFL: {
    int acc = f->readable && f->writable ? O_RDWR
              : f->writable              ? O_WRONLY
                                         : O_RDONLY;
    return acc | f->flags;
  }
  case F_SETFL:
    // Shared by every descriptor of this open file, as on Unix.
    __atomic_store_n(&f->flags, (int)(arg & (O_NONBLOCK | O_APPEND)),
                     __ATOMIC_RELAXED);
    return 0;
  }
  return -EINVAL;
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

// lseek(fd, offset, whence): move a file's offset. Pipes, sockets and
// devices have none (ESPIPE). Past the end is allowed for reading (it
// reads end of file); a write there fails (netv6 files have no holes).
// A /net file's size is not known before it is read: no SEEK_END.
int64 sys_lseek(void) {
  struct file *f = argfd(0, 0);
  int64 off = arglong(1);
  int whence = argint(2);
  if (f == 0)
    return -EBADF;
  if (f->type == FD_NETFS) {
    if (whence != SEEK_SET && whence != SEEK_CUR)
      return -EINVAL;
    return netfs_seek(f->nf, off, whence == SEEK_CUR);
  }
  if (f->type != FD_INODE)
    return -ESPIPE;
  ilock(f->ip);
  int64 base = whence == SEEK_SET   ? 0
               : whence == SEEK_CUR ? (int64)f->off
               : whence == SEEK_END ? (int64)f->ip->size
                                    : -1;
  int64 pos = base + off;
  int err = 0;
  if (base < 0)
    err = -EINVAL;
  else if (pos < 0 || pos > 0xffffffffLL)
    err = -EINVAL;
  else
    f->off = pos;
  iunlock(f->ip);
  return err < 0 ? err : pos;
}

// A byte count argument: negative counts are refused.
static int argcount(int n) {
  int64 v = arglong(n);
  if (v < 0 || v > 0x7fffffff)
    return -EINVAL;
  return (int)v;
}

int64 sys_read(void) {
  struct file *f = argfd(0, 0);
  int n = argcount(2);
  if (f == 0)
    return -EBADF;
  if (n < 0)
    return n;
  return fileread(f, argaddr(1), n);
}

int64 sys_write(void) {
  struct file *f = argfd(0, 0);
  int n = argcount(2);
  if (f == 0)
    return -EBADF;
  if (n < 0)
    return n;
  return filewrite(f, argaddr(1), n);
}

int64 sys_close(void) {
  int fd;
  struct file *f = argfd(0, &fd);
  if (f == 0)
    return -EBADF;
  myproc()->ofile[fd] = 0;
  myproc()->fdflags[fd] = 0;
  fileclose(f);
  return 0;
}

int64 sys_fstat(void) {
  struct file *f = argfd(0, 0);
  if (f == 0)
    return -EBADF;
  return filestat(f, argaddr(1));
}

// The error for a link to a /net file at new: -EROFS if new is in /net
// too, else -EXDEV (another file system). Inside a transaction.
static int netfs_linkerr(const char *new) {
  char name[DIRSIZ + 1];
  int err;
  struct inode *dp = nameiparent(new, name, &err);
  if (dp == 0)
    return err;
  err = dp->dev == NETDEV ? -EROFS : -EXDEV;
  iput(dp);
  return err;
}

// link(old, new): another name for a file that is not a directory.
// Files in /net have no links (EXDEV, EROFS).
int64 sys_link(void) {
  char old[MAXPATH], new[MAXPATH], name[DIRSIZ + 1];
  int err;
  if ((err = argstr(0, old, MAXPATH)) < 0 ||
      (err = argstr(1, new, MAXPATH)) < 0)
    return err;
  begin_op();
  struct inode *ip = namei_err(old, &err);
  if (ip == 0) {
    end_op();
    return err;
  }
  ilock(ip);
  if (ip->type == T_DIR) {
    iunlockput(ip);
    end_op();
    return -EPERM;
  }
  if (ip->dev == NETDEV) {
    iunlockput(ip);
    err = netfs_linkerr(new);
    end_op();
    return err;
  }
  ip->nlink++;
  iupdate(ip);
  iunlock(ip);

  struct inode *dp = nameiparent(new, name, &err);
  if (dp == 0)
    goto bad;
  ilock(dp);
  if (dp->dev != ip->dev)
    err = -EXDEV;
  else
    err = dirlink(dp, name, ip->inum);
  iunlockput(dp);
  if (err < 0)
    goto bad;
  iput(ip);
  end_op();
  return 0;

bad:
  ilock(ip);
  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  end_op();
  return err;
}

// unlink(path): remove a name; a directory only if it is empty.
int64 sys_unlink(void) {
  char path[MAXPATH];
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  return kunlink(path);
}

// Remove the name path (a directory only if it is empty), in a
// transaction of its own. Returns 0 or -errno: -EROFS for a name in
// /net, -EBUSY for /net itself.
int kunlink(const char *path) {
  char name[DIRSIZ + 1];
  int err;
  begin_op();
  struct inode *dp = nameiparent(path, name, &err);
  if (dp == 0) {
    end_op();
    return err;
  }
  ilock(dp);
  struct inode *ip = 0;
  uint off;
  if (dp->dev == NETDEV) {
    err = -EROFS;
    goto bad;
  }
  if (namecmp(name, ".") == 0 || namecmp(name, "..") == 0) {
    err = -EINVAL;
    goto bad;
  }
  if ((ip = dirlookup(dp, name, &off)) == 0) {
    err = -ENOENT;
    goto bad;
  }
  if (ip->dev != dp->dev) { // a mount point: /net
    iput(ip);
    err = -EBUSY;
    goto bad;
  }
  ilock(ip);
  if (ip->nlink < 1)
    panic("unlink: nlink < 1");
  if (ip->type == T_DIR && !isdirempty(ip)) {
    iunlockput(ip);
    err = -ENOTEMPTY;
    goto bad;
  }
  struct dirent de;
  memset(&de, 0, sizeof(de));
  if (writei(dp, 0, (uint64)&de, off, sizeof(de)) != sizeof(de))
    panic("unlink: writei");
  if (ip->type == T_DIR) {
    dp->nlink--; // the child's ".." is gone
    iupdate(dp);
  }
  iunlockput(dp);
  ip->nlink--;
  iupdate(ip);
  iunlockput(ip);
  end_op();
  return 0;

bad:
  iunlockput(dp);
  end_op();
  return err;
}

// Make a new inode of type at path. Returns it locked and referenced,
// or 0 with *err set. If the name exists: for O_CREAT of a regular file
// without excl, the existing file is returned; otherwise -EEXIST.
// Nothing new can be made in /net (-EROFS). Inside a transaction.
struct inode *icreate(const char *path, short type, short major, short minor,
                      int excl, int *err) {
  char name[DIRSIZ + 1];
  struct inode *dp = nameiparent(path, name, err);
  if (dp == 0)
    return 0;
  ilock(dp);
  struct inode *ip = dirlookup(dp, name, 0);
  if (ip) {
    iunlockput(dp);
    ilock(ip);
    if (type == T_FILE && !excl &&
        (ip->type == T_FILE || ip->type == T_DEVICE || ip->type == T_SOCK))
      return ip; // open() decides (a socket name gives ENXIO)
    iunlockput(ip);
    *err = -EEXIST;
    return 0;
  }
  if (dp->dev == NETDEV) {
    iunlockput(dp);
    *err = -EROFS;
    return 0;
  }
  if ((ip = ialloc(dp->dev, type)) == 0) {
    iunlockput(dp);
    *err = -ENOSPC;
    return 0;
  }
  ilock(ip);
  ip->major = major;
  ip->minor = minor;
  ip->nlink = 1;
  iupdate(ip);
  if (type == T_DIR) {
    // "." and ".." first; no nlink for "." (it would never reach 0).
    if ((*err = dirlink(ip, ".", ip->inum)) < 0 ||
        (*err = dirlink(ip, "..", dp->inum)) < 0)
      goto fail;
  }
  if ((*err = dirlink(dp, name, ip->inum)) < 0)
    goto fail;
  if (type == T_DIR) {
    dp->nlink++; // for the new directory's ".."
    iupdate(dp);
  }
  iunlockput(dp);
  return ip;

fail:
  ip->nlink = 0; // iput frees it
  iupdate(ip);
  iunlockput(ip);
  iunlockput(dp);
  return 0;
}

int64 sys_open(void) {
  char path[MAXPATH];
  int flags = argint(1);
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  int acc = flags & O_ACCMODE;
  if (acc == O_ACCMODE)
    return -EINVAL;

  begin_op();
  struct inode *ip;
  if (flags & O_CREAT) {
    ip = icreate(path, T_FILE, 0, 0, flags & O_EXCL, &err);
    if (ip == 0) {
      end_op();
      return err;
    }
  } else {
    if ((ip = namei_err(path, &err)) == 0) {
      end_op();
      return err;
    }
    ilock(ip);
  }
  if (ip->type == T_DIR && acc != O_RDONLY) {
    err = -EISDIR;
    goto bad;
  }
  if ((flags & O_DIRECTORY) && ip->type != T_DIR) {
    err = -ENOTDIR;
    goto bad;
  }
  if (ip->dev == NETDEV) {
    // Outside the transaction: a provider's open may wait for long.
    iunlock(ip);
    end_op();
    return netfs_open(ip, flags, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0);
  }
  if (ip->type == T_SOCK) {
    err = -ENXIO; // a socket's name: use connect(), not open()
    goto bad;
  }
  if (ip->type == T_DEVICE && (ip->major < 0 || ip->major >= NDEV)) {
    err = -ENXIO;
    goto bad;
  }
  struct file *f = filealloc();
  if (f == 0) {
    err = -ENFILE;
    goto bad;
  }
  int fd = fdalloc(f, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0);
  if (fd < 0) {
    fileclose(f);
    err = fd;
    goto bad;
  }
  if (ip->type == T_DEVICE) {
    f->type = FD_DEVICE;
    f->major = ip->major;
  } else {
    f->type = FD_INODE;
    f->off = 0;
  }
  f->ip = ip;
  f->readable = acc == O_RDONLY || acc == O_RDWR;
  f->writable = acc == O_WRONLY || acc == O_RDWR;
  f->flags = flags & (O_APPEND | O_NONBLOCK);
  if ((flags & O_TRUNC) && ip->type == T_FILE && f->writable)
    itrunc(ip);
  iunlock(ip);
  end_op();
  return fd;

bad:
  iunlockput(ip);
  end_op();
  return err;
}

// Make a new directory or device node at the path in argument 0.
static int mknode(short type, short major, short minor) {
  char path[MAXPATH];
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  begin_op();
  struct inode *ip = icreate(path, type, major, minor, 1, &err);
  if (ip)
    iunlockput(ip);
  end_op();
  return ip ? 0 : err;
}

int64 sys_mkdir(void) { return mknode(T_DIR, 0, 0); }

int64 sys_mknod(void) {
  int major = argint(1), minor = argint(2);
  if (major < 0 || major >= NDEV || minor < 0 || minor > 0x7fff)
    return -EINVAL;
  return mknode(T_DEVICE, major, minor);
}

// stat(path, st): like fstat, without opening the file (so it works for
// socket names, which cannot be opened).
int64 sys_stat(void) {
  char path[MAXPATH];
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  begin_op();
  struct inode *ip = namei_err(path, &err);
  if (ip == 0) {
    end_op();
    return err;
  }
  struct stat st;
  ilock(ip);
  stati(ip, &st);
  iunlockput(ip);
  end_op();
  return copyout(myproc()->pagetable, argaddr(1), &st, sizeof(st));
}

int64 sys_chdir(void) {
  char path[MAXPATH];
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  struct proc *p = myproc();
  begin_op();
  struct inode *ip = namei_err(path, &err);
  if (ip == 0) {
    end_op();
    return err;
  }
  ilock(ip);
  if (ip->type != T_DIR) {
    iunlockput(ip);
    end_op();
    return -ENOTDIR;
  }
  iunlock(ip);
  iput(p->cwd);
  end_op();
  p->cwd = ip;
  return 0;
}

int64 sys_pipe(void) {
  uint64 fdarray = argaddr(0);
  struct proc *p = myproc();
  struct file *rf, *wf;
  int err = pipealloc(&rf, &wf);
  if (err < 0)
    return err;
  int fd0 = fdalloc(rf, 0);
  int fd1 = fd0 < 0 ? -EMFILE : fdalloc(wf, 0);
  if (fd0 < 0 || fd1 < 0) {
    if (fd0 >= 0)
      p->ofile[fd0] = 0;
    fileclose(rf);
    fileclose(wf);
    return -EMFILE;
  }
  int fds[2] = {fd0, fd1};
  if (copyout(p->pagetable, fdarray, fds, sizeof(fds)) < 0) {
    p->ofile[fd0] = 0;
    p->ofile[fd1] = 0;
    fileclose(rf);
    fileclose(wf);
    return -EFAULT;
  }
  return 0;
}

// exec(path, argv): argv is a user array of string pointers ending
// with 0; at most MAXARG strings, each copied into its own page.
int64 sys_exec(void) {
  char path[MAXPATH];
  char *argv[MAXARG + 1];
  int err;
  if ((err = argstr(0, path, MAXPATH)) < 0)
    return err;
  uint64 uargv = argaddr(1);
  memset(argv, 0, sizeof(argv));
  for (int i = 0;; i++) {
    if (i > MAXARG) {
      err = -E2BIG;
      goto out;
    }
    uint64 uarg;
    if ((err = fetchaddr(uargv + sizeof(uint64) * i, &uarg)) < 0)
      goto out;
    if (uarg == 0)
      break;
    if ((argv[i] = kalloc()) == 0) {
      err = -ENOMEM;
      goto out;
    }
    if ((err = copyinstr(myproc()->pagetable, argv[i], uarg, PGSIZE)) < 0) {
      if (err == -ENAMETOOLONG)
        err = -E2BIG;
      goto out;
    }
  }
  err = kexec(path, argv);
out:
  for (int i = 0; i <= MAXARG && argv[i]; i++)
    kfree(argv[i]);
  return err;
}

// exec() succeeded: close the descriptors marked FD_CLOEXEC.
void closeonexec(struct proc *p) {
  for (int fd = 0; fd < NOFILE; fd++) {
    if (p->ofile[fd] && (p->fdflags[fd] & FD_CLOEXEC)) {
      fileclose(p->ofile[fd]);
      p->ofile[fd] = 0;
      p->fdflags[fd] = 0;
    }
  }
}
