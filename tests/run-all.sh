#!/bin/sh
# Runs the whole suite for each build directory given (a normal build,
# then the sanitizer build): unit tests, golden files, command-line
# behaviour and the JSON schema; then, once, the README's snippets.
# Lines a runner starts with "skip:" are shown.  VALGRIND=1 runs the
# binary under valgrind.  The last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
# A CI job's FORCE_COLOR would colour outputs the runners compare as text.
unset FORCE_COLOR
total_pass=0
total_fail=0
log=$(mktemp)

tally() {	# tally NAME COMMAND... : runs it, adds its counts
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*\([^0-9]\|^\)\([0-9][0-9]*\) passed.*/\2/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# a runner that died counts as a failure
	fi
	if [ "$f" -ne 0 ]; then
		grep -v -E '^[a-z]*:? ?[0-9]+ passed, [0-9]+ failed$' "$log" | head -60
	fi
	echo "$name: $p passed, $f failed"
	# What a runner could not check here is said, not hidden in a pass.
	grep '^skip:' "$log" | sed 's/^/    /'
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
}

export ASAN_OPTIONS="exitcode=98:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=98:print_stacktrace=1"
for b in "$@"; do
	for t in "$b"/tests/unit_*; do
		case "$t" in *.d) continue ;; esac
		[ -x "$t" ] || continue
		tally "$t" "$t"
	done
	if [ "${VALGRIND:-0}" = 1 ]; then
		wrap="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
	else
		wrap=
	fi
	# shellcheck disable=SC2086
	tally "$b golden" sh tests/golden.sh "$b/sysctl-lint" $wrap
	tally "$b cli" sh tests/cli.sh "$b/sysctl-lint"
	tally "$b limits" sh tests/limits.sh "$b/sysctl-lint"
	tally "$b sources" sh tests/sources.sh "$b/sysctl-lint"
	tally "$b schema" sh tests/schema.sh "$b/sysctl-lint"
	tally "$b rules-md" sh tests/rules-md.sh "$b/sysctl-lint"
	tally "$b sarif" sh tests/sarif.sh "$b/sysctl-lint" "${SARIF_MULTITOOL:-}"
	tally "$b snapshots" sh tests/snapshots.sh "$b/sysctl-lint"
	tally "$b robust-snapshot" sh tests/robust-snapshot.sh "$b/sysctl-lint"
	tally "$b root" sh tests/root.sh "$b/sysctl-lint"
	tally "$b robust-image" sh tests/robust-image.sh "$b/sysctl-lint"
	tally "$b manpage" sh tests/manpage.sh "$b/sysctl-lint"
	tally "$b pre-commit" sh tests/pre-commit.sh "$b/sysctl-lint"
	tally "$b robust-cli" sh tests/robust-cli.sh "$b/sysctl-lint"
	tally "$b robust-output" sh tests/robust-output.sh "$b/sysctl-lint"
	tally "$b robust-engine" sh tests/robust-engine.sh "$b/sysctl-lint"
	tally "$b keydb-checks" sh tests/keydb-checks.sh "$b/sysctl-lint"
	tally "$b keydb-tools" sh tests/keydb-tools.sh "$b"
	tally "$b oracle" sh tests/oracle.sh "$b/sysctl-lint"
	tally "$b optdoc" sh tests/optdoc.sh "$b"
	tally "$b discover" sh tests/discover.sh "$b/sysctl-lint"
	tally "$b real" sh tests/real.sh "$b/sysctl-lint"
	tally "$b fix" sh tests/fix.sh "$b/sysctl-lint"
done
# The README's snippets build sysctl-lint themselves, from a clone of
# HEAD: once, whichever builds were given.
tally "snippets" sh tests/snippets.sh
rm -f "$log"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
