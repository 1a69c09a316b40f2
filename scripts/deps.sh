#!/bin/sh
# scripts/deps.sh: install the Debian packages netv6 needs, if missing.
# Used by `make qemu`, `make test` and .ci/run. Prints what it installs.
set -e

# command-or-file  package
need="
riscv64-unknown-elf-gcc gcc-riscv64-unknown-elf
riscv64-unknown-elf-ld binutils-riscv64-unknown-elf
qemu-system-riscv64 qemu-system-misc
/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin opensbi
/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin qemu-system-data
python3 python3
gcc gcc
make make
pkg-config pkg-config
/usr/include/check.h check
clang-format clang-format
clang clang
git git
ip iproute2
tshark tshark
/usr/sbin/dnsmasq dnsmasq-base
/usr/lib/python3/dist-packages/scapy python3-scapy
"

missing=""
echo "$need" | while read -r what pkg; do
  [ -n "$what" ] || continue
  case "$what" in
    /*) [ -e "$what" ] && continue ;;
    *) command -v "$what" >/dev/null 2>&1 && continue ;;
  esac
  echo "$pkg"
done > /tmp/netv6-missing.$$
# libFuzzer's runtime (make fuzz, the fuzz suite): a recommendation of
# clang, so not there with --no-install-recommends.
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
  >/dev/null 2>&1 || echo libclang-rt-dev >> /tmp/netv6-missing.$$
missing=$(sort -u /tmp/netv6-missing.$$ | tr '\n' ' ')
rm -f /tmp/netv6-missing.$$

# A toolchain found under the other prefix is as good.
if command -v riscv64-linux-gnu-gcc >/dev/null 2>&1; then
  missing=$(echo "$missing" | sed 's/gcc-riscv64-unknown-elf//; s/binutils-riscv64-unknown-elf//')
fi
missing=$(echo "$missing" | xargs)
[ -z "$missing" ] && exit 0

echo "netv6: installing missing Debian packages: $missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO=sudo
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
