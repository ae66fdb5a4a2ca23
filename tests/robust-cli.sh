#!/bin/sh
# The command line under hostile or unlucky conditions: which config a
# run obeys (never one inside an audited image), option conflicts,
# kernel versions, outputs that cannot be written, atomic replacement
# of reports and baselines, and baseline refreshes.
# Usage: tests/robust-cli.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"
top=$(pwd)
err_lacks() { if grep -q -e "$2" "$t/err"; then bad "$1: stderr has '$2'"; else ok; fi; }

# An image never configures its own audit: a .sysctl-lintrc in it, or
# above it, is not read; one in the working directory is.
mkdir -p "$t/w/.git" "$t/w/img/etc/sysctl.d" "$t/w/sub"
printf 'net.ipv4.ip_forward = "1"\nbogus\n' >"$t/w/img/etc/sysctl.d/10-a.conf"
printf 'disable = all\nfail-level = none\nbaseline = ../../../../etc/hostname\n' \
    >"$t/w/img/.sysctl-lintrc"
printf 'DB_PASSWORD=hunter2\n' >"$t/secret.txt"
cd "$t/w/sub" || exit 2
lint 1 image-config-ignored --root ../img
out_has image-config-ignored "SL1"
cd "$t/w/img" || exit 2
lint 1 image-config-cwd-inside --root .
err_has image-config-cwd-inside "not reading './.sysctl-lintrc'"
mkdir -p "$t/w/img/sub"
cd "$t/w/img/sub" || exit 2
lint 1 image-config-above-cwd --root ..
err_has image-config-above-cwd "not reading './../.sysctl-lintrc'"
rm "$t/w/img/.sysctl-lintrc"
ln -s "$t/secret.txt" "$t/w/img/.sysctl-lintrc"
cd "$t/w/sub" || exit 2
lint 1 image-config-link --root ../img
err_lacks image-config-link "hunter2"
cd "$t/w/img" || exit 2
lint 1 image-config-link-cwd --root .
err_lacks image-config-link-cwd "hunter2"
# A config in the working directory applies to the image audit.
printf 'disable = all\n' >"$t/w/.sysctl-lintrc"
cd "$t/w" || exit 2
lint 0 cwd-config-applies --root img
rm "$t/w/.sysctl-lintrc"
# --config names any file, inside the image too.
printf 'disable = all\n' >"$t/w/img/etc/rc"
lint 0 explicit-config --root img --config img/etc/rc
# A snapshot directory does not configure its audit either.
mkdir -p "$t/w/snap/kernel"
printf '1\n' >"$t/w/snap/kernel/sysrq"
printf 'fail-level = none\n' >"$t/w/snap/.sysctl-lintrc"
cd "$t/w/snap" || exit 2
lint 2 snapshot-config-ignored --snapshot . "$t/nope.conf"
err_has snapshot-config-ignored "not reading './.sysctl-lintrc'"
cd "$top" || exit 2

# Config errors quote at most the key, escaped, never a value.
printf 'DB_PASSWORD=hunter2\n' >"$t/secret.rc"
lint 2 config-no-echo --config "$t/secret.rc" "$t/nope.conf"
err_has config-no-echo "secret.rc:1: unknown key 'DB_PASSWORD' (keys: enable,"
err_lacks config-no-echo "hunter2"
printf 'severity = hunter2\n' >"$t/secret.rc"
lint 2 config-no-echo-value --config "$t/secret.rc" "$t/nope.conf"
err_has config-no-echo-value "secret.rc:1: bad value for 'severity'"
err_lacks config-no-echo-value "hunter2"
printf 'k\033]0;x\007ey = 1\n' >"$t/esc.rc"
lint 2 config-key-escaped --config "$t/esc.rc" "$t/nope.conf"
err_has config-key-escaped "unknown key 'k\\\\x1b]0;x\\\\x07ey'"
printf 'disable = hunter2\n' >"$t/sel.rc"
lint 2 config-sel-no-echo --config "$t/sel.rc" "$t/nope.conf"
err_has config-sel-no-echo "sel.rc:1: 'disable' names a rule"
err_lacks config-sel-no-echo "hunter2"
printf 'set-severity = hunter2=note\n' >"$t/sev.rc"
lint 2 config-sev-no-echo --config "$t/sev.rc" "$t/nope.conf"
err_has config-sev-no-echo "sev.rc:1: 'set-severity' names a rule"
err_lacks config-sev-no-echo "hunter2"

