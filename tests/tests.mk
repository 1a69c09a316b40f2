# tests/tests.mk: the in-guest test programs, included by the top-level
# Makefile after user/user.mk and before the fs.img rule (so that they
# land in the image). The test targets themselves (make test,
# make test-quick) are in the Makefile and call tests/run.py.
#
#   usertests   the in-guest suite (user/usertests.c, which includes its
#               cases from user/usertests_*.inc; -MMD tracks them)
#   socktests   the in-guest suite of the xv6 socket face (user/socktests.c
#               and user/socktests_*.inc)
#   xv6compat   an xv6 course program (xv6 headers and calls), which
#               socktests runs
#   sockettests the in-guest suite of the BSD socket face (user/sockettests.c
#               and user/sockettests_*.inc; runs nc, echopoll, echocli)
#   nettests    the in-guest suite of the IPv4 stack (user/nettests.c)
#   netfstests  the in-guest suite of the /net file system
#               (user/netfstests.c)
#   sigtests    the in-guest suite of signals and process groups
#               (user/sigtests.c and user/sigtests_*.inc)
#   forkbomb    forks until fork fails (tests/test_boot.py)
#   nullderef   reads through NULL (tests/test_boot.py)
#
# The suites share their runner and checks, user/testlib/*.c, built
# into $(BUILD)/user/libtest.a and linked into them only; every other
# program keeps user/user.mk's rule.

UPROGS += $(addprefix $(BUILD)/user/,usertests forkbomb nullderef \
  socktests xv6compat)
UPROGS += $(BUILD)/user/sockettests $(BUILD)/user/sysfuzz
UPROGS += $(BUILD)/user/nettests $(BUILD)/user/netfstests \
  $(BUILD)/user/sigtests

UTESTLIB := $(BUILD)/user/libtest.a
UTESTLIB_OBJS := $(patsubst user/%.c,$(BUILD)/user/obj/%.o,\
  $(wildcard user/testlib/*.c))
UTESTPROGS := $(addprefix $(BUILD)/user/,usertests socktests sockettests \
  nettests netfstests sigtests)

$(UTESTLIB): $(UTESTLIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(UAR) rcs $@ $^

# A static pattern rule: it wins over user.mk's $(BUILD)/user/% for these.
$(UTESTPROGS): $(BUILD)/user/%: $(BUILD)/user/obj/%.o $(UTESTLIB) $(ULIBC) \
  user/user.ld
	$(UCC) $(ULDFLAGS) -o $@ $< $(UTESTLIB) $(ULIBC) -lgcc

-include $(wildcard $(BUILD)/user/obj/testlib/*.d)
