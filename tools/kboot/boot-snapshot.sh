#!/bin/bash
# boot-snapshot.sh - boot a (Debian) kernel under qemu with a tiny busybox
# initramfs and capture `sysctl -a`-style snapshots of its /proc/sys.
#
# Usage:
#   boot-snapshot.sh [options] VMLINUZ
#
# Options:
#   -m DIR     modules directory of that kernel (…/lib/modules/<version>);
#              default: guessed next to VMLINUZ (../lib/modules/<ver> or
#              ../usr/lib/modules/<ver>, <ver> taken from "vmlinuz-<ver>")
#   -o DIR     output directory (default: ./out-<ver>)
#   -M LIST    space separated modules to load (with their dependencies);
#              "" loads none.  Default: $DEFAULT_MODULES below.  Missing
#              modules are skipped.
#   -t SECS    timeout for the whole qemu run (default 1200)
#   -r MiB     guest memory (default 2048)   -c N  guest CPUs (default 2)
#   -a ARGS    extra kernel command line arguments
#   -k         keep the initramfs build directory
#   -p PLAN    write-probe mode: ship PLAN (from gen-plan.py) and the static
#              sysprobe helper (built here from sysprobe.c with gcc -static);
#              the guest records modes and probes instead of the walks
#   -s N       probe mode: start at job N (resuming after a wedged guest)
#
# Needs: qemu-system-x86_64, busybox (static, /bin/busybox from
# busybox-static), cpio, gzip, kmod (depmod/modprobe, only for resolving
# module dependencies on the host), xz/zstd for compressed modules.
#
# The guest runs software emulation (TCG; KBOOT_ACCEL=kvm to change).
# Nothing is written to the host's /proc/sys; the guest only reads its own.
#
# Output files in the output directory:
#   snapshot.txt   `sysctl -a` lines (key = value) of the initial netns,
#                  readdir order, modules loaded and eth0/eth0.100 present
#   modes.txt      "<mode> <key>" for every file under /proc/sys
#   netns.txt      `sysctl -a` lines for net.* inside a fresh netns (unshare -n)
#   errors.txt     keys that cannot be read (write-only, EIO, ...)
#   empty.txt      keys whose read returns 0 bytes (procps prints nothing)
#   netns-errors.txt
#   keys-builtin.txt  key names present before any module was loaded
#   insmod.txt iplink.txt timing.txt osrelease.txt version.txt cmdline.txt
#   meminfo-head.txt  guest facts
#   console.log    kernel console (ttyS0);  data.raw  raw ttyS1 stream
#   run.txt        host side facts: qemu command, wall time, exit status
set -euo pipefail

DEFAULT_MODULES="dummy 8021q bridge br_netfilter nf_conntrack tcp_bbr sctp
 vrf ip_vs mpls_router tipc dccp_ipv4 xfs nfs lockd sunrpc md_mod sr_mod fuse
 binfmt_misc"

here=$(cd "$(dirname "$0")" && pwd)
moddir="" outdir="" timeout=1200 mem=2048 cpus=2 extra="" keep=0 plan="" from=0
modules=$DEFAULT_MODULES
while getopts "m:o:M:t:r:c:a:kp:s:h" opt; do
  case $opt in
    m) moddir=$OPTARG ;;
    o) outdir=$OPTARG ;;
    M) modules=$OPTARG ;;
    t) timeout=$OPTARG ;;
    r) mem=$OPTARG ;;
    c) cpus=$OPTARG ;;
    a) extra=$OPTARG ;;
    k) keep=1 ;;
    p) plan=$(realpath "$OPTARG") ;;
    s) from=$OPTARG ;;
    h) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { echo "usage: $0 [options] VMLINUZ (-h for help)" >&2; exit 2; }
vmlinuz=$(realpath "$1")
[ -f "$vmlinuz" ] || { echo "no such kernel: $1" >&2; exit 1; }

die() { echo "boot-snapshot: $*" >&2; exit 1; }
for tool in qemu-system-x86_64 cpio gzip; do
  command -v $tool >/dev/null || die "missing $tool"
done
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || die "missing $busybox (apt-get install busybox-static)"
if command -v file >/dev/null && ! file -L "$busybox" | grep -q 'statically linked'; then
  die "$busybox is not statically linked (install busybox-static)"
fi

ver=$(basename "$vmlinuz"); ver=${ver#vmlinuz-}
# 7.x packages (linux-binary-<abi>) ship /usr/lib/modules/<ver>/vmlinuz
if [ "$ver" = vmlinuz ]; then
  ver=$(basename "$(dirname "$vmlinuz")")
  [ -n "$moddir" ] || moddir=$(dirname "$vmlinuz")
fi
if [ -z "$moddir" ]; then
  kroot=$(dirname "$(dirname "$vmlinuz")")
  for d in "$kroot/lib/modules/$ver" "$kroot/usr/lib/modules/$ver"; do
    [ -d "$d" ] && moddir=$d && break
  done
fi
[ -n "$outdir" ] || outdir=./out-$ver
mkdir -p "$outdir"
outdir=$(realpath "$outdir")

build=$(mktemp -d "${TMPDIR:-/tmp}/kboot.XXXXXX")
cleanup() { [ $keep = 1 ] && echo "kept $build" >&2 || rm -rf "$build"; }
trap cleanup EXIT

# ---- initramfs tree --------------------------------------------------------
root=$build/root
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,lib/modules}
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 0755 "$here/guest-init.sh" "$root/init"
mknod -m 0600 "$root/dev/console" c 5 1 2>/dev/null || true
if [ -n "$plan" ]; then
  # the project's C standards; static, so the initramfs needs no libc
  gcc -static -O2 -std=c17 -Wall -Wextra -Wpedantic -Wshadow -Wconversion \
    -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wcast-qual \
    -Wformat=2 -Wundef -Wvla -Wnull-dereference -Werror \
    -o "$root/sysprobe" "$here/sysprobe.c" || die "cannot build sysprobe"
  cp "$plan" "$root/probe.plan"
  extra="$extra kboot.from=$from"
