// kernel/net/sockbuf.h: a socket's receive buffer: a ring of bytes kept
// in whole pages, up to a high-water mark (SO_RCVBUF).
//
// Host-compilable. It moves bytes with sb_copyin()/sb_copyout() and gets
// pages from sb_page_alloc()/sb_page_free(), which the kernel (socket.c)
// and the host tests each provide. It has no lock: the socket's lock
// protects it.
#ifndef KERNEL_NET_SOCKBUF_H
#define KERNEL_NET_SOCKBUF_H

#include <stdint.h>

#define SB_PAGE 4096
#define SB_MAXPAGES 64 // 256 KiB at most
#define SB_DEFAULT (16 * 1024)

struct sockbuf {
  void *page[SB_MAXPAGES];
  uint32_t npages; // pages allocated (all at the first write)
  uint32_t hiwat;  // capacity in bytes, a multiple of SB_PAGE
  uint64_t head;   // bytes taken out, ever
  uint64_t tail;   // bytes put in, ever
};

// Provided by the user of this file.
int sb_copyin(void *dst, int user, uint64_t src, uint32_t n);
int sb_copyout(int user, uint64_t dst, const void *src, uint32_t n);
void *sb_page_alloc(void);
void sb_page_free(void *page);

// hiwat is rounded up to whole pages and limited to SB_MAXPAGES.
void sb_init(struct sockbuf *sb, uint32_t hiwat);
// Change the capacity; -EBUSY unless the buffer is empty.
int sb_resize(struct sockbuf *sb, uint32_t hiwat);
uint32_t sb_len(const struct sockbuf *sb);
uint32_t sb_space(const struct sockbuf *sb);
// Append up to n bytes from src (user address if user); returns the
// count appended: less than n if space ran out or a copy faulted part
// way (the count then covers the whole chunks, up to a page boundary,
// copied before the fault); -EFAULT if nothing was; -ENOBUFS.
int sb_write(struct sockbuf *sb, int user, uint64_t src, uint32_t n);
// Take up to n bytes into dst; with peek, leave them in the buffer.
// Returns the count (short, like sb_write, if a copy faulted part way;
// what was not delivered stays), or -EFAULT if nothing was copied.
int sb_read(struct sockbuf *sb, int user, uint64_t dst, uint32_t n, int peek);
// Drop everything and free the pages.
void sb_free(struct sockbuf *sb);

// Record mode (datagram and seqpacket sockets): each message is kept
// whole with its sender's address. A buffer holds either bytes or
// records, never both.
//
// Append one message of n bytes (n may be 0) from src, with the sender
// address addr (alen bytes, at most SB_MAXADDR). Returns 0, -EAGAIN (no
// room now), -EMSGSIZE (it could never fit), -EFAULT or -ENOBUFS.
#define SB_MAXADDR 110
// The room a message of n bytes with an alen-byte address takes.
uint32_t sb_recsize(uint32_t n, uint32_t alen);
int sb_putrec(struct sockbuf *sb, int user, uint64_t src, uint32_t n,
              const void *addr, uint32_t alen);
// The same with the message's bytes from copy(dst, off, n, arg), which
// copies n bytes at offset off of the message to dst and returns 0 or
// -EFAULT (a packet in a netbuf chain, for the network protocols).
int sb_putrec_with(struct sockbuf *sb, uint32_t n, const void *addr,
                   uint32_t alen,
                   int (*copy)(void *dst, uint32_t off, uint32_t n, void *arg),
                   void *arg);
// Take the first message: copy up to n bytes of it to dst and its
// sender's address to addr (up to *alen bytes; *alen is set to the
// address's length), and drop it (unless peek), even if n was too
// small. Returns the bytes copied and sets *full to the message's
// length; -EAGAIN if there is no message; -EFAULT (message kept).
int sb_getrec(struct sockbuf *sb, int user, uint64_t dst, uint32_t n, int peek,
              void *addr, uint32_t *alen, uint32_t *full);

#endif
