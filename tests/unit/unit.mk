# tests/unit/unit.mk: host unit tests of the socket core's
# host-compilable parts, with Check under ASan and UBSan. Included by the
# top-level Makefile (run from the repository root). Uses BUILD and
# HOSTCC. (mkfs's own tests are in mkfs/mkfs.mk.)
#
#   $(BUILD)/tests/unit/test_sostate   the state machine, kernel/net/sostate.c
#   $(BUILD)/tests/unit/test_sockbuf   the receive buffer, kernel/net/sockbuf.c
#   $(BUILD)/tests/unit/test_sockrec   its record mode (datagrams, seqpacket)
#   $(BUILD)/tests/unit/test_cksum     the Internet checksum, kernel/net/cksum.c
#   $(BUILD)/tests/unit/test_wire      the wire parsers and builders,
#                                      kernel/net/*_wire.c, on captured frames
#   $(BUILD)/tests/unit/test_netbuf    packet buffers, kernel/net/netbuf.c
#   $(BUILD)/tests/unit/test_callout   the timer wheel, kernel/net/callout.c
#   $(BUILD)/tests/unit/test_route     the routing table, kernel/net/route.c
#   $(BUILD)/tests/unit/test_arpcache  the ARP cache, kernel/net/arpcache.c
#   $(BUILD)/tests/unit/test_reass     IPv4 reassembly, kernel/net/reass.c
#   $(BUILD)/tests/unit/test_dhcp      DHCP messages, kernel/net/dhcp_wire.c
#   $(BUILD)/tests/unit/test_dns       DNS queries and replies, dns_wire.c
#   $(BUILD)/tests/unit/test_netfs     /net's tree and commands,
#                                      kernel/fs/netfs_tree.c, netfs_args.c,
#                                      kernel/net/inet_text.c
#   $(BUILD)/tests/unit/test_fmt       the kernel's printf formats, kernel/fmt.c
#   $(BUILD)/tests/unit/test_nettext   the C library's resolver files:
#                                      user/lib/nettext.c, services.c
#   $(BUILD)/tests/unit/posix/udp*     the textbook UDP examples built
#                                      with the host's compiler and
#                                      headers (they must compile as
#                                      they are on Linux)
#   unit-net                           builds and runs them all (each even
#                                      when an earlier one fails)
#
# The kernel files are compiled as they are, natively; the tests supply
# what they need from their user (sockbuf's copies and pages).

BUILD ?= build
HOSTCC ?= gcc

UNIT_NET_CFLAGS := -Wall -Werror -std=gnu11 -O1 -g -I include -I kernel/net \
  -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined -MMD -MP
UNIT_NET_DIR := $(BUILD)/tests/unit
UNIT_NET_TESTS := test_sostate test_sockbuf test_sockrec test_cksum \
  test_wire test_netbuf test_callout test_route test_arpcache test_reass \
  test_dhcp test_dns test_fmt test_netfs test_nettext

