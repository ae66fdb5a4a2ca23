#!/bin/sh
# Hostile text in every output: what a file, a file name or an option
# carries is shown escaped in the text report, --print-effective, the
# github format and tool errors on stderr (no raw control, no bidi
# override, no line a CI runner reads as a workflow command), and SARIF
# messages carry no embedded link.  Usage: tests/robust-output.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"

# raw_free NAME FILE: no C0 control but LF and TAB, no DEL, no C1 (as
# UTF-8), no RIGHT-TO-LEFT OVERRIDE or FIRST STRONG ISOLATE.
raw_free() {
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$2" ||
	    LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2" ||
	    LC_ALL=C grep -q "$(printf '\342\200\256')" "$2" ||
	    LC_ALL=C grep -q "$(printf '\342\201\250')" "$2"; then
		bad "$1: raw control or bidi character in output"
	else ok; fi
}
# no_command NAME FILE: no line a runner takes for a workflow command
# (it ends lines at CR too, and trims leading blanks).
no_command() {
	if tr '\r' '\n' <"$2" | grep -q '^[[:space:]]*::'; then
		bad "$1: a line starts with '::'"
	else ok; fi
}

esc=$(printf '\033')
printf 'hello %s]0;PWNED\007 %s[2J \342\200\256evil\342\201\250 world\n' \
    "$esc" "$esc" >"$t/esc.conf"
printf 'bogus\r::error::Injected annotation\n' >"$t/cr.conf"
printf 'kernel.panic = 1%s]0;OWNED\007\n' "$esc" >"$t/val.conf"

lint 1 text-message "$t/esc.conf"
raw_free text-message "$t/out"
out_has text-message "'hello \\\\x1b\\]0;PWNED\\\\x07 \\\\x1b\\[2J \\\\u202eevil\\\\u2068 world'"
lint 1 text-cr "$t/cr.conf"
raw_free text-cr "$t/out"
no_command text-cr "$t/out"
# systemd-sysctl ends the line at the CR: the rest is a line of its own,
# quoted inside a message, never at the start of an output line.
out_has text-cr "not an assignment: '::error::Injected annotation'"
lint 1 text-color --color=always "$t/esc.conf"
if grep -q "PWNED$(printf '\007')" "$t/out"; then
	bad "text-color: raw BEL"; else ok; fi

# The excerpt shows each unsafe character as one '?', underlined as one.
printf 'bogus\342\200\213\342\200\256x\n' >"$t/zw.conf"
lint 1 excerpt-width "$t/zw.conf"
out_has excerpt-width '^    1 | bogus??x$'
out_has excerpt-width '^      | ^~~~~~~~$'

# File names: LF, CR and ESC in a directory's file names, and one that
# starts with "::".
mkdir "$t/d"
printf 'bogus\n' >"$t/d/$(printf 'b\n::error file=x.c,line=1::INJECTED\n.conf')"
printf 'bogus\n' >"$t/d/$(printf 'c\r::warning::CR\033[31m.conf')"
printf 'bogus\n' >"$t/d/::error::colon.conf"
(cd "$t" && timeout 20 "$bin" d >out 2>err)
raw_free text-path "$t/out"
no_command text-path "$t/out"
out_has text-path '^d/b\\n::error file=x.c,line=1::INJECTED\\n.conf:1:1: error'
(cd "$t/d" && timeout 20 "$bin" ::error::colon.conf >../out 2>../err)
no_command text-path-colon "$t/out"
out_has text-path-colon '^\\x3a:error::colon.conf:1:1: error'
(cd "$t" && timeout 20 "$bin" -f github d >out 2>err)
raw_free github-path "$t/out"
lint 1 github-message -f github "$t/esc.conf"
raw_free github-message "$t/out"
out_has github-message '::error file=.*hello \\x1b\]0;PWNED'

