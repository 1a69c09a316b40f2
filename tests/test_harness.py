#!/usr/bin/env python3
"""tests/test_harness.py: tests of the test harness itself.

A harness that misses a failure makes every other test worthless, so
these cases break things on purpose and check that the harness and the
runner (tests/harness.py, tests/run.py) say so, quickly and precisely:

    panicformat   the harness's panic pattern comes from
                  include/netv6/panic.h, the kernel prints that format,
                  and a changed format changes the pattern
    realpanic     a kernel that really panics (build/testpanic/kernel.elf,
                  built with NETV6_TEST_PANIC) is reported as a panic,
                  with its message, within seconds
    nopanicbuild  the normal kernel has no such panic: `testpanic` gets
                  ENOSYS there
    replay*       recorded console transcripts (tests/transcripts/) played
                  by tests/fake_qemu.py into run.py's in-guest suite
                  runner: a clean run (all pass), a panic mid-suite, a
                  hung guest, a guest that prints nothing, a suite that
                  stops half-way, QEMU dying half-way, and a final line
                  that disagrees with the cases
    scriptcut     a host test script that dies early: the rest of its
                  PLAN did not run

Prints `PLAN case...` first, then `PASS name` or `FAIL name: reason` per
case (the protocol of tests/test_boot.py); exits 1 if any failed.

    python3 tests/test_harness.py [-l] [CASE...]
"""

import contextlib
import io
import os
import re
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import run  # noqa: E402
from harness import Guest, GuestError, ROOT  # noqa: E402

TRANSCRIPTS = os.path.join(HERE, "transcripts")
SUITE = os.path.join(TRANSCRIPTS, "usertests-quick.txt")  # `usertests -q`
PANIC = os.path.join(TRANSCRIPTS, "panic.txt")  # `testpanic`, test kernel
FAKE = os.path.join(HERE, "fake_qemu.py")
TESTPANIC_KERNEL = os.path.join(ROOT, "build", "testpanic", "kernel.elf")


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)


@contextlib.contextmanager
def quiet():
    """Capture what the harness prints (console tails, inner PASS/FAIL
    lines, which the outer runner must not count); shown on failure."""
    buf = io.StringIO()
    try:
        with contextlib.redirect_stdout(buf):
            yield buf
    except BaseException:
        sys.stdout.write(buf.getvalue())
        raise


def forget_log(g):
    """A deliberately failed guest's transcript is not worth keeping."""
    if g.logpath and os.path.exists(g.logpath):
        os.unlink(g.logpath)


# ---- the panic line ------------------------------------------------------

def panic_fmt():
    with open(harness.PANIC_HEADER) as f:
        return re.search(r'#define\s+PANIC_LINE_FMT\s+"([^"]*)"',
                         f.read()).group(1)


def case_panicformat():
    fmt = panic_fmt()
    line = "\n" + (fmt.replace("%d", "%d") % 2) + "lost the plot\n"
    m = harness.PANIC_RE.search(line)
    check(m, "pattern %r does not match %r" % (harness.PANIC_RE.pattern, line))
    check(m.group(1).endswith("lost the plot"), "message not captured: %r"
          % m.group(1))
    with open(harness.KERNEL, "rb") as f:
        elf = f.read()
    check(("\n" + fmt).encode() in elf,
          "kernel.elf does not hold the panic format %r" % fmt)
    # A different format in the header gives a pattern that no longer
    # matches the old line: the harness follows the header.
    with tempfile.NamedTemporaryFile("w", suffix=".h", delete=False) as f:
        f.write('#define PANIC_LINE_FMT "KERNEL PANIC on hart %d: "\n')
    try:
        other = harness.panic_regex(f.name)
    finally:
        os.unlink(f.name)
    check(not other.search(line), "a changed format still matched")
    check(other.search("\nKERNEL PANIC on hart 1: x\n"),
          "a changed format did not match its own line")
    # Ordinary output that mentions panics is not a panic.
    for text in ("\nno panic (hart 2) here\n", "\npanic: old style\n",
                 "\n  panic (hart 1): indented\n"):
        check(not harness.PANIC_RE.search(text), "false alarm on %r" % text)


