#!/bin/sh
# --fix, --diff and --unsafe-fixes.
#
# Each fixture of the golden set (fixtures/*.conf and *.d, with their
# "# lint-args:") and of fixtures/fix/ is shown with --diff, safe fixes
# only and then with --unsafe-fixes, and the output is compared with
# NAME.diff and NAME.unsafe.diff beside it (no such file: no change).
# --diff exits as the run without it does; git apply --check and
# patch -p1 --dry-run take what it prints.  --fix on a copy gives the
# file that patch makes of the diff, and for fixtures/fix/ the expected
# NAME.fixed and NAME.unsafe.fixed; a second --fix changes nothing and
# the fixed copy has no finding left with a fix to apply.  Then the
# ways a fix must not be written: a read-only file, a full file size
# limit (EFBIG), links, hard links, standard input, and the option
# combinations that make no sense; modes, owners, CRLF line ends and a
# missing final line break are kept.
#
# UPDATE=1 rewrites the .diff and .fixed files instead; read
# `git diff fixtures` before committing them.
# Usage: tests/fix.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"
top=$(pwd)

args_of() {	# the "# lint-args:" of a fixture file, CR dropped
	[ -f "$1" ] && sed -n '1s/^# lint-args: //p' "$1" | tr -d '\r'
}

# compare NAME GOT WANT: a file or a directory, exactly; UPDATE=1 writes
# WANT from GOT.  An empty GOT file stands for no WANT at all.
compare() {
	if [ "${UPDATE:-0}" = 1 ]; then
		rm -rf "$3"
		if [ -d "$2" ] || [ -s "$2" ]; then cp -R "$2" "$3"; fi
		ok
		return
	fi
	if [ ! -e "$3" ] && [ -f "$2" ] && [ ! -s "$2" ]; then ok; return; fi
	if diff -r "$3" "$2" >"$t/cmp" 2>&1; then ok; else
		bad "$1 differs from $3"
		head -20 "$t/cmp"
	fi
}

# copy DIR FIXTURE: the fixture under DIR at its own path, with the rule
# file a fixture's arguments name.
copy() {
	rm -rf "$1"
	mkdir -p "$1/$(dirname "$2")" "$1/fixtures"
	cp -R "$2" "$1/$2"
	cp fixtures/team-policy.rules "$1/fixtures/"
}

# fixable FILE: the JSON report FILE holds a finding with a safe fix
# (any fix with "any" as second word).
fixable() {
	if [ "${2:-}" = any ]; then grep -q '"fix": {' "$1"
	else grep -q '"safe": true' "$1"; fi
}

