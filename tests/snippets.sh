#!/bin/sh
# The README's snippets work as pasted.  tests/snippets.py checks each
# one's YAML and structure; then the GitHub workflow's run steps, the
# GitLab job's script and both pre-commit configurations run here, on
# fresh git repositories holding a clean sysctl.d file and one with an
# error in another directory (and a Makefile that must not run).
# The project is cloned from a local repository holding this checkout's
# HEAD as the release tag the snippets name (so uncommitted changes are
# not what runs), instead of from GitHub; apt-get lines and actions do
# not run (each is listed as "skip:", never counted as a pass), and sudo
# is dropped: installs go under PREFIX in the scratch directory.  Then
# tools/pre-commit-hook.sh itself: it builds once, reuses the binary,
# and a failed build is a clear error.
# It builds sysctl-lint four times from clean clones (a few seconds each
# here), whatever build the suite is testing: tests/run-all.sh runs it
# once.
# Usage: tests/snippets.sh
set -u
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
unset FORCE_COLOR
# The clones build as a CI job's make would, not as a sub-make of
# `make check` (its jobserver, its B= and CFLAGS=).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GNUMAKEFLAGS
t=$(mktemp -d -p "${TEST_TMPDIR:-${TMPDIR:-/tmp}}") || exit 2
trap 'chmod -R u+rwX "$t" 2>/dev/null; rm -rf "$t"' EXIT
pass=0
fail=0
skipped=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip: $*"; }
finish() {
	echo "skipped: $skipped (not run here, not counted as passes)"
	echo "snippets: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

# 1. Structure.
"$py" tests/snippets.py check >"$t/check" 2>&1
grep '^FAIL' "$t/check"
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$t/check")
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$t/check")
if [ -z "$p" ]; then
	bad "tests/snippets.py check did not finish:"
	sed 's/^/    /' "$t/check" | head -20
	finish
fi
pass=$((pass + p))
fail=$((fail + f))

version=$(sed -n 's/^#define SYSCTL_LINT_VERSION[	 ]*"\(.*\)"$/\1/p' include/version.h)
tag=v$version
url=$(sed -n 's/^#define SYSCTL_LINT_URL[	 ]*"\(.*\)"$/\1/p' include/version.h)
kernels=$("$py" -c 'import json, sys
print(" ".join(json.load(open(sys.argv[1]))["lines"]))' rules/keys.json)

export HOME="$t/home" XDG_CACHE_HOME="$t/xdg-cache"
export XDG_CONFIG_HOME="$t/xdg-config" PRE_COMMIT_HOME="$t/pre-commit"
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SKIP 2>/dev/null || true
git config --global advice.detachedHead false
git config --global init.defaultBranch main

# The release as the snippets fetch it: HEAD, as an annotated tag.
origin=$t/origin.git
if git init -q --bare "$origin" && git -C "$origin" fetch -q "$root" HEAD &&
    git -C "$origin" tag -a "$tag" -m "sysctl-lint $version" FETCH_HEAD; then
	ok
else
	bad "cannot make $origin with HEAD as $tag"
	finish
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "note: uncommitted changes are not in what runs (HEAD is)"
fi

BAD='net.ipv4.tcp_syncookies= 1 net.ipv4.tcp_tw_reuse= 1'
CLEAN=etc/sysctl.d/10-clean.conf
ERR=hosts/web/sysctl.d/20-bad.conf
# repo DIR: a user's repository, committed.
repo() {
	mkdir -p "$1/etc/sysctl.d" "$1/hosts/web/sysctl.d"
	echo 'kernel.sysrq = 16' >"$1/$CLEAN"
	echo "$BAD" >"$1/$ERR"
	printf 'all install:\n\ttouch makefile-ran; exit 1\n' >"$1/Makefile"
	git init -q "$1" && git -C "$1" add -A &&
	    git -C "$1" commit -q -m files || bad "git repository $1"
}
# untouched NAME DIR FILE: the checkout holds only its files and FILE.
untouched() {
	got=$(git -C "$2" status --porcelain | tr '\n' ' ')
	if [ "$got" = "?? $3 " ]; then ok; else
		bad "$1: the checkout changed beyond $3: $got"
	fi
}
# PATH without any sysctl-lint, for runs that must not find one.
bare_path=
old_ifs=$IFS
IFS=:
for d in $PATH; do
	[ -e "$d/sysctl-lint" ] || bare_path=${bare_path:+$bare_path:}$d
done
IFS=$old_ifs

# steps NAME DIR: the snippet's shell steps, in DIR (tests/snippets.py).
steps() {
	mkdir -p "$2"
	"$py" tests/snippets.py steps "$1" "$2" "file://$origin" >"$2.log" 2>&1 ||
	    { bad "$1: tests/snippets.py steps failed"; sed 's/^/    /' "$2.log"; }
	grep -v '^skip:' "$2.log"
	while read -r line; do
		[ -n "$line" ] && skip "${line#skip: }"
	done <<EOF
$(grep '^skip:' "$2.log")
EOF
}

# The SARIF or Code Quality report: valid, and every path it names is a
# file of the repository, relative to it; the error's file is there, the
# clean file is not.
report() {	# NAME FORMAT REPO FILE
	"$py" - "$2" "$3" "$4" "$ERR" "$CLEAN" >"$t/report" 2>&1 <<'EOF'
import json, os, sys
fmt, repo, path, err, clean = sys.argv[1:]
doc = json.load(open(os.path.join(repo, path), encoding="utf-8"))
uris = []
def walk(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k == "artifactLocation":
                uris.append(v["uri"])
            else:
                walk(v)
    elif isinstance(x, list):
        for v in x:
            walk(v)
if fmt == "sarif":
    results = doc["runs"][0]["results"]
    walk(results)
    rules = {r.get("ruleId") for r in results}
    if "SL1002" not in rules:
        print("FAIL no SL1002 result: %s" % sorted(rules))
else:
    if not isinstance(doc, list) or not doc:
        print("FAIL not a non-empty list of issues")
    uris = [i["location"]["path"] for i in doc]
    if not any(i["check_name"].startswith("SL1002 ") for i in doc):
        print("FAIL no SL1002 issue")
for u in uris:
    if u.startswith("/") or ":" in u or ".." in u.split("/") or \
            not os.path.isfile(os.path.join(repo, u)):
        print("FAIL %r is not a path relative to the repository" % u)
if err not in uris:
    print("FAIL %s is not reported (paths: %s)" % (err, sorted(set(uris))))
if clean in uris:
    print("FAIL %s is reported" % clean)
print("checked %d paths" % len(uris))
EOF
	if [ $? -eq 0 ] && ! grep -q '^FAIL' "$t/report"; then ok; else
		bad "$1: $4:"
		sed 's/^/    /' "$t/report" | head -10
	fi
}

# version NAME BINARY: --version names this release and the key
# database's kernel lines.
version() {
	got=$("$2" --version 2>&1 | tr '\n' '|')
	want="sysctl-lint $version|key database: Linux $kernels|"
	if [ "$got" = "$want" ]; then ok; else
		bad "$1: --version printed '$got', expected '$want'"
	fi
}

# 2. GitHub Actions: each run step as GitHub runs it (bash -eo
#    pipefail), in the checkout, /usr/local/bin standing for PREFIX/bin.
gh=$t/github
repo "$gh/repo"
mkdir -p "$gh/runner-temp"
steps github-actions "$gh/steps"
sarif=$("$py" tests/snippets.py value github-actions sarif)
while read -r n kind; do
	[ -n "$n" ] || continue
	(cd "$gh/repo" && CI=true GITHUB_ACTIONS=true \
	    GITHUB_WORKSPACE="$gh/repo" RUNNER_TEMP="$gh/runner-temp" \
	    PREFIX="$gh/prefix" PATH="$gh/prefix/bin:$bare_path" \
	    timeout 600 bash --noprofile --norc -eo pipefail "$gh/steps/$n.sh") \
	    >"$gh/out" 2>"$gh/err" </dev/null
	rc=$?
	case $kind in build) want=0 ;; lint) want=1 ;; esac
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "github-actions $kind step $n exited $rc, expected $want:"
		sed 's/^/    /' "$gh/steps/$n.sh"
		tail -n 10 "$gh/err" | sed 's/^/    /'
	fi
	if [ "$kind" = lint ]; then
		if grep -q "^::error file=$ERR,line=1,col=28," "$gh/out" &&
		    ! grep -q "$CLEAN" "$gh/out"; then ok; else
			bad "github-actions: the annotations are not the error's:"
			head -5 "$gh/out" | sed 's/^/    /'
		fi
	fi
done <"$gh/steps/steps"
if [ -x "$gh/prefix/bin/sysctl-lint" ]; then ok; else
	bad "github-actions: nothing installed in $gh/prefix/bin"
fi
version github-actions "$gh/prefix/bin/sysctl-lint"
if [ -n "$sarif" ] && [ -f "$gh/repo/$sarif" ]; then
	ok
	report github-actions sarif "$gh/repo" "$sarif"
	out=$("$py" tests/validate-json.py tests/sarif/sarif-schema-2.1.0.json \
	    "$gh/repo/$sarif" 2>&1)
	case $out in *"1 passed, 0 failed"*) ok ;;
	*) bad "github-actions: $sarif: $out" ;; esac
