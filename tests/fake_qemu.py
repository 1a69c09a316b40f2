#!/usr/bin/env python3
"""tests/fake_qemu.py: stands in for qemu-system-riscv64 in the harness's
own tests (tests/test_harness.py). It ignores QEMU's arguments and plays
a console transcript on stdout, as a guest would:

    NETV6_FAKE_TRANSCRIPT  the text to play (a file; bytes as recorded)
    NETV6_FAKE_END         what to do after the last of it:
                           "hang"   stay alive, printing nothing (a hung
                                    or panicked guest: QEMU keeps running)
                           "exit:N" exit with status N at once (QEMU died)

The text is played up to each shell prompt ("$ " at a line start); there
the fake waits for a line of input before going on, as the console
would, and does not echo it (the transcript holds the echo). It writes
in small pieces of varying size, so that lines (a panic line too) arrive
cut, as from a real console.
"""

import os
import random
import re
import sys
import time


def main():
    with open(os.environ["NETV6_FAKE_TRANSCRIPT"], "rb") as f:
        text = f.read()
    end = os.environ.get("NETV6_FAKE_END", "hang")
    out = sys.stdout.buffer
    rnd = random.Random(6)
    # Pieces end just after each prompt; input is awaited there.
    stops = [m.end() for m in re.finditer(rb"(?:^|\n)\$ ", text)]
    pos = 0
    for stop in stops + [len(text)]:
        while pos < stop:
            n = min(stop - pos, rnd.randint(1, 200))
            out.write(text[pos:pos + n])
            out.flush()
            pos += n
            time.sleep(0.001)
        if stop in stops and not sys.stdin.buffer.readline():
            return 0  # the harness went away
    if end.startswith("exit:"):
        return int(end[5:])
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    sys.exit(main())
