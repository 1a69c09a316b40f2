// kernel/sbi.c: the SBI calls netv6 uses. An SBI call is an ecall from
// S-mode with the extension id in a7, the function id in a6 and
// arguments in a0..a5; the firmware returns an error code in a0 and a
// value in a1.
#include "types.h"
#include "sbi.h"

#define EXT_LEGACY_PUTCHAR 0x01
#define EXT_TIME 0x54494D45 // "TIME"
#define EXT_IPI 0x735049    // "sPI"
#define EXT_HSM 0x48534D    // "HSM"
#define EXT_SRST 0x53525354 // "SRST"

struct sbiret {
  long error;
  long value;
};

static struct sbiret sbicall(uint64 ext, uint64 fid, uint64 a0, uint64 a1,
                             uint64 a2) {
  register uint64 r0 asm("a0") = a0;
  register uint64 r1 asm("a1") = a1;
  register uint64 r2 asm("a2") = a2;
  register uint64 r6 asm("a6") = fid;
  register uint64 r7 asm("a7") = ext;
  asm volatile("ecall"
               : "+r"(r0), "+r"(r1)
               : "r"(r2), "r"(r6), "r"(r7)
               : "memory");
  struct sbiret ret = {(long)r0, (long)r1};
  return ret;
}

// Ask for a timer interrupt when the time CSR reaches stime.
void sbi_set_timer(uint64 stime) { sbicall(EXT_TIME, 0, stime, 0, 0); }

// Raise a supervisor software interrupt on the harts in the mask.
int sbi_send_ipi(uint64 hartmask, uint64 base) {
  return sbicall(EXT_IPI, 0, hartmask, base, 0).error;
}

// Start a stopped hart at physical address start, a1 = opaque.
int sbi_hart_start(uint64 hartid, uint64 start, uint64 opaque) {
  return sbicall(EXT_HSM, 0, hartid, start, opaque).error;
}

void sbi_shutdown(void) {
  sbicall(EXT_SRST, 0, 0 /* shutdown */, 0 /* no reason */, 0);
  for (;;)
    asm volatile("wfi");
}

void sbi_console_putchar(int c) { sbicall(EXT_LEGACY_PUTCHAR, 0, c, 0, 0); }
