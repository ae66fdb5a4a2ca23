#!/bin/sh
# The stated limits (README "Limits", sysctl-lint(1) LIMITS), each just
# past its value: a finding or a tool error naming the file, never a
# crash, a hang or unbounded memory.  Inputs are made here, at run time.
# Usage: tests/limits.sh BINARY
set -u
bin=$1
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2
# tmpfs when there is one: 100,000 files are made here.
t=$(mktemp -d -p /dev/shm 2>/dev/null || mktemp -d)
trap 'rm -rf "$t"' EXIT
. tests/lib.sh

# repeat N TEXT: TEXT (a printf format) N times.
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 1; i <= n; i++) printf s, i }'; }

# Settings per file: 100,000 are read; a 100,001st ends the reading with
# an error over the rest.  Comments past the limit are not settings.
{ repeat 100000 'vm.swappiness = 1\n'; echo '# end'; } >"$t/full.conf"
lint 0 entries-at-limit --fail-level=error -q "$t/full.conf"
{ repeat 100000 'vm.swappiness = 1\n'; echo 'vm.swappiness = 2'; \
    echo 'kernel.sysrq = 1'; } >"$t/over.conf"
lint 1 entries-past-limit --format json "$t/over.conf"
out_has entries-past-limit '"message": "more than 100000 settings in one file'
# Findings per file: 1,000 kept (the limit's own finding first, being
# found first), then one note counting the rest: 99,999 repeats of one
# key less the 999 kept.
out_has entries-past-limit '"message": "the report stops at 1000 findings in this file: 99000 more not shown"'
n=$(grep -c '"rule": "SL2002"' "$t/out")
if [ "$n" -eq 999 ]; then ok; else bad "per-file cap: $n repeated-assignment findings"; fi
lint 1 entries-past-limit-text "$t/over.conf"
out_has entries-past-limit-text "^$t/over.conf:100001:1: error: more than 100000 settings in one file: the rest of the file, from here, is not checked \[SL1023\]"
out_has entries-past-limit-text "^$t/over.conf:1001:1: note: the report stops at 1000 findings"

# Findings per run: 25,000; past it one note counts the rest and takes
# their worst severity.  26 files of 1,002 lines: 1,001 repeats each.
i=1
while [ "$i" -le 26 ]; do
	repeat 1002 'kernel.sysrq = 1\n' >"$t/r$(printf %02d "$i").conf"
	i=$((i + 1))
done
printf 'kernel.sysrq = 1\nkernel.sysrq = 2\n' >"$t/r27.conf"
lint 1 run-cap --format json "$t"/r??.conf
n=$(grep -c '"rule": "SL2002"' "$t/out")
if [ "$n" -eq 25000 ]; then ok; else bad "run cap: $n repeated-assignment findings kept"; fi
lint 1 run-cap-text "$t"/r??.conf
out_has run-cap-text "^$t/r26.conf:2:1: warning: the report stops at 25000 findings in this run: 1002 more not shown \\[SL9003\\]"
out_has run-cap-text "^$t/r01.conf:1002:1: note: the report stops at 1000 findings in this file: 1 more not shown"
# The other formats keep the cap and stay valid.
lint 1 run-cap-sarif --format sarif "$t"/r??.conf
n=$(grep -c '"ruleId": "SL2002"' "$t/out")
if [ "$n" -eq 25000 ]; then ok; else bad "run cap sarif: $n results"; fi

# File size: 64 MiB.  A sparse file just past it, and standard input.
truncate -s $((64 * 1024 * 1024 + 1)) "$t/huge.conf"
lint 2 file-size "$t/huge.conf"
err_has file-size "'$t/huge.conf' is larger than 64 MiB"
head -c $((64 * 1024 * 1024 + 1)) /dev/zero >"$t/huge.in"
timeout 60 "$bin" - <"$t/huge.in" >"$t/out" 2>"$t/err"
if [ $? -eq 2 ]; then ok; else bad "stdin-size: exit status"; fi
err_has stdin-size "larger than 64 MiB"

# Snapshot lines: 1,000,000 read, then an error over the rest.
repeat 1000001 'kernel.sysrq = 1\n' >"$t/snap.txt"
lint 1 snapshot-lines --format json --snapshot "$t/snap.txt"
out_has snapshot-lines '"message": "more than 1000000 lines in one snapshot'
lint 1 snapshot-lines-text --snapshot "$t/snap.txt"
out_has snapshot-lines-text "^$t/snap.txt:1000001:1: error: more than 1000000 lines in one snapshot"

# A copied /proc/sys: 16 directories deep at most, 100,000 files.
d="$t/proc"
mkdir -p "$d/kernel"
echo 1 >"$d/kernel/sysrq"
deep="$d/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q"
mkdir -p "$deep"
echo 1 >"$deep/x"
lint 2 snapshot-depth --snapshot "$d"
err_has snapshot-depth "'$d/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q' is nested more than 16 directories deep"
rm -r "$d/a"
mkdir -p "$d/many"
(cd "$d/many" && seq 1 100001 | xargs touch)
lint 2 snapshot-files --snapshot "$d"
err_has snapshot-files "more than 100000 files in the copy; the rest are not read"

# Symbolic links in an image: 40 hops are followed, the 41st is a loop.
r="$t/root"
mkdir -p "$r/etc/sysctl.d" "$r/l"
echo 'kernel.sysrq = 1' >"$r/target.conf"
i=1
prev=/target.conf
while [ "$i" -le 41 ]; do
	ln -s "$prev" "$r/l/$i"
	prev=/l/$i
	i=$((i + 1))
done
ln -s /l/39 "$r/etc/sysctl.d/40-hops.conf"	# itself and 39: 40 hops
ln -s /l/40 "$r/etc/sysctl.d/41-hops.conf"	# 41 hops
lint 0 link-hops --root "$r" --print-effective
out_has link-hops '^kernel.sysrq = 1  # etc/sysctl.d/40-hops.conf:1$'
lint 0 link-hops-past --root "$r"
out_has link-hops-past '^etc/sysctl.d/41-hops.conf:1:1: note: not read: it is a loop of symbolic links \[SL2003\]'
out_lacks link-hops-past '40-hops.conf'

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
