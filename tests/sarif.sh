#!/bin/sh
# SARIF: every fixture's report validates against the official SARIF
# 2.1.0 schema (python3-jsonschema), and, when the SARIF Multitool is
# installed (make check-sarif installs it from npm), passes its SARIF
# and GitHub ingestion rules with no error and no warning; rule help
# links and related-location links hold (tests/sarif-links.py).
# Usage: tests/sarif.sh BINARY [MULTITOOL]
set -u
bin=$1
mt=${2:-}
cd "$(dirname "$0")/.." || exit 2
schema=${SARIF_SCHEMA:-tests/sarif/sarif-schema-2.1.0.json}
if [ ! -f "$schema" ]; then
	echo "FAIL: no SARIF schema at $schema"
	echo "sarif: 0 passed, 1 failed"
	exit 1
fi
py=/usr/bin/python3
[ -x "$py" ] || py=python3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
i=0
for input in fixtures/*.conf fixtures/*.d; do
	i=$((i + 1))
	args=$(sed -n '1s/^# lint-args: //p' "$input" 2>/dev/null)
	# shellcheck disable=SC2086
	"$bin" $args --format sarif "$input" >"$dir/$i.sarif" 2>/dev/null
done
# A tool error still yields a valid log, marked unsuccessful.
"$bin" --format sarif fixtures/clean.conf "$dir/missing.conf" >"$dir/error.sarif" 2>/dev/null
out=$("$py" tests/validate-json.py "$schema" "$dir"/*.sarif fixtures/*.sarif)
status=$?
echo "$out" | grep -v 'passed, [0-9]* failed$'
pass=$(echo "$out" | tail -n 1 | sed 's/ passed.*//')
fail=$(echo "$out" | tail -n 1 | sed 's/.* passed, \([0-9]*\) failed/\1/')
"$bin" --list-rules --format json >"$dir/rules.json"
out=$("$py" tests/sarif-links.py "$dir/rules.json" "$dir"/*.sarif fixtures/*.sarif)
lstatus=$?
echo "$out" | grep -v 'passed, [0-9]* failed$'
pass=$((pass + $(echo "$out" | tail -n 1 | sed 's/ passed.*//')))
fail=$((fail + $(echo "$out" | tail -n 1 | sed 's/.* passed, \([0-9]*\) failed/\1/')))
[ "$lstatus" -eq 0 ] || status=1
if grep -q '"executionSuccessful": false' "$dir/error.sarif"; then
	pass=$((pass + 1))
else
	echo "FAIL error.sarif: executionSuccessful is not false"
	fail=$((fail + 1))
fi
if [ -z "$mt" ]; then
	echo "skip: SARIF Multitool not given (make check-sarif installs it)"
elif command -v jq >/dev/null 2>&1; then
	for f in "$dir"/*.sarif; do
		DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$mt" validate \
		    --log ForceOverwrite --rule-kind "Sarif;Ghas" \
		    -o "$f.val" "$f" >/dev/null 2>&1
		if jq -e '[.runs[].results[]? | select((.level // "warning") != "note")] | length == 0' "$f.val" >/dev/null 2>&1; then
			pass=$((pass + 1))
		else
			echo "FAIL multitool $(basename "$f"):"
			jq -r '.runs[].results[]? | "  \(.ruleId) \(.level // "warning"): \(.message.text // .message.id)"' "$f.val" 2>/dev/null | head -5
			fail=$((fail + 1))
		fi
	done
else
	echo "skip: jq is missing for the Multitool verdicts"
fi
echo "sarif: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$status" -eq 0 ]
