#!/usr/bin/env python3
"""tests/netpeer.py: Linux as a real peer of a netv6 guest.

    with PeerNet() as net:                    # a private namespace, tap0
        with net.guest(pcap="name") as g:      # QEMU on tap0, in the namespace
            g.run("...")
            net.run(["ping", "-c", "1", "10.77.0.2"])
        net.check_pcap()                       # tshark: nothing malformed

PeerNet creates a network namespace of its own (netv6-PID-N), with a tap
device tap0 holding 10.77.0.1/24 for Linux; the guest is 10.77.0.2. QEMU
and every host tool run inside the namespace (ip netns exec), so all the
traffic stays between the guest and this namespace, which is removed on
leaving the `with` block (and its processes killed). Nothing is ever sent
anywhere else (docs/testing.md, "Network safety").

When the machine cannot make a namespace or a tap (no root, no
/dev/net/tun), PeerNet raises Skip with the reason; a test reports
`SKIP case: reason`, which tests/run.py counts as a failure when
NETV6_NO_SKIP=1 (as .ci/run sets).

Each guest records its frames with QEMU's filter-dump into
build/test-logs/NAME.pcap; check_pcap runs tshark over it and fails on any
malformed packet or bad checksum (tshark's expert info), keeping the file.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402

HOST_IP = "10.77.0.1"
GUEST_IP = "10.77.0.2"
PREFIX = 24

_count = 0


class Skip(Exception):
    """The machine cannot run this test (said why)."""


def _run(cmd, check=True, timeout=30, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=timeout, check=check,
                          **kw)


class PeerNet:
    def __init__(self, name="peer"):
        global _count
        _count += 1
        self.ns = "netv6-%d-%d" % (os.getpid(), _count)
        self.name = name
        self.procs = []
        self.pcaps = []
        self.tmp = None

    def __enter__(self):
        if os.geteuid() != 0:
            raise Skip("needs root to make a network namespace (uid %d)"
                       % os.geteuid())
        if not os.path.exists("/dev/net/tun"):
            raise Skip("no /dev/net/tun: cannot make a tap device")
        for tool in ("ip",):
            if shutil.which(tool) is None:
                raise Skip("%s is not installed" % tool)
        try:
            _run(["ip", "netns", "add", self.ns])
        except (subprocess.CalledProcessError, OSError) as e:
            raise Skip("cannot make a network namespace: %s"
                       % getattr(e, "output", e))
        try:
            for cmd in (["ip", "link", "set", "lo", "up"],
                        ["ip", "tuntap", "add", "tap0", "mode", "tap"],
                        ["ip", "addr", "add", "%s/%d" % (HOST_IP, PREFIX),
                         "dev", "tap0"],
                        ["ip", "link", "set", "tap0", "up"]):
                _run(["ip", "netns", "exec", self.ns] + cmd)
        except (subprocess.CalledProcessError, OSError) as e:
            self._remove()
            raise Skip("cannot set up tap0 in the namespace: %s"
                       % getattr(e, "output", e))
        self.tmp = tempfile.mkdtemp(prefix="netv6-peer-")
        return self

    def __exit__(self, *exc):
        self._remove()
        return False

    def _remove(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                p.wait()
        self.procs = []
        subprocess.run(["ip", "netns", "del", self.ns],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    # ---- in the namespace -------------------------------------------------

    def wrap(self):
        return ["ip", "netns", "exec", self.ns]

    def run(self, cmd, check=False, timeout=60, **kw):
        """Run cmd in the namespace; returns the CompletedProcess."""
        return _run(self.wrap() + cmd, check=check,
                    timeout=timeout * harness.scale(), **kw)

    def popen(self, cmd, **kw):
        """Start cmd in the namespace (killed when the PeerNet ends)."""
        p = subprocess.Popen(self.wrap() + cmd, start_new_session=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True, **kw)
        self.procs.append(p)
        return p

    def python(self, code, timeout=60):
        """Run Python code in the namespace (Debian's python3, which has
        scapy); returns (status, output)."""
        r = self.run(["/usr/bin/python3", "-c", code], timeout=timeout)
        return r.returncode, r.stdout

    def guest(self, pcap=None, **kw):
        """A harness.Guest on tap0 in the namespace, its frames recorded in
        build/test-logs/PCAP.pcap."""
        # vnet_hdr=off: otherwise filter-dump records the virtio-net
        # header in front of every frame and the pcap cannot be read.
        args = ["-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no,"
                "vnet_hdr=off",
                "-device", "virtio-net-device,netdev=n0"]
        if pcap:
            os.makedirs(harness.LOGDIR, exist_ok=True)
            path = os.path.join(harness.LOGDIR, pcap + ".pcap")
            if os.path.exists(path):
                os.unlink(path)
            self.pcaps.append(path)
            args += ["-object", "filter-dump,id=d0,netdev=n0,file=%s" % path]
        return harness.Guest(extra_args=args, wrap=self.wrap(),
                             name=kw.pop("name", self.name), **kw)

    def check_pcap(self, path=None, want=("arp", "ip", "icmp", "udp"),
                   ignore_src=()):
        """tshark over a recorded pcap: returns a list of problems, empty
        when the capture holds frames of every protocol in want (so it
        really was read) and none that is malformed, has a bad IP, ICMP or
        UDP checksum, or an expert error. Frames from the MAC addresses in
        ignore_src (a test's injector of bad frames) are not judged."""
        path = path or self.pcaps[-1]
        if shutil.which("tshark") is None:
            return ["tshark is not installed"]
        problems = []
        for proto in want:
            n = self._tshark(path, proto)
            if n is None:
                return ["tshark failed on %s" % path]
            if n == 0:
                problems.append("no %s frame in %s" % (proto, path))
        bad = ('_ws.malformed || _ws.expert.severity == "Error" || '
               'ip.checksum.status == "Bad" || icmp.checksum.status == "Bad" '
               '|| udp.checksum.status == "Bad"')
        if ignore_src:
            bad = "(%s) && !(%s)" % (bad, " || ".join(
                "eth.src == %s" % m for m in ignore_src))
        n = self._tshark(path, bad, show=True)
        if n:
            problems.append("%d bad frame(s): %s" % (n, self.last))
        return problems

    def _tshark(self, path, filt, show=False):
        """How many frames of path match the display filter filt."""
        r = _run(["tshark", "-r", path, "-o", "ip.check_checksum:TRUE",
                  "-o", "udp.check_checksum:TRUE", "-Y", filt],
                 check=False, timeout=120)
        if r.returncode != 0:
            self.last = r.stdout.strip()[-300:]
            return None
        lines = [l for l in r.stdout.split("\n")
                 if l.strip() and not l.startswith("Running as user")]
        self.last = "; ".join(l.strip() for l in lines[:3])
        return len(lines)