check_fixture() {	# check_fixture FIXTURE BASE
	f=$1
	base=$2
	a=$(args_of "$f")
	for mode in safe unsafe; do
		case $mode in
		safe) extra=; suffix= ;;
		unsafe) extra=--unsafe-fixes; suffix=.unsafe ;;
		esac
		name="$f${extra:+ $extra}"
		# shellcheck disable=SC2086
		timeout 20 "$bin" $a --color=never >/dev/null 2>&1 "$f" </dev/null
		want=$?
		# shellcheck disable=SC2086
		timeout 20 "$bin" $a --diff $extra "$f" >"$t/diff" 2>"$t/err" </dev/null
		rc=$?
		if [ "$rc" -eq "$want" ]; then ok; else
			bad "$name: --diff exited $rc, without it $want"
		fi
		if [ -s "$t/err" ]; then bad "$name: --diff wrote to stderr"; sed 's/^/    /' "$t/err" | head -5; else ok; fi
		compare "$name --diff" "$t/diff" "$base$suffix.diff"
		# What --fix makes of a copy, and what patch makes of the diff.
		copy "$t/w" "$f"
		copy "$t/p" "$f"
		if [ -s "$t/diff" ]; then
			(cd "$t/p" && patch -p1 -s --dry-run <"$t/diff" >/dev/null 2>&1 &&
			    patch -p1 -s <"$t/diff" >/dev/null 2>&1) && ok ||
			    bad "$name: patch -p1 does not take the diff"
			rm -rf "$t/g"
			copy "$t/g" "$f"
			(cd "$t/g" && git init -q . && git apply --check "$t/diff") \
			    >/dev/null 2>&1 && ok ||
			    bad "$name: git apply --check does not take the diff"
		fi
		# shellcheck disable=SC2086
		(cd "$t/w" && timeout 20 "$bin" $a --fix $extra "$f") \
		    >"$t/out" 2>"$t/err" </dev/null
		rc=$?
		if [ "$rc" -le 1 ] && [ ! -s "$t/err" ]; then ok; else
			bad "$name: --fix exited $rc"
			sed 's/^/    /' "$t/err" | head -5
		fi
		if diff -r "$t/p/$f" "$t/w/$f" >"$t/cmp" 2>&1; then ok; else
			bad "$name: --fix and the diff disagree"
			head -20 "$t/cmp"
		fi
		if [ "$(dirname "$f")" = fixtures/fix ]; then
			compare "$name --fix" "$t/w/$f" "$base$suffix.fixed"
		fi
		# Once is enough: a second run changes nothing, finds nothing.
		cp -R "$t/w/$f" "$t/once"
		# shellcheck disable=SC2086
		(cd "$t/w" && timeout 20 "$bin" $a --fix $extra "$f" >/dev/null 2>&1 </dev/null)
		if diff -r "$t/once" "$t/w/$f" >/dev/null 2>&1; then ok; else
			bad "$name: a second --fix changed the file again"
		fi
		rm -rf "$t/once"
		# shellcheck disable=SC2086
		(cd "$t/w" && timeout 20 "$bin" $a --format json "$f" >"$t/json" 2>/dev/null </dev/null)
		if fixable "$t/json" ${extra:+any}; then
			bad "$name: a finding with a fix is left after --fix"
		else ok; fi
	done
}

