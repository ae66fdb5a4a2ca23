#!/bin/sh
# Validates every JSON report the fixtures produce (the expected files,
# and the live output of the binary) against report.schema.json.
# Usage: tests/schema.sh BINARY
set -u
bin=$1
cd "$(dirname "$0")/.." || exit 2
py=/usr/bin/python3
[ -x "$py" ] || py=python3
if ! "$py" -c 'import jsonschema' 2>/dev/null; then
	echo "FAIL schema: python3-jsonschema is missing (make deps-check installs it)"
	echo "schema: 0 passed, 1 failed"
	exit 1
fi
dir=$(mktemp -d)
i=0
for input in fixtures/*.conf fixtures/*.d fixtures/snapshots/*.snap; do
	[ -e "$input" ] || continue
	i=$((i + 1))
	case "$input" in
	*.snap) "$bin" --format json --snapshot "$input" >"$dir/$i.json" 2>/dev/null ;;
	*) "$bin" --format json "$input" >"$dir/$i.json" 2>/dev/null ;;
	esac
done
printf 'kernel.sysrq = 1\n' | "$bin" -f json --stdin-filename=stdin.conf - >"$dir/stdin.json"
"$bin" --list-rules --format json >"$dir/rules.json"
# --explain KEY's JSON against explain.schema.json: the goldens, and a
# whole directory of keys live.
"$bin" --explain net. --format json >"$dir/explain-net.json"
eout=$("$py" tests/validate-json.py explain.schema.json fixtures/explain/*.json "$dir/explain-net.json")
estatus=$?
echo "$eout" | grep -v '^[0-9]* passed'
out=$("$py" tests/validate-json.py report.schema.json fixtures/*.json fixtures/snapshots/*.json "$dir"/[0-9]*.json "$dir/stdin.json")
status=$?
[ "$estatus" -eq 0 ] || status=1
echo "$out" | grep -v '^[0-9]* passed' 
p=$(($(echo "$out" | tail -n 1 | cut -d' ' -f1) + $(echo "$eout" | tail -n 1 | cut -d' ' -f1)))
f=$(($(echo "$out" | tail -n 1 | cut -d' ' -f3) + $(echo "$eout" | tail -n 1 | cut -d' ' -f3)))
echo "schema: $p passed, $f failed"
# The rule list is JSON too, if not under this schema.
"$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/rules.json" || status=1
rm -rf "$dir"
exit $status
