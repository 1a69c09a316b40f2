#!/usr/bin/env python3
"""tests/test_peer.py: the IPv4 stack against real peers.

Suite `usernet`: QEMU's user-mode network (restrict=on, nothing outside
reachable): the DHCP client at boot gets 10.0.2.15, the gateway 10.0.2.2
answers pings, and ifconfig, route, arp and netstat show and change what
they should (QEMU withholds a gateway and DNS server from its
DHCP answer when restricted, so those come from the namespace test).

Suite `peer`: Linux itself, through a tap device in a private network
namespace (tests/netpeer.py), with dnsmasq serving DHCP and DNS there:
the guest gets 10.77.0.2 with gateway and DNS server 10.77.0.1 from
dnsmasq; Linux pings the guest and the guest pings Linux, 8000-byte pings
too (fragmented both ways); Linux's neighbour table learns the guest's
MAC; a datagram to a closed guest port gives Linux ECONNREFUSED (an ICMP
port unreachable); Python's socket module exchanges UDP with the guest;
the guest's resolver asks dnsmasq (host, and udpcli through getaddrinfo
to a Python UDP echo server on Linux by name).
Every frame is recorded (build/test-logs/peer.pcap) and tshark must find
no malformed packet and no bad checksum.

Prints PLAN, then PASS/FAIL/SKIP lines (run.py's protocol).

    python3 tests/test_peer.py usernet|peer [CASE...]
"""

import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
import netpeer  # noqa: E402
from harness import Guest, GuestError  # noqa: E402
from netpeer import GUEST_IP, HOST_IP, PeerNet, Skip  # noqa: E402


