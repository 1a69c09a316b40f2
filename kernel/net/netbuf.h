// kernel/net/netbuf.h: the packet buffer, the one type every layer of
// the network stack passes packets in.
//
// A netbuf is one block of NB_SIZE bytes (a page in the kernel): this
// header, then storage. The packet's bytes are [data, data + len) inside
// the storage; the space before data is headroom, so each layer on the
// way out prepends its header with nb_push without moving the payload,
// and each layer on the way in strips its header with nb_pull.
//
// Packets bigger than one block are chains linked by `more`: a
// reassembled datagram, a large datagram before fragmentation, a 64 KiB
// datagram on the loopback interface. The kernel hands out single pages
// and has no allocator of contiguous multi-page areas, so chains keep
// every allocation one page and keep reassembly free of copies (the
// fragments become the chain). The rules that keep this simple:
//   - A frame a NIC sends or receives is always one netbuf (a full
//     Ethernet frame with the 12-byte virtio-net header fits in
//     NB_CAP), so a driver never sees a chain.
//   - Headers are in the first buffer (nb_pullup makes them so when a
//     hostile peer split them across fragments), so the wire parsers
//     read contiguous bytes; checksums over a whole chain use nb_cksum.
// `next` links whole packets (chains) into queues (struct nbqueue).
//
// Ownership: whoever holds the pointer owns the whole chain and must
// pass it on or nb_free it exactly once. nb_free frees `more` buffers,
// never `next` ones.
//
// Storage comes from the functions given to nb_init (the kernel: kalloc
// pages; a host test: malloc with fault injection). A limit on buffers
// in use makes allocation fail (NULL, never a panic) and counts a drop.
// The counters are updated with atomic operations, so any hart or
// interrupt may allocate and free without a lock; a netbuf itself has no
// lock: its owner alone touches it.
//
// Host-compilable.
#ifndef KERNEL_NET_NETBUF_H
#define KERNEL_NET_NETBUF_H

#include <stdint.h>
#include "cksum.h"

#define NB_SIZE 4096 // one block: a page
// Headroom enough for every header the stack prepends: the virtio-net
// header (12), Ethernet (14), IPv4 with options (60), TCP with options
// (60), rounded up.
#define NB_MAXHDR 160

struct netbuf {
  struct netbuf *next; // the next packet in a queue, or 0
  struct netbuf *more; // the next buffer of this packet (a chain), or 0
  uint8_t *data;       // the packet's first byte in this buffer
  uint32_t len;        // bytes at data
  // Scratch for the layer that holds the buffer now (the interface it
  // came in on, a reassembly offset, a deadline...). Not cleared.
  union {
    uint64_t u64[4];
    void *ptr[4];
  } cb;
  uint8_t buf[]; // storage, up to the end of the block
};

#define NB_CAP ((uint32_t)(NB_SIZE - sizeof(struct netbuf))) // storage bytes

// Set the storage functions (alloc returns NB_SIZE bytes, or 0 when
// none are free) and the most buffers that may be in use at once (0: no
// limit). Until it is called every allocation fails.
void nb_init(void *(*alloc)(void), void (*free)(void *), uint32_t limit);

// A buffer with headroom bytes of headroom and len bytes of (unset)
// data: 0 if out of buffers (a drop is counted) or if headroom + len >
// NB_CAP (a caller's bug). The caller owns it.
struct netbuf *nb_alloc(uint32_t headroom, uint32_t len);
// A chain for len bytes of (unset) data, any length: the first buffer
// with headroom, the rest full. 0 if any allocation fails (what was
// allocated is freed; a drop is counted).
struct netbuf *nb_alloc_chain(uint32_t headroom, uint32_t len);
// Free the buffer and the rest of its chain (not its queue successors).
// nb_free(0) does nothing.
void nb_free(struct netbuf *nb);

static inline uint32_t nb_headroom(const struct netbuf *nb) {
  return (uint32_t)(nb->data - nb->buf);
}
static inline uint32_t nb_tailroom(const struct netbuf *nb) {
  return NB_CAP - nb_headroom(nb) - nb->len;
}

// Prepend n bytes to the first buffer; returns a pointer to them (the
// new data), or 0 if the headroom is less than n (nothing changes).
uint8_t *nb_push(struct netbuf *nb, uint32_t n);
// Strip n bytes from the front of the first buffer; returns the new
// data, or 0 if it holds fewer than n bytes (nothing changes).
uint8_t *nb_pull(struct netbuf *nb, uint32_t n);
// Append n bytes at the end of this buffer; returns a pointer to them,
// or 0 if the tailroom is less than n (nothing changes).
uint8_t *nb_put(struct netbuf *nb, uint32_t n);

// The packet's length: the bytes of every buffer in the chain.
uint32_t nb_totlen(const struct netbuf *nb);
// Shorten the packet to len bytes (dropping link-layer padding, or a
// UDP datagram's excess); buffers left empty at the end are freed (the
// first one stays). 0, or -EINVAL if len exceeds the packet.
int nb_trim(struct netbuf *nb, uint32_t len);
// Append the chain tail to nb's chain (nb then owns it).
void nb_cat(struct netbuf *nb, struct netbuf *tail);
// Make the first n bytes of the packet contiguous in the first buffer,
// moving bytes up from the buffers after it (emptied ones are freed).
// 0; -EINVAL if the packet is shorter than n; -ENOBUFS if they cannot
// fit in the first buffer (nothing changes in either case).
int nb_pullup(struct netbuf *nb, uint32_t n);

// Copy n bytes at offset off of the packet out to dst, or in from src
// (overwriting bytes that are there). 0, or -EINVAL if [off, off + n)
// is not inside the packet (nothing is copied).
int nb_copyout(const struct netbuf *nb, uint32_t off, void *dst, uint32_t n);
int nb_copyin(struct netbuf *nb, uint32_t off, const void *src, uint32_t n);
// Add n bytes at offset off of the packet to the checksum c. 0, or
// -EINVAL as nb_copyout.
int nb_cksum(const struct netbuf *nb, uint32_t off, uint32_t n,
             struct cksum *c);

// The counters, for leak checks and /net status.
struct nbstats {
  uint32_t inuse;  // buffers allocated and not freed
  uint32_t peak;   // the most in use at once
  uint32_t limit;  // nb_init's limit (0: none)
  uint64_t allocs; // allocations that succeeded
  uint64_t drops;  // allocations refused (limit reached or no storage)
};
void nb_stats(struct nbstats *st);
uint32_t nb_inuse(void);

// A FIFO of packets linked by `next`. No lock: its owner's lock
// protects it. Bounds are the caller's (compare count).
struct nbqueue {
  struct netbuf *head, *tail;
  uint32_t count; // packets
};

static inline void nbq_init(struct nbqueue *q) {
  q->head = q->tail = 0;
  q->count = 0;
}
// Add the packet nb (the queue then owns it) at the tail.
void nbq_put(struct nbqueue *q, struct netbuf *nb);
// Take the packet at the head (the caller then owns it), or 0 if empty.
struct netbuf *nbq_get(struct nbqueue *q);
// Free every packet in the queue.
void nbq_purge(struct nbqueue *q);

#endif