for f in fixtures/*.conf fixtures/*.d fixtures/fix/*.conf fixtures/fix/*.d; do
	[ -e "$f" ] || continue
	check_fixture "$f" "${f%.*}"
done
[ "${UPDATE:-0}" = 1 ] && { echo "fix: $pass passed, $fail failed"; exit 0; }

# The expected files are there, and they were compared: a lost file
# would pass as "no change".
for b in crlf no-final-newline overlap text-keys guesses set; do
	for s in .fixed .unsafe.fixed .diff .unsafe.diff; do
		if [ -e "fixtures/fix/$b$s" ]; then ok; else bad "fixtures/fix/$b$s is missing"; fi
	done
done
# CRLF stays CRLF in added lines, and no final line break stays so.
if grep -q "$(printf '^# max read buffer\r$')" fixtures/fix/crlf.fixed; then ok; else bad "crlf.fixed: a moved comment lost its CR"; fi
for s in fixed unsafe.fixed; do
	if [ -n "$(tail -c 1 "fixtures/fix/no-final-newline.$s")" ]; then ok; else bad "no-final-newline.$s gained a final line break"; fi
done

mkdir -p "$t/x"
cd "$t/x" || exit 2
quoted='net.ipv4.tcp_rmem = "4096 131072 6291456"'

# The summary says what was fixed; the report is of what is left.
printf '%s\nnet.ipv4.tcp_tw_recycle = 1\n' "$quoted" >a.conf
lint 1 summary --fix a.conf
out_has summary '1 error in 1 file (1 unit); 1 fix applied to 1 file$'
out_has summary 'SL3002'
out_lacks summary 'SL1004'
lint 0 summary-again --fail-level=none --fix a.conf
out_has summary-again '; 0 fixes applied to 0 files$'

# A read-only file is a tool error, and nothing is written.
printf '%s\n' "$quoted" >ro.conf
cp ro.conf ro.orig
chmod 444 ro.conf
lint 2 read-only --fix ro.conf
err_has read-only "not fixing 'ro.conf': it is read-only"
if cmp -s ro.conf ro.orig; then ok; else bad "read-only: the file changed"; fi
out_has read-only 'SL1004'
chmod 644 ro.conf

# A write that fails part way (the file size limit, EFBIG, as a full
# disk would) leaves the file whole and no temporary behind.
i=0
while [ $i -lt 300 ]; do echo "vm.swappiness = 10 # low $i"; i=$((i + 1)); done >big.conf
cp big.conf big.orig
(ulimit -f 4; trap '' XFSZ; exec "$bin" -q --fix big.conf) >/dev/null 2>"$t/err" </dev/null
rc=$?
if [ $rc -eq 2 ]; then ok; else bad "efbig: exit status $rc, expected 2"; fi
err_has efbig "cannot fix 'big.conf': File too large"
if cmp -s big.conf big.orig; then ok; else bad "efbig: the file changed"; fi
if ls | grep -q '^big\.conf\.'; then bad "efbig: temporary left behind"; else ok; fi

# Mode, owner and group are kept; a hard link is not split.
printf '%s\n' "$quoted" >mode.conf
chmod 640 mode.conf
if [ "$(id -u)" = 0 ]; then chown 65534:65534 mode.conf; fi
before=$(stat -c '%a %u %g' mode.conf)
lint 0 mode --fix mode.conf
after=$(stat -c '%a %u %g' mode.conf)
if [ "$before" = "$after" ]; then ok; else bad "mode: '$before' became '$after'"; fi
if grep -q '"' mode.conf; then bad "mode: not fixed"; else ok; fi
printf '%s\n' "$quoted" >hard.conf
ln hard.conf hard2.conf
lint 2 hard-link --fix hard.conf
err_has hard-link "not fixing 'hard.conf': it has 2 names"
if grep -q '"' hard2.conf; then ok; else bad "hard-link: written"; fi

# Links: followed only when asked, and only inside the working
# directory (or the root); the link stays a link.
mkdir -p tree/sysctl.d tree/other outside
printf '%s\n' "$quoted" >tree/real.conf
printf '%s\n' "$quoted" >outside/out.conf
ln -s ../real.conf tree/sysctl.d/50-in.conf
ln -s "$t/x/outside/out.conf" tree/other/60-out.conf
cd tree || exit 2
lint 2 link-unasked --fix sysctl.d/50-in.conf
err_has link-unasked "not fixing 'sysctl.d/50-in.conf': it is reached through a symbolic link (--fix-through-links"
if grep -q '"' real.conf; then ok; else bad "link-unasked: written"; fi
lint 0 link-asked --fix --fix-through-links sysctl.d/50-in.conf
err_empty link-asked
if grep -q '"' real.conf; then bad "link-asked: not written"; else ok; fi
if [ -L sysctl.d/50-in.conf ]; then ok; else bad "link-asked: the link was replaced"; fi
lint 2 link-outside --fix --fix-through-links other/60-out.conf
err_has link-outside "not fixing 'other/60-out.conf': its link leads to '.*/out.conf', outside the working directory"
if grep -q '"' ../outside/out.conf; then ok; else bad "link-outside: written"; fi
cd .. || exit 2

# A file named twice is fixed once.
printf '%s\n' "$quoted" >twice.conf
lint 0 twice --fix twice.conf ./twice.conf
err_empty twice

# A set read for one named file: only that file changes.
mkdir -p etc/sysctl.d
printf '%s\n' "$quoted" >etc/sysctl.d/10-a.conf
printf 'net.ipv4.tcp_wmem = "4096 16384 4194304"\n' >etc/sysctl.d/20-b.conf
lint 0 focus --fix etc/sysctl.d/20-b.conf
if grep -q '"' etc/sysctl.d/10-a.conf; then ok; else bad "focus: the other file changed"; fi
if grep -q '"' etc/sysctl.d/20-b.conf; then bad "focus: the named file is not fixed"; else ok; fi

# A set read in part is not fixed: its fixes were judged without all
# of it.
mkdir part
printf '%s\n' "$quoted" >part/10-a.conf
truncate -s 70M part/20-big.conf
lint 2 part --fix part
err_has part "not fixing the files of 'part': part of it could not be read"
if grep -q '"' part/10-a.conf; then ok; else bad "part: written"; fi
rm -rf part

