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
# A report with a tool error lists it.
"$bin" -f json fixtures/no-such-file.conf >"$dir/90.json" 2>/dev/null
# --explain KEY's JSON against explain.schema.json: the goldens, and a
# whole directory of keys live.
"$bin" --explain net. --format json >"$dir/explain-net.json"
xout=$("$py" tests/validate-json.py explain.schema.json fixtures/explain/*.json "$dir/explain-net.json")
estatus=$?
echo "$xout" | grep -v '^[0-9]* passed'
out=$("$py" tests/validate-json.py report.schema.json fixtures/*.json fixtures/snapshots/*.json "$dir"/[0-9]*.json "$dir/stdin.json")
status=$?
[ "$estatus" -eq 0 ] || status=1
echo "$out" | grep -v '^[0-9]* passed' 
# --print-effective -f json: files, sets, and an image root per loader.
mkdir "$dir/eff"
i=0
for input in fixtures/*.conf fixtures/*.d; do
	i=$((i + 1))
	"$bin" --print-effective -f json "$input" >"$dir/eff/$i.json" 2>/dev/null
done
mkdir -p "$dir/img/etc/sysctl.d" "$dir/img/usr/lib/sysctl.d"
printf 'vm.swappiness = 10\n' >"$dir/img/usr/lib/sysctl.d/10-a.conf"
printf 'vm.swappiness = 20\n-kernel.sysrq\n' >"$dir/img/etc/sysctl.d/10-a.conf"
for l in systemd procps; do
	"$bin" --print-effective -f json --root "$dir/img" --loader $l >"$dir/eff/root-$l.json" 2>/dev/null
	grep -q "\"loader\": \"$l\"" "$dir/eff/root-$l.json" || { echo "FAIL effective json: --root, $l"; status=1; }
done
"$bin" --print-effective -f json fixtures/*.conf >"$dir/eff/all.json" 2>/dev/null
for f in "$dir"/eff/*.json; do [ -s "$f" ] || rm -f "$f"; done
eout=$("$py" tests/validate-json.py effective.schema.json "$dir"/eff/*.json)
[ $? -eq 0 ] || status=1
echo "$eout" | grep -v '^[0-9]* passed'
p1=$(echo "$out" | tail -n 1 | sed 's/ passed.*//'); f1=$(echo "$out" | tail -n 1 | sed 's/.*, \([0-9]*\) failed.*/\1/')
p2=$(echo "$eout" | tail -n 1 | sed 's/ passed.*//'); f2=$(echo "$eout" | tail -n 1 | sed 's/.*, \([0-9]*\) failed.*/\1/')
p3=$(echo "$xout" | tail -n 1 | sed 's/ passed.*//'); f3=$(echo "$xout" | tail -n 1 | sed 's/.*, \([0-9]*\) failed.*/\1/')
echo "schema: $((p1 + p2 + p3)) passed, $((f1 + f2 + f3)) failed"
# The rule list is JSON too, if not under this schema.
"$py" -c 'import json,sys; json.load(open(sys.argv[1]))' "$dir/rules.json" || status=1
rm -rf "$dir"
exit $status
