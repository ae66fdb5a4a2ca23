#!/bin/sh
# The sysctl-lint-build hook of .pre-commit-hooks.yaml, for machines
# without sysctl-lint installed.  pre-commit runs it from its clone of
# this repository at the configured rev, with the staged files as
# arguments: the first run builds sysctl-lint from that clone, later runs
# reuse the binary.  The clone is of one rev, so a binary that exists is
# the one to run; SYSCTL_LINT_HOOK_BUILD names another directory for it
# (default: build/pre-commit-hook in the clone, which `pre-commit clean`
# removes with the clone).
# Building needs a C compiler, make, pkg-config, libcjson and libpcre2
# (Debian: gcc make pkg-config libcjson-dev libpcre2-dev libyaml-dev).
set -u
src=$(cd "$(dirname "$0")/.." && pwd) || exit 2
dir=${SYSCTL_LINT_HOOK_BUILD:-$src/build/pre-commit-hook}
bin=$dir/sysctl-lint

# Builds into a directory of this process's own and renames the binary
# into place, so that two commits running at once never run a half
# written binary; the loser's rename replaces an identical file.
build() {
	mkdir -p "$dir" || return 1
	tmp=$(mktemp -d "$dir/build.XXXXXX") || return 1
	echo "sysctl-lint-build: building sysctl-lint in $dir (once)" >&2
	if make -C "$src" B="$tmp" "$tmp/sysctl-lint" >"$tmp.log" 2>&1 &&
	    mv -f "$tmp/sysctl-lint" "$bin"; then
		rm -rf "$tmp" "$tmp.log"
		return 0
	fi
	tail -n 20 "$tmp.log" >&2
	rm -rf "$tmp" "$tmp.log"
	echo "sysctl-lint-build: building sysctl-lint failed; it needs a C" \
	    "compiler, make, pkg-config, libcjson and libpcre2 (Debian:" \
	    "gcc make pkg-config libcjson-dev libpcre2-dev libyaml-dev), or install" \
	    "sysctl-lint and use the hook id sysctl-lint" >&2
	return 1
}

if [ ! -x "$bin" ]; then
	build || exit 2
fi
exec "$bin" "$@"
