#!/usr/bin/env python3
"""tests/harness.py: the one place that knows how to start a netv6 guest.

Interface (Python 3 standard library only):

    with Guest() as g:            # copies build/fs.img, boots, waits for "$ "
        print(g.banner)           # console text up to the first prompt
        out = g.run("ls", timeout=30)     # output of one command line
        g.send("cat\n"); g.expect(r"...", timeout=5)
        g.poweroff()              # runs `halt`, waits for QEMU to exit

Every step has a timeout; a step that fails raises GuestError. The guest's
QEMU runs in its own process group and is always killed by process id:
on leaving the `with` block, at interpreter exit (atexit) and on SIGINT or
SIGTERM. The full console transcript is written to build/test-logs/; it is
kept (and its last lines printed) when anything failed, removed otherwise
unless NETV6_KEEP_LOGS=1.

Prompt rule: the shell's prompt is "$ " at the start of a line. run()
returns what the command printed between the echo of the command line and
the next prompt, with "\\r\\n" turned into "\\n". Output that does not end
in a newline therefore runs into the prompt and is not recognised; tests
print whole lines.

Environment: CPUS (default 3), QEMU (default qemu-system-riscv64; Guest's
qemu= argument wins, which tests/test_harness.py uses for a fake),
NETV6_TIMEOUT_SCALE (multiplies every timeout, default 1),
NETV6_KEEP_LOGS=1 (keep transcripts of passing runs too).

CLI:
    python3 tests/harness.py run 'ls' 'echo hi | wc'   # boot, run, halt
    python3 tests/harness.py boot                      # boot, print banner, halt
"""

import atexit
import codecs
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
LOGDIR = os.path.join(BUILD, "test-logs")
KERNEL = os.path.join(BUILD, "kernel.elf")
IMAGE = os.path.join(BUILD, "fs.img")
MKFS = os.path.join(BUILD, "mkfs", "mkfs")
USERDIR = os.path.join(BUILD, "user")

PROMPT = "$ "
# A prompt is "$ " at the start of the output or just after a newline
# (a look-behind, so a search that starts right after the newline works).
PROMPT_RE = re.compile(r"(?:(?<=\n)|\A)\$ ")
PANIC_HEADER = os.path.join(ROOT, "include", "netv6", "panic.h")


def panic_regex(header=PANIC_HEADER):
    """The pattern of the kernel's panic line, built from PANIC_LINE_FMT in
    include/netv6/panic.h, the definition kernel/printf.c prints with
    (so the two cannot drift apart). Matches the whole line; group 1 is
    the message."""
    with open(header) as f:
        m = re.search(r'#define\s+PANIC_LINE_FMT\s+"((?:[^"\\]|\\.)*)"',
                      f.read())
    if not m:
        raise RuntimeError("no PANIC_LINE_FMT in %s" % header)
    fmt = m.group(1)
    if not re.fullmatch(r"(?:[^%]|%[ds])*", fmt) or "\\" in fmt:
        raise RuntimeError("PANIC_LINE_FMT %r: only %%d and %%s are understood"
                           % fmt)
    parts = re.split(r"(%[ds])", fmt)
    rx = "".join({"%d": r"\d+", "%s": r".*?"}.get(p, re.escape(p))
                 for p in parts)
    # kernel/printf.c starts the line with "\n", so it follows a newline
    # even when it cuts into a half-written line.
    return re.compile(r"\n(" + rx + r"[^\r\n]*)")


# Console text that means the kernel is dead: stop waiting at once.
PANIC_RE = panic_regex()
# How long to keep reading after a panic line, for its backtrace.
PANIC_DRAIN = 1.0
TAIL_LINES = 40


class GuestError(Exception):
    """A step with the guest failed: timeout, QEMU exit, kernel panic."""


def scale():
    try:
        return max(0.1, float(os.environ.get("NETV6_TIMEOUT_SCALE", "1")))
    except ValueError:
        return 1.0


