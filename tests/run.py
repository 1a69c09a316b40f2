#!/usr/bin/env python3
"""tests/run.py: runs test suites and prints one total.

    python3 tests/run.py [--cpus N] SUITE...
    python3 tests/run.py all                       # what `make test` runs
    python3 tests/run.py quick                     # `make test-quick`
    python3 tests/run.py usertests-quick
    python3 tests/run.py usertests:pipe1m          # one in-guest case
    python3 tests/run.py socktests:oneclient       # one socket-face case
    python3 tests/run.py sockettests:accept        # one BSD socket case

Suites:
    all              style unit fuzz harness boot usertests socktests
                     sockettests nettests netfstests usernet peer sigtests
    quick            style unit fuzz harness boot-quick usertests-quick
                     socktests-quick sockettests-quick nettests-quick
                     netfstests-quick sigtests-quick
    style            the C sources match .clang-format (one case)
    unit             each command of UNIT_COMMANDS; parses Check's summary
                     "NN%: Checks: N, Failures: F, Errors: E"
    fuzz             each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS
                     (5) seconds from its seed corpus (one case each)
    harness          tests/test_harness.py: the harness and this runner
                     tested on a kernel that really panics and on recorded
                     transcripts (panic, hang, silence, a suite cut short)
    usernet          tests/test_peer.py usernet: DHCP and ping through QEMU's
                     user-mode network (restrict=on)
    peer             tests/test_peer.py peer: Linux through a tap in a private
                     namespace, dnsmasq, pcaps checked by tshark (SKIP where
                     no namespace can be made)
    boot             tests/test_boot.py (console end-to-end cases)
    boot-quick       the same without its slow cases (test_boot.py -q)
    usertests        boots a guest and runs `usertests` (the full suite)
    usertests-quick  the same with `usertests -q`
    usertests:NAME   `usertests NAME`, one in-guest case
    socktests        boots a guest and runs `socktests` (the xv6 socket
                     face's in-guest suite, user/socktests.c)
    socktests-quick  the same with `socktests -q`
    socktests:NAME   `socktests NAME`, one case of it
    sockettests      boots a guest and runs `sockettests` (the BSD socket
                     face's in-guest suite, user/sockettests.c)
    sockettests-quick  the same with `sockettests -q`
    sockettests:NAME `sockettests NAME`, one case of it
    nettests         boots a guest and runs `nettests` (the IPv4 stack's
                     in-guest suite, user/nettests.c); -quick, :NAME
    netfstests       boots a guest and runs `netfstests` (the /net file
                     system's in-guest suite, user/netfstests.c); -quick,
                     :NAME
    sigtests         boots a guest and runs `sigtests` (signals and process
                     groups, user/sigtests.c); sigtests-quick, sigtests:NAME

Every case prints `PASS suite/case` or `FAIL suite/case: reason` (or
`SKIP suite/case: why` for a case this machine cannot run, such as a peer
test without a network namespace; NETV6_NO_SKIP=1 turns skips into
failures, and .ci/run sets it), every
suite a line `suite NAME: N passed, N failed`, and the run ends with
exactly one line `N passed, N failed`. Exit status 1 if anything failed.

NETV6_TIMEOUT_SCALE (default 1) stretches every host-side limit, and the
in-guest suites get it as `-s SCALE` so that their own time bounds
stretch too.

In-guest protocol (user/testlib, used by every in-guest suite): first
`PROGRAM: starting N cases: NAME...` (the leak check "leaks" is one),
then `START case` before each case, `PASS case` or `FAIL case: why`
after it, and finally `PROGRAM: N passed, N failed`. A guest that
panics, crashes or hangs is a failure of the case that was running, and
every announced case that never reported is a failure "did not run"; the
plan or final line missing, or the final line disagreeing with the
per-case lines, is a failure too. A kernel panic is noticed at once
(tests/harness.py), not at a timeout.
"""

import os
import re
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from harness import Guest, GuestError, ROOT  # noqa: E402

# Host unit-test commands (each prints Check's summary line).
UNIT_COMMANDS = [
    ["make", "--no-print-directory", "unit-mkfs"],
    ["make", "--no-print-directory", "unit-net"],
]