else
	bad "github-actions: no SARIF file '$sarif' in the checkout"
fi
untouched github-actions "$gh/repo" "$sarif"
[ ! -e "$gh/repo/makefile-ran" ] && ok || bad "github-actions ran the repository's Makefile"

# 3. GitLab CI: the script's lines in one shell (set -eo pipefail, as
#    the runner does), in the checkout, as root in debian:12 with
#    /usr/local/bin standing for PREFIX/bin; mktemp -d in the scratch
#    directory.
gl=$t/gitlab
repo "$gl/repo"
mkdir -p "$gl/tmp"
steps gitlab-ci "$gl/steps"
cq=$("$py" tests/snippets.py value gitlab-ci codequality)
(cd "$gl/repo" && CI=true GITLAB_CI=true CI_PROJECT_DIR="$gl/repo" \
    TMPDIR="$gl/tmp" PREFIX="$gl/prefix" PATH="$gl/prefix/bin:$bare_path" \
    timeout 600 bash --noprofile --norc -c 'set -eo pipefail
	while read -r n kind <&4; do
		. "$0/$n.sh"
		echo "$n $kind" >&3
	done 4<"$0/steps"' "$gl/steps") >"$gl/out" 2>"$gl/err" 3>"$gl/done" </dev/null
rc=$?
lint_n=$(sed -n 's/ lint$//p' "$gl/steps/steps")
done_n=$(grep -c . "$gl/done")
if [ "$rc" -eq 1 ] && [ -n "$lint_n" ] &&
    [ "$done_n" -eq $(( ${lint_n#0} - 1 )) ]; then ok; else
	bad "gitlab-ci: exited $rc after $done_n lines, expected 1 from line $lint_n (the lint):"
	tail -n 10 "$gl/err" | sed 's/^/    /'
fi
if grep -q "^$ERR:1:28: error: .*\[SL1002\]" "$gl/out"; then ok; else
	bad "gitlab-ci: the text report lacks the error:"
	head -5 "$gl/out" | sed 's/^/    /'
fi
if [ -n "$(ls "$gl/tmp")" ] && [ ! -e "$gl/repo/makefile-ran" ]; then ok; else
	bad "gitlab-ci: not built in a mktemp -d directory"
fi
version gitlab-ci "$gl/prefix/bin/sysctl-lint"
if [ -n "$cq" ] && [ -f "$gl/repo/$cq" ]; then
	ok
	report gitlab-ci gitlab "$gl/repo" "$cq"
else
	bad "gitlab-ci: no Code Quality report '$cq' in the checkout"
fi
untouched gitlab-ci "$gl/repo" "$cq"

# 4. tools/pre-commit-hook.sh, from a clone, with no sysctl-lint on PATH.
hk=$t/hook
repo "$hk/repo"
git clone -q --branch "$tag" "$origin" "$hk/src" ||
    bad "hook: clone $origin"
script=$hk/src/tools/pre-commit-hook.sh
[ -x "$script" ] && ok || bad "hook: $script is not executable in the clone"
# hook NAME STATUS ARGS...: the script in the user's repository.
hook() {
	name=$1
	want=$2
	shift 2
	(cd "$hk/repo" && PATH=$bare_path timeout 600 "$script" "$@") \
	    >"$hk/out" 2>"$hk/err" </dev/null
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "hook $name: exited $rc, expected $want:"
		tail -n 10 "$hk/err" | sed 's/^/    /'
	fi
}
hook first-run 1 "$ERR" "$CLEAN"
if grep -q 'building sysctl-lint' "$hk/err"; then ok; else bad "hook: the first run did not build"; fi
if grep -q "^$ERR:1:28: error: .*\[SL1002\]" "$hk/out" &&
    ! grep -q "$CLEAN" "$hk/out"; then ok; else
	bad "hook first-run: output lacks the error:"
	head -5 "$hk/out" | sed 's/^/    /'
fi
built=$hk/src/build/pre-commit-hook/sysctl-lint
[ -x "$built" ] && ok || bad "hook: no binary at $built"
version hook "$built"
ls -l --time-style=+%s.%N "$built" >"$hk/before" 2>&1
hook again 0 "$CLEAN"
if [ -s "$hk/err" ]; then bad "hook again: said something on stderr:"; head -3 "$hk/err"; else ok; fi
ls -l --time-style=+%s.%N "$built" >"$hk/after" 2>&1
cmp -s "$hk/before" "$hk/after" && ok || bad "hook again: the binary changed"
[ -z "$(ls -d "$hk/src/build/pre-commit-hook/build."* 2>/dev/null)" ] && ok ||
    bad "hook: left build directories behind"
# A build that fails says what it needs, and leaves no binary.
(cd "$hk/repo" && SYSCTL_LINT_HOOK_BUILD="$hk/broken" CC=false \
    PATH=$bare_path timeout 600 "$script" "$CLEAN") >"$hk/out" 2>"$hk/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q 'failed.*libcjson-dev' "$hk/err" &&
    [ ! -e "$hk/broken/sysctl-lint" ] &&
    [ -z "$(ls "$hk/broken" 2>/dev/null)" ]; then ok; else
	bad "hook with a failing build: exit $rc, stderr:"
	tail -n 3 "$hk/err" | sed 's/^/    /'
	ls "$hk/broken" 2>&1 | sed 's/^/    /'
fi

# 5. Both pre-commit configurations, by pre-commit itself, with the hook
#    repository named by its URL's stand-in and the snippet's rev.
if ! command -v pre-commit >/dev/null 2>&1; then
	skip "pre-commit is not installed (Debian package pre-commit): the pre-commit snippets did not run"
	finish
fi
# precommit NAME PATH: the snippet NAME in a fresh repository.
precommit() {
	w=$t/$1
	repo "$w"
	"$py" -c 'import sys
sys.path.insert(0, "tests")
import snippets
print(snippets.extract()[sys.argv[1]].replace(sys.argv[2], sys.argv[3]), end="")' \
	    "$1" "$url" "$origin" >"$w/.pre-commit-config.yaml"
	git -C "$w" add .pre-commit-config.yaml
	(cd "$w" && PATH=$2 timeout 600 pre-commit run --all-files --color never) \
	    >"$t/pc-out" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 1 ] && grep -q "^sysctl-lint\.*Failed" "$t/pc-out" &&
	    grep -q "^$ERR:1:28: error: .*\[SL1002\]" "$t/pc-out" &&
	    ! grep -q "$CLEAN" "$t/pc-out"; then ok; else
		bad "$1: pre-commit run --all-files exited $rc:"
		sed 's/^/    /' "$t/pc-out" | head -20
	fi
	git -C "$w" rm -q "$ERR"
	(cd "$w" && PATH=$2 timeout 600 pre-commit run --all-files --color never) \
	    >"$t/pc-out" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq 0 ] && grep -q "^sysctl-lint\.*Passed" "$t/pc-out"; then ok; else
		bad "$1: pre-commit run --all-files without the error exited $rc:"
		sed 's/^/    /' "$t/pc-out" | head -20
	fi
}
precommit pre-commit "$gh/prefix/bin:$bare_path"
precommit pre-commit-build "$bare_path"
if [ -n "$(find "$PRE_COMMIT_HOME" -path '*/build/pre-commit-hook/sysctl-lint' -type f)" ]; then
	ok
else
	bad "pre-commit-build: no binary built in pre-commit's clone"
fi
finish
