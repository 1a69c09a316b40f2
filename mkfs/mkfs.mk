# mkfs/mkfs.mk: host tools mkfs and fsck, and their unit tests.
# Included by the top-level Makefile (run from the repository root).
# Uses BUILD (default build) and HOSTCC (default gcc).
#
#   $(BUILD)/mkfs/mkfs              builds file-system images
#   $(BUILD)/mkfs/fsck              checks or reads an image
#   $(BUILD)/tests/unit/test_mkfs   Check unit tests, ASan + UBSan
#   unit-mkfs                       builds and runs the unit tests

BUILD ?= build
HOSTCC ?= gcc

MKFS_CFLAGS := -Wall -Werror -std=gnu11 -O2 -g -I include -I mkfs
MKFS_TCFLAGS := -Wall -Werror -std=gnu11 -O1 -g -I include -I mkfs \
  -fsanitize=address,undefined -fno-omit-frame-pointer \
  -fno-sanitize-recover=undefined
MKFS_LIB := fsimage fsbuild fsio fsread fscheck
MKFS_HDRS := mkfs/fsimage.h mkfs/fsint.h include/netv6/fs.h \
  include/netv6/stat.h

# Tool objects in $(BUILD)/mkfs/; the sanitizer build of the library
# for the tests in $(BUILD)/tests/unit/mkfs/.
MKFS_OBJS := $(MKFS_LIB:%=$(BUILD)/mkfs/%.o)
MKFS_TOBJS := $(MKFS_LIB:%=$(BUILD)/tests/unit/mkfs/%.o)

$(MKFS_OBJS) $(BUILD)/mkfs/main.o $(BUILD)/mkfs/fsck.o: \
    $(BUILD)/mkfs/%.o: mkfs/%.c $(MKFS_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(MKFS_CFLAGS) -c -o $@ $<

$(BUILD)/mkfs/mkfs: $(BUILD)/mkfs/main.o $(MKFS_OBJS)
	$(HOSTCC) -o $@ $^

$(BUILD)/mkfs/fsck: $(BUILD)/mkfs/fsck.o $(MKFS_OBJS)
	$(HOSTCC) -o $@ $^

$(MKFS_TOBJS): $(BUILD)/tests/unit/mkfs/%.o: mkfs/%.c $(MKFS_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(MKFS_TCFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/test_mkfs.o: tests/unit/test_mkfs.c $(MKFS_HDRS)
	@mkdir -p $(@D)
	$(HOSTCC) $(MKFS_TCFLAGS) $$(pkg-config --cflags check) -c -o $@ $<

$(BUILD)/tests/unit/test_mkfs: $(BUILD)/tests/unit/test_mkfs.o $(MKFS_TOBJS)
	$(HOSTCC) $(MKFS_TCFLAGS) -o $@ $^ $$(pkg-config --libs check)

.PHONY: unit-mkfs
unit-mkfs: $(BUILD)/tests/unit/test_mkfs
	$(BUILD)/tests/unit/test_mkfs
