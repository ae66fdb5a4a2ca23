#!/bin/sh
# The sysctl-lint hook of .pre-commit-hooks.yaml, run by pre-commit itself
# on throw-away git repositories, with BINARY's directory first in PATH:
# once as a "repo: local" hook with the manifest's fields, once from a
# hook repository (a local git repository holding the manifest, as a
# clone of this one would; pre-commit cannot fetch from the network
# here).  A clean sysctl.d file passes; a bad one fails the run; files
# outside the hook's "files" pattern are not linted; staged files of one
# sysctl.d directory are judged as their set.  Skips (0 passed,
# 0 failed) when pre-commit is not installed and cannot be: as root it
# tries apt-get install -y pre-commit (Debian's package) first.
# HOME, PRE_COMMIT_HOME and the XDG directories point into a temporary
# directory, so nothing outside it is touched.
# Usage: tests/pre-commit.sh BINARY
set -u
bin=$1
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
root=$(cd "$(dirname "$0")/.." && pwd) || exit 2
manifest=$root/.pre-commit-hooks.yaml
. "$root/tests/lib.sh"
skip() {
	echo "skip: $*"
	echo "pre-commit: 0 passed, 0 failed"
	exit 0
}

if ! command -v pre-commit >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "pre-commit is not installed: apt-get install -y pre-commit"
		DEBIAN_FRONTEND=noninteractive apt-get install -y pre-commit \
		    >/dev/null 2>&1 || echo "apt-get install pre-commit failed"
	fi
	command -v pre-commit >/dev/null 2>&1 ||
	    skip "pre-commit is not installed (Debian package pre-commit)"
fi
command -v git >/dev/null 2>&1 || skip "git is not installed"
if [ ! -x "$bin" ]; then
	bad "$bin is not an executable"
	echo "pre-commit: $pass passed, $fail failed"
	exit 1
fi
if [ ! -r "$manifest" ]; then
	bad "cannot read $manifest"
	echo "pre-commit: $pass passed, $fail failed"
	exit 1
fi

t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
mkdir "$t/home" "$t/cache" "$t/xdg-cache" "$t/xdg-config"
export HOME="$t/home" PRE_COMMIT_HOME="$t/cache"
export XDG_CACHE_HOME="$t/xdg-cache" XDG_CONFIG_HOME="$t/xdg-config"
export GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.invalid
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE SKIP PRE_COMMIT_ALLOW_NO_CONFIG \
    2>/dev/null || true
PATH="$(dirname "$bin"):$PATH"
export PATH
echo "using $(pre-commit --version), $(command -v sysctl-lint)"

# run NAME EXPECTED-STATUS ARGS...: pre-commit ARGS in the work tree
# $w, its output in $t/out.
run() {
	name=$1
	want=$2
	shift 2
	(cd "$w" && timeout 300 pre-commit "$@" --color never) \
	    >"$t/out" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -eq "$want" ]; then ok; else
		bad "$name: pre-commit $* exited $rc, expected $want"
		sed 's/^/    /' "$t/out" | head -20
	fi
}
git_in() { git -C "$w" "$@" >/dev/null 2>&1 || bad "git $*"; }

BAD='net.ipv4.tcp_syncookies= 1 net.ipv4.tcp_tw_reuse= 1'

# The manifest itself.
w=$root
run validate-manifest 0 validate-manifest "$manifest"