# One config for the whole run, whatever the order of the PATHs.
mkdir -p "$t/r/.git" "$t/r/a" "$t/r/b"
printf 'bogus\n' >"$t/r/a/x.conf"
printf 'bogus\n' >"$t/r/b/y.conf"
printf 'disable = all\n' >"$t/r/a/.sysctl-lintrc"
cd "$t/r" || exit 2
lint 1 path-order-ab a/x.conf b/y.conf
lint 1 path-order-ba b/y.conf a/x.conf
cd "$t/r/a" || exit 2
lint 0 path-config-cwd x.conf ../b/y.conf
cd "$top" || exit 2

# Output that does not reach standard output is a tool error, for
# every kind of output: a full disk, a closed descriptor, a closed pipe.
printf 'kernel.panic = 10\n' >"$t/panic.conf"
full_fails() {	# full_fails NAME ARGS...
	n=$1
	shift
	timeout 20 "$bin" "$@" >/dev/full 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ]; then ok; else bad "$n: exit status $rc on /dev/full, expected 2"; fi
	err_has "$n" "cannot write standard output: No space left on device"
	timeout 20 "$bin" "$@" >&- 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ]; then ok; else bad "$n: exit status $rc on a closed stdout, expected 2"; fi
	err_has "$n" "cannot write standard output: Bad file descriptor"
}
if [ -w /dev/full ]; then
	full_fails full-report "$t/panic.conf"
	full_fails full-report-findings --fail-level=note "$t/panic.conf"
	full_fails full-sarif -f sarif --no-config "$t/panic.conf"
	full_fails full-print-effective --print-effective "$t/panic.conf"
	full_fails full-list-rules --list-rules
	full_fails full-list-rules-json --list-rules -f json
	full_fails full-help --help
	full_fails full-explain --explain SL1003
	full_fails full-version --version
fi
# EPIPE with SIGPIPE ignored: the read end is closed before the run.
if command -v python3 >/dev/null 2>&1; then
	python3 - "$bin" "$t/panic.conf" >"$t/out" 2>"$t/err" <<'PY'
import os, signal, subprocess, sys
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "--list-rules"], stdout=w,
                   stderr=subprocess.PIPE, restore_signals=False, timeout=20)
print(p.returncode)
sys.stdout.write(p.stderr.decode())
PY
	out_has epipe '^2$'
	out_has epipe 'cannot write standard output: Broken pipe'
fi

# Reports and baselines replace their target whole, or leave it alone.
mkdir -p "$t/o/.git"
cd "$t/o" || exit 2
printf 'kernel.panic = 10\nbogus\n' >in.conf
printf 'victim\n' >victim
ln -s victim link.txt
lint 1 output-link -o text:link.txt in.conf
if [ "$(cat victim)" = victim ]; then ok; else bad "output-link: wrote through the link"; fi
if [ ! -L link.txt ] && grep -q "in.conf:2" link.txt; then ok; else bad "output-link: link not replaced by the report"; fi
ln -s victim blink.json
lint 0 baseline-link --write-baseline blink.json in.conf
if [ "$(cat victim)" = victim ] && [ ! -L blink.json ]; then ok; else bad "baseline-link: wrote through the link"; fi
cp in.conf keep.conf
lint 2 output-is-input -o text:in.conf in.conf
err_has output-is-input "not writing 'in.conf': it is 'in.conf', an input"
lint 2 baseline-is-input --write-baseline in.conf in.conf
err_has baseline-is-input "not writing 'in.conf'"
ln -s in.conf alias.conf
lint 2 output-is-linked-input -o json:in.conf alias.conf
lint 2 output-is-input-link -o json:alias.conf alias.conf
if cmp -s in.conf keep.conf; then ok; else bad "output-is-input: the input was changed"; fi
printf 'disable = SL1005\n' >c.rc
lint 2 output-is-config --config c.rc -o text:c.rc in.conf
err_has output-is-config "not writing 'c.rc'"
lint 0 baseline-write --write-baseline b.json in.conf
lint 2 output-is-baseline --baseline b.json -o json:b.json in.conf
err_has output-is-baseline "not writing 'b.json'"
# A write that fails (here: past the file size limit) leaves the old
# report in place and no temporary behind.
printf 'old\n' >r.json
i=0
while [ $i -lt 200 ]; do echo "bogus$i"; i=$((i + 1)); done >many.conf
(ulimit -f 4; trap '' XFSZ; exec "$bin" -o json:r.json --write-baseline r2.json many.conf) >/dev/null 2>"$t/err" </dev/null
rc=$?
if [ $rc -eq 2 ]; then ok; else bad "output-efbig: exit status $rc, expected 2"; fi
err_has output-efbig "cannot write 'r.json': File too large"
err_has output-efbig "cannot write 'r2.json': File too large"
if [ "$(cat r.json)" = old ] && [ ! -e r2.json ]; then ok; else bad "output-efbig: target changed"; fi
if ls | grep -q '\.json\.'; then bad "output-efbig: temporary left behind"; else ok; fi
if [ -w /dev/full ]; then
	lint 2 output-device -o text:/dev/full in.conf
	err_has output-device "cannot write '/dev/full': No space left on device"
