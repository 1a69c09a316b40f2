// kernel/dev/virtio.h: the virtio 1.x MMIO transport (modern, version 2)
// and split virtqueues, shared by the block and (later) network drivers.
// Virtio spec v1.1, sections 2 (basic facilities) and 4.2 (MMIO).
#ifndef KERNEL_VIRTIO_H
#define KERNEL_VIRTIO_H

#include "../types.h"

// MMIO registers (byte offsets).
#define VIRTIO_MMIO_MAGIC 0x000     // "virt"
#define VIRTIO_MMIO_VERSION 0x004   // 2 for modern devices
#define VIRTIO_MMIO_DEVICE_ID 0x008 // 1 net, 2 block; 0 empty slot
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW 0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW 0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG 0x100

#define VIRTIO_MAGIC 0x74726976
#define VIRTIO_DEV_NET 1
#define VIRTIO_DEV_BLK 2

// Device status bits.
#define VIRTIO_STATUS_ACKNOWLEDGE 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_FAILED 128

#define VIRTIO_F_VERSION_1 (1ULL << 32)

// Split virtqueue structures (spec 2.6).
struct virtq_desc {
  uint64 addr;
  uint32 len;
  uint16 flags;
  uint16 next;
};
#define VIRTQ_DESC_F_NEXT 1  // chained with next
#define VIRTQ_DESC_F_WRITE 2 // device writes (otherwise reads)

#define VIRTQ_MAX 64 // descriptors per queue netv6 uses at most

struct virtq_avail {
  uint16 flags;
  uint16 idx;
  uint16 ring[VIRTQ_MAX];
  uint16 unused;
};

struct virtq_used_elem {
  uint32 id;  // head of the finished chain
  uint32 len; // bytes the device wrote
};

struct virtq_used {
  uint16 flags;
  uint16 idx;
  struct virtq_used_elem ring[VIRTQ_MAX];
  uint16 unused;
};

// A virtqueue as the driver sees it. The driver's own lock protects it.
struct virtq {
  int slot;         // MMIO slot of the device
  int index;        // queue index in the device
  uint16 num;       // descriptors
  uint16 nfree;     // free descriptors
  uint16 free_head; // first free descriptor (chained by next)
  uint16 last_used; // used->idx we have seen up to
  struct virtq_desc *desc;
  struct virtq_avail *avail;
  struct virtq_used *used;
};

uint32 virtio_read(int slot, int reg);
void virtio_write(int slot, int reg, uint32 val);
int virtio_find(int devid, int nth);
int virtio_begin(int slot, uint64 want, uint64 *got);
int virtq_init(struct virtq *q, int slot, int index, int num);
void virtio_ready(int slot);
int virtq_alloc(struct virtq *q, int n, uint16 *idx);
void virtq_free_chain(struct virtq *q, uint16 head);
void virtq_submit(struct virtq *q, uint16 head);
int virtq_next_used(struct virtq *q, uint32 *id, uint32 *len);
void virtio_set_handler(int slot, void (*fn)(int slot));
uint32 virtio_ack(int slot);

#endif
