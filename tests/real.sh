#!/bin/sh
# The verdicts on real public files (fixtures/real/, origins in its
# SOURCES.md): every error and warning, one line each, against
# fixtures/real/findings.txt, byte for byte.  A change in what the
# linter says about files nobody here wrote shows in the diff, to be
# defended before UPDATE=1 records it.
# Usage: tests/real.sh BINARY
. "$(dirname "$0")/lib.sh"

want=fixtures/real/findings.txt
find fixtures/real -name '*.conf' ! -path '*/other-sources/*' | LC_ALL=C sort \
    >"$t/files"
# One run per file: each is judged on its own, as its users apply it.
while read -r f; do
	"$bin" --no-config -S warning --fail-level=none --format github "$f" \
	    >>"$t/out" 2>>"$t/err" || echo "exit $? on $f" >>"$t/out"
done <"$t/files"
if [ "${UPDATE:-0}" = 1 ]; then
	cp "$t/out" "$want"
	ok
elif cmp -s "$t/out" "$want"; then
	ok
else
	bad "$want differs:"
	diff -u "$want" "$t/out" | head -40
fi
n=$(wc -l <"$t/files")
if [ "$n" -ge 30 ]; then ok; else bad "only $n real files"; fi
err_empty real-stderr

echo "real: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
