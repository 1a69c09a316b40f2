# user/user.mk: user space build (libc and programs), included by the
# top-level Makefile, which sets BUILD, TOOLPREFIX and UCC.
#
#   $(BUILD)/user/libc.a       the C library, from user/lib/*.c and *.S
#   $(BUILD)/user/<prog>       a program, from user/<prog>.c and libc.a
#   UPROGS                     every program to put in the image; other
#                              fragments add theirs with UPROGS +=
#   UFILES                     other files for the image, as mkfs takes
#                              them: HOSTPATH=/guest/path (user/etc/)
# Objects go under $(BUILD)/user/obj/, each with a .d dependency file.

UCC ?= $(TOOLPREFIX)gcc
UAR ?= $(TOOLPREFIX)ar

UCFLAGS := -Wall -Werror -O2 -g -ffreestanding -fno-common -nostdlib \
  $(ARCHFLAGS) \
  -I user/include -I include -MMD -MP
# libc may not have its own loops turned into calls to memset/memcpy.
ULIBCFLAGS := -fno-tree-loop-distribute-patterns
# The link names plain rv64imac/lp64 so gcc picks its soft-float libgcc
# multilib (the compile flags carry extension suffixes it does not match).
ULDFLAGS := -nostdlib -march=rv64imac -mabi=lp64 -T user/user.ld -Wl,-u,_start

ULIBC_SRCS := $(wildcard user/lib/*.c user/lib/*.S)
ULIBC_OBJS := $(patsubst user/lib/%,$(BUILD)/user/obj/lib/%.o,\
  $(basename $(ULIBC_SRCS)))
ULIBC := $(BUILD)/user/libc.a
# The network stack's pure wire parsers (kernel/net/*_wire.c include no
# kernel header) are compiled into libc too, so user programs (the DHCP
# client, the resolver) share the kernel's tested code instead of a copy.
ULIBC_KNET := wire dhcp_wire dns_wire
ULIBC_OBJS += $(ULIBC_KNET:%=$(BUILD)/user/obj/knet/%.o)

UPROGS += $(addprefix $(BUILD)/user/,\
  init sh ls cat echo grep wc mkdir rm ln kill halt socktest date testpanic \
  sleep uptime ps)
# BSD sockets: netcat, echo servers and their checking client, and
# textbook POSIX examples (usrv/ucli stream, udgram, upoll).
UPROGS += $(addprefix $(BUILD)/user/,\
  nc echopoll echofork echocli usrv ucli udgram upoll ping dhcp \
  ifconfig route arp netstat)
# Names and UDP: the DNS lookup host, a UDP echo server, and textbook
# UDP examples over getaddrinfo (udpsrv/udpcli).
UPROGS += $(addprefix $(BUILD)/user/,host udpecho udpsrv udpcli)

UFILES += user/etc/hosts=/etc/hosts

$(ULIBC): $(ULIBC_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(UAR) rcs $@ $^

$(BUILD)/user/obj/lib/%.o: user/lib/%.c
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) $(ULIBCFLAGS) -c -o $@ $<

$(BUILD)/user/obj/knet/%.o: kernel/net/%.c
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) $(ULIBCFLAGS) -c -o $@ $<

$(BUILD)/user/obj/lib/%.o: user/lib/%.S
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(BUILD)/user/obj/%.o: user/%.c
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(BUILD)/user/%: $(BUILD)/user/obj/%.o $(ULIBC) user/user.ld
	$(UCC) $(ULDFLAGS) -o $@ $< $(ULIBC) -lgcc

# Program objects are intermediate files of the rule above; keep them.
.PRECIOUS: $(BUILD)/user/obj/%.o

-include $(wildcard $(BUILD)/user/obj/*.d $(BUILD)/user/obj/lib/*.d \
  $(BUILD)/user/obj/knet/*.d)