# scenario NAME: a work repository $t/NAME whose .pre-commit-config.yaml
# is already in $t/NAME.yaml.
scenario() {
	n=$1
	w=$t/$n
	git init -q "$w" || { bad "$n: git init"; return; }
	cp "$t/$n.yaml" "$w/.pre-commit-config.yaml"
	mkdir -p "$w/etc/sysctl.d/old" "$w/image/etc"
	echo 'kernel.sysrq = 16' >"$w/etc/sysctl.d/10-ok.conf"
	# Outside the pattern: a README, a subdirectory, a backup copy.
	echo "$BAD" >"$w/etc/sysctl.d/README"
	echo "$BAD" >"$w/etc/sysctl.d/old/20-bad.conf"
	echo "$BAD" >"$w/image/etc/sysctl.conf.bak"
	git_in add -A
	git_in commit -q -m clean

	run "$n validate-config" 0 validate-config
	run "$n clean" 0 run --all-files
	out_has "$n clean" '^sysctl-lint\.*Passed'

	echo "$BAD" >"$w/etc/sysctl.d/20-bad.conf"
	git_in add etc/sysctl.d/20-bad.conf
	run "$n bad" 1 run --all-files
	out_has "$n bad" '^sysctl-lint\.*Failed'
	out_has "$n bad" 'etc/sysctl.d/20-bad.conf:1:28: error: .*\[SL1002\]'
	out_lacks "$n bad" 'README\|old/20-bad\|sysctl.conf.bak'
	# Only the staged files, as in a commit.
	run "$n bad staged" 1 run
	out_has "$n bad staged" 'etc/sysctl.d/20-bad.conf:1:28'
	out_lacks "$n bad staged" '10-ok.conf'

	# A sysctl.conf anywhere is linted too.
	git_in rm -q --cached etc/sysctl.d/20-bad.conf
	echo "$BAD" >"$w/image/etc/sysctl.conf"
	git_in add image/etc/sysctl.conf
	run "$n sysctl.conf" 1 run
	out_has "$n sysctl.conf" 'image/etc/sysctl.conf:1:28: error: .*\[SL1002\]'
	out_lacks "$n sysctl.conf" '20-bad.conf'

	# Two staged files of one sysctl.d directory are one set: they
	# disagree on a key.
	git_in rm -q --cached image/etc/sysctl.conf
	rm -f "$w/etc/sysctl.d/20-bad.conf" "$w/image/etc/sysctl.conf"
	echo 'vm.swappiness = 10' >"$w/etc/sysctl.d/30-a.conf"
	echo 'vm.swappiness = 60' >"$w/etc/sysctl.d/40-b.conf"
	git_in add etc/sysctl.d/30-a.conf etc/sysctl.d/40-b.conf
	run "$n set" 1 run
	out_has "$n set" 'etc/sysctl.d/30-a.conf:1:1: warning: .*\[SL5005\]'
	# A file staged alone is judged among the set's committed files.
	git_in commit -q -m set
	echo 'vm.swappiness = 30' >"$w/etc/sysctl.d/50-c.conf"
	git_in add etc/sysctl.d/50-c.conf
	run "$n set context" 1 run
	out_has "$n set context" 'etc/sysctl.d/40-b.conf:1:1: warning: .*\[SL5005\]'
}

# 1. repo: local, with the manifest's sysctl-lint hook as it stands (its
#    fields, indented into the hooks list).  sysctl-lint-build is a
#    script of the hook repository: tests/snippets.sh runs it.
{
	printf 'repos:\n  - repo: local\n    hooks:\n'
	awk '/^- id: / { on = ($3 == "sysctl-lint") } on' "$manifest" |
	    sed 's/^/      /'
} >"$t/local.yaml"
if grep -q '^      - id: sysctl-lint$' "$t/local.yaml" &&
    grep -q '^        entry: sysctl-lint$' "$t/local.yaml" &&
    ! grep -q 'sysctl-lint-build' "$t/local.yaml"; then ok; else
	bad "the manifest's sysctl-lint hook, alone:"
	sed 's/^/    /' "$t/local.yaml"
fi
scenario local

# 2. The hook from a hook repository: a git repository holding the
#    manifest, named by its path and commit, as users name a clone of
#    this repository by URL and tag.
h=$t/hook-repo
if ! { git init -q "$h" && cp "$manifest" "$h/.pre-commit-hooks.yaml" &&
    git -C "$h" add .pre-commit-hooks.yaml &&
    git -C "$h" commit -q -m hooks; }; then
	bad "hook repository"
fi
rev=$(git -C "$h" rev-parse HEAD)
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: sysctl-lint\n' \
    "$h" "$rev" >"$t/remote.yaml"
scenario remote

# 3. The fixing hook: like a formatter it fails when it changed a file,
#    which then holds the safe fixes (and not the unsafe ones); with the
#    fixed file staged it passes.
printf 'repos:\n  - repo: %s\n    rev: %s\n    hooks:\n      - id: sysctl-lint-fix\n' \
    "$h" "$rev" >"$t/fix.yaml"
w=$t/fix
if git init -q "$w" && cp "$t/fix.yaml" "$w/.pre-commit-config.yaml"; then ok; else bad "fix: git init"; fi
mkdir -p "$w/etc/sysctl.d"
printf 'net.ipv4.tcp_rmem = "4096 131072 6291456"\nnet.ipv4.tcp_tw_recycle = 1\n' \
    >"$w/etc/sysctl.d/20-quoted.conf"
printf 'net.ipv4.tcp_wmem = "4096 16384 4194304"\n' >"$w/etc/sysctl.d/30-unstaged.conf"
git_in add .pre-commit-config.yaml etc/sysctl.d/20-quoted.conf
run "fix changes" 1 run
out_has "fix changes" '^sysctl-lint --fix\.*Failed'
out_has "fix changes" 'files were modified by this hook'
if grep -q '"' "$w/etc/sysctl.d/20-quoted.conf"; then bad "fix changes: not fixed"; else ok; fi
if grep -q tcp_tw_recycle "$w/etc/sysctl.d/20-quoted.conf"; then ok; else bad "fix changes: an unsafe fix applied"; fi
if grep -q '"' "$w/etc/sysctl.d/30-unstaged.conf"; then ok; else bad "fix changes: an unstaged file was fixed"; fi
git_in add etc/sysctl.d/20-quoted.conf
run "fix clean" 0 run
out_has "fix clean" '^sysctl-lint --fix\.*Passed'

echo "pre-commit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
