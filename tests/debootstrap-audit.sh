#!/bin/sh
# Audits a real Debian 12 root: debootstrap --variant=minbase with procps
# and systemd, then sysctl-lint --root on it.  Not part of `make check`
# (it downloads about 100 MB); it skips, with a message, where
# debootstrap cannot run.  ROOTFS_DIR reuses a root made earlier;
# DEBIAN_MIRROR overrides the archive (default: the one apt uses here).
# Usage: tests/debootstrap-audit.sh [BINARY]
set -u
bin=${1:-build/sysctl-lint}
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
skip() { echo "skip: $*"; echo "debootstrap: 0 passed, 0 failed"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "debootstrap needs root"
command -v debootstrap >/dev/null 2>&1 || {
	apt-get install -y -qq debootstrap >/dev/null 2>&1 ||
	    skip "debootstrap is not installed and cannot be"; }
mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}
dir=${ROOTFS_DIR:-}
if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
if [ ! -e "$dir/etc/debian_version" ]; then
	debootstrap --variant=minbase --include=procps,systemd bookworm \
	    "$dir" "$mirror" >"$dir.log" 2>&1 ||
	    skip "debootstrap failed (see $dir.log)"
fi
pass=0
fail=0
check() { if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $*"; fi; }
out=$(mktemp)
"$bin" --root "$dir" --format json >"$out" 2>"$out.err"
rc=$?
check test "$rc" -ne 2
check test ! -s "$out.err"
# 50-pid-max.conf, 99-protect-links.conf, and sysctl.conf through the
# 99-sysctl.conf link: three files; README.sysctl is not read.
check grep -q '"files": 3' "$out"
check grep -q '"units": 1' "$out"
check grep -q -v 'README' "$out"
"$bin" --root "$dir" --print-effective >"$out" 2>"$out.err"
check test $? -eq 0
check grep -q '^fs.protected_regular = 2  # usr/lib/sysctl.d/99-protect-links.conf' "$out"
check grep -q '^kernel.pid_max = ' "$out"
"$bin" --root "$dir" --loader procps --print-effective >"$out" 2>&1
check test $? -eq 0
cat "$out"
rm -f "$out" "$out.err"
echo "debootstrap: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
