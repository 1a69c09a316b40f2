// kernel/dev/virtio_blk.c: the virtio block device that holds the file
// system. Each request is a chain of three descriptors: a header
// (read or write, sector), the block's data, and a status byte the
// device fills in. Several requests can be in flight.
#include "../types.h"
#include "../param.h"
#include "../riscv.h"
#include "../spinlock.h"
#include "../sleeplock.h"
#include "../proc.h"
#include "../buf.h"
#include "../defs.h"
#include "virtio.h"

#define VIRTIO_BLK_T_IN 0  // read
#define VIRTIO_BLK_T_OUT 1 // write
#define QUEUE_SIZE 32

struct blk_req {
  uint32 type;
  uint32 reserved;
  uint64 sector;
};

static struct {
  struct spinlock lock; // protects everything here and the queue
  int slot;
  struct virtq q;
  // Indexed by the head descriptor of a request chain:
  struct blk_req req[QUEUE_SIZE];
  struct buf *buf[QUEUE_SIZE];
  volatile uchar status[QUEUE_SIZE];
} disk;

static void blk_intr(int slot);

void virtio_blk_init(void) {
  initlock(&disk.lock, "virtio_blk");
  disk.slot = virtio_find(VIRTIO_DEV_BLK, 0);
  if (disk.slot < 0)
    panic("no virtio block device (the disk image)");
  uint64 features;
  if (virtio_begin(disk.slot, 0, &features) < 0)
    panic("virtio_blk: feature negotiation failed");
  if (virtq_init(&disk.q, disk.slot, 0, QUEUE_SIZE) < 0 || disk.q.num < 3)
    panic("virtio_blk: no usable queue");
  virtio_set_handler(disk.slot, blk_intr);
  virtio_ready(disk.slot);
}

// Read or write b's block, sleeping until the device is done.
void virtio_disk_rw(struct buf *b, int write) {
  uint16 d[3];
  acquire(&disk.lock);
  while (virtq_alloc(&disk.q, 3, d) < 0)
    sleep(&disk.q, &disk.lock); // the disk always finishes: not killable

  struct blk_req *req = &disk.req[d[0]];
  req->type = write ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
  req->reserved = 0;
  req->sector = (uint64)b->blockno * (BSIZE / 512);

  disk.q.desc[d[0]].addr = (uint64)req;
  disk.q.desc[d[0]].len = sizeof(*req);
  disk.q.desc[d[0]].flags = VIRTQ_DESC_F_NEXT;
  disk.q.desc[d[0]].next = d[1];

  disk.q.desc[d[1]].addr = (uint64)b->data;
  disk.q.desc[d[1]].len = BSIZE;
  disk.q.desc[d[1]].flags =
      VIRTQ_DESC_F_NEXT | (write ? 0 : VIRTQ_DESC_F_WRITE);
  disk.q.desc[d[1]].next = d[2];

  disk.status[d[0]] = 0xff; // the device writes 0 on success
  disk.q.desc[d[2]].addr = (uint64)&disk.status[d[0]];
  disk.q.desc[d[2]].len = 1;
  disk.q.desc[d[2]].flags = VIRTQ_DESC_F_WRITE;
  disk.q.desc[d[2]].next = 0;

  b->disk = 1;
  disk.buf[d[0]] = b;
  virtq_submit(&disk.q, d[0]);
  while (b->disk)
    sleep(b, &disk.lock);
  if (disk.status[d[0]] != 0)
    panic("virtio_blk: I/O error %d on block %d", disk.status[d[0]],
          b->blockno);
  disk.buf[d[0]] = 0;
  virtq_free_chain(&disk.q, d[0]);
  wakeup(&disk.q);
  release(&disk.lock);
}

static void blk_intr(int slot) {
  acquire(&disk.lock);
  virtio_ack(slot);
  uint32 id, len;
  while (virtq_next_used(&disk.q, &id, &len)) {
    if (id >= QUEUE_SIZE || disk.buf[id] == 0)
      panic("virtio_blk: bad used id %d", id);
    disk.buf[id]->disk = 0;
    wakeup(disk.buf[id]);
  }
  release(&disk.lock);
}
