#!/usr/bin/env python3
"""tests/test_boot.py: end-to-end smoke tests over the guest console.

Boots netv6 with tests/harness.py and drives the shell: banner, ls, a
pipeline, a directory, a fork bomb, a NULL dereference, a 1.5 MiB file
through cat and the console, host files put in the image by make's
EXTRA_FILES, ^C and ^\\ at the prompt, on cat and on a blocked nc (a
background job surviving them), kill, sleep, uptime, and halt. Prints one line per case,
`PASS name` or `FAIL name: reason`, and exits 1 if any failed.

    python3 tests/test_boot.py            # every case
    python3 tests/test_boot.py -q         # all but the slow ones (SLOW)
    python3 tests/test_boot.py wc bigfile # some cases
    python3 tests/test_boot.py -l         # list the cases

Cases share one guest, in order; a case that leaves the guest unusable
(timeout, panic) gets it killed and the next case boots a fresh one. If
booting itself fails, the remaining cases fail without retrying.
"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
from harness import Guest, GuestError, normalise  # noqa: E402


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)


def tokens(text):
    return set(text.split())


def kparam(name):
    """A number #defined in include/netv6/param.h (NPROC, ...)."""
    path = os.path.join(harness.ROOT, "include", "netv6", "param.h")
    with open(path) as f:
        m = re.search(r"^#define %s (\d+)" % name, f.read(), re.M)
    if not m:
        raise CheckFailed("no %s in %s" % (name, path))
    return int(m.group(1))


class Context:
    """Hands cases a running guest, booting one when needed."""

    def __init__(self):
        self.g = None
        self.boot_failed = None

    def guest(self):
        if self.boot_failed:
            raise CheckFailed("no guest: boot failed (%s)" % self.boot_failed)
        if self.g is None or not self.g.alive():
            if self.g:
                self.g.kill()
            self.g = Guest(name="boot")
            try:
                self.g.start()
            except GuestError as e:
                self.boot_failed = str(e)
                self.g.kill()
                self.g = None
                raise
        return self.g

    def discard(self):
        if self.g:
            self.g.kill()
            self.g = None

    def close(self):
        self.discard()


CASES = []
# Cases left out by -q: the 1.5 MiB cat crosses the console at a few
# tens of KB/s under TCG, about a minute.
SLOW = {"bigfile"}


def case(fn):
    CASES.append((fn.__name__.replace("t_", "", 1), fn))
    return fn


# ---- cases -------------------------------------------------------------

@case
def t_banner(ctx):
    """The kernel's boot lines, with the machine the harness asked for."""
    g = ctx.guest()
    b = g.banner
    check(re.search(r"^netv6 kernel booting on hart \d+$", b, re.M),
          "no line 'netv6 kernel booting on hart N' in %r" % b[-400:])
    m = re.search(r"^netv6: (\d+) harts, (\d+) MiB, (\d+) free pages$", b, re.M)
    check(m, "no line 'netv6: N harts, N MiB, N free pages' in %r" % b[-400:])
    harts, mib, free = (int(x) for x in m.groups())
    check(harts == g.cpus, "%d harts, QEMU has %d" % (harts, g.cpus))
    want = int(g.memory.rstrip("M"))
    check(mib == want, "%d MiB, QEMU has %d" % (mib, want))
    total = mib * 256  # 4 KiB pages
    check(total // 2 < free < total,
          "%d free pages of %d: the kernel takes half or more" % (free, total))
    check(re.search(r"^init: starting sh$", b, re.M),
          "no line 'init: starting sh' in %r" % b[-400:])


@case
def t_ls(ctx):
    out = ctx.guest().run("ls", 30)
    missing = [p for p in ("sh", "cat", "ls", "echo") if p not in tokens(out)]
    check(not missing, "ls does not list %s" % " ".join(missing))


@case
def t_wc(ctx):
    out = ctx.guest().run("echo hello | wc", 30)
    check(re.match(r"\s*1\s+1\s+6\b", out), "wc printed %r, want 1 1 6" % out)