# The kernel files of the wire layer (kernel/net/*_wire.c), for the tests
# of the formats.
UNIT_WIRE_OBJS := $(patsubst kernel/net/%.c,$(UNIT_NET_DIR)/net/%.o,\
  kernel/net/wire.c kernel/net/cksum.c $(wildcard kernel/net/*_wire.c))

$(UNIT_NET_DIR)/net/%.o: kernel/net/%.c kernel/net/%.h include/netv6/errno.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_NET_CFLAGS) -c -o $@ $<
-include $(wildcard $(UNIT_NET_DIR)/*.d $(UNIT_NET_DIR)/net/*.d \
  $(UNIT_NET_DIR)/fs/*.d $(UNIT_NET_DIR)/kernel/*.d)

# netfs's pure parts (kernel/fs/netfs_*.c) and the formatter (kernel/fmt.c).
$(UNIT_NET_DIR)/fs/%.o: kernel/fs/%.c kernel/fs/%.h include/netv6/errno.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_NET_CFLAGS) -c -o $@ $<
$(UNIT_NET_DIR)/kernel/fmt.o: kernel/fmt.c kernel/fmt.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_NET_CFLAGS) -c -o $@ $<
$(UNIT_NET_DIR)/test_netfs.o: UNIT_NET_CFLAGS += -I kernel/fs
$(UNIT_NET_DIR)/test_fmt.o: UNIT_NET_CFLAGS += -I kernel

$(UNIT_NET_DIR)/test_sostate.o: kernel/net/sostate.h
$(UNIT_NET_DIR)/test_sockbuf.o: kernel/net/sockbuf.h
$(UNIT_NET_DIR)/test_sockrec.o: kernel/net/sockbuf.h
$(UNIT_NET_TESTS:%=$(UNIT_NET_DIR)/%.o): $(UNIT_NET_DIR)/%.o: \
    tests/unit/%.c include/netv6/errno.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_NET_CFLAGS) $$(pkg-config --cflags check) -c -o $@ $<

$(UNIT_NET_DIR)/test_sostate: $(UNIT_NET_DIR)/test_sostate.o \
    $(UNIT_NET_DIR)/net/sostate.o
$(UNIT_NET_DIR)/test_sockbuf: $(UNIT_NET_DIR)/test_sockbuf.o \
    $(UNIT_NET_DIR)/net/sockbuf.o
$(UNIT_NET_DIR)/test_sockrec: $(UNIT_NET_DIR)/test_sockrec.o \
    $(UNIT_NET_DIR)/net/sockbuf.o
$(UNIT_NET_DIR)/test_cksum: $(UNIT_NET_DIR)/test_cksum.o \
    $(UNIT_NET_DIR)/net/cksum.o
$(UNIT_NET_DIR)/test_wire: $(UNIT_NET_DIR)/test_wire.o $(UNIT_WIRE_OBJS)
$(UNIT_NET_DIR)/test_netbuf: $(UNIT_NET_DIR)/test_netbuf.o \
    $(UNIT_NET_DIR)/net/netbuf.o $(UNIT_NET_DIR)/net/cksum.o
$(UNIT_NET_DIR)/test_callout: $(UNIT_NET_DIR)/test_callout.o \
    $(UNIT_NET_DIR)/net/callout.o
$(UNIT_NET_DIR)/test_route: $(UNIT_NET_DIR)/test_route.o \
    $(UNIT_NET_DIR)/net/route.o
$(UNIT_NET_DIR)/test_arpcache: $(UNIT_NET_DIR)/test_arpcache.o \
    $(UNIT_NET_DIR)/net/arpcache.o $(UNIT_NET_DIR)/net/netbuf.o \
    $(UNIT_NET_DIR)/net/cksum.o
$(UNIT_NET_DIR)/test_reass: $(UNIT_NET_DIR)/test_reass.o \
    $(UNIT_NET_DIR)/net/reass.o $(UNIT_NET_DIR)/net/netbuf.o \
    $(UNIT_NET_DIR)/net/cksum.o $(UNIT_NET_DIR)/net/ip_wire.o
$(UNIT_NET_DIR)/test_dhcp: $(UNIT_NET_DIR)/test_dhcp.o $(UNIT_WIRE_OBJS)
$(UNIT_NET_DIR)/test_dns: $(UNIT_NET_DIR)/test_dns.o $(UNIT_WIRE_OBJS)
$(UNIT_NET_DIR)/test_netfs: $(UNIT_NET_DIR)/test_netfs.o \
    $(UNIT_NET_DIR)/fs/netfs_tree.o $(UNIT_NET_DIR)/fs/netfs_args.o \
    $(UNIT_NET_DIR)/net/inet_text.o
$(UNIT_NET_DIR)/test_fmt: $(UNIT_NET_DIR)/test_fmt.o $(UNIT_NET_DIR)/kernel/fmt.o
$(UNIT_NET_DIR)/test_nettext: $(UNIT_NET_DIR)/test_nettext.o \
    $(UNIT_NET_DIR)/libc/nettext.o $(UNIT_NET_DIR)/libc/services.o
$(UNIT_NET_TESTS:%=$(UNIT_NET_DIR)/%):
	$(HOSTCC) $(UNIT_NET_CFLAGS) -o $@ $^ $$(pkg-config --libs check) -lpthread

# The C library's pure files, natively.
$(UNIT_NET_DIR)/test_nettext.o: UNIT_NET_CFLAGS += -iquote user/lib
$(UNIT_NET_DIR)/libc/%.o: user/lib/%.c user/lib/nettext.h
	@mkdir -p $(@D)
	$(HOSTCC) $(UNIT_NET_CFLAGS) -c -o $@ $<
-include $(wildcard $(UNIT_NET_DIR)/libc/*.d)

# Textbook programs compile unchanged on Linux: built (not run) here
# with the host's headers, strict POSIX and every warning.
UNIT_POSIX := $(addprefix $(UNIT_NET_DIR)/posix/,udpsrv udpcli)
$(UNIT_POSIX): $(UNIT_NET_DIR)/posix/%: user/%.c
	@mkdir -p $(@D)
	$(HOSTCC) -std=c99 -D_POSIX_C_SOURCE=200112L -Wall -Wextra -Werror \
	  -o $@ $<

.PHONY: unit-net
unit-net: $(UNIT_NET_TESTS:%=$(UNIT_NET_DIR)/%) $(UNIT_POSIX)
	@st=0; for t in $(UNIT_NET_TESTS); do \
	  echo "$(UNIT_NET_DIR)/$$t"; $(UNIT_NET_DIR)/$$t || st=1; done; exit $$st
