// kernel/dev/virtio.c: the virtio-mmio transport and split virtqueues.
//
// A driver finds its device with virtio_find(), negotiates features
// with virtio_begin(), sets up its queues with virtq_init(), then calls
// virtio_ready(). To send a request it takes descriptors with
// virtq_alloc(), fills them, and virtq_submit()s the chain; in its
// interrupt handler it collects finished chains with virtq_next_used().
// The driver's lock protects its queues; this file has no locks.
#include "../types.h"
#include "../param.h"
#include "../memlayout.h"
#include "../spinlock.h"
#include "../proc.h"
#include "../defs.h"
#include "virtio.h"

#define REG(slot, r) \
  ((volatile uint32 *)(VIRTIO_MMIO_BASE + (slot)*VIRTIO_MMIO_STRIDE + (r)))

static void (*handlers[VIRTIO_MMIO_SLOTS])(int slot);

uint32 virtio_read(int slot, int reg) { return *REG(slot, reg); }
void virtio_write(int slot, int reg, uint32 val) { *REG(slot, reg) = val; }

// The slot of the nth (from 0) modern virtio device with id devid, or -1.
int virtio_find(int devid, int nth) {
  for (int s = 0; s < VIRTIO_MMIO_SLOTS; s++) {
    if (virtio_read(s, VIRTIO_MMIO_MAGIC) != VIRTIO_MAGIC ||
        virtio_read(s, VIRTIO_MMIO_DEVICE_ID) != (uint32)devid)
      continue;
    if (virtio_read(s, VIRTIO_MMIO_VERSION) != 2) {
      printf("virtio slot %d: legacy device; run QEMU with "
             "-global virtio-mmio.force-legacy=false\n",
             s);
      continue;
    }
    if (nth-- == 0)
      return s;
  }
  return -1;
}

// Reset the device and negotiate features: we accept the ones in want
// that the device offers, and always need VIRTIO_F_VERSION_1.
// Returns 0 with the agreed set in *got, or -1.
int virtio_begin(int slot, uint64 want, uint64 *got) {
  uint32 status = 0;
  virtio_write(slot, VIRTIO_MMIO_STATUS, status); // reset
  status |= VIRTIO_STATUS_ACKNOWLEDGE;
  virtio_write(slot, VIRTIO_MMIO_STATUS, status);
  status |= VIRTIO_STATUS_DRIVER;
  virtio_write(slot, VIRTIO_MMIO_STATUS, status);

  uint64 offered = 0;
  for (int sel = 0; sel < 2; sel++) {
    virtio_write(slot, VIRTIO_MMIO_DEVICE_FEATURES_SEL, sel);
    offered |= (uint64)virtio_read(slot, VIRTIO_MMIO_DEVICE_FEATURES)
               << (32 * sel);
  }
  uint64 agreed = offered & (want | VIRTIO_F_VERSION_1);
  if (!(agreed & VIRTIO_F_VERSION_1))
    goto fail;
  for (int sel = 0; sel < 2; sel++) {
    virtio_write(slot, VIRTIO_MMIO_DRIVER_FEATURES_SEL, sel);
    virtio_write(slot, VIRTIO_MMIO_DRIVER_FEATURES,
                 (uint32)(agreed >> (32 * sel)));
  }
  status |= VIRTIO_STATUS_FEATURES_OK;
  virtio_write(slot, VIRTIO_MMIO_STATUS, status);
  if (!(virtio_read(slot, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
    goto fail;
  *got = agreed;
  return 0;

fail:
  virtio_write(slot, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_FAILED);
  return -1;
}

// Set up queue index of the device with num descriptors, all free.
// The three parts share one zeroed page. Returns 0 or -1.
int virtq_init(struct virtq *q, int slot, int index, int num) {
  virtio_write(slot, VIRTIO_MMIO_QUEUE_SEL, index);
  if (virtio_read(slot, VIRTIO_MMIO_QUEUE_READY))
    return -1;
  uint32 max = virtio_read(slot, VIRTIO_MMIO_QUEUE_NUM_MAX);
  if (max == 0)
    return -1;
  if ((uint32)num > max)
    num = max;
  if (num > VIRTQ_MAX)
    num = VIRTQ_MAX;
  char *page = kzalloc();
  if (page == 0)
    return -1;
  _Static_assert(VIRTQ_MAX * sizeof(struct virtq_desc) <= 1024, "desc fits");
  _Static_assert(sizeof(struct virtq_avail) <= 1024, "avail fits");
  _Static_assert(sizeof(struct virtq_used) <= 2048, "used fits");
  q->slot = slot;
  q->index = index;
  q->num = num;
  q->desc = (struct virtq_desc *)page;
  q->avail = (struct virtq_avail *)(page + 1024);
  q->used = (struct virtq_used *)(page + 2048);
  q->last_used = 0;
  for (int i = 0; i < num; i++)
    q->desc[i].next = i + 1;
  q->free_head = 0;
  q->nfree = num;

  virtio_write(slot, VIRTIO_MMIO_QUEUE_NUM, num);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DESC_LOW, (uint64)q->desc);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint64)q->desc >> 32);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint64)q->avail);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint64)q->avail >> 32);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint64)q->used);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint64)q->used >> 32);
  virtio_write(slot, VIRTIO_MMIO_QUEUE_READY, 1);
  return 0;
}

