#!/bin/sh
# The stated limits (README "Limits", sysctl-lint(1) LIMITS), each just
# past its value: a finding or a tool error naming the file, never a
# crash, a hang or unbounded memory.  Inputs are made here, at run time.
# Usage: tests/limits.sh BINARY
set -u
[ -d /dev/shm ] && TEST_TMPDIR=/dev/shm
. "$(dirname "$0")/lib.sh"

# repeat N TEXT: TEXT (a printf format) N times.
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 1; i <= n; i++) printf s, i }'; }

# Settings per file: 100,000 are read; a 100,001st ends the reading with
# an error over the rest.  Comments past the limit are not settings.
{ repeat 100000 'vm.swappiness = 1\n'; echo '# end'; } >"$t/full.conf"
lint 0 entries-at-limit --fail-level=error -q "$t/full.conf"
{ repeat 100000 'vm.swappiness = 1\n'; echo 'vm.swappiness = 2'; \
    echo 'kernel.sysrq = 1'; } >"$t/over.conf"
lint 1 entries-past-limit --disable SL2002 "$t/over.conf"
out_has entries-past-limit "^$t/over.conf:100001:1: error: more than 100000 settings in one file: the rest of the file, from here, is not checked \\[SL1023\\]"
# Findings per file: the first 1,000 in order, then one note counting
# the rest (99,999 repeats of one key and the error above, less the
# 1,000 shown) at their worst severity.
lint 1 findings-per-file --format json "$t/over.conf"
n=$(grep -c '"rule": "SL2002"' "$t/out")
if [ "$n" -eq 1000 ]; then ok; else bad "per-file cap: $n repeated-assignment findings"; fi
lint 1 findings-per-file-text "$t/over.conf"
out_has findings-per-file-text "^$t/over.conf:1002:1: error: the report leaves out 99000 of the 100000 findings in this file \\[SL9003\\]"
# The limit applies after suppressions: suppressed findings take no room.
{ echo '# sysctl-lint: disable-file=SL1001'; repeat 1001 'junk line %d\n'; \
    echo 'kernel.sysrq = 1'; echo 'kernel.sysrq = 2'; } >"$t/quiet.conf"
lint 1 limit-after-suppression "$t/quiet.conf"
out_has limit-after-suppression "^$t/quiet.conf:1004:1: warning: .*\\[SL2001\\]"
out_lacks limit-after-suppression "SL9003"

# Findings per run: 25,000; past it one note counts the rest and takes
# their worst severity.  26 files of 1,002 lines: 1,001 repeats each.
i=1
while [ "$i" -le 26 ]; do
	repeat 1002 'kernel.sysrq = 1\n' >"$t/r$(printf %02d "$i").conf"
	i=$((i + 1))
done
printf 'kernel.sysrq = 1\nkernel.sysrq = 2\n' >"$t/r27.conf"
lint 1 run-cap --format json "$t"/r??.conf
# 26 files keep 1,000 each and 26 notes; 24,973 findings fit beside the
# 27 notes, and the run note counts the 1,028 cut from r25 on.
n=$(grep -c '"rule": "SL2002"' "$t/out")
if [ "$n" -eq 24973 ]; then ok; else bad "run cap: $n repeated-assignment findings kept"; fi
n=$(grep -c '"rule": "SL9003"' "$t/out")
if [ "$n" -eq 27 ]; then ok; else bad "run cap: $n report-truncated findings"; fi
lint 1 run-cap-text "$t"/r??.conf
out_has run-cap-text "^$t/r25.conf:975:1: warning: the report leaves out 1028 of the 26027 findings in this run \\[SL9003\\]"
out_has run-cap-text "^$t/r01.conf:1002:1: note: the report leaves out 1 of the 1001 findings in this file"
# The other formats keep the cap: 25,000 results in all.
lint 1 run-cap-sarif --format sarif "$t"/r??.conf
n=$(grep -c '"ruleId": "SL' "$t/out")
if [ "$n" -eq 25000 ]; then ok; else bad "run cap sarif: $n results"; fi

# Suppression ids: 1,000 a unit are read; a comment of 100,000 ids is
# read no further (each one read is unknown, hence a note, and no more
# than 1,000 notes means no more ids were read).
{ printf '# sysctl-lint: disable='; repeat 100000 'x%d,'; echo; \
    echo 'kernel.sysrq = 1'; } >"$t/ids.conf"
lint 0 suppression-ids --format json "$t/ids.conf"
n=$(grep -c '"rule": "SL9001"' "$t/out")
if [ "$n" -eq 1000 ]; then ok; else bad "suppression ids: $n unknown-suppression notes"; fi
out_lacks suppression-ids '"rule": "SL9003"'

# Keys made to collide: 100,000 names whose FNV-1a hashes share their
# low 18 bits (17 choices between two blocks that lead to the same low
# bits), which an index placed by those bits would scan one by one.
python3 - "$t/collide.conf" <<'PY'
import itertools, sys
PRIME, LOW = 16777619, (1 << 18) - 1
def fnv(h, text):
    for byte in text.encode():
        h = ((h ^ byte) * PRIME) & 0xFFFFFFFF
    return h
state, pairs = fnv(2166136261, "vm.k_"), []
for _ in range(17):
    first = {}
    for chars in itertools.product("abcdefghijklmnopqrstuvwxyz0123456789", repeat=3):
        block = "".join(chars)
        low = fnv(state, block) & LOW
        if low in first:
            pairs.append((first[low], block))
            break
        first[low] = block
    state = fnv(state, pairs[-1][0])
with open(sys.argv[1], "w") as out:
    for n, picks in enumerate(itertools.product((0, 1), repeat=17)):
        if n == 100000:
            break
        name = "".join(pair[pick] for pair, pick in zip(pairs, picks))
        out.write("vm.k_%s = %d\n" % (name, n % 2))
PY
lint 1 colliding-keys --format json "$t/collide.conf"
out_has colliding-keys '"rule": "SL3001"'

# File size: 64 MiB.  A sparse file just past it, and standard input.
truncate -s $((64 * 1024 * 1024 + 1)) "$t/huge.conf"
lint 2 file-size "$t/huge.conf"
err_has file-size "'$t/huge.conf' is larger than 64 MiB"
head -c $((64 * 1024 * 1024 + 1)) /dev/zero >"$t/huge.in"
timeout 60 "$bin" - <"$t/huge.in" >"$t/out" 2>"$t/err"
if [ $? -eq 2 ]; then ok; else bad "stdin-size: exit status"; fi
err_has stdin-size "larger than 64 MiB"

# Snapshot settings: 1,000,000 read, then an error over the rest.
repeat 1000001 'kernel.sysrq = 1\n' >"$t/snap.txt"
lint 1 snapshot-lines --format json --snapshot "$t/snap.txt"
out_has snapshot-lines '"message": "more than 1000000 settings in one snapshot'
lint 1 snapshot-lines-text --snapshot "$t/snap.txt"
out_has snapshot-lines-text "^$t/snap.txt:1000001:1: error: more than 1000000 settings in one snapshot"

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
lint 0 link-hops-past --disable=hardening --root "$r"
out_has link-hops-past '^etc/sysctl.d/41-hops.conf:1:1: note: not read: it is a loop of symbolic links \[SL2003\]'
out_lacks link-hops-past '40-hops.conf'

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
