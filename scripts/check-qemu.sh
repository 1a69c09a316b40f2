#!/bin/sh
# scripts/check-qemu.sh QEMU: refuse a QEMU older than 7.2 (netv6 needs
# its modern virtio-mmio and OpenSBI behaviour).
q=${1:-qemu-system-riscv64}
if ! command -v "$q" >/dev/null 2>&1; then
  echo "netv6: $q not found (run scripts/deps.sh)" >&2
  exit 1
fi
v=$("$q" --version | sed -n 's/.*version \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p' | head -n 1)
set -- $v
if [ -z "$1" ] || [ "$1" -lt 7 ] || { [ "$1" -eq 7 ] && [ "$2" -lt 2 ]; }; then
  echo "netv6: QEMU ${1:-?}.${2:-?} is too old; netv6 needs QEMU 7.2 or newer" >&2
  exit 1
fi
