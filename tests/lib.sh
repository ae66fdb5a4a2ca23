# Shared by the shell test scripts, sourced first thing as
# `. "$(dirname "$0")/lib.sh"` by a runner called as RUNNER BINARY.  It
# sets bin (the binary, absolute), moves to the repository root, and makes
# t, a scratch directory (under $TEST_TMPDIR when set) removed at exit with
# its mode bits restored first, for runners that take them away.  lint
# runs the binary with a time limit, so a hang fails instead of blocking,
# leaving its output in $t/out and $t/err.
bin=${1:?usage: $0 BINARY}
# Outputs are compared as plain text: colour only where a test asks.
unset FORCE_COLOR
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2
t=$(mktemp -d -p "${TEST_TMPDIR:-${TMPDIR:-/tmp}}") || exit 2
trap 'chmod -R u+rwX "$t" 2>/dev/null; rm -rf "$t"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# lint EXPECTED-STATUS NAME ARGS...
lint() {
	want=$1
	name=$2
	shift 2
	timeout 20 "$bin" "$@" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "$name: exit status $rc, expected $want"
		sed 's/^/    /' "$t/err" | head -5
	fi
}
out_has() { if grep -q -e "$2" "$t/out"; then ok; else bad "$1: stdout lacks '$2'"; fi; }
out_lacks() { if grep -q -e "$2" "$t/out"; then bad "$1: stdout has '$2'"; else ok; fi; }
err_has() { if grep -q -e "$2" "$t/err"; then ok; else bad "$1: stderr lacks '$2'"; fi; }
err_empty() { if [ -s "$t/err" ]; then bad "$1: stderr not empty"; else ok; fi; }