@case
def t_mkdir(ctx):
    g = ctx.guest()
    out = g.run("mkdir d", 30)
    check(out == "", "mkdir d printed %r" % out)
    out = g.run("echo x > d/f", 30)
    check(out == "", "echo x > d/f printed %r" % out)
    out = g.run("cat d/f", 30)
    check(out == "x\n", "cat d/f printed %r, want 'x\\n'" % out)


@case
def t_forkbomb(ctx):
    """Fork fails with EAGAIN exactly when the process table is full:
    forkbomb's children fill every one of the NPROC slots that the
    processes before it (kernel threads, init, sh, forkbomb) left free;
    and every child is reaped."""
    g = ctx.guest()
    out = g.run("forkbomb", 120)
    m = re.search(r"^forkbomb: (\d+) children \((\d+) processes before\), "
                  r"then fork: (.*)$", out, re.M)
    check(m, "forkbomb printed %r" % out[-200:])
    n, before, why = int(m.group(1)), int(m.group(2)), m.group(3)
    check(why == "Resource temporarily unavailable",
          "fork failed with %r, want EAGAIN" % why)
    nproc = kparam("NPROC")
    check(before < nproc // 4 and n == nproc - before,
          "%d children with %d processes before, want all %d slots used"
          % (n, before, nproc))
    m = re.search(r"^forkbomb: reaped (\d+) of (\d+) children$", out, re.M)
    check(m, "no line 'reaped X of Y children' in %r" % out[-200:])
    reaped, made = int(m.group(1)), int(m.group(2))
    check(made == n and reaped == made,
          "reaped %d of %d children (%d made)" % (reaped, made, n))
    out = g.run("echo alive", 30)
    check(out == "alive\n", "shell after forkbomb printed %r" % out)


@case
def t_nullderef(ctx):
    """nullderef says its pid; the kernel kills that pid for a load
    page fault at address 0, in its one-line message; the shell goes on."""
    g = ctx.guest()
    out = g.run("nullderef", 30)
    check("survived" not in out, "nullderef was not killed: %r" % out)
    m = re.search(r"^nullderef: pid (\d+) reads address 0$", out, re.M)
    check(m, "nullderef did not run: %r" % out)
    pid = m.group(1)
    want = (r"^pid %s \(nullderef\): killed: load page fault at address 0x0, "
            r"pc 0x[0-9a-f]+$" % pid)
    check(re.search(want, out, re.M),
          "no kernel line 'pid %s (nullderef): killed: load page fault at "
          "address 0x0, pc ...' in %r" % (pid, out))
    lines = [l for l in out.split("\n") if l.strip()]
    check(len(lines) == 2, "want its line and the kernel's, got %r" % out)
    out = g.run("echo ok", 30)
    check(out == "ok\n", "shell after nullderef printed %r" % out)


BIG_LINES = 24576  # 64-byte lines: 1.5 MiB


def big_text():
    # "%08d" + 56 more characters with the newline: 64 bytes, 4 words.
    tail = " abcdefghijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJKLMNOP\n"
    assert 8 + len(tail) == 64
    return "".join("%08d%s" % (i, tail) for i in range(BIG_LINES))


def user_programs():
    """The user programs of build/user (ELF files without a suffix)."""
    out = []
    for n in sorted(os.listdir(harness.USERDIR)):
        p = os.path.join(harness.USERDIR, n)
        if "." in n or not os.path.isfile(p):
            continue
        with open(p, "rb") as f:
            if f.read(4) == b"\x7fELF":
                out.append(p)
    return out


@case
def t_bigfile(ctx):
    import subprocess
    text = big_text()
    words = len(text.split())
    with tempfile.TemporaryDirectory(prefix="netv6-big-") as d:
        src = os.path.join(d, "big.txt")
        with open(src, "w") as f:
            f.write(text)
        img = os.path.join(d, "big.img")
        r = subprocess.run([harness.MKFS, img] + user_programs() + [src],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=120)
        check(r.returncode == 0, "mkfs failed: %s" % r.stdout[-300:])
        with Guest(image=img, name="bigfile") as g:
            try:
                out = g.run("cat big.txt | wc", 120)
                want = "%d %d %d" % (BIG_LINES, words, len(text))
                got = " ".join(out.split()[:3])
                check(got == want, "cat big.txt | wc: %r, want %r" % (out, want))
                out = g.run("cat big.txt", 600)
                if out != text:
                    n = next((i for i in range(min(len(out), len(text)))
                              if out[i] != text[i]), min(len(out), len(text)))
                    raise CheckFailed(
                        "cat big.txt: got %d bytes, want %d; first difference at "
                        "%d: %r" % (len(out), len(text), n, out[n:n + 40]))
                g.poweroff()
            except CheckFailed as e:
                g.fail(str(e))
                raise


