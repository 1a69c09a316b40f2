# tests/fuzz/fuzz.mk: libFuzzer targets for the network stack's parsers,
# built with Debian's clang under ASan and UBSan. Included by the
# top-level Makefile (run from the repository root). Uses BUILD.
#
#   make fuzz             build every target and run each for
#                         FUZZ_SECONDS (default 60) seconds
#   make fuzz-build       build them only
#   make fuzz-TARGET      run one (e.g. make fuzz-frame FUZZ_SECONDS=600)
#   make fuzz-merge       fold new coverage into the seed corpora in the tree
#
# Targets: tests/fuzz/fuzz_NAME.c -> $(BUILD)/tests/fuzz/fuzz_NAME, with
# its seeds in tests/fuzz/corpus/NAME/ (kept in git, only read by a run)
# and what a run finds in $(BUILD)/tests/fuzz/corpus-NAME/. A crash
# leaves its input as $(BUILD)/tests/fuzz/NAME-crash-* ; rerun it with
# `$(BUILD)/tests/fuzz/fuzz_NAME FILE`. tests/run.py's suite `fuzz` runs
# each target briefly as part of make test.

FUZZCC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_DIR := $(BUILD)/tests/fuzz
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS := -Wall -Werror -std=gnu11 -O1 -g -I include -I kernel/net \
  $(FUZZ_SAN) -fno-omit-frame-pointer -MMD -MP

# The kernel files are instrumented for coverage, not linked with a main.
$(FUZZ_DIR)/net/%.o: kernel/net/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

FUZZ_NET_OBJS := $(patsubst kernel/net/%.c,$(FUZZ_DIR)/net/%.o,\
  kernel/net/wire.c kernel/net/cksum.c kernel/net/netbuf.c \
  kernel/net/reass.c $(wildcard kernel/net/*_wire.c))

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_NET_OBJS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_NET_OBJS)

# The C library's configuration text (user/lib/nettext.c, services.c),
# instrumented the same way, for fuzz_nettext.
$(FUZZ_DIR)/libc/%.o: user/lib/%.c
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

FUZZ_LIBC_OBJS := $(FUZZ_DIR)/libc/nettext.o $(FUZZ_DIR)/libc/services.o
$(FUZZ_DIR)/fuzz_nettext: tests/fuzz/fuzz_nettext.c $(FUZZ_NET_OBJS) \
    $(FUZZ_LIBC_OBJS)
	@mkdir -p $(@D)
	$(FUZZCC) $(FUZZ_CFLAGS) -iquote user/lib -fsanitize=fuzzer -o $@ $< \
	  $(FUZZ_NET_OBJS) $(FUZZ_LIBC_OBJS)

-include $(wildcard $(FUZZ_DIR)/*.d $(FUZZ_DIR)/net/*.d $(FUZZ_DIR)/libc/*.d)

.PHONY: fuzz fuzz-build fuzz-merge $(FUZZ_NAMES:%=fuzz-%)
fuzz-build: $(FUZZ_BINS)

# -max_total_time bounds each run; a crash ends it with a nonzero status.
$(FUZZ_NAMES:%=fuzz-%): fuzz-%: $(FUZZ_DIR)/fuzz_%
	@mkdir -p $(FUZZ_DIR)/corpus-$*
	$(FUZZ_DIR)/fuzz_$* -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -artifact_prefix=$(FUZZ_DIR)/$*- $(FUZZ_DIR)/corpus-$* tests/fuzz/corpus/$*

fuzz: $(FUZZ_NAMES:%=fuzz-%)

# Inputs the runs found that add coverage, minimised into the tree's seeds.
fuzz-merge: $(FUZZ_BINS)
	@for n in $(FUZZ_NAMES); do \
	  mkdir -p tests/fuzz/corpus/$$n; \
	  $(FUZZ_DIR)/fuzz_$$n -merge=1 tests/fuzz/corpus/$$n \
	    $(FUZZ_DIR)/corpus-$$n || exit 1; done