def free_port():
    """A TCP port on 127.0.0.1 that is free right now (bind to port 0)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
    finally:
        s.close()


def check_netdev_args(args):
    """Refuse QEMU user networking without restrict=on (network safety)."""
    for i, a in enumerate(args):
        if a == "-netdev" and i + 1 < len(args):
            spec = args[i + 1]
            if spec.startswith("user") and "restrict=on" not in spec.split(","):
                raise ValueError("-netdev user needs restrict=on: " + spec)
        if a in ("-nic", "-net"):  # other ways to ask for user networking
            raise ValueError("use -netdev ID,...,restrict=on, not " + a)


def normalise(text):
    """Console text with "\\r\\n" line ends turned into "\\n"."""
    return text.replace("\r\n", "\n")


# ---- every live guest, so that nothing outlives the harness ----------

def _die_with_parent():
    """In the QEMU child before exec: Linux sends it SIGKILL when the
    harness dies, even by SIGKILL (which no handler here can catch)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: atexit and the signal handlers still apply


_live = set()
_started = 0  # guests started by this process, to name their logs


def _kill_all():
    for g in list(_live):
        g.kill()


def _on_signal(signum, frame):
    _kill_all()
    # Default behaviour afterwards: KeyboardInterrupt for ^C, exit for TERM.
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    sys.exit(128 + signum)


atexit.register(_kill_all)
for _sig in (signal.SIGINT, signal.SIGTERM):
    try:
        signal.signal(_sig, _on_signal)
    except ValueError:  # not the main thread: atexit still covers us
        pass


class _Match:
    """A re.Match on part of the console text, with positions in buf."""

    def __init__(self, m, base):
        self.m = m
        self.base = base

    def start(self, g=0):
        return self.m.start(g) + self.base

    def end(self, g=0):
        return self.m.end(g) + self.base

    def group(self, *g):
        return self.m.group(*g)

    def groups(self, default=None):
        return self.m.groups(default)