# Host-side limits for the in-guest suites (seconds, before
# NETV6_TIMEOUT_SCALE). STEP is the longest one case may take to print
# its result line; TOTAL bounds the whole suite.
USERTESTS_STEP = 420
USERTESTS_TOTAL = {"full": 900, "quick": 150, "one": 450}
# socktests: its longest case's watchdog is 240 s.
SOCKTESTS_TOTAL = {"full": 600, "quick": 200, "one": 300}

# The in-guest suites: program -> its time limits.
# sockettests: its longest case's watchdog is 180 s.
SOCKETTESTS_TOTAL = {"full": 900, "quick": 300, "one": 400}
# nettests: the IPv4 stack over lo.
NETTESTS_TOTAL = {"full": 600, "quick": 300, "one": 300}
# netfstests: /net; its longest case's watchdog is 120 s.
NETFSTESTS_TOTAL = {"full": 400, "quick": 400, "one": 200}
# sigtests: its longest case's watchdog is 240 s.
SIGTESTS_TOTAL = {"full": 600, "quick": 300, "one": 300}
GUEST_SUITES = {"usertests": USERTESTS_TOTAL, "socktests": SOCKTESTS_TOTAL,
                "sockettests": SOCKETTESTS_TOTAL, "nettests": NETTESTS_TOTAL,
                "netfstests": NETFSTESTS_TOTAL, "sigtests": SIGTESTS_TOTAL}


class Tally:
    def __init__(self, suite):
        self.suite = suite
        self.passed = 0
        self.failed = 0
        self.skipped = 0

    def skip(self, name, why):
        """A case the machine cannot run (no namespace, no tap...). With
        NETV6_NO_SKIP=1 (as .ci/run sets) a skip is a failure."""
        if os.environ.get("NETV6_NO_SKIP") == "1":
            self.bad(name, "skipped, and NETV6_NO_SKIP=1: %s" % why)
            return
        self.skipped += 1
        print("SKIP %s/%s: %s" % (self.suite, name, why), flush=True)

    def ok(self, name):
        self.passed += 1
        print("PASS %s/%s" % (self.suite, name), flush=True)

    def bad(self, name, why):
        self.failed += 1
        print("FAIL %s/%s: %s" % (self.suite, name, why), flush=True)


def unrun(t, plan, done, name, noplan):
    """Every case of the plan that never reported fails as "did not run";
    no plan at all is a failure of name, saying noplan."""
    if plan is None:
        t.bad(name, noplan)
        return
    missing = [c for c in plan if c not in done]
    for c in missing:
        t.bad(c, "did not run")
    if missing:
        print("%s: %d did not run" % (t.suite, len(missing)), flush=True)


# ---- unit: Check programs -------------------------------------------------

CHECK_SUMMARY = re.compile(r"(\d+)%: Checks: (\d+), Failures: (\d+), Errors: (\d+)")
CHECK_FAIL = re.compile(r"^[^:\s]+:\d+:([FE]):([^:]*):([^:]*):-?\d+: ?(.*)$")


def run_unit(t):
    for cmd in UNIT_COMMANDS:
        label = " ".join(cmd)
        try:
            r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=600,
                               universal_newlines=True, errors="replace")
        except (OSError, subprocess.TimeoutExpired) as e:
            t.bad(label, str(e))
            continue
        checks = fails = 0
        seen = False
        for line in r.stdout.split("\n"):
            m = CHECK_SUMMARY.search(line)
            if m:
                seen = True
                checks += int(m.group(2))
                fails += int(m.group(3)) + int(m.group(4))
            m = CHECK_FAIL.match(line)
            if m:
                print("FAIL %s/%s:%s: %s" % (t.suite, m.group(2), m.group(3),
                                              m.group(4)), flush=True)
        t.passed += checks - fails
        t.failed += fails
        if seen:
            print("  %s: %d checks, %d failed" % (label, checks, fails), flush=True)
        if not seen:
            tail = "\n".join(r.stdout.rstrip().split("\n")[-20:])
            if tail:
                print(tail)
            t.bad(label, "no Check summary line (exit status %d)" % r.returncode)
        elif r.returncode != 0 and fails == 0:
            t.bad(label, "exit status %d with no failing check" % r.returncode)


