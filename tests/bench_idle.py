#!/usr/bin/env python3
"""tests/bench_idle.py: how much host CPU an idle netv6 guest uses.

Boots a guest (harts from CPUS, default 3), waits for the shell, lets it
sit idle, and reads QEMU's CPU time from /proc over a fixed interval.
Prints the figure as a percentage of one host core. A figure, not a
test: it never fails for being high (timings on shared machines vary).
Idle harts wait in wfi; a kernel that spins instead shows close to
100% per hart.
"""

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import Guest  # noqa: E402

INTERVAL = 10.0  # seconds of idleness measured


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15 of stat (12 and 13 after the name)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    with Guest(name="bench-idle") as g:
        g.run("echo ready", 30)
        time.sleep(2.0)  # let the shell's last output drain
        pid = g.proc.pid
        c0, t0 = cpu_seconds(pid), time.monotonic()
        time.sleep(INTERVAL)
        c1, t1 = cpu_seconds(pid), time.monotonic()
        pct = 100.0 * (c1 - c0) / (t1 - t0)
        print("idle: %d harts, QEMU used %.1f%% of one host core over %.0f s"
              % (g.cpus, pct, t1 - t0))
        g.poweroff()
    return 0


if __name__ == "__main__":
    sys.exit(main())