fi
cd "$top" || exit 2

# Refreshing a baseline keeps its entries that still occur.
mkdir -p "$t/bl/.git"
cd "$t/bl" || exit 2
printf 'bogus1\nnet.ipv4.tcp_syncookies = 0\n' >a.conf
lint 0 refresh-first --write-baseline b.json a.conf
n1=$(grep -c '"rule"' b.json)
printf 'bogus1\nnet.ipv4.tcp_syncookies = 0\nbogus2\n' >a.conf
printf 'baseline = b.json\n' >.sysctl-lintrc
lint 0 refresh-config --write-baseline b.json a.conf
out_has refresh-config "a.conf:3"
out_lacks refresh-config "a.conf:1"
n2=$(grep -c '"rule"' b.json)
if [ "$n2" -eq $((n1 + 1)) ]; then ok; else bad "refresh-config: $n2 entries, expected $((n1 + 1))"; fi
lint 0 refresh-config-after a.conf
rm .sysctl-lintrc
printf 'bogus1\nbogus2\nbogus3\n' >a.conf
lint 0 refresh-explicit --baseline b.json --write-baseline b.json a.conf
out_has refresh-explicit "a.conf:3"
lint 0 refresh-explicit-after --baseline b.json a.conf
if [ "$(grep -c '"rule"' b.json)" -eq 3 ] && ! grep -q tcp_syncookies b.json; then ok; else
	bad "refresh-explicit: entries no longer found should go"; fi
cd "$top" || exit 2

# Kernel versions: digits only, no sign or blank, no overflow; outside
# the known lines, the nearest line with a note.
for v in -1.5 +6.1 ' 6.1' 99999999999999999999.1 6.99999999999999999999 6.1junk 6.1.x 6 6. .1; do
	lint 2 "kernel-malformed '$v'" -k "$v" "$t/panic.conf"
	err_has "kernel-malformed '$v'" "cannot read kernel version"
done
lint 0 kernel-below -k 3.10 -f json "$t/panic.conf"
err_has kernel-below "note: --kernel is older than the oldest known line: judged as 4.14"
out_has kernel-below '"kernel": "4.14"'
lint 0 kernel-above -k 7.0 -f json "$t/panic.conf"
err_has kernel-above "note: --kernel is newer than the newest known line: judged as 6.18"
for v in 4.14 6.1.0-26-amd64 6.18.3 5.15.0+ 3.10.0-1160.el7.x86_64; do
	lint 0 "kernel-ok '$v'" -k "$v" "$t/panic.conf"
	case $v in 3.*) ;; *) err_empty "kernel-ok '$v'" ;; esac
done

# Options that cannot apply are usage errors, not silently ignored.
lint 2 print-effective-format --print-effective -f sarif "$t/panic.conf"
err_has print-effective-format "print-effective"
lint 0 print-effective-text --print-effective -f text "$t/panic.conf"
out_has print-effective-text "kernel.panic = 10"
lint 0 print-effective-json --print-effective -f json "$t/panic.conf"
out_has print-effective-json '"key": "kernel.panic"'
lint 2 loader-without-root --loader procps "$t/panic.conf"
err_has loader-without-root "needs --root"
# A suppression that names no rule at all is a note, as a misspelt one.
printf '# sysctl-lint: disable=,,,\nkernel.panic = 10\n' >"$t/empty-ids.conf"
lint 0 suppression-no-ids --no-config "$t/empty-ids.conf"
out_has suppression-no-ids "names no rule.*SL9001"
# Every config key is in the man page's FILES.
sed -n '/^\.Sh FILES/,/^\.Sh EXIT STATUS/p' sysctl-lint.1 >"$t/files"
for k in enable disable severity fail-level set-severity baseline; do
	if grep -q "^\.Cm $k\$" "$t/files"; then ok; else bad "man page FILES lacks the config key '$k'"; fi
done

echo "robust-cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