def case_realpanic():
    check(os.path.exists(TESTPANIC_KERNEL), "missing %s (run make)"
          % TESTPANIC_KERNEL)
    g = Guest(kernel=TESTPANIC_KERNEL, name="testpanic")
    with quiet():
        try:
            with g:
                out = g.run("echo alive", 30)
                check(out.strip() == "alive", "echo gave %r" % out)
                t0 = time.monotonic()
                try:
                    g.run("testpanic", 60)
                    raise CheckFailed("testpanic returned to the prompt")
                except GuestError as e:
                    took = time.monotonic() - t0
                    msg = str(e)
        finally:
            forget_log(g)
    check("kernel panic" in msg, "error does not say panic: %r" % msg)
    check(re.search(r"test panic requested by pid \d+", msg),
          "error lacks the panic message: %r" % msg)
    check(g.panic and "test panic requested" in g.panic,
          "Guest.panic is %r" % g.panic)
    limit = 10 * harness.scale()
    check(took < limit, "panic noticed after %.1fs (limit %gs)"
          % (took, limit))
    check(not g.alive(), "QEMU still running after the panic")


def case_nopanicbuild():
    with open(harness.KERNEL, "rb") as f:
        check(b"test panic requested" not in f.read(),
              "the normal kernel holds the test panic")
    with Guest(name="nopanic") as g:
        out = g.run("testpanic; echo status $?", 30)
        check("this kernel has no test panic (ENOSYS)" in out,
              "testpanic on the normal kernel said %r" % out)
        check(g.run("echo alive", 30).strip() == "alive", "shell gone")
        g.poweroff(30)


# ---- replays of recorded transcripts through run.py --------------------

def recorded():
    with open(SUITE, "rb") as f:
        text = f.read()
    plan = re.search(rb"usertests: starting (\d+) cases:([^\r\n]*)", text)
    names = plan.group(2).decode().split()
    check(len(names) == int(plan.group(1)) and len(names) > 10,
          "recorded transcript's plan is broken")
    return text, names


def after_line(text, line):
    """text up to and including the line that starts with line."""
    m = re.search(rb"(?m)^" + re.escape(line) + rb"[^\n]*\n", text)
    check(m, "transcript has no line %r" % line)
    return text[:m.end()]


def replay(text, end, step=420, limit=None, boot_timeout=60):
    """Play text through run.run_usertests; returns (tally, failures as
    {case: why}, seconds taken)."""
    with tempfile.NamedTemporaryFile("wb", delete=False) as f:
        f.write(text)
    os.environ["NETV6_FAKE_TRANSCRIPT"] = f.name
    os.environ["NETV6_FAKE_END"] = end
    made = []

    def guest():
        g = Guest(qemu=FAKE, name="replay", boot_timeout=boot_timeout)
        made.append(g)
        return g
    t = run.Tally("usertests-quick")
    t0 = time.monotonic()
    try:
        with quiet() as out:
            run.run_usertests(t, "-q", "quick", guest=guest, step=step,
                              limit=limit)
    finally:
        os.unlink(f.name)
        for g in made:
            forget_log(g)
    fails = {}
    for l in out.getvalue().split("\n"):
        m = re.match(r"FAIL usertests-quick/(\S+?): (.*)$", l)
        if m:
            fails[m.group(1)] = m.group(2)
    check(len(fails) == t.failed or t.failed > len(fails),
          "tally says %d failed, lines %d" % (t.failed, len(fails)))
    return t, fails, time.monotonic() - t0, out.getvalue()


def expect_cut(names, fails, t, running, why_rx, done_before):
    """The running case failed with why_rx; every later case did not run;
    the ones before passed."""
    check(running in fails and re.search(why_rx, fails[running]),
          "case %s: %r, want /%s/" % (running, fails.get(running), why_rx))
    later = names[names.index(running) + 1:]
    for c in later:
        check(fails.get(c) == "did not run", "case %s: %r, want did not run"
              % (c, fails.get(c)))
    check(t.failed == 1 + len(later), "%d failures, want %d"
          % (t.failed, 1 + len(later)))
    check(t.passed == done_before, "%d passed, want %d"
          % (t.passed, done_before))


def case_replaypass():
    text, names = recorded()
    t, fails, took, _ = replay(text, "exit:0")
    check(t.failed == 0, "clean transcript gave failures: %s" % fails)
    check(t.passed == len(names), "%d passed, want %d" % (t.passed, len(names)))