def wc_counts(data):
    """What the guest's wc says of data: lines, words, bytes."""
    words = re.findall(rb"[^ \t\n\v\f\r]+", data)
    return data.count(b"\n"), len(words), len(data)


@case
def t_extrafiles(ctx):
    """make's EXTRA_FILES in both forms: FILE lands in /, HOST=/guest/path
    at that path (parents made). The image is rebuilt when only the list
    changes (the files are older than it), and the bytes arrive: exactly,
    read back on the host with fsck, and as the guest sees them."""
    import random
    import subprocess
    text = "".join("note %d: an extra file\n" % i for i in range(40))
    rng = random.Random(8)
    data = bytes(rng.getrandbits(8) for _ in range(200000))  # NULs too
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    fsck = os.path.join(harness.BUILD, "mkfs", "fsck")
    with tempfile.TemporaryDirectory(prefix="netv6-extra-") as d:
        notes, blob = os.path.join(d, "notes.txt"), os.path.join(d, "blob.bin")
        with open(notes, "w") as f:
            f.write(text)
        with open(blob, "wb") as f:
            f.write(data)
        img = os.path.join(d, "fs.img")
        for extra in ("", "%s %s=/data/sub/blob.bin" % (notes, blob)):
            r = subprocess.run(
                ["make", "--no-print-directory", "FSIMG=" + img,
                 "EXTRA_FILES=" + extra, img,
                 os.path.relpath(fsck, harness.ROOT)],
                cwd=harness.ROOT, env=env, stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT, timeout=600)
            out = r.stdout.decode(errors="replace")
            check(r.returncode == 0,
                  "make EXTRA_FILES=%r: %s" % (extra, out[-400:]))
        r = subprocess.run([fsck, img, "cat", "/data/sub/blob.bin"],
                           stdout=subprocess.PIPE, timeout=60)
        check(r.returncode == 0 and r.stdout == data,
              "fsck cat /data/sub/blob.bin: status %d, %d bytes, want the %d "
              "written" % (r.returncode, len(r.stdout), len(data)))
        with Guest(image=img, name="extrafiles") as g:
            try:
                out = g.run("cat /notes.txt", 60)
                check(out == text, "cat /notes.txt: %r" % out[:200])
                out = g.run("wc /data/sub/blob.bin", 60)
                want = "%d %d %d /data/sub/blob.bin\n" % wc_counts(data)
                check(out == want, "wc printed %r, want %r" % (out, want))
                g.poweroff()
            except CheckFailed as e:
                g.fail(str(e))
                raise


# ---- signals from the console (^C, ^\\), job control --------------------

INTR, QUIT, LIST = "\x03", "\x1c", "\x10"  # ^C, ^\\, ^P


def plist(g):
    """The process list that ^P prints, as {pid: (state, name)}. ^P twice:
    the second list's empty first line ends the first."""
    g.send(LIST + LIST)
    m = g.expect(r"\n(1 \S+ init\r?\n(?:[^\n]*\n)*?)\r?\n1 \S+ init\r?\n",
                 20, "two ^P process lists")
    out = {}
    for line in normalise(m.group(1)).split("\n"):
        f = line.split()
        if len(f) >= 3 and f[0].isdigit():
            out[int(f[0])] = (f[1], f[2])
    return out