fi

# ---- modules: resolve dependencies on the host, ship decompressed .ko -----
: >"$root/modules.load"
if [ -n "${modules// /}" ] && [ -n "$moddir" ]; then
  command -v depmod >/dev/null || die "missing depmod (apt-get install kmod)"
  base=$build/depmod
  mkdir -p "$base/lib/modules/$ver"
  for f in "$moddir"/*; do ln -s "$(realpath "$f")" "$base/lib/modules/$ver/"; done
  rm -f "$base/lib/modules/$ver"/modules.dep*
  mkdir -p "$build/modprobe.d"
  depmod -b "$base" "$ver"
  declare -A seen=()
  for m in $modules; do
    if ! deps=$(modprobe -C "$build/modprobe.d" -d "$base" -S "$ver" --show-depends "$m" 2>/dev/null); then
      echo "module $m: not available for $ver, skipped" >&2
      continue
    fi
    while read -r kind path _; do
      case $kind in
        builtin) name=$path; [ -n "${seen[$name]:-}" ] && continue
                 seen[$name]=1; echo "$name builtin" >>"$root/modules.load" ;;
        insmod)
          name=$(basename "$path"); name=${name%%.ko*}
          [ -n "${seen[$name]:-}" ] && continue
          seen[$name]=1
          dst=/lib/modules/$name.ko
          case $path in
            *.ko.xz)  xz -dc "$path" >"$root$dst" ;;
            *.ko.zst) zstd -qdc "$path" >"$root$dst" ;;
            *.ko.gz)  gzip -dc "$path" >"$root$dst" ;;
            *)        cp "$path" "$root$dst" ;;
          esac
          echo "$name $dst" >>"$root/modules.load" ;;
      esac
    done <<<"$deps"
  done
elif [ -n "${modules// /}" ]; then
  echo "no modules directory found for $ver: loading none" >&2
fi

(cd "$root" && find . -print0 | cpio --null -o -H newc --quiet | gzip -6) >"$build/initrd.gz"

# ---- boot ------------------------------------------------------------------
# TCG by default: results must not depend on the host CPU, and /dev/kvm on
# the build machines is not reliable (nested).  KBOOT_ACCEL=kvm to override.
accel=${KBOOT_ACCEL:-tcg}
cmd=(qemu-system-x86_64 -machine pc,accel=$accel -cpu max -m "$mem" -smp "$cpus"
  -nographic -monitor none -nic none -no-reboot
  -kernel "$vmlinuz" -initrd "$build/initrd.gz"
  -append "console=ttyS0 panic=-1 $extra"
  -serial stdio -serial "file:$outdir/data.raw")
rm -f "$outdir/data.raw"
start=$(date +%s.%N)
set +e
timeout --foreground -k 10 "$timeout" "${cmd[@]}" </dev/null >"$outdir/console.log" 2>&1
rc=$?
set -e
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc)
{
  echo "kernel: $vmlinuz"
  echo "modules: ${moddir:-none}"
  echo "accel: $accel  mem: ${mem}M  cpus: $cpus"
  echo "qemu: $(qemu-system-x86_64 --version | head -n1)"
  echo "command: ${cmd[*]}"
  echo "exit: $rc"
  printf 'wall_seconds: %.1f\n' "$wall"
  echo "date: $(date -u +%FT%TZ)"
} >"$outdir/run.txt"

# ---- split the ttyS1 stream into files -------------------------------------
tr -d '\r' <"$outdir/data.raw" | awk -v dir="$outdir" '
  /^@@KBOOT BEGIN / { name = $3; f = dir "/" name ".txt"; printf "" > f; next }
  /^@@KBOOT END /   { close(f); f = ""; next }
  /^@@KBOOT DONE/   { print "done" > (dir "/done.txt"); next }
  f != ""           { print > f }'

if [ ! -f "$outdir/done.txt" ]; then
  echo "boot-snapshot: guest did not finish (exit $rc); see $outdir/console.log" >&2
  exit 1
fi
rm -f "$outdir/done.txt"
if [ -n "$plan" ]; then
  printf '%s: %s probes, %s jobs from %s; %.0f s wall (%s)\n' "$(cat "$outdir/osrelease.txt")" \
    "$(grep -c '^P' "$outdir/probes.txt")" "$(grep -c '^K' "$outdir/probes.txt")" "$from" "$wall" "$accel"
  exit 0
fi
printf '%s: %s keys, %s lines; netns %s keys; %.0f s wall (%s)\n' \
  "$(cat "$outdir/osrelease.txt")" \
  "$(wc -l <"$outdir/modes.txt")" "$(wc -l <"$outdir/snapshot.txt")" \
  "$(cut -d' ' -f1 "$outdir/netns.txt" | sort -u | wc -l)" "$wall" "$accel"
