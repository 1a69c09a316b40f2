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
#   forkbomb    forks until fork fails (tests/test_boot.py)
#   nullderef   reads through NULL (tests/test_boot.py)

UPROGS += $(addprefix $(BUILD)/user/,usertests forkbomb nullderef \
  socktests xv6compat)
UPROGS += $(BUILD)/user/sockettests