class Guest:
    """One QEMU running netv6 on a private copy of a disk image."""

    def __init__(self, image=None, kernel=None, cpus=None, memory="128M",
                 extra_args=(), name="guest", boot_timeout=60, qemu=None,
                 wrap=()):
        self.qemu = qemu or os.environ.get("QEMU", "qemu-system-riscv64")
        self.wrap = list(wrap)  # run QEMU through this (ip netns exec NS)
        self.image = image or IMAGE
        self.kernel = kernel or KERNEL
        self.cpus = int(cpus or os.environ.get("CPUS", "3"))
        self.memory = memory
        self.extra_args = list(extra_args)
        check_netdev_args(self.extra_args)
        self.name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
        self.boot_timeout = boot_timeout
        self.proc = None
        self.tmpdir = None
        self.logf = None
        self.logpath = None
        self._chunks = []     # text received, "\r\n" kept (see buf)
        self._len = 0         # characters in _chunks
        self.pos = 0          # expect() searches from here
        self.banner = ""
        self.failed = False
        self.exited = False
        self.panic = None     # the kernel's panic line, once seen
        self._panic_at = None  # where in buf it starts
        self._panic_scan = 0  # _check_panic has looked at buf[:this]
        self._dec = codecs.getincrementaldecoder("utf-8")(errors="replace")

    @property
    def buf(self):
        """Everything received (less what _consume dropped), one string.
        Text arrives in chunks; they are joined only when asked for."""
        if len(self._chunks) > 1:
            self._chunks[:] = ["".join(self._chunks)]
        return self._chunks[0] if self._chunks else ""

    @buf.setter
    def buf(self, text):
        self._chunks = [text]
        self._len = len(text)

    def _since(self, base):
        """buf[base:], joining only the chunks that cover it."""
        need = self._len - base
        parts, got, i = [], 0, len(self._chunks)
        while got < need and i > 0:
            i -= 1
            parts.append(self._chunks[i])
            got += len(self._chunks[i])
        return "".join(reversed(parts))[got - need:]

    # ---- life cycle ------------------------------------------------------

    def command(self, disk):
        return self.wrap + [self.qemu, "-machine", "virt", "-bios", "default",
                "-m", self.memory, "-smp", str(self.cpus), "-nographic",
                "-global", "virtio-mmio.force-legacy=false",
                "-kernel", self.kernel,
                "-drive", "file=%s,if=none,format=raw,id=x0" % disk,
                "-device", "virtio-blk-device,drive=x0",
                "-no-reboot"] + self.extra_args

    def start(self):
        """Boot and wait for the first prompt; returns the boot text."""
        for f in (self.kernel, self.image):
            if not os.path.exists(f):
                raise GuestError("missing %s (run make)" % f)
        self.tmpdir = tempfile.mkdtemp(prefix="netv6-" + self.name + "-")
        disk = os.path.join(self.tmpdir, "fs.img")
        shutil.copyfile(self.image, disk)
        os.makedirs(LOGDIR, exist_ok=True)
        global _started
        _started += 1
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.logpath = os.path.join(LOGDIR, "%s-%s-%d-%d.log" % (
            self.name, stamp, os.getpid(), _started))
        self.logf = open(self.logpath, "w", encoding="utf-8", errors="replace")
        cmd = self.command(disk)
        self.logf.write("# " + " ".join(cmd) + "\n")
        self.logf.flush()
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT,
            preexec_fn=_die_with_parent)
        _live.add(self)
        os.set_blocking(self.proc.stdout.fileno(), False)
        m = self._wait(PROMPT_RE, self.boot_timeout, "boot prompt")
        self.banner = normalise(self.buf[:m.start()])
        self._consume(m.end())
        return self.banner

    def kill(self):
        """End our QEMU (its whole process group) and clean up. Idempotent."""
        p = self.proc
        if p is not None and p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if p is not None:
            for f in (p.stdin, p.stdout):
                try:
                    f.close()
                except OSError:
                    pass
        _live.discard(self)
        if self.tmpdir:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir = None
        if self.logf:
            self.logf.close()
            self.logf = None
            if not self.failed and os.environ.get("NETV6_KEEP_LOGS") != "1":
                try:
                    os.unlink(self.logpath)
                except OSError:
                    pass

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.kill()  # __exit__ does not run when __enter__ raises
            raise
        return self

    def __exit__(self, etype, exc, tb):
        if etype is not None and not self.failed:
            self.fail("%s: %s" % (etype.__name__, exc))
        self.kill()
        return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    # ---- failure reporting ---------------------------------------------

    def fail(self, reason):
        """Mark the run failed: keep the transcript, print its tail."""
        self.failed = True
        if self.logf:
            self.logf.write("\n# FAILED: %s\n" % reason)
            self.logf.flush()
        lines = normalise(self.buf).split("\n")[-TAIL_LINES:]
        out = sys.stdout
        out.write("---- %s: last %d console lines (full log %s) ----\n"
                  % (self.name, len(lines), os.path.relpath(self.logpath or "?", ROOT)))
        for l in lines:
            out.write("| " + l + "\n")
        out.write("---- end of console ----\n")
        out.flush()

    # ---- console I/O -----------------------------------------------------

    def _read(self, deadline):
        """Wait until data arrives or deadline; False if nothing came."""
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        fd = self.proc.stdout.fileno()
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            return False
        try:
            data = os.read(fd, 65536)
        except BlockingIOError:
            return True
        if not data:
            self.exited = True
            status = self.proc.wait(timeout=10)
            raise GuestError("QEMU exited (status %s)" % status)
        text = self._dec.decode(data)
        self._chunks.append(text)
        self._len += len(text)
        if self.logf:
            self.logf.write(text)
            self.logf.flush()
        self._check_panic()
        return True

    def _check_panic(self):
        """Notice the kernel's panic line as soon as it arrives: set
        self.panic (the line) and self._panic_at (where it starts in buf),
        after reading on for PANIC_DRAIN seconds so that the transcript
        has the message and backtrace. _wait still takes what arrived
        before the panic, then fails with it; nothing waits longer."""
        if self.panic is not None:
            return
        base = max(self._panic_scan - 80, 0)  # a line cut between reads
        m = PANIC_RE.search(self._since(base))
        self._panic_scan = self._len
        if not m:
            return
        self._panic_at = base + m.start()
        self.panic = m.group(1)
        self._drain(PANIC_DRAIN)
        m = PANIC_RE.search(self._since(self._panic_at))  # the whole line
        if m:
            self.panic = m.group(1).strip()

    def _panic_error(self, what):
        self._error("kernel panic: %s (while waiting for %s)"
                    % (self.panic, what))

    def _wait(self, regex, timeout, what, start=None, window=None):
        """Search regex in buf from start; returns a match whose start()
        and end() are positions in buf.

        window=None re-searches everything from start each time data
        arrives; a number N re-searches only the last N characters before
        the new data (for large outputs with short patterns)."""
        if self.proc is None:
            raise GuestError("guest not started")
        if isinstance(regex, str):
            regex = re.compile(regex)
        start = self.pos if start is None else start
        deadline = time.monotonic() + timeout * scale()
        scan = start  # no match starts before scan
        while True:
            # One character before scan stays in view for look-behinds.
            base = max(scan - 1, 0)
            text = self._since(base)
            m = regex.search(text, scan - base)
            if m and (self.panic is None or base + m.start() < self._panic_at):
                return _Match(m, base)
            if self.panic is not None:
                self._panic_error(what)
            if window is not None:
                scan = max(start, self._len - window)
            try:
                got = self._read(deadline)
            except GuestError as e:
                self._error("%s while waiting for %s" % (e, what))
            if not got and time.monotonic() >= deadline:
                self._error("timeout (%gs) waiting for %s"
                            % (timeout * scale(), what))

    def _consume(self, end):
        """Later searches start at end. Old text is dropped from memory
        (the transcript file has it all) but the last lines are kept for
        the failure tail."""
        keep = 65536
        if end > 4 * keep:
            drop = end - keep
            self.buf = self.buf[drop:]
            self._panic_scan = max(0, self._panic_scan - drop)
            if self._panic_at is not None:
                self._panic_at -= drop
            end = keep
        self.pos = end

    def _error(self, msg):
        """Fail the run (keep the log, print its tail) and raise."""
        self.fail(msg)
        raise GuestError(msg)

    def _drain(self, seconds):
        """Read whatever arrives for a short while (for failure logs only)."""
        deadline = time.monotonic() + seconds
        try:
            while self._read(deadline):
                pass
        except GuestError:
            pass

    def send(self, text):
        """Type text on the console (no newline added)."""
        if not self.alive():
            self._error("QEMU is not running")
        if "\x01" in text:
            raise ValueError("^A is QEMU's monitor escape")
        try:
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            self._error("cannot write to console: %s" % e)
        if self.logf:
            self.logf.flush()

    def expect(self, regex, timeout=10, what=None):
        """Wait for regex in the console text after the last match.

        Returns the match (groups on text with "\\r\\n" kept; start()
        and end() are positions in buf); the next expect/run starts after
        it. what names the awaited thing in a timeout message."""
        m = self._wait(regex, timeout,
                       what or "/%s/" % getattr(regex, "pattern", regex))
        self._consume(m.end())
        return m

    def run(self, cmd, timeout=30):
        """Send one command line at the prompt; return its output.

        The echo of the command line is removed and line ends are
        normalised to "\\n"."""
        if "\n" in cmd or "\r" in cmd:
            raise ValueError("one line at a time")
        start = self._len
        self.send(cmd + "\n")
        # The echo: the typed line followed by a line end.
        echo = self._wait(re.compile(re.escape(cmd) + r"\r?\n"), timeout,
                          "echo of %r" % cmd, start=start)
        m = self._wait(PROMPT_RE, timeout, "prompt after %r" % cmd,
                       start=echo.end(), window=4096)
        out = self.buf[echo.end():m.start()]
        self._consume(m.end())
        return normalise(out)

    def prompt(self, timeout=30):
        """Wait for the next prompt (after send/expect); returns the text
        before it, line ends normalised."""
        m = self._wait(PROMPT_RE, timeout, "prompt", window=4096)
        out = self.buf[self.pos:m.start()]
        self._consume(m.end())
        return normalise(out)

    def poweroff(self, timeout=30):
        """Run `halt` and wait for QEMU to exit; returns its exit status."""
        self.send("halt\n")
        deadline = time.monotonic() + timeout * scale()
        try:
            while True:
                self._read(deadline)
                if self.panic is not None:
                    raise GuestError("kernel panic: %s (after halt)"
                                     % self.panic)
                if time.monotonic() >= deadline:
                    raise GuestError("QEMU still running %gs after halt"
                                     % (timeout * scale()))
        except GuestError as e:
            if not self.exited:
                self._error(str(e))
        status = self.proc.returncode
        self.kill()
        return status


# ---- command line ----------------------------------------------------

def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="boot netv6 and run commands")
    ap.add_argument("what", choices=["boot", "run"])
    ap.add_argument("commands", nargs="*")
    ap.add_argument("--image", default=None)
    ap.add_argument("--kernel", default=None)
    ap.add_argument("--cpus", default=None)
    ap.add_argument("--timeout", type=float, default=60)
    a = ap.parse_args(argv)
    try:
        with Guest(image=a.image, kernel=a.kernel, cpus=a.cpus,
                   name="cli") as g:
            sys.stdout.write(g.banner)
            for c in a.commands:
                sys.stdout.write(PROMPT + c + "\n" + g.run(c, a.timeout))
            g.poweroff()
    except GuestError as e:
        print("harness: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
