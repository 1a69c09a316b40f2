// kernel/defs.h: the kernel's functions, by the file that defines them.
// What each needs held and returns is documented where it is defined.
#ifndef KERNEL_DEFS_H
#define KERNEL_DEFS_H

#include <netv6/errno.h>
#include "types.h"

// A sleep was cut short by a signal: the system call is restarted, or
// fails with EINTR if a handler without SA_RESTART runs (sigframe.c).
// Kernel only: user space never sees it.
#define ERESTARTSYS 512

struct buf;
struct context;
struct file;
struct inode;
struct netfs_file;
struct netfs_text;
struct pipe;
struct proc;
struct procinfo;
struct spinlock;
struct sleeplock;
struct stat;
struct superblock;

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

// dev/console.c
void consoleinit(void);
void consoleintr(int c);
int consfg(void);
void consfg_set(int pgrp);
void consputc(int c);
void nullinit(void);

// dev/uart.c
void uartinit(void);
void uartintr(void);
int uartwrite(const char *buf, int n);
void uartputc_sync(int c);

// dev/virtio.c, dev/virtio_blk.c
void virtio_intr(int slot);
void virtio_blk_init(void);
void virtio_disk_rw(struct buf *b, int write);

// exec.c
int kexec(const char *path, char **argv);

// fs/bio.c
void binit(void);
struct buf *bread(uint dev, uint blockno);
void brelse(struct buf *b);
void bwrite(struct buf *b);
void bpin(struct buf *b);
void bunpin(struct buf *b);

// fs/log.c
void initlog(int dev, struct superblock *sb);
void log_write(struct buf *b);
void begin_op(void);
void end_op(void);

// fs/inode.c
void fsinit(int dev);
void iinit(void);
struct inode *iget(uint dev, uint inum);
struct inode *ialloc(uint dev, short type);
struct inode *idup(struct inode *ip);
void ilock(struct inode *ip);
void iunlock(struct inode *ip);
void iput(struct inode *ip);
void iunlockput(struct inode *ip);
void iupdate(struct inode *ip);
void itrunc(struct inode *ip);
void stati(struct inode *ip, struct stat *st);
int readi(struct inode *ip, int user_dst, uint64 dst, uint off, uint n);
int writei(struct inode *ip, int user_src, uint64 src, uint off, uint n);
int ninodes(void);

// fs/dir.c
int namecmp(const char *s, const char *t);
struct inode *dirlookup(struct inode *dp, const char *name, uint *poff);
int dirlink(struct inode *dp, const char *name, uint inum);
int isdirempty(struct inode *dp);
struct inode *namei(const char *path);
struct inode *namei_err(const char *path, int *err);
struct inode *nameiparent(const char *path, char *name, int *err);

// fs/file.c
void fileinit(void);
struct file *filealloc(void);
struct file *filedup(struct file *f);
void fileclose(struct file *f);
int fileread(struct file *f, uint64 addr, int n);
int filewrite(struct file *f, uint64 addr, int n);
int filestat(struct file *f, uint64 addr);
int nfiles(void);
int filepoll(struct file *f);

// fs/netfs.c, fs/netfs_file.c, fs/netfs_text.c (providers: fs/netfs.h)
void netfsinit(void);
int netfs_mounted(struct inode *dp, const char *name);
struct inode *netfs_root(void);
struct inode *netfs_lookup(struct inode *dp, const char *name);
void netfs_iload(struct inode *ip);
void netfs_stati(struct inode *ip, struct stat *st);
void netfs_fileinit(void);
int netfs_open(struct inode *ip, int flags, int fdflags);
void netfs_close(struct netfs_file *nf);
int netfs_read(struct file *f, uint64 addr, int n);
int netfs_write(struct file *f, uint64 addr, int n);
int64 netfs_seek(struct netfs_file *nf, int64 off, int relative);
void netfs_textfree(struct netfs_text *t);
int netfs_textcopyout(struct netfs_text *t, uint off, uint64 dst, int n);

// fs/pipe.c
int pipealloc(struct file **f0, struct file **f1);
void pipeclose(struct pipe *pi, int writable);
int piperead(struct pipe *pi, uint64 addr, int n, int flags);
int pipewrite(struct pipe *pi, uint64 addr, int n, int flags);
int pipepoll(struct pipe *pi, int writable);

// poll.c
void pollinit(void);
void pollnotify(void);

// kalloc.c
void kinit(void);
void *kalloc(void);
void *kzalloc(void);
void kfree(void *pa);
uint64 kfreecount(void);
uint64 ktotalcount(void);

// main.c
int ncpus(void);

// plic.c
void plicinit(void);
void plicinithart(void);
void plic_enable(int irq);
int plic_claim(void);
void plic_complete(int irq);

