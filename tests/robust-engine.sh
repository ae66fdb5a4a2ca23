#!/bin/sh
# The rule engine and the key checks against hostile rule files and
# inputs: long conditions, literals past 64 bits, patterns that
# backtrack, many rules, long values, many unknown keys.  Each ends in a
# finding or a tool error, within the stack and memory the run has.
# Inputs are made here, at run time.  Usage: tests/robust-engine.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"

# repeat N TEXT SEP: N copies of TEXT joined by SEP, on one line.
repeat() {
	awk -v n="$1" -v s="$2" -v sep="$3" 'BEGIN {
		for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? sep : ""), s
	}'
}

# rules FILE ID WHEN [KEYS]: a rule file of one data rule.
rules() {
	printf '{"rules": [{"id": "%s", "name": "%s", "severity": "error",
  "summary": "s", "explanation": "e", "keys": %s, "when": "%s",
  "message": "m {key}"}]}\n' "$2" "$(echo "$2" | tr A-Z a-z)" \
	    "${4:-[\"kernel.panic\"]}" "$3" >"$1"
}

printf 'kernel.panic = 1\n' >"$t/panic.conf"

# A run of 100,000 '&&' is refused with the rule and the column, where
# it used to be evaluated (and freed) by one recursion a term.
rules "$t/long.rules" T-LONG "$(repeat 100000 'value != 7' ' && ')"
lint 2 long-condition --rules "$t/long.rules" "$t/panic.conf"
err_has long-condition "long.rules: rule 'T-LONG': when:1:28001: condition too long"
rules "$t/longer.rules" T-LONGER "$(repeat 1000000 '1' ' + ') > 0"
lint 2 longer-condition --rules "$t/longer.rules" "$t/panic.conf"
err_has longer-condition "rule 'T-LONGER': when:1:20001: condition too long"
# Below the limit, a long run is evaluated in a loop: 64 KiB of stack
# are enough (one recursion a term overflowed them at 2,000 terms).
rules "$t/run.rules" T-RUN "$(repeat 1999 'value != 7' ' && ')"
(ulimit -s 64 2>/dev/null; exec timeout 20 "$bin" --rules "$t/run.rules" \
    "$t/panic.conf") >"$t/out" 2>"$t/err"
rc=$?
if [ "$rc" -eq 1 ]; then ok; else bad "long run on a small stack: exit status $rc"; fi
out_has long-run "error: m kernel.panic \\[T-RUN\\]"

# Negation wraps like the other operators (the sanitizer build traps a
# signed overflow); literals past 64 bits are refused, not clamped.
rules "$t/neg.rules" T-NEG '-0x8000000000000000 != 0 && -(value - 9223372036854775807 - 2) < 0'
lint 1 negate-int64-min --rules "$t/neg.rules" "$t/panic.conf"
out_has negate-int64-min "\\[T-NEG\\]"
rules "$t/big.rules" T-BIG 'value == 99999999999999999999999'
lint 2 decimal-overflow --rules "$t/big.rules" "$t/panic.conf"
err_has decimal-overflow "rule 'T-BIG': when:1:10: number out of range"
rules "$t/hex.rules" T-HEX 'value != 0x1000000000000000000000000'
lint 2 hex-overflow --rules "$t/hex.rules" "$t/panic.conf"
err_has hex-overflow "rule 'T-HEX': when:1:10: number out of range"