# ---- style: clang-format -------------------------------------------------


def run_style(t):
    try:
        files = subprocess.run(
            ["git", "ls-files", "*.c", "*.h", "*.inc"], cwd=ROOT,
            stdout=subprocess.PIPE, universal_newlines=True,
            check=True).stdout.split()
        bad = []
        for f in files:
            r = subprocess.run(["clang-format", "--dry-run", "--Werror", f],
                               cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            if r.returncode != 0:
                bad.append(f)
    except (OSError, subprocess.CalledProcessError) as e:
        t.bad("clang-format", str(e))
        return
    if bad:
        t.bad("clang-format", "not formatted (run clang-format -i): %s"
              % " ".join(bad))
    else:
        t.ok("clang-format")


# ---- fuzz: the libFuzzer targets, briefly --------------------------------

FUZZ_SECONDS = 5


def run_fuzz(t):
    """Build tests/fuzz/fuzz_*.c (make fuzz-build) and run each target
    FUZZ_SECONDS from its seeds in tests/fuzz/corpus/NAME/. A crash, a
    sanitizer report or a failed property check ends the run with a
    nonzero status: a failure, with the input kept as
    build/tests/fuzz/NAME-crash-*. What a run discovers goes to a
    temporary directory, so the tree's corpus does not change."""
    import shutil
    import tempfile
    fdir = os.path.join(ROOT, "tests", "fuzz")
    bdir = os.path.join(ROOT, "build", "tests", "fuzz")
    try:
        r = subprocess.run(["make", "--no-print-directory", "fuzz-build"],
                           cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600,
                           universal_newlines=True, errors="replace")
    except (OSError, subprocess.TimeoutExpired) as e:
        t.bad("build", str(e))
        return
    if r.returncode != 0:
        print("\n".join(r.stdout.rstrip().split("\n")[-20:]))
        t.bad("build", "make fuzz-build failed")
        return
    names = sorted(f[5:-2] for f in os.listdir(fdir)
                   if f.startswith("fuzz_") and f.endswith(".c"))
    for name in names:
        work = tempfile.mkdtemp(prefix="netv6-fuzz-")
        argv = [os.path.join(bdir, "fuzz_" + name),
                "-max_total_time=%d" % FUZZ_SECONDS, "-print_final_stats=1",
                "-artifact_prefix=" + os.path.join(bdir, name + "-"),
                work, os.path.join(fdir, "corpus", name)]
        try:
            r = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT,
                               timeout=FUZZ_SECONDS * harness.scale() + 120,
                               universal_newlines=True, errors="replace")
        except (OSError, subprocess.TimeoutExpired) as e:
            t.bad(name, str(e))
            continue
        finally:
            shutil.rmtree(work, ignore_errors=True)
        m = re.search(r"stat::number_of_executed_units: (\d+)", r.stdout)
        execs = int(m.group(1)) if m else 0
        if r.returncode != 0:
            print("\n".join(r.stdout.rstrip().split("\n")[-30:]))
            t.bad(name, "crashed (exit status %d); input kept in %s" %
                  (r.returncode, os.path.join(bdir, name + "-crash-*")))
        elif execs == 0:
            t.bad(name, "ran no inputs")
        else:
            print("  fuzz_%s: %d executions in %d s, 0 crashes" %
                  (name, execs, FUZZ_SECONDS), flush=True)
            t.ok(name)


# ---- boot: tests/test_boot.py ------------------------------------------

CASE_LINE = re.compile(r"^(PASS|FAIL|SKIP) (\S+?)(?:: (.*))?$")


# A host test script (tests/test_boot.py, tests/test_harness.py) prints
# `PLAN case...` first, then `PASS case` or `FAIL case: why` per case;
# planned cases that never report are failures "did not run".