// printf.c
void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
void printfinit(void);
void backtrace(void);

// proc.c
int cpuid(void);
struct cpu *mycpu(void);
struct proc *myproc(void);
void procinit(void);
int kthread_start(const char *name, void (*fn)(void *), void *arg);
// random.c
void randominit(uint64 seed);
uint32 krand(void);
void proc_mapstacks(pagetable_t kpt);
pagetable_t proc_pagetable(struct proc *p);
void proc_freepagetable(pagetable_t pt, uint64 sz);
void userinit(void);
int growproc(int64 n);
int fork(void);
void kexit(int status) __attribute__((noreturn));
int kwait(int pid, uint64 addr, int options);
void setkilled(struct proc *p, int sig);
int killed(struct proc *p);
int getppid(void);
int nprocs(void);
int procsnap(int i, struct procinfo *pi);
void chargetick(void);
void scheduler(void) __attribute__((noreturn));
void sched(void);
void yield(void);
void sleep(void *chan, struct spinlock *lk);
void wakeup(void *chan);
int sleep_until(void *chan, struct spinlock *lk, uint64 deadline);
int sleep_intr(void *chan, struct spinlock *lk);
int kpause(uint64 until);
void sleep_self(struct proc *p);
void wakeproc(struct proc *p);
void note_deadline(uint64 t);
void wake_deadlines(uint64 now);
int either_copyout(int user_dst, uint64 dst, const void *src, uint64 len);
int either_copyin(void *dst, int user_src, uint64 src, uint64 len);
void procdump(void);

// signal.c, sigframe.c
struct ksiginfo;
void siginit(struct proc *p);
void sigfork(struct proc *np, struct proc *p);
void sigexec(struct proc *p);
int sigpending_locked(struct proc *p);
int interrupted(struct proc *p);
void sigpost_locked(struct proc *p, int sig, const struct ksiginfo *info);
void sigpost(struct proc *p, int sig, const struct ksiginfo *info);
void sigself(int sig);
int sigfault(struct proc *p, int sig, int code, uint64 addr);
int sigsend(int pid, int sig);
void siggroup(int pgid, int sig);
void sigdeliver(int restart);

// spinlock.c
void initlock(struct spinlock *lk, const char *name);
void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
int holding(struct spinlock *lk);
void push_off(void);
void pop_off(void);

// sleeplock.c
void initsleeplock(struct sleeplock *lk, const char *name);
void acquiresleep(struct sleeplock *lk);
void releasesleep(struct sleeplock *lk);
int holdingsleep(struct sleeplock *lk);

// string.c
void *memset(void *dst, int c, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
int strncmp(const char *a, const char *b, size_t n);
char *safestrcpy(char *dst, const char *src, size_t n);
size_t strlen(const char *s);

// syscall.c
int syscall(void);
int argint(int n);
int64 arglong(int n);
uint64 argaddr(int n);
int argstr(int n, char *buf, int max);
int fetchaddr(uint64 addr, uint64 *ip);
const char *syscallname(uint64 num);

// sysfile.c
int fdalloc(struct file *f, int fdflags);
int kunlink(const char *path);
struct inode *icreate(const char *path, short type, short major, short minor,
                      int excl, int *err);
void closeonexec(struct proc *p);
struct file *argfile(int n);

// trap.c
extern uint64 ticks;
extern struct spinlock tickslock;
void trapinit(void);
void trapinithart(void);
void usertrapret(void);

// vm.c
extern pagetable_t kernel_pagetable;
void kvminit(void);
void kvminithart(void);
pte_t *walk(pagetable_t pt, uint64 va, int alloc);
uint64 walkaddr(pagetable_t pt, uint64 va);
int mappages(pagetable_t pt, uint64 va, uint64 size, uint64 pa, int perm);
void uvmunmap(pagetable_t pt, uint64 va, uint64 npages, int dofree);
pagetable_t uvmcreate(void);
uint64 uvmalloc(pagetable_t pt, uint64 oldsz, uint64 newsz, int xperm);
uint64 uvmdealloc(pagetable_t pt, uint64 oldsz, uint64 newsz);
void uvmfree(pagetable_t pt, uint64 sz);
int uvmcopy(pagetable_t old, pagetable_t new, uint64 sz);
void uvmclear(pagetable_t pt, uint64 va);
int copyout(pagetable_t pt, uint64 dstva, const void *src, uint64 len);
int copyin(pagetable_t pt, void *dst, uint64 srcva, uint64 len);
int copyinstr(pagetable_t pt, char *dst, uint64 srcva, uint64 max);
int uaccess_ok(pagetable_t pt, uint64 va, uint64 len, int write);

#endif