# What a baseline or a suppression hides is not fixed.
printf '%s\n' "$quoted" >bl.conf
lint 0 baseline-write --write-baseline bl.json bl.conf
lint 0 baseline --fix --baseline bl.json bl.conf
if grep -q '"' bl.conf; then ok; else bad "baseline: a hidden finding was fixed"; fi

# Standard input is shown, never written.
printf '%s\n' "$quoted" | "$bin" --diff --stdin-filename in.conf - >"$t/out" 2>"$t/err"
out_has stdin-diff '^+++ b/in.conf$'
printf '%s\n' "$quoted" | "$bin" --fix - >"$t/out" 2>"$t/err"
rc=$?
if [ $rc -eq 2 ]; then ok; else bad "stdin-fix: exit status $rc, expected 2"; fi
err_has stdin-fix "--fix cannot write standard input in place"
mkfifo fifo.conf
lint 2 fifo-fix --fix fifo.conf
err_has fifo-fix "--fix cannot write 'fifo.conf' in place: it is not a regular file"
rm -f fifo.conf

# An image: its files are fixed under the root, a link only when asked
# and inside the root (an absolute one starts again at the root).
mkdir -p img/etc/sysctl.d img/usr/lib/systemd
: >img/usr/lib/systemd/systemd-sysctl
printf '%s\n' "$quoted" >img/etc/sysctl.conf
ln -s /etc/sysctl.conf img/etc/sysctl.d/99-sysctl.conf
printf 'kernel.sysrq = "1"\n' >img/etc/sysctl.d/10-a.conf
lint 2 image-unasked --disable=hardening --root img --fix
err_has image-unasked "not fixing 'etc/sysctl.d/99-sysctl.conf': it is reached through a symbolic link"
if grep -q '"' img/etc/sysctl.d/10-a.conf; then bad "image-unasked: 10-a.conf not fixed"; else ok; fi
lint 0 image-asked --disable=hardening --root img --fix --fix-through-links
if grep -q '"' img/etc/sysctl.conf; then bad "image-asked: sysctl.conf not fixed"; else ok; fi
if [ -L img/etc/sysctl.d/99-sysctl.conf ]; then ok; else bad "image-asked: the link was replaced"; fi

# --explain ID says how safe a rule's fixes are.
lint 0 explain-unsafe --explain multiple-assignments
out_has explain-unsafe '^Fix: unsafe, applied only with --unsafe-fixes\.$'
lint 0 explain-safe --explain repeated-separator
out_has explain-safe '^Fix: safe, applied by --fix\.$'
lint 0 explain-text --explain SL1004
out_has explain-text '^Fix: safe, applied by --fix, except in the value of a key the kernel keeps as text'
lint 0 explain-none --explain empty-key
out_lacks explain-none '^Fix:'

# Option combinations.
lint 2 fix-diff --fix --diff a.conf
err_has fix-diff "give one of the two"
lint 2 fix-snapshot --fix --snapshot a.conf a.conf
err_has fix-snapshot "not with --snapshot"
lint 2 unsafe-alone --unsafe-fixes a.conf
err_has unsafe-alone "needs --fix or --diff"
lint 2 links-alone --fix-through-links a.conf
err_has links-alone "needs --fix"
lint 2 diff-json --diff --format json a.conf
err_has diff-json "not a --format 'json' report"
lint 2 fix-effective --fix --print-effective a.conf
err_has fix-effective "not with --fix"
# --diff leaves -o reports to be written.
printf '%s\n' "$quoted" >o.conf
lint 1 diff-output --diff -o json:o.json o.conf
out_has diff-output '^-net.ipv4.tcp_rmem = "4096'
if grep -q '"SL1004"' o.json 2>/dev/null; then ok; else bad "diff-output: no JSON report"; fi
if grep -q '"' o.conf; then ok; else bad "diff-output: --diff changed the file"; fi
cd "$top" || exit 2

echo "fix: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
