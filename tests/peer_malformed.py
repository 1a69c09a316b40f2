#!/usr/bin/python3
"""tests/peer_malformed.py: hostile frames for netv6, sent on tap0 from
inside the test's private namespace (run by tests/test_peer.py with
Debian's python3, which has scapy; never on any other interface).

    peer_malformed.py GUEST_MAC GUEST_IP HOST_IP COUNT

Sends every kind of malformed frame the stack must survive (short,
oversized, bad lengths, checksums, versions, header lengths; fragments
that overlap, repeat, pass 64 KiB or never complete; ARP of the wrong
sizes and one claiming the guest's own address from another MAC; UDP
longer than its packet), then a flood of COUNT frames cycling through
them, as fast as a raw socket goes. Prints "sent N" at the end.
"""

import socket
import sys

from scapy.all import ARP, ICMP, IP, UDP, Ether, Raw, fragment, raw


def frames(gmac, gip, hip):
    hmac = "02:00:00:00:77:01"
    eth = Ether(dst=gmac, src=hmac)
    good = eth / IP(src=hip, dst=gip) / ICMP(id=7, seq=1) / (b"x" * 32)
    out = []
    b = raw(good)
    out.append(b[:14])                        # a header and nothing
    out.append(b[:20])                        # a cut IP header
    # (An oversized frame cannot leave a tap with a 1500-byte MTU; the
    # driver's own length check is exercised by fuzz_frame.)
    ip = bytearray(b)
    ip[14] = 0x65                             # version 6 in an IPv4 frame
    out.append(bytes(ip))
    ip = bytearray(b)
    ip[14] = 0x43                             # IHL 3
    out.append(bytes(ip))
    ip = bytearray(b)
    ip[14] = 0x4f                             # IHL 15, past the packet
    out.append(bytes(ip))
    ip = bytearray(b)
    ip[16:18] = (9000).to_bytes(2, "big")     # total length past the frame
    out.append(bytes(ip))
    ip = bytearray(b)
    ip[16:18] = (10).to_bytes(2, "big")       # total length under a header
    out.append(bytes(ip))
    ip = bytearray(b)
    ip[24] ^= 0xff                            # bad header checksum
    out.append(bytes(ip))
    out.append(raw(eth / IP(src=hip, dst=gip) / ICMP(chksum=0x1234)))
    out.append(raw(eth / IP(src="255.255.255.255", dst=gip) / ICMP()))
    out.append(raw(eth / IP(src="127.0.0.1", dst=gip) / ICMP()))
    out.append(raw(eth / IP(src=hip, dst=gip, proto=200) / b"?"))
    # UDP: length past the packet, under a header, a bad checksum.
    out.append(raw(eth / IP(src=hip, dst=gip) / UDP(sport=1, dport=7, len=500)
                   / b"short"))
    out.append(raw(eth / IP(src=hip, dst=gip) / UDP(sport=1, dport=7, len=4)
                   / b"ab"))
    out.append(raw(eth / IP(src=hip, dst=gip) / UDP(sport=1, dport=7,
                                                     chksum=0x4242) / b"c"))
    # Fragments: overlapping, repeated, past 64 KiB, never completed.
    big = IP(src=hip, dst=gip, id=4242) / ICMP() / (b"f" * 3000)
    frs = fragment(big, fragsize=1000)
    out += [raw(eth / f) for f in frs[:2]]               # never completes
    ov = frs[1].copy()
    ov.frag = frs[1].frag - 10                           # overlaps frag 0
    out.append(raw(eth / ov))
    out.append(raw(eth / frs[0]))                        # a repeat
    out.append(raw(eth / IP(src=hip, dst=gip, id=999, flags=1,
                            frag=8180) / (b"p" * 1000))) # past 65535
    out.append(raw(eth / IP(src=hip, dst=gip, id=998, flags="MF",
                            frag=1) / (b"q" * 13)))      # MF, not 8 aligned
    # ARP: wrong sizes, and the guest's own address from another MAC.
    a = raw(Ether(dst="ff:ff:ff:ff:ff:ff", src=hmac) /
            ARP(op=1, hwsrc=hmac, psrc=hip, pdst=gip))
    out.append(a[:30])
    bad = bytearray(a)
    bad[18] = 8                                          # hlen 8
    out.append(bytes(bad))
    out.append(raw(Ether(dst="ff:ff:ff:ff:ff:ff", src=hmac) /
                   ARP(op=2, hwsrc=hmac, psrc=gip, pdst=gip)))
    out.append(raw(Ether(dst="ff:ff:ff:ff:ff:ff", src=hmac, type=0x0800)))
    out.append(raw(Ether(dst="01:00:5e:00:00:01", src=hmac) / IP(dst=gip)))
    return out


def main():
    gmac, gip, hip, count = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    fs = frames(gmac, gip, hip)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind(("tap0", 0))
    sent = 0
    for f in fs:
        s.send(f)  # each kind once: any refusal here is this script's bug
        sent += 1
    for i in range(count):
        try:
            s.send(fs[i % len(fs)])
            sent += 1
        except OSError:
            pass  # the tap's queue is full: the guest is slower than us
    print("sent %d kinds, %d frames" % (len(fs), sent))


if __name__ == "__main__":
    main()
