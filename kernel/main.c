// kernel/main.c: boot. The boot hart sets up every subsystem, starts
// the other harts through SBI, and all of them enter the scheduler.
#include "types.h"
#include "param.h"
#include "memlayout.h"
#include "spinlock.h"
#include "proc.h"
#include "sbi.h"
#include "defs.h"
#include "net/net.h"
#include "net/socket.h"
#include "net/netstack.h"
#include "timer.h"

extern char _entry_secondary[]; // entry.S
extern volatile int boot_done;  // entry.S (in .data, not cleared)

int ncpus(void) {
  int n = 0;
  for (int i = 0; i < NCPU; i++)
    n += cpus[i].started;
  return n;
}

void kmain(uint64 hartid, uint64 boot) {
  if (boot) {
    consoleinit();
    nullinit();
    printfinit();
    printf("\nnetv6 kernel booting on hart %d\n", (int)hartid);
    kinit();
    kvminit();
    kvminithart();
    procinit();
    trapinit();
    trapinithart();
    plicinit();
    plicinithart();
    binit();
    iinit();
    fileinit();
    netfsinit(); // before the providers below add files to /net
    pollinit();
    randominit(r_time());
    timerinit();
    sockinit();
    netinit();
    xv6sock_init();
    netfs_sockets_init();
    netfs_ipifc_init();
    netfs_inet_init();
    virtio_blk_init();
    cpus[hartid].started = 1;
    __sync_synchronize();
    boot_done = 1;
    // Start the other harts; an id the machine does not have fails.
    for (int h = 0; h < NCPU; h++)
      if (h != (int)hartid)
        sbi_hart_start(h, (uint64)_entry_secondary, 0);
    // Wait (bounded) for them to come up, so the banner is right.
    for (uint64 t0 = r_time(); r_time() - t0 < TIMEBASE / 10;)
      ;
    printf("netv6: %d harts, %d MiB, %d free pages\n", ncpus(),
           (int)((PHYSTOP - RAMBASE) >> 20), (int)kfreecount());
    userinit();
    timerstart();
    netstart();
  } else {
    while (!boot_done)
      ;
    __sync_synchronize();
    kvminithart();
    trapinithart();
    plicinithart();
    cpus[hartid].started = 1;
  }
  scheduler();
}