# A backtracking pattern gives up on a key past its match limit: a tool
# error naming the rule and the key, once for all the keys of a unit,
# never a silent mismatch (pcre2's default limit made each key cost
# seconds, and hitting it read as "no match").
key40=$(repeat 40 a '')
rules "$t/redos.rules" T-REDOS 'value != 0' '[{"regex": "(?:(a|a)*c|a.*)"}]'
printf 'aaaaaaaaaab = 1\n' >"$t/short.conf"
lint 1 regex-short-key -q --disable unknown-key --rules "$t/redos.rules" "$t/short.conf"
out_has regex-short-key "error: m aaaaaaaaaab \\[T-REDOS\\]"
printf '%sb = 1\n' "$key40" >"$t/long.conf"
lint 2 regex-gives-up -q --disable unknown-key --rules "$t/redos.rules" "$t/long.conf"
err_has regex-gives-up "redos.rules: rule 'T-REDOS': regex gave up on key '${key40}b' ($t/long.conf:1): match limit exceeded"
rules "$t/nested.rules" T-NESTED 'value != 0' '[{"regex": "(a+)+"}]'
awk -v k="$key40" 'BEGIN { for (i = 0; i < 200; i++) printf "%s%d! = 1\n", k, i }' >"$t/many.conf"
lint 2 regex-many-keys -q --disable unknown-key --rules "$t/nested.rules" "$t/many.conf"
err_has regex-many-keys "rule 'T-NESTED': regex gave up on key '${key40}0!' ($t/many.conf:1): .*, nor on 199 more$"

# Loading is O(n log n) in the rules: 60,000 took minutes when each
# insertion kept the array sorted and renumbered it.  The last one fires.
awk 'BEGIN {
	printf "{\"rules\": ["
	for (i = 60000; i > 0; i--)
		printf "%s{\"id\": \"R%d\", \"name\": \"r-%d\", \"severity\": \"note\", \"summary\": \"s\", \"explanation\": \"e\", \"keys\": [\"kernel.panic\"], \"when\": \"value == %d\", \"message\": \"m {key}\"}", (i < 60000 ? ", " : ""), i, i, (i == 1 ? 1 : 12345)
	print "]}"
}' >"$t/many.rules"
lint 0 many-rules -q --rules "$t/many.rules" "$t/panic.conf"
out_has many-rules "note: m kernel.panic \\[R1\\]"
# A template is read once: a '{' no longer looks for its '}' afresh.
awk 'BEGIN {
	printf "{\"rules\": [{\"id\": \"T-BRACE\", \"name\": \"t-brace\", \"severity\": \"error\", \"summary\": \"s\", \"explanation\": \"e\", \"keys\": [\"kernel.panic\"], \"when\": \"value != 0\", \"message\": \""
	for (i = 0; i < 1000000; i++) printf "{"
	print "{key}\"}]}"
}' >"$t/braces.rules"
lint 1 brace-template -q --rules "$t/braces.rules" "$t/panic.conf"
out_has brace-template "{{{kernel.panic \\[T-BRACE\\]"

# Nearest-key hints are computed only for unknown-key findings the sink
# keeps: none with the rule disabled, 10,000 (the keep limit) of a file
# of 100,000 unknown keys.  Each one cost 0.3 ms before, and was
# computed for every key: 100,000 took half a minute either way.
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "net.ipv4.tcp_keepalive_%06d = 1\n", i }' >"$t/unknown.conf"
lint 0 unknown-disabled -q --disable unknown-key "$t/unknown.conf"
lint 1 unknown-kept -q "$t/unknown.conf"
out_has unknown-kept "tcp_keepalive_000000' is not a sysctl key of any known kernel \\[SL3001\\]"
printf 'net.ipv4.tcp_timestsmps = 1\n' >"$t/typo.conf"
lint 1 unknown-hint -q "$t/typo.conf"
out_has unknown-hint "did you mean 'net.ipv4.tcp_timestamps'?"

# A long value costs memory in proportion to its size, not twelve token
# records for each "1 " (a 32 MiB value took 490 MB): under 192 MiB of
# address space it is judged.  The sanitizer build cannot start under
# such a limit, and is not run here.
if (ulimit -v 196608 && exec "$bin" --version) >/dev/null 2>&1; then
	awk 'BEGIN { printf "kernel.panic ="; for (i = 0; i < 16777216; i++) printf " 1"; print "" }' >"$t/long-value.conf"
	(ulimit -v 196608 && exec timeout 60 "$bin" -q "$t/long-value.conf") \
	    >"$t/out" 2>"$t/err"
	rc=$?
	if [ "$rc" -eq 1 ]; then ok; else bad "long value in 192 MiB: exit status $rc"; sed 's/^/    /' "$t/err" | head -3; fi
	out_has long-value "warning: value of 33554431 bytes: longer than the 4095 bytes"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
