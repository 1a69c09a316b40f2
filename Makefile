# netv6 top-level Makefile.
#
#   make qemu        install what is missing, build, boot in QEMU (console here)
#   make qemu-gdb    the same, QEMU waiting for gdb-multiarch
#   make test        install what is missing, build, run every test layer
#   make test-quick  a quick subset for the edit-run loop
#   make bench       print performance figures (idle host CPU for now)
#   make fuzz        run each libFuzzer target FUZZ_SECONDS (60) seconds
#   make             build kernel, user programs and the disk image
#   make clean
#
# Variables: CPUS (harts, default 3), PCAP (make qemu PCAP=file.pcap
# records every frame of the guest's NIC), TOOLPREFIX (cross compiler prefix,
# found automatically), EXTRA_FILES (more host files for the image, each
# FILE, which lands in /, or HOSTPATH=/guest/path, parents made), FSIMG
# (the image to build and boot, default build/fs.img).

BUILD := build
CPUS ?= 3
EXTRA_FILES ?=
FSIMG ?= $(BUILD)/fs.img

# The RISC-V cross toolchain: riscv64-unknown-elf- (Debian's
# gcc-riscv64-unknown-elf) or riscv64-linux-gnu-.
ifndef TOOLPREFIX
TOOLPREFIX := $(shell for p in riscv64-unknown-elf- riscv64-linux-gnu-; do \
	if command -v $${p}gcc >/dev/null 2>&1; then echo $$p; exit; fi; done)
endif

CC := $(TOOLPREFIX)gcc
LD := $(TOOLPREFIX)ld
OBJDUMP := $(TOOLPREFIX)objdump
HOSTCC ?= gcc
UCC := $(CC)
QEMU := qemu-system-riscv64

# Integer-only RISC-V (no floating point state to save on a switch).
ARCHFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany

KCFLAGS := -Wall -Werror -O2 -g -std=gnu11 $(ARCHFLAGS) -ffreestanding \
  -fno-common -nostdlib -fno-omit-frame-pointer -fno-stack-protector \
  -fno-pie -no-pie -fno-tree-loop-distribute-patterns \
  -I include -MMD -MP

KSRCS := $(wildcard kernel/*.c kernel/*.S kernel/*/*.c kernel/*/*.S)
KOBJS := $(patsubst kernel/%,$(BUILD)/kernel/%.o,$(basename $(KSRCS)))
# entry.o must come first: it holds _entry at 0x80200000.
KOBJS := $(BUILD)/kernel/entry.o $(filter-out $(BUILD)/kernel/entry.o,$(KOBJS))

all: $(BUILD)/kernel.elf $(FSIMG) $(BUILD)/testpanic/kernel.elf

$(BUILD)/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c -o $@ $<

$(BUILD)/kernel/%.o: kernel/%.S
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -I kernel -c -o $@ $<

$(BUILD)/kernel.elf: $(KOBJS) kernel/kernel.ld
	$(LD) -z max-page-size=4096 -T kernel/kernel.ld -o $@ $(KOBJS)
	$(OBJDUMP) -S $@ > $(BUILD)/kernel.asm

-include $(KOBJS:.o=.d)

# The harness's test kernel (tests/test_harness.py): the normal objects
# but a system-call dispatcher built with NETV6_TEST_PANIC, which panics
# on request (netv6/panic.h). Never booted by make qemu.
TPDIR := $(BUILD)/testpanic
TPOBJS := $(patsubst $(BUILD)/kernel/syscall.o,$(TPDIR)/syscall.o,$(KOBJS))

$(TPDIR)/syscall.o: kernel/syscall.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -DNETV6_TEST_PANIC -c -o $@ $<

$(TPDIR)/kernel.elf: $(TPOBJS) kernel/kernel.ld
	$(LD) -z max-page-size=4096 -T kernel/kernel.ld -o $@ $(TPOBJS)

-include $(TPDIR)/syscall.d

include user/user.mk
include mkfs/mkfs.mk
-include tests/tests.mk
include tests/unit/unit.mk
include tests/fuzz/fuzz.mk

# The image depends on the host side of each EXTRA_FILES word, and on
# the list itself: FSIMG.extra holds it, rewritten only when it changes,
# so that another list rebuilds the image even if its files are old.
EXTRA_HOST := $(foreach f,$(EXTRA_FILES),$(firstword $(subst =, ,$(f))))

$(FSIMG).extra: FORCE
	@mkdir -p $(@D)
	@echo '$(EXTRA_FILES)' | cmp -s - $@ || echo '$(EXTRA_FILES)' > $@

# UFILES (user/user.mk) are the image's own files, such as /etc/hosts.
UFILES_HOST := $(foreach f,$(UFILES),$(firstword $(subst =, ,$(f))))

$(FSIMG): $(BUILD)/mkfs/mkfs $(UPROGS) $(UFILES_HOST) $(EXTRA_HOST) \
    $(FSIMG).extra
	$(BUILD)/mkfs/mkfs $@ $(UPROGS) $(UFILES) $(EXTRA_FILES)

# --- running -------------------------------------------------------------

QEMUOPTS = -machine virt -bios default -kernel $(BUILD)/kernel.elf \
  -m 128M -smp $(CPUS) -nographic -no-reboot \
  -global virtio-mmio.force-legacy=false \
  -drive file=$(FSIMG),if=none,format=raw,id=x0 \
  -device virtio-blk-device,drive=x0 \
  -netdev user,id=n0,restrict=on -device virtio-net-device,netdev=n0 \
  $(if $(PCAP),-object filter-dump,id=d0,netdev=n0,file=$(PCAP))

GDBPORT := $(shell expr `id -u` % 5000 + 25000)

.PHONY: all deps qemu qemu-gdb boot boot-gdb test test-quick bench unit clean check-qemu FORCE
FORCE:

# Install missing Debian packages (scripts/deps.sh), then do the work in
# a sub-make, which finds the toolchain that may have just arrived.
deps:
	@scripts/deps.sh

qemu: deps
	@$(MAKE) --no-print-directory boot

qemu-gdb: deps
	@$(MAKE) --no-print-directory boot-gdb

check-qemu:
	@scripts/check-qemu.sh $(QEMU)

boot: all check-qemu
	$(QEMU) $(QEMUOPTS)

boot-gdb: all check-qemu
	@echo "QEMU waits for gdb: gdb-multiarch -ex 'target remote localhost:$(GDBPORT)' $(BUILD)/kernel.elf"
	$(QEMU) $(QEMUOPTS) -S -gdb tcp:127.0.0.1:$(GDBPORT)

test: deps
	@$(MAKE) --no-print-directory all check-qemu
	@python3 tests/run.py --cpus $(CPUS) all

test-quick: deps
	@$(MAKE) --no-print-directory all check-qemu
	@python3 tests/run.py --cpus $(CPUS) quick

# Figures, not tests: printed, never failing (see docs/testing.md).
bench: deps
	@$(MAKE) --no-print-directory all check-qemu
	@python3 tests/bench_idle.py

clean:
	rm -rf $(BUILD)
