#!/bin/sh
# The manual page sysctl-lint.1 against the binary: every option that
# --help prints is documented under OPTIONS with the same short name and
# argument, every option documented there is accepted by the binary (or
# is on the pending list below), every word --help lists for a format,
# loader or level is in the page, the page has its sections, and
# mandoc -Tlint finds nothing (skipped without mandoc).
# Usage: tests/manpage.sh BINARY [PAGE]   (from anywhere; PAGE defaults
# to sysctl-lint.1 at the top of the repository)
set -u

# Options the page documents before the binary accepts them: short (-o)
# and long (--output) names, blank-separated.  Empty this when they land.
pending=""

bin=$1
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
if [ $# -ge 2 ]; then
	page=$2
	case "$page" in /*) ;; *) page=$(pwd)/$page ;; esac
else
	page=$(cd "$(dirname "$0")/.." && pwd)/sysctl-lint.1
fi
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

if [ ! -r "$page" ]; then
	bad "cannot read $page"
	echo "manpage: $pass passed, $fail failed"
	exit 1
fi

# --help, one line per option: SHORT LONG ARG ("-" where there is none),
# e.g. "-f --format FORMAT", "- --color WHEN", "- --list-rules -".
if ! "$bin" --help >"$t/help" 2>"$t/err"; then
	bad "'$bin --help' failed"
	sed 's/^/    /' "$t/err" | head -5
fi
awk '
$1 ~ /^-[A-Za-z],$/ && $2 ~ /^--[A-Za-z0-9]/ { s = substr($1, 1, 2); o = $2 }
$1 ~ /^--[A-Za-z0-9]/ { s = "-"; o = $1 }
s != "" {
	a = "-"
	if ((i = index(o, "=")) > 0) { a = substr(o, i + 1); o = substr(o, 1, i - 1) }
	print s, o, a
	s = ""
}' "$t/help" >"$t/help-opts"
if [ -s "$t/help-opts" ]; then ok; else bad "no options found in --help"; fi

# The .It lines of OPTIONS (top-level and nested), the same way:
#   .It Fl f , Fl -format Ns = Ns Ar FORMAT   ->  -f --format FORMAT
#   .It Fl o , Fl -output Ns = Ns Ar FORMAT : Ns Ar PATH -> ... FORMAT:PATH
awk '
/^\.Sh / { in_opts = ($0 == ".Sh OPTIONS"); next }
!in_opts || $1 != ".It" { next }
{
	s = "-"; o = ""; a = "-"; inarg = 0
	for (i = 2; i <= NF; i++) {
		if ($i == "Fl" && i < NF) {
			f = $(++i)
			if (f ~ /^-/) { o = "-" f; inarg = 0 } else s = "-" f
		} else if (o != "" && $i == "=" && a == "-") {
			a = ""; inarg = 1
		} else if (inarg) {
			if ($i == ",") { inarg = 0; continue }
			if ($i ~ /^(Ns|Ar|Cm|Li|Op|Oo|Oc|No)$/) continue
			a = a $i
		}
	}
	if (o != "" || s != "-") print s, (o == "" ? "-" : o), a
}' "$page" >"$t/man-opts"
if [ -s "$t/man-opts" ]; then ok; else bad "no options found under OPTIONS in $page"; fi

# Every option of --help is documented, with its short name and argument.
while read -r s o a; do
	m=$(awk -v o="$o" '$2 == o' "$t/man-opts" | head -n 1)
	if [ -z "$m" ]; then
		bad "$o: printed by --help, not documented under OPTIONS"
		continue
	fi
	ok
	# shellcheck disable=SC2086
	set -- $m
	if [ "$1" = "$s" ]; then ok; else
		bad "$o: short name '$s' in --help, '$1' in the page"
	fi
	if [ "$3" = "$a" ]; then ok; else
		bad "$o: argument '$a' in --help, '$3' in the page"
	fi
done <"$t/help-opts"

# The words of --format, --loader, --severity and --fail-level, as --help
# lists them from the tables that parse them, are each in the page.
for o in format loader severity fail-level; do
	words=$(sed -n "s/^  .*--$o=[A-Z]* *[^:]*: //p" "$t/help" |
	    sed 's/ (default[^)]*)//g; s/, or /, /; s/, / /g')
	if [ -n "$words" ]; then ok; else bad "--help lists no words for --$o"; fi
	for w in $words; do
		if grep -Eq "^\.(It )?Cm $w( |\$)" "$page"; then ok; else
			bad "--$o $w: listed by --help, not in the page"
		fi
	done
done

# Every documented option is accepted, or pending.
accepted() {	# accepted -x | --name: the parser knows it
	timeout 20 "$bin" "$1" </dev/null >/dev/null 2>"$t/err"
	! grep -q "unknown option '$1'" "$t/err"
}
is_pending() {
	for p in $pending; do [ "$p" = "$1" ] && return 0; done
	return 1
}
not_yet=
while read -r s o a; do
	for x in $s $o; do
		[ "$x" = "-" ] && continue
		if accepted "$x"; then
			ok
			if is_pending "$x"; then
				echo "note: $x is accepted now: drop it from pending in $0"
			fi
		elif is_pending "$x"; then
			ok
			not_yet="$not_yet $x"
		else
			bad "$x: documented under OPTIONS, but the binary rejects it"
		fi
	done
done <"$t/man-opts"
[ -z "$not_yet" ] || echo "pending (documented, not yet accepted):$not_yet"

# Pending options that the page does not document are stale entries.
for p in $pending; do
	if awk -v p="$p" '$1 == p || $2 == p { f = 1 } END { exit !f }' \
	    "$t/man-opts"; then ok; else
		bad "$p: on the pending list but not documented under OPTIONS"
	fi
done

# The sections, in mdoc order.
for sh in NAME SYNOPSIS DESCRIPTION OPTIONS "INLINE SUPPRESSIONS" \
    ENVIRONMENT FILES "EXIT STATUS" EXAMPLES "SEE ALSO"; do
	if grep -qx ".Sh $sh" "$page"; then ok; else bad "no section $sh"; fi
done
for x in "sysctl 8" "sysctl.conf 5" "sysctl.d 5" "systemd-sysctl 8"; do
	if grep -qx "\.Xr $x.*" "$page"; then ok; else
		bad "SEE ALSO lacks $x"
	fi
done
if grep -q '^\.It Ev NO_COLOR' "$page"; then ok; else bad "NO_COLOR not documented"; fi

# The markup.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wwarning "$page" >"$t/lint" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$t/lint" ]; then ok; else
		bad "mandoc -Tlint -Wwarning (exit $rc):"
		sed 's/^/    /' "$t/lint" | head -20
	fi
elif command -v groff >/dev/null 2>&1; then
	echo "skip: mandoc not installed (apt-get install mandoc); checking with groff"
	groff -mandoc -Tutf8 -ww -z "$page" >"$t/lint" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$t/lint" ]; then ok; else
		bad "groff -mandoc -ww (exit $rc):"
		sed 's/^/    /' "$t/lint" | head -20
	fi
else
	echo "skip: neither mandoc nor groff installed: markup not checked"
fi

echo "manpage: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