def until_procs(g, pred, what, timeout=60):
    """Look at ^P's list every quarter of a second (a pace, so that the
    guest is not flooded; nothing waits on a guess) until pred(list) is
    true; returns its value. Fails after timeout seconds."""
    deadline = time.monotonic() + timeout * harness.scale()
    while True:
        r = pred(plist(g))
        if r:
            return r
        if time.monotonic() > deadline:
            raise CheckFailed("no %s after %gs" % (what, timeout * harness.scale()))
        time.sleep(0.25)


def await_proc(g, name, exclude=()):
    """Wait until a process called name, other than the pids in exclude,
    is asleep; returns its pid."""
    return until_procs(g, lambda procs: next(
        (pid for pid, (st, n) in procs.items()
         if n == name and st == "sleep" and pid not in exclude), None),
        "process %s asleep" % name)


def ps(g):
    """ps's lines, as {pid: {column: value}}."""
    lines = g.run("ps", 30).strip().split("\n")
    head = lines[0].split()
    check(head == ["PID", "PPID", "PGID", "STATE", "TIME", "NAME"],
          "ps printed the header %r" % lines[0])
    return {int(f[0]): dict(zip(head, f)) for f in map(str.split, lines[1:])}


def bgjob(g, cmd):
    """Start cmd in the background; returns the job's pid ("[pid]")."""
    out = g.run(cmd + " &", 30)
    m = re.search(r"\[(\d+)\]", out)
    check(m, "%s & printed %r, no [pid]" % (cmd, out))
    return int(m.group(1))


def interrupt(g, key, what):
    """Type key (^C or ^\\) and expect it echoed and then the prompt."""
    g.send(key)
    out = g.prompt(30)
    shown = "^" + chr(ord(key) + 64)
    check(out.endswith(shown + "\n"), "%s: %r before the prompt, want %r"
          % (what, out, shown))


@case
def t_ctrlc_prompt(ctx):
    g = ctx.guest()
    g.send("echo typed-but-dropped")
    interrupt(g, INTR, "^C at the prompt")
    out = g.run("echo after", 30)
    check(out == "after\n", "the line after ^C printed %r" % out)
    check(not re.search(r"typed-but-dropped\r?\n", g.buf), "the dropped line ran")


@case
def t_ctrlc_cat(ctx):
    g = ctx.guest()
    g.send("cat\n")
    g.expect(r"cat\r?\n", 30)
    g.send("ping\n")
    g.expect(r"ping\r?\nping\r?\n", 30, "cat echoing a line")  # cat runs
    interrupt(g, INTR, "^C on cat")
    g.send("cat\n")
    g.expect(r"cat\r?\n", 30)
    g.send("pong\n")
    g.expect(r"pong\r?\npong\r?\n", 30, "cat echoing a line")
    interrupt(g, QUIT, "^\\ on cat")
    out = g.run("echo alive", 30)
    check(out == "alive\n", "the shell after ^C printed %r" % out)


@case
def t_ctrlc_nc(ctx):
    g = ctx.guest()
    bg = bgjob(g, "nc -d -lU bg.sock")
    g.send("nc -lU fg.sock\n")
    g.expect(r"nc -lU fg.sock\r?\n", 30)
    fg = await_proc(g, "nc", exclude=(bg,))  # blocked in accept
    interrupt(g, INTR, "^C on nc -lU")
    procs = plist(g)
    check(fg not in procs, "nc %d still there after ^C: %r" % (fg, procs))
    check(procs.get(bg, ("", ""))[1] == "nc",
          "the background nc %d did not survive ^C: %r" % (bg, procs))
    procs = ps(g)
    check(procs.get(bg, {}).get("NAME") == "nc" and procs[bg]["PGID"] == str(bg)
          and procs[bg]["STATE"] == "sleep:accept4",
          "ps does not list the background nc %d (in its own group, in "
          "accept4): %r" % (bg, procs.get(bg)))
    out = g.run("echo over-the-socket | nc -U bg.sock", 30)
    if "over-the-socket" not in out:  # it may print after the prompt
        g.expect(r"over-the-socket\r?\n", 30, "the background nc's output")
    out = g.run("ls", 30)
    check("fg.sock" not in tokens(out), "nc left fg.sock behind: %r" % out)


