#!/bin/sh
# Real kernels: the full `sysctl -a` of each booted Debian kernel and of
# the machine that captured them (tools/kboot/data) must lint with no
# error and no unknown-key finding, and each must name its kernel line.
# (The data rules judge their values: warnings may stand.)
# Usage: tests/snapshots.sh BINARY
set -u
bin=$1
cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0
out=$(mktemp)
for f in tools/kboot/data/*-sysctl-a.txt; do
	[ -e "$f" ] || continue
	name=$(basename "$f" -sysctl-a.txt)
	case "$name" in
	host) want=$(sed -n 's/^uname -r: \([0-9]*\.[0-9]*\).*/\1/p' tools/kboot/data/host-info.txt) ;;
	*) want=$name ;;
	esac
	"$bin" --format json --fail-level=error --snapshot "$f" >"$out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then pass=$((pass + 1)); else
		echo "FAIL $name: exit status $rc"
		fail=$((fail + 1))
	fi
	if grep -q '"name": "unknown-key"' "$out"; then
		echo "FAIL $name: unknown keys:"
		grep -A4 '"name": "unknown-key"' "$out" | grep '"key"' | head -10
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	if grep -q '"severity": "error"' "$out"; then
		echo "FAIL $name: errors:"
		grep '"message"' "$out" | head -10
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	line=$(sed -n 's/^  "kernel": "\(.*\)",$/\1/p' "$out")
	case "$want" in
	"$line"|"$line".*) pass=$((pass + 1)) ;;
	*) echo "FAIL $name: kernel line '$line', expected $want"; fail=$((fail + 1)) ;;
	esac
done
rm -f "$out"
echo "snapshots: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