class CheckFailed(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise CheckFailed(msg)


def status(g, n=1):
    """/net/ipifc/N/status as a dict (addr as a list)."""
    out = g.run("cat /net/ipifc/%d/status" % n, 30)
    st = {"addr": []}
    for line in out.split("\n"):
        k, _, v = line.partition(" ")
        if k == "addr":
            st["addr"].append(v)
        elif k:
            st[k] = v
    return st


def wait_addr(g, want, secs=20):
    """Until eth0 has address want (DHCP runs at boot)."""
    deadline = time.monotonic() + secs * harness.scale()
    while time.monotonic() < deadline:
        if want in status(g)["addr"]:
            return
        time.sleep(0.5)
    raise CheckFailed("eth0 never got %s: %s" % (want, status(g)))


def ping_ok(out, n):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", out)
    return m and int(m.group(1)) == n and int(m.group(2)) == n


# ---- user-mode QEMU ---------------------------------------------------------

def usernet(cases):
    args = ["-netdev", "user,id=n0,restrict=on",
            "-device", "virtio-net-device,netdev=n0"]
    with Guest(extra_args=args, name="usernet") as g:
        def dhcp():
            check("dhcp: eth0: 10.0.2.15/24" in g.banner,
                  "no DHCP line at boot: %r" % g.banner[-300:])
            st = status(g)
            check(st["addr"] == ["10.0.2.15/24"] and st["up"] == "yes",
                  "eth0: %s" % st)
            ndb = g.run("cat /net/ndb", 30)
            check("ip=10.0.2.15 ipmask=255.255.255.0" in ndb, "ndb: %r" % ndb)

        def gateway():
            out = g.run("ping -c 3 -i 0.2 10.0.2.2", 60)
            check(ping_ok(out, 3), "ping 10.0.2.2: %r" % out)
            out = g.run("ping -c 1 -s 4000 10.0.2.2", 60)
            check(ping_ok(out, 1), "4000-byte ping: %r" % out)
            arp = g.run("cat /net/arp", 30)
            check(re.search(r"^10\.0\.2\.2 52:55:0a:00:02:02 eth0 reachable",
                            arp, re.M), "arp: %r" % arp)

        def programs():
            out = g.run("ifconfig eth0", 30)
            check(re.search(r"^eth0: flags=UP,RUNNING  mtu 1500$", out, re.M)
                  and "inet 10.0.2.15  netmask 255.255.255.0" in out
                  and re.search(r"ether 52:54:00:[0-9a-f:]{8}", out),
                  "ifconfig eth0: %r" % out)
            g.run("route add default gw 10.0.2.2", 30)
            out = g.run("route", 30)
            check(re.search(r"^default +10\.0\.2\.2 +eth0 +UG$", out, re.M),
                  "route: %r" % out)
            out = g.run("route add -net 10.5.0.0/16 gw 192.168.7.1", 30)
            check("Network is unreachable" in out, "bad gateway: %r" % out)
            g.run("ping -c 1 10.0.2.2", 30)
            out = g.run("arp -a", 30)
            check(re.search(r"^10\.0\.2\.2 +52:55:0a:00:02:02 +eth0 +reachable",
                            out, re.M), "arp -a: %r" % out)
            g.run("arp -d 10.0.2.2", 30)
            check("10.0.2.2" not in g.run("arp", 30), "arp -d kept it")
            out = g.run("arp -d 10.0.2.2", 30)
            check("no such entry" in out, "arp -d twice: %r" % out)
            g.run("ifconfig eth0 10.0.2.16 netmask 255.255.255.0", 30)
            out = g.run("ifconfig eth0", 30)
            check("inet 10.0.2.16" in out and "inet 10.0.2.15" in out,
                  "second address: %r" % out)
            out = g.run("ping -c 1 10.0.2.16", 30)
            check(ping_ok(out, 1), "ping the new address: %r" % out)
            g.run("ifconfig eth0 del 10.0.2.16", 30)
            check("10.0.2.16" not in g.run("ifconfig eth0", 30), "del kept it")
            out = g.run("ifconfig nosuch0", 30)
            check("no such interface" in out, "ifconfig nosuch0: %r" % out)
            out = g.run("netstat -i", 30)
            check(re.search(r"^eth0 +1500 +[1-9]", out, re.M),
                  "netstat -i: %r" % out)
            out = g.run("netstat -s", 30)
            check(re.search(r"^icmp_echo_replies [1-9]", out, re.M) or
                  re.search(r"^ip_delivered [1-9]", out, re.M),
                  "netstat -s: %r" % out[:300])
            g.run("route del default", 30)
            check("default" not in g.run("route", 30), "route del kept it")

        run_cases([("dhcp", dhcp), ("gateway", gateway),
                   ("programs", programs)], cases)
        g.poweroff()


# ---- Linux in a namespace -------------------------------------------------------

DNSMASQ = ["dnsmasq", "--no-daemon", "--interface=tap0", "--bind-interfaces",
           # dnsmasq's shortest lease: the client renews at T1, 60 s in.
           "--dhcp-range=%s,%s,255.255.255.0,2m" % (GUEST_IP, GUEST_IP),
           "--dhcp-option=3,%s" % HOST_IP, "--dhcp-option=6,%s" % HOST_IP,
           "--address=/test.example/%s" % HOST_IP, "--no-resolv",
           "--no-hosts", "--log-dhcp"]


def peer(cases):
    with PeerNet() as net:
        log = os.path.join(net.tmp, "dnsmasq.log")
        dns = net.popen(DNSMASQ + ["--dhcp-leasefile=%s/leases" % net.tmp,
                                   "--pid-file=%s/pid" % net.tmp,
                                   "--log-facility=%s" % log])
        with net.guest(pcap="peer", name="peer") as g:
            mac = [None]
            booted = time.monotonic()

            def acks():
                try:
                    with open(log) as f:
                        return len(re.findall(r"DHCPACK\(tap0\) %s "
                                              % re.escape(GUEST_IP), f.read()))
                except OSError:
                    return 0

            def renew():
                # The lease is 2 minutes: the client asks again at T1 (60 s)
                # and dnsmasq says yes; the address stays.
                limit = booted + 100 * harness.scale()
                while acks() < 2 and time.monotonic() < limit:
                    time.sleep(1)
                check(acks() >= 2, "no renewal in %ds: %d ACKs in dnsmasq's "
                      "log" % (100 * harness.scale(), acks()))
                wait_addr(g, "%s/24" % GUEST_IP, 5)

            def unreach():
                # Nobody has 10.77.0.99: ARP asks 3 times, then sends fail
                # with EHOSTUNREACH for a while.
                out = g.run("ping -c 6 -i 1 -W 1 10.77.0.99", 60)
                check("No route to host" in out, "ping 10.77.0.99: %r" % out)
                arp = g.run("cat /net/arp", 30)
                check(re.search(r"^10\.77\.0\.99 \S+ eth0 failed", arp, re.M),
                      "arp: %r" % arp)

            def dhcp():
                wait_addr(g, "%s/24" % GUEST_IP)
                ndb = g.run("cat /net/ndb", 30)
                check("ipgw=%s" % HOST_IP in ndb and "dns=%s" % HOST_IP in ndb,
                      "ndb: %r" % ndb)
                routes = g.run("cat /net/iproute", 30)
                check(re.search(r"^0\.0\.0\.0/0 %s eth0" % re.escape(HOST_IP),
                                routes, re.M), "routes: %r" % routes)
                mac[0] = status(g)["mac"]

            def linuxping():
                r = net.run(["ping", "-c", "3", "-i", "0.2", "-W", "2",
                             GUEST_IP])
                check(ping_ok(r.stdout, 3), "Linux ping: %r" % r.stdout)
                r = net.run(["ping", "-c", "2", "-s", "8000", "-W", "3",
                             GUEST_IP])
                check(ping_ok(r.stdout, 2), "8000-byte ping: %r" % r.stdout)

            def guestping():
                out = g.run("ping -c 3 -i 0.2 %s" % HOST_IP, 60)
                check(ping_ok(out, 3), "guest ping: %r" % out)
                out = g.run("ping -c 2 -s 8000 %s" % HOST_IP, 60)
                check(ping_ok(out, 2), "8000-byte ping: %r" % out)

            def neighbour():
                mac[0] = mac[0] or status(g)["mac"]
                r = net.run(["ip", "neigh", "show", GUEST_IP])
                check(mac[0] and mac[0] in r.stdout.lower(),
                      "ip neigh: %r, guest MAC %s" % (r.stdout, mac[0]))

            def portunreach():
                wait_addr(g, "%s/24" % GUEST_IP)
                code = ("import socket,sys\n"
                        "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                        "s.settimeout(5)\n"
                        "s.connect(('%s',9999))\n"
                        "s.send(b'x')\n"
                        "try:\n s.recv(10)\n print('no error')\n"
                        "except ConnectionRefusedError:\n print('refused')\n"
                        "except socket.timeout:\n print('timeout')\n"
                        % GUEST_IP)
                st, out = net.python(code)
                check(out.strip() == "refused", "closed port: %r" % out)
                # A protocol the guest does not speak: ICMP protocol
                # unreachable (type 3, code 2), quoting what was sent.
                code = ("from scapy.all import IP, ICMP, sr1, conf\n"
                        "conf.verb = 0\n"
                        "r = sr1(IP(dst='%s', proto=200) / b'hello', "
                        "timeout=5, iface='tap0')\n"
                        "print('none' if r is None else '%%d %%d %%d' %% "
                        "(r[ICMP].type, r[ICMP].code, r[ICMP].payload.proto)"
                        " if ICMP in r else 'other')\n" % GUEST_IP)
                st, out = net.python(code, timeout=60)
                check(out.strip().endswith("3 2 200"),
                      "protocol 200: %r" % out[-300:])

            def resolve():
                wait_addr(g, "%s/24" % GUEST_IP)
                out = g.run("host test.example", 60)
                check("test.example has address %s\n" % HOST_IP in out,
                      "host test.example: %r" % out)
                # dnsmasq without upstream servers refuses other names.
                out = g.run("host nothere.example", 60)
                check(re.search(r"^Host nothere\.example not found: "
                                r"\d\((NXDOMAIN|REFUSED)\)$", out, re.M),
                      "host nothere.example: %r" % out)
                # A program finds a Linux UDP server by name.
                code = ("import socket,sys\n"
                        "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
                        "s.bind(('%s',7777))\n"
                        "print('ready',flush=True)\n"
                        "d,a=s.recvfrom(100)\n"
                        "s.sendto(d,a)\n" % HOST_IP)
                echo = net.popen(["/usr/bin/python3", "-c", code])
                check(echo.stdout.readline().strip() == "ready",
                      "the echo server did not start")
                out = g.run("udpcli test.example 7777 hello", 60)
                check("reply 1: hello\n" in out, "udpcli: %r" % out)

            def malformed():
                wait_addr(g, "%s/24" % GUEST_IP)
                mac[0] = mac[0] or status(g)["mac"]
                script = os.path.join(HERE, "peer_malformed.py")
                r = net.run(["/usr/bin/python3", script, mac[0], GUEST_IP,
                             HOST_IP, "100000"], timeout=300)
                check(r.returncode == 0 and "sent" in r.stdout,
                      "sender: %r" % r.stdout[-500:])
                # Still alive and still serving: pings both ways.
                deadline = time.monotonic() + 120 * harness.scale()
                while True:
                    p = net.run(["ping", "-c", "1", "-W", "2", GUEST_IP])
                    if ping_ok(p.stdout, 1):
                        break
                    check(time.monotonic() < deadline,
                          "no ping answer after the flood: %r" % p.stdout)
                out = g.run("ping -c 2 -i 0.2 %s" % HOST_IP, 60)
                check(ping_ok(out, 2), "guest ping after the flood: %r" % out)
                stats = g.run("cat /net/stats", 30)
                for key in ("ip.drop.cksum", "ip.drop.version",
                            "ip.drop.hdrlen", "arp_conflict", "ip_martian",
                            "reass.overlaps", "udp.drop."):
                    check(re.search(r"^%s\S* [1-9]" % re.escape(key), stats,
                                    re.M), "no %s drops counted:\n%s"
                          % (key, stats))
                inuse = int(re.search(r"^netbuf.inuse (\d+)", stats,
                                      re.M).group(1))
                check(inuse <= 64 + 16 + 8, "%d packet buffers in use after "
                      "the flood (64 are the receive ring)" % inuse)

            def udp():
                # The guest echoes; Python on Linux sends small datagrams,
                # 8000-byte ones (fragmented both ways) and a paced burst
                # of 1000, and every one is accounted for: echoed, or
                # counted as dropped by the guest.
                wait_addr(g, "%s/24" % GUEST_IP)
                g.send("udpecho -p 7 -n 1005 &\n")  # ends after them all
                # (the shell's prompt may come before or after this line)
                g.expect(r"udpecho: port 7\r?\n", 30, "udpecho ready")
                before = g.run("cat /net/stats", 30)
                code = UDP_PEER % {"guest": GUEST_IP}
                st, out = net.python(code, timeout=180)
                m = re.search(r"small (\d+) big (\d+) burst (\d+)", out)
                check(st == 0 and m, "python: %r" % out[-500:])
                check(m.group(1) == "3", "small datagrams echoed: %s of 3"
                      % m.group(1))
                check(m.group(2) == "2", "8000-byte datagrams echoed: %s of 2"
                      % m.group(2))
                after = g.run("cat /net/stats", 30)

                def counted(text):
                    n = 0
                    for key in ("udp_fullsock", "udp_nobufs"):
                        mm = re.search(r"^%s (\d+)" % key, text, re.M)
                        n += int(mm.group(1)) if mm else 0
                    return n
                drops = counted(after) - counted(before)
                got = int(m.group(3))
                check(got + drops >= 1000 and got >= 900,
                      "burst: %d of 1000 echoed, %d counted as dropped"
                      % (got, drops))

            run_cases([("dhcp", dhcp), ("linuxping", linuxping),
                       ("guestping", guestping), ("neighbour", neighbour),
                       ("portunreach", portunreach), ("dns", resolve),
                       ("unreach", unreach), ("malformed", malformed),
                       ("udp", udp), ("renew", renew)], cases)
            g.poweroff()
        dns.kill()
        dns.wait()
        # The malformed case's frames are bad on purpose: only what the
        # guest and Linux sent is judged.
        bad = net.check_pcap(ignore_src=(INJECTOR_MAC,))
        if not cases or "noserver" in cases:
            # No DHCP server at all: boot says so and goes on.
            with net.guest(name="noserver") as g2:
                def noserver():
                    check("no answer from a DHCP server yet; going on without "
                          "an address" in g2.banner,
                          "boot: %r" % g2.banner[-300:])
                    check(status(g2)["addr"] == [], "eth0 has an address")
                    check(g2.run("echo alive", 30).strip() == "alive",
                          "no shell")
                run_cases([("noserver", noserver)], cases)
                g2.poweroff()
        name = "pcapclean"
        if not cases or name in cases:
            if bad:
                print("FAIL %s: tshark: %s" % (name, "; ".join(bad[:5])),
                      flush=True)
            else:
                print("PASS %s" % name, flush=True)


# ---- runner -------------------------------------------------------------------

# Python on Linux against the guest's udpecho (port 7).
UDP_PEER = """
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 21)
s.settimeout(5)
g = ("%(guest)s", 7)
small = 0
for i in range(3):
    m = b"hello %%d" %% i
    s.sendto(m, g)
    try:
        small += s.recvfrom(70000)[0] == m
    except socket.timeout:
        pass
big = 0
for i in range(2):
    m = bytes((i * 7 + k) %% 251 for k in range(8000))
    s.sendto(m, g)
    try:
        big += s.recvfrom(70000)[0] == m
    except socket.timeout:
        pass
seen = set()
for i in range(1000):
    s.sendto(b"%%04d" %% i + b"." * 96, g)
    if i %% 10 == 9:
        time.sleep(0.01)
s.settimeout(3)
try:
    while len(seen) < 1000:
        d = s.recvfrom(70000)[0]
        seen.add(d[:4])
except socket.timeout:
    pass
print("small %%d big %%d burst %%d" %% (small, big, len(seen)))
"""

INJECTOR_MAC = "02:00:00:00:77:01"  # tests/peer_malformed.py's source

PLANS = {"usernet": ["dhcp", "gateway", "programs"],
         "peer": ["dhcp", "linuxping", "guestping", "neighbour",
                  "portunreach", "dns", "unreach", "malformed", "udp",
                  "renew", "noserver", "pcapclean"]}


def run_cases(table, only):
    for name, fn in table:
        if only and name not in only:
            continue
        try:
            fn()
            print("PASS %s" % name, flush=True)
        except CheckFailed as e:
            print("FAIL %s: %s" % (name, e), flush=True)
        except GuestError as e:
            print("FAIL %s: %s" % (name, e), flush=True)
            raise


def main(argv):
    if not argv or argv[0] not in PLANS:
        print(__doc__.strip())
        return 2
    suite, only = argv[0], argv[1:]
    plan = [c for c in PLANS[suite] if not only or c in only]
    print("PLAN %s" % " ".join(plan), flush=True)
    try:
        (usernet if suite == "usernet" else peer)(only)
    except Skip as e:
        for c in plan:
            print("SKIP %s: %s" % (c, e), flush=True)
    except GuestError:
        return 1  # the cases not reported count as "did not run"
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