@case
def t_kill(ctx):
    g = ctx.guest()
    out = g.run("kill -l", 30)
    for name in ("HUP", "INT", "KILL", "TERM", "USR1", "CHLD"):
        check(name in tokens(out), "kill -l lacks %s: %r" % (name, out))
    out = g.run("kill -l 130", 30)
    check(out == "INT\n", "kill -l 130 printed %r" % out)
    for sig in ("USR1", "-s TERM", "9"):
        pid = bgjob(g, "sleep 1000")
        await_proc(g, "sleep")
        out = g.run("kill -%s %d" % (sig, pid) if sig[0] != "-"
                    else "kill %s %d" % (sig, pid), 30)
        check(out == "", "kill %s printed %r" % (sig, out))
        until_procs(g, lambda procs: pid not in procs,
                    "end of sleep %d after kill %s" % (pid, sig))
    out = g.run("kill -NOSUCH 1", 30)
    check("no such signal" in out, "kill -NOSUCH printed %r" % out)


@case
def t_ps(ctx):
    """ps lists init, the kernel threads, the shell in a group of its own
    and itself, run in a new group (job control) whose parent is sh."""
    g = ctx.guest()
    procs = ps(g)
    names = {p["NAME"]: p for p in procs.values()}
    for name in ("init", "timer", "net", "sh", "ps"):
        check(name in names, "ps does not list %s: %r" % (name, procs))
    sh, me = names["sh"], names["ps"]
    check(names["init"]["PID"] == "1" and names["init"]["PGID"] == "1",
          "init: %r" % names["init"])
    check(names["timer"]["PGID"] == "0", "timer: %r" % names["timer"])
    check(sh["PGID"] == sh["PID"] and sh["STATE"] == "sleep:wait",
          "sh: %r" % sh)
    check(me["PPID"] == sh["PID"] and me["PGID"] == me["PID"] and
          me["STATE"] == "run", "ps: %r" % me)
    check(re.match(r"\d+:\d\d\.\d\d$", me["TIME"]), "ps: %r" % me)


@case
def t_sleep_uptime(ctx):
    g = ctx.guest()
    out = g.run("sleep 0.2; echo slept", 30)
    check(out == "slept\n", "sleep 0.2 printed %r" % out)
    out = g.run("sleep x", 30)
    check(out.startswith("usage"), "sleep x printed %r" % out)
    g.send("sleep 1000\n")
    g.expect(r"sleep 1000\r?\n", 30)
    await_proc(g, "sleep")
    interrupt(g, INTR, "^C on sleep")
    out = g.run("uptime", 30)
    check(re.match(r"\d\d:\d\d:\d\d up \d+:\d\d:\d\d, \d+ processes\n$", out),
          "uptime printed %r" % out)


@case
def t_halt(ctx):
    g = ctx.guest()
    try:
        g.poweroff(30)
    finally:
        ctx.discard()


# ---- runner ------------------------------------------------------------

def main(argv):
    names = [n for n, _ in CASES]
    if argv[:1] == ["-l"]:
        print("\n".join(names))
        return 0
    if argv[:1] == ["-q"]:
        argv = [n for n in names if n not in SLOW]
    bad = [a for a in argv if a not in names]
    if bad:
        print("unknown case(s): %s; cases: %s" % (" ".join(bad), " ".join(names)))
        return 2
    chosen = [(n, f) for n, f in CASES if not argv or n in argv]
    print("PLAN %s" % " ".join(n for n, _ in chosen), flush=True)
    ctx = Context()
    failed = 0
    try:
        for name, fn in chosen:
            try:
                fn(ctx)
                print("PASS %s" % name, flush=True)
            except CheckFailed as e:
                failed += 1
                if ctx.g:
                    ctx.g.fail("%s: %s" % (name, e))
                print("FAIL %s: %s" % (name, e), flush=True)
            except GuestError as e:
                failed += 1
                ctx.discard()  # unknown state: next case boots afresh
                print("FAIL %s: %s" % (name, e), flush=True)
            except Exception as e:  # a bug in the test itself
                failed += 1
                ctx.discard()
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e), flush=True)
    finally:
        ctx.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