void virtio_ready(int slot) {
  uint32 s = virtio_read(slot, VIRTIO_MMIO_STATUS);
  virtio_write(slot, VIRTIO_MMIO_STATUS, s | VIRTIO_STATUS_DRIVER_OK);
}

// Take n free descriptors into idx[]. Returns 0, or -1 (nothing
// taken) if fewer than n are free.
int virtq_alloc(struct virtq *q, int n, uint16 *idx) {
  if (q->nfree < n)
    return -1;
  for (int i = 0; i < n; i++) {
    idx[i] = q->free_head;
    q->free_head = q->desc[idx[i]].next;
  }
  q->nfree -= n;
  return 0;
}

// Give back the chain that starts at head.
void virtq_free_chain(struct virtq *q, uint16 head) {
  for (;;) {
    struct virtq_desc *d = &q->desc[head];
    int more = d->flags & VIRTQ_DESC_F_NEXT;
    uint16 next = d->next;
    d->addr = 0;
    d->len = 0;
    d->flags = 0;
    d->next = q->free_head;
    q->free_head = head;
    q->nfree++;
    if (!more)
      break;
    head = next;
  }
}

// Offer the chain at head to the device and tell it.
void virtq_submit(struct virtq *q, uint16 head) {
  q->avail->ring[q->avail->idx % q->num] = head;
  __sync_synchronize(); // the ring entry before the index
  q->avail->idx++;
  __sync_synchronize(); // the index before the notify
  virtio_write(q->slot, VIRTIO_MMIO_QUEUE_NOTIFY, q->index);
}

// The next chain the device has finished with: 1 and its head and
// length, or 0 if there is none.
int virtq_next_used(struct virtq *q, uint32 *id, uint32 *len) {
  __sync_synchronize();
  if (q->last_used == *(volatile uint16 *)&q->used->idx)
    return 0;
  struct virtq_used_elem *e = &q->used->ring[q->last_used % q->num];
  *id = e->id;
  *len = e->len;
  q->last_used++;
  return 1;
}

// Acknowledge the device's interrupt; returns the status bits
// (1: used buffers, 2: configuration change).
uint32 virtio_ack(int slot) {
  uint32 st = virtio_read(slot, VIRTIO_MMIO_INTERRUPT_STATUS);
  virtio_write(slot, VIRTIO_MMIO_INTERRUPT_ACK, st & 3);
  return st;
}

void virtio_set_handler(int slot, void (*fn)(int slot)) {
  handlers[slot] = fn;
  plic_enable(VIRTIO_MMIO_IRQ(slot));
}

void virtio_intr(int slot) {
  if (slot >= 0 && slot < VIRTIO_MMIO_SLOTS && handlers[slot])
    handlers[slot](slot);
  else
    virtio_ack(slot);
}
