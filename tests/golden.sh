#!/bin/sh
# Golden tests: each fixtures/NAME.conf (or directory fixtures/NAME.d)
# is linted as text and as JSON, and the output is compared byte for
# byte with fixtures/NAME.txt, NAME.json and NAME.sarif (and, for the
# fixtures in CI_FIXTURES, NAME.github and NAME.gitlab).  A first line
# "# lint-args: ..." in a fixture adds options.  Each
# fixtures/snapshots/NAME.snap (sysctl -a text) and NAME.tree (a copied
# /proc/sys) is read with --snapshot the same way, with --root NAME.root
# when that directory exists.  Each fixtures/images/NAME.root is an
# image audited alone with --root.
# The exit status must be 0 or 1: anything else is a crash, a sanitizer
# or valgrind report, or an unexpected tool error.
#
# UPDATE=1 rewrites the expected files instead; read `git diff fixtures`
# before committing them.
#
# Usage: tests/golden.sh BINARY [WRAPPER...]
set -u
bin=$1
shift
cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0
# Fixtures also compared in the GitHub and GitLab formats.
CI_FIXTURES="tuning-guide-block relations policy syntax"

run() {	# run OUTFILE FORMAT ARGS... ; sets rc
	run_out=$1
	run_format=$2
	shift 2
	"$@" --color=never --format "$run_format" >"$run_out" 2>"$run_out.err"
	rc=$?
}

check_one() {	# check_one INPUT BASE
	input=$1
	base=$2
	shift 2
	args=
	if [ -f "$input" ]; then
		args=$(sed -n '1s/^# lint-args: //p' "$input")
	fi
	case "$input" in
	*.root)
		args="--root" ;;
	*.snap|*.tree)
		args="--snapshot"
		[ -d "$base.root" ] && args="--root $base.root $args" ;;
	esac
	formats="txt json sarif"
	case " $CI_FIXTURES " in
	*" $(basename "$base") "*) formats="$formats github gitlab" ;;
	esac
	for fmt in $formats; do
		case "$fmt" in
		txt) f=text ;;
		*) f=$fmt ;;
		esac
		tmp=$(mktemp)
		# shellcheck disable=SC2086
		run "$tmp" "$f" "$@" "$bin" $args "$input"
		if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
			echo "FAIL $base.$fmt: exit status $rc"
			cat "$tmp.err"
			fail=$((fail + 1))
		elif [ -s "$tmp.err" ]; then
			echo "FAIL $base.$fmt: unexpected stderr"
			cat "$tmp.err"
			fail=$((fail + 1))
		elif [ "${UPDATE:-0}" = 1 ]; then
			cp "$tmp" "$base.$fmt"
			pass=$((pass + 1))
		elif cmp -s "$tmp" "$base.$fmt"; then
			pass=$((pass + 1))
		else
			echo "FAIL $base.$fmt differs:"
			diff -u "$base.$fmt" "$tmp" | head -40
			fail=$((fail + 1))
		fi
		rm -f "$tmp" "$tmp.err"
	done
}

for input in fixtures/*.conf fixtures/*.d fixtures/snapshots/*.snap \
    fixtures/snapshots/*.tree fixtures/images/*.root; do
	[ -e "$input" ] || continue
	check_one "$input" "${input%.*}" "$@"
done
# Other sources: each file of fixtures/sources/CASE/ is linted as it is
# named (tuned.conf, compose.yaml, YAML by content), beside FILE.txt,
# FILE.json and FILE.sarif.
for input in fixtures/sources/*/*; do
	case "$input" in
	*.txt|*.json|*.sarif|*/README*) continue ;;
	esac
	[ -f "$input" ] || continue
	check_one "$input" "$input" "$@"
done
# --explain KEY: each fixtures/explain/NAME.args holds the query, and
# NAME.txt and NAME.json what it prints.
for input in fixtures/explain/*.args; do
	[ -e "$input" ] || continue
	base=${input%.args}
	for fmt in txt json; do
		case "$fmt" in txt) f=text ;; *) f=$fmt ;; esac
		tmp=$(mktemp)
		"$@" "$bin" --format "$f" --explain "$(cat "$input")" \
		    >"$tmp" 2>"$tmp.err"
		rc=$?
		if [ "$rc" -ne 0 ] || [ -s "$tmp.err" ]; then
			echo "FAIL $base.$fmt: exit status $rc"
			cat "$tmp.err"
			fail=$((fail + 1))
		elif [ "${UPDATE:-0}" = 1 ]; then
			cp "$tmp" "$base.$fmt"
			pass=$((pass + 1))
		elif cmp -s "$tmp" "$base.$fmt"; then
			pass=$((pass + 1))
		else
			echo "FAIL $base.$fmt differs:"
			diff -u "$base.$fmt" "$tmp" | head -40
			fail=$((fail + 1))
		fi
		rm -f "$tmp" "$tmp.err"
	done
done
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
