// netv6/panic.h: the line a kernel panic prints, and the test-only
// request that makes one.
//
// One definition for both sides: kernel/printf.c prints a panic as
// PANIC_LINE_FMT (the hart number, then the message), and the test
// harness (tests/harness.py) reads this file to build the pattern it
// watches the console for. Change the format here and both follow;
// tests/test_harness.py boots a kernel that really panics to prove it.
#ifndef NETV6_PANIC_H
#define NETV6_PANIC_H

#define PANIC_LINE_FMT "panic (hart %d): "

// System call number that only a kernel built with NETV6_TEST_PANIC
// (build/testpanic/kernel.elf, for tests/test_harness.py) answers, by
// panicking. The normal kernel gives ENOSYS like any unknown number.
#define SYS_TESTPANIC 99

#endif
