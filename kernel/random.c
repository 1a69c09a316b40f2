// kernel/random.c: the kernel's pseudo-random numbers, for ephemeral
// ports (RFC 6056), DNS query IDs and the like: xoshiro-style state
// stirred with the timer counter at every call.
//
// Not cryptographic: the seed is the boot time and the timer counter.
// A real entropy source (virtio-rng, with /dev/random and getrandom)
// comes with TCP's initial sequence numbers (RFC 6528).
#include "types.h"
#include "param.h"
#include "riscv.h"
#include "spinlock.h"
#include "defs.h"

static struct {
  struct spinlock lock;
  uint64 s[2]; // [lock]
} rnd;

static uint64 mix(uint64 x) { // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

void randominit(uint64 seed) {
  initlock(&rnd.lock, "random");
  rnd.s[0] = mix(seed ^ r_time());
  rnd.s[1] = mix(rnd.s[0] + 0x9e3779b97f4a7c15ULL);
}

uint32 krand(void) {
  acquire(&rnd.lock);
  uint64 a = rnd.s[0], b = rnd.s[1] ^ r_time();
  uint64 r = a + b;
  b ^= a;
  rnd.s[0] = ((a << 24) | (a >> 40)) ^ b ^ (b << 16); // xoroshiro128+
  rnd.s[1] = (b << 37) | (b >> 27);
  release(&rnd.lock);
  return (uint32)(mix(r) >> 32);
}
