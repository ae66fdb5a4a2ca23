#!/bin/sh
# rules.md must be exactly what tools/rules-md.py writes from the
# catalogue, and must have a section for every rule the binary lists.
# Usage: tests/rules-md.sh BINARY
set -u
bin=$1
cd "$(dirname "$0")/.." || exit 2
py=/usr/bin/python3
[ -x "$py" ] || py=python3
pass=0
fail=0
tmp=$(mktemp)
"$py" tools/rules-md.py "$tmp"
if cmp -s "$tmp" rules.md; then pass=$((pass + 1)); else
	echo "FAIL rules.md is out of date: run tools/rules-md.py rules.md"
	diff -u rules.md "$tmp" | head -20
	fail=$((fail + 1))
fi
rm -f "$tmp"
for id in $("$bin" --list-rules | awk '{ print $1 }'); do
	if grep -q "^## $id\$" rules.md; then pass=$((pass + 1)); else
		echo "FAIL rules.md has no section for $id"
		fail=$((fail + 1))
	fi
done
n=$(grep -c '^## [A-Z0-9_-]*$' rules.md)
m=$("$bin" --list-rules | wc -l)
if [ "$n" -eq "$m" ]; then pass=$((pass + 1)); else
	echo "FAIL rules.md has $n sections, the binary lists $m rules"
	fail=$((fail + 1))
fi
echo "rules-md: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