def case_replaypanic():
    text, names = recorded()
    with open(PANIC, "rb") as f:
        ptext = f.read()
    crash = ptext[ptext.index(b"$ testpanic\n") + len(b"$ testpanic\n"):]
    running = names[len(names) // 2]
    cut = after_line(text, b"START " + running.encode())
    t, fails, took, _ = replay(cut + crash, "hang")
    expect_cut(names, fails, t, running, r"panic.*test panic requested",
               names.index(running))
    check(took < 15 * harness.scale(), "panic took %.1fs to report" % took)


def case_replayhang():
    text, names = recorded()
    running = names[3]
    cut = after_line(text, b"START " + running.encode())
    t, fails, took, _ = replay(cut, "hang", step=3)
    expect_cut(names, fails, t, running, r"hung in this case: timeout", 3)
    check(took < 3 * harness.scale() + 10, "hang took %.1fs" % took)


def case_replaysilent():
    t, fails, took, _ = replay(b"", "hang", boot_timeout=3)
    check(re.search(r"timeout.*boot prompt", fails.get("usertests", "")),
          "silent guest: %r" % fails)
    check("plan" in fails, "missing plan not reported: %r" % fails)
    check(t.passed == 0, "a silent guest passed %d cases" % t.passed)


def case_replayhalfway():
    # The suite program stops (the shell's prompt comes back) after a
    # few cases, with no final line.
    text, names = recorded()
    last = names[5]
    cut = after_line(text, b"PASS " + last.encode()) + b"$ "
    t, fails, took, _ = replay(cut, "hang", step=30)
    check(re.search(r"ended without its final line", fails.get("usertests", "")),
          "stopped suite: %r" % fails.get("usertests"))
    for c in names[6:]:
        check(fails.get(c) == "did not run", "case %s: %r" % (c, fails.get(c)))
    check(t.failed == 1 + len(names) - 6, "%d failures, want %d"
          % (t.failed, 1 + len(names) - 6))


def case_replayqemudied():
    text, names = recorded()
    running = names[7]
    cut = after_line(text, b"START " + running.encode())
    t, fails, took, _ = replay(cut, "exit:1")
    expect_cut(names, fails, t, running, r"QEMU exited \(status 1\)", 7)


def case_replaybadtotal():
    # Every case reports, but the final line counts differently.
    text, names = recorded()
    bad = re.sub(rb"usertests: (\d+) passed", b"usertests: 99 passed", text)
    check(bad != text, "no final line to change")
    t, fails, took, _ = replay(bad, "exit:0")
    check("summary" in fails and "99 passed" in fails["summary"],
          "disagreeing final line: %r" % fails)
    check(t.failed == 1, "%d failures, want 1" % t.failed)


def case_scriptcut():
    # A host test script (the protocol of test_boot.py) that dies after
    # its first case: the rest of its plan did not run.
    script = ("import sys\nprint('PLAN one two three', flush=True)\n"
              "print('PASS one', flush=True)\nsys.exit(3)\n")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(script)
    t = run.Tally("script")
    try:
        with quiet() as out:
            run.run_script(t, [sys.executable, f.name], 60)
    finally:
        os.unlink(f.name)
    text = out.getvalue()
    for c in ("two", "three"):
        check("FAIL script/%s: did not run" % c in text,
              "case %s not reported as did not run:\n%s" % (c, text))
    check(t.passed == 1, "%d passed, want 1" % t.passed)
    check(t.failed == 3, "%d failed, want 3 (exit status, two, three)"
          % t.failed)


CASES = [(n[5:], f) for n, f in sorted(globals().items())
         if n.startswith("case_")]


def main(argv):
    names = [n for n, _ in CASES]
    if argv[:1] == ["-l"]:
        print("\n".join(names))
        return 0
    bad = [a for a in argv if a not in names]
    if bad:
        print("unknown case(s): %s; cases: %s" % (" ".join(bad), " ".join(names)))
        return 2
    failed = 0
    chosen = [(n, f) for n, f in CASES if not argv or n in argv]
    print("PLAN %s" % " ".join(n for n, _ in chosen), flush=True)
    for name, fn in chosen:
        try:
            fn()
            print("PASS %s" % name, flush=True)
        except CheckFailed as e:
            failed += 1
            print("FAIL %s: %s" % (name, e), flush=True)
        except Exception as e:  # a bug here, or the harness raised
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(e).__name__, e), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