def run_script(t, argv, timeout):
    try:
        p = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT,
                             universal_newlines=True, errors="replace",
                             start_new_session=True)
    except OSError as e:
        t.bad(os.path.basename(argv[1]), str(e))
        return
    results = 0
    plan = None
    done = set()
    deadline = time.monotonic() + timeout * harness.scale()
    try:
        for line in p.stdout:
            line = line.rstrip("\n")
            m = CASE_LINE.match(line)
            if m and m.group(1) == "PASS":
                t.ok(m.group(2))
                results += 1
            elif m and m.group(1) == "SKIP":
                t.skip(m.group(2), m.group(3) or "skipped")
                results += 1
            elif m:
                t.bad(m.group(2), m.group(3) or "failed")
                results += 1
            elif line.startswith("PLAN ") and plan is None:
                plan = line.split()[1:]
            else:
                print(line, flush=True)
            if m:
                done.add(m.group(2))
            if time.monotonic() > deadline:
                break
        p.wait(timeout=max(1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        pass
    finally:
        if p.poll() is None:
            # SIGTERM first: the script's harness then kills its QEMUs.
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
            t.bad(os.path.basename(argv[1]), "timed out or interrupted")
    if p.returncode != 0 and t.failed == 0:
        t.bad(os.path.basename(argv[1]),
              "exit status %d with no failing case" % p.returncode)
    elif results == 0 and p.returncode == 0:
        t.bad(os.path.basename(argv[1]), "ran no cases")
    unrun(t, plan, done, os.path.basename(argv[1]), "printed no PLAN line")


def run_harness(t):
    run_script(t, [sys.executable, os.path.join(HERE, "test_harness.py")], 600)


def run_peer(t, which):
    run_script(t, [sys.executable, os.path.join(HERE, "test_peer.py"), which],
               900)


def run_boot(t, quick=False):
    argv = [sys.executable, os.path.join(HERE, "test_boot.py")]
    run_script(t, argv + (["-q"] if quick else []), 1800)


# ---- in-guest suites -----------------------------------------------------

def ut_line(prog):
    """The lines of an in-guest suite's protocol, and the next prompt.
    Groups: 1-3 a case line (START/PASS/FAIL, case, why); 4-5 the final
    line's counts; 6 a prompt; 7-8 the plan line's count and names."""
    p = re.escape(prog)
    return re.compile(r"(?m)^(START|PASS|FAIL) (\S+?)(?:: ([^\r\n]*))?\r?\n"
                      r"|^" + p + r": (\d+) passed, (\d+) failed\r?\n"
                      r"|^(\$) "
                      r"|^" + p + r": starting (\d+) cases?:([^\r\n]*)\r?\n")


def run_usertests(t, args, mode, prog="usertests", guest=None,
                  step=USERTESTS_STEP, limit=None):
    """Boot a guest, run `prog args` (an in-guest suite: usertests,
    socktests) and count its per-case lines.

    The suite announces its cases first ("PROG: starting N cases: a b");
    every announced case that never reports, because the guest panicked,
    hung or stopped, is a failure "did not run". guest (a function that
    returns an unstarted harness.Guest), step and limit (seconds) are
    for tests/test_harness.py, which replays recorded transcripts.

    A NETV6_TIMEOUT_SCALE other than 1 goes to the suite as `-s SCALE`,
    which stretches its own time bounds (user/testlib)."""
    scale = harness.scale()
    opts = ["-s %g" % scale] if scale != 1 else []
    cmd = " ".join([prog] + opts + ([args] if args else []))
    limit = GUEST_SUITES[prog][mode] if limit is None else limit
    line = ut_line(prog)
    started = None
    final = None
    plan = None  # the announced case names, in order
    done = set()  # the cases that reported a result
    counted = Tally(t.suite)  # what the per-case lines said
    guest = guest or (lambda: Guest(name=t.suite.replace(":", "-")))
    try:
        with guest() as g:
            deadline = time.monotonic() + limit * harness.scale()
            g.send(cmd + "\n")
            # The echo of the command (a recorded transcript's may lack -s).
            g.expect(re.escape(prog) + r"\b[^\r\n]*\r?\n", 30)
            while final is None:
                left = (deadline - time.monotonic()) / harness.scale()
                if left <= 0:
                    g._error("suite took longer than %ds" % limit)
                m = g.expect(line, min(step, left), "the next result line")
                if m.group(6):
                    g._error("%s ended without its final line" % prog)
                if m.group(7) is not None:
                    plan = m.group(8).split()
                    if len(plan) != int(m.group(7)):
                        t.bad("plan", "%s announced %s cases but named %d"
                              % (prog, m.group(7), len(plan)))
                elif m.group(4) is not None:
                    final = (int(m.group(4)), int(m.group(5)))
                elif m.group(1) == "START":
                    started = m.group(2)
                elif m.group(1) == "PASS":
                    t.ok(m.group(2))
                    counted.passed += 1
                    done.add(m.group(2))
                    started = None
                else:
                    t.bad(m.group(2), m.group(3) or "failed")
                    counted.failed += 1
                    done.add(m.group(2))
                    started = None
            g.prompt(60)
            if final != (counted.passed, counted.failed):
                t.bad("summary", "final line says %d passed, %d failed; cases "
                      "said %d, %d" % (final + (counted.passed, counted.failed)))
            if final[1] or t.failed:
                g.fail("%s reported failures" % prog)
            g.poweroff(30)
    except GuestError as e:
        t.bad(started or prog, "%s%s" % (
            "guest died or hung in this case: " if started else "", e))
        if started:
            done.add(started)
    unrun(t, plan, done, "plan", "%s never announced its cases" % prog)


# ---- main ------------------------------------------------------------------

# Names that stand for several suites.
ALIASES = {
    "all": ["style", "unit", "fuzz", "harness", "boot", "usertests",
            "socktests", "sockettests", "nettests", "netfstests", "usernet",
            "peer", "sigtests"],
    "quick": ["style", "unit", "fuzz", "harness", "boot-quick",
              "usertests-quick", "socktests-quick", "sockettests-quick",
              "nettests-quick", "netfstests-quick", "sigtests-quick"],
}


def suites(name):
    if name == "style":
        return run_style
    if name == "unit":
        return run_unit
    if name == "fuzz":
        return run_fuzz
    if name == "harness":
        return run_harness
    if name in ("usernet", "peer"):
        return lambda t: run_peer(t, name)
    if name == "boot":
        return run_boot
    if name == "boot-quick":
        return lambda t: run_boot(t, quick=True)
    for prog in GUEST_SUITES:
        if name == prog:
            return lambda t: run_usertests(t, "", "full", prog)
        if name == prog + "-quick":
            return lambda t: run_usertests(t, "-q", "quick", prog)
        if name.startswith(prog + ":") and len(name) > len(prog) + 1:
            case = name[len(prog) + 1:]
            if not re.match(r"^[A-Za-z0-9_]+$", case):
                return None
            return lambda t: run_usertests(t, case, "one", prog)
    return None


def main(argv):
    if not argv or any(a in ("-h", "--help") for a in argv):
        print(__doc__.strip())
        return 0 if argv else 2
    if argv[0] == "--cpus" and len(argv) > 1:
        os.environ["CPUS"] = argv[1]  # read by harness.Guest, here and in children
        argv = argv[2:]
    argv = [s for a in argv for s in ALIASES.get(a, [a])]
    bad = [a for a in argv if suites(a) is None]
    if bad:
        print("unknown suite(s): %s" % " ".join(bad))
        return 2
    total = Tally("all")
    for name in argv:
        t = Tally(name)
        print("== suite %s" % name, flush=True)
        try:
            suites(name)(t)
        except Exception as e:  # a harness bug must still count
            t.bad("harness", "%s: %s" % (type(e).__name__, e))
        print("suite %s: %d passed, %d failed%s" % (
            name, t.passed, t.failed,
            ", %d skipped" % t.skipped if t.skipped else ""), flush=True)
        total.passed += t.passed
        total.failed += t.failed
        total.skipped += t.skipped
    if total.skipped:
        print("%d skipped (NETV6_NO_SKIP=1 makes a skip a failure)"
              % total.skipped, flush=True)
    print("%d passed, %d failed" % (total.passed, total.failed), flush=True)
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