# --print-effective: keys, values, paths and unit labels.
lint 0 effective-value --print-effective "$t/val.conf"
raw_free effective-value "$t/out"
out_has effective-value '^kernel.panic = 1\\x1b\]0;OWNED\\x07  # '
(cd "$t" && timeout 20 "$bin" --print-effective d val.conf >out 2>err)
raw_free effective-path "$t/out"
no_command effective-path "$t/out"
out_has effective-path '^# d$'
printf 'kernel.panic = 1\n' >"$t/d/$(printf 'k\n::error::e\033.conf')"
(cd "$t" && timeout 20 "$bin" --print-effective d >out 2>err)
raw_free effective-path-name "$t/out"
no_command effective-path-name "$t/out"
out_has effective-path-name '# d/k\\n::error::e\\x1b.conf:1$'

# --stdin-filename and tool errors on stderr.
timeout 20 "$bin" --stdin-filename "$(printf 'in\033[2J\n::error::x')" - \
    <"$t/cr.conf" >"$t/out" 2>"$t/err"
raw_free stdin-filename "$t/out"
no_command stdin-filename "$t/out"
lint 2 stderr-path "$(printf 'no\033]0;T\007such\n::error::file')"
raw_free stderr-path "$t/err"
no_command stderr-path "$t/err"
err_has stderr-path "sysctl-lint: error: .*no\\\\x1b\\]0;T\\\\x07such\\\\n::error::file"

# SARIF: brackets and backslashes in message text are escaped (2.1.0
# 3.11.6), so text from input makes no embedded link.
printf 'see [the fix](https://evil.example/x) \\ here\n' >"$t/link.conf"
lint 1 sarif-link -f sarif "$t/link.conf"
out_lacks sarif-link '\[the fix\](https'
out_has sarif-link "'see \\\\\\\\\[the fix\\\\\\\\\](https://evil.example/x) \\\\\\\\\\\\\\\\ here'"

# Baselines: an occurrence must be a whole number in range.
printf 'bogus\n' >"$t/b.conf"
for occ in 1e400 1e30 -1 0.5 1e16; do
	printf '{"version": 1, "findings": [{"rule": "SL1001", "path": "%s",
	    "key": null, "occurrence": %s}]}\n' "$t/b.conf" "$occ" >"$t/b.json"
	lint 2 "baseline-occurrence-$occ" --no-config --baseline "$t/b.json" \
	    "$t/b.conf"
	err_has "baseline-occurrence-$occ" "$t/b.json"
done
printf '{"version": 1, "findings": [{"rule": "SL1001", "path": "%s",
    "key": null, "occurrence": 0}]}\n' "$t/b.conf" >"$t/b.json"
lint 0 baseline-occurrence-0 --no-config --baseline "$t/b.json" "$t/b.conf"

# Baselines reach the findings past the 10,000 a file keeps, and the
# truncation note says what was listed.
awk 'BEGIN { for (i = 0; i < 12000; i++) printf "bogus%d\n", i }' >"$t/many.conf"
lint 0 many-write --no-config --write-baseline "$t/many.json" "$t/many.conf"
n=$(grep -c '"rule"' "$t/many.json")
if [ "$n" -eq 12000 ]; then ok; else bad "many-write: $n entries, want 12000"; fi
lint 0 many-baseline --no-config --baseline "$t/many.json" "$t/many.conf"
out_lacks many-baseline SL9003
awk 'BEGIN { for (i = 0; i < 12500; i++) printf "bogus%d\n", i }' >"$t/many.conf"
lint 1 many-new --no-config --baseline "$t/many.json" "$t/many.conf"
out_has many-new "many.conf:12001:1: error: the report leaves out 500 of the 500 findings in this file \\[SL9003\\]"
awk 'BEGIN { for (i = 0; i < 12000; i++) printf "kernel.no_such_%d = 1\n", i }' \
    >"$t/keys.conf"
lint 0 many-keys-write --no-config --write-baseline "$t/keys.json" "$t/keys.conf"
n=$(grep -c '"key": "kernel.no_such_11999"' "$t/keys.json")
if [ "$n" -eq 1 ]; then ok; else bad "many-keys-write: key of a counted finding not recorded"; fi
lint 0 many-keys-baseline --no-config --baseline "$t/keys.json" "$t/keys.conf"

echo "robust-output: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
