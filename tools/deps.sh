#!/bin/sh
# Installs the Debian packages named as arguments when some are missing:
# with apt-get when run as root, otherwise it prints the command to run
# and fails.  On a system without dpkg it trusts the build to say what
# is missing.
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=
for p in "$@"; do
	s=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$s" in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "sysctl-lint needs these Debian packages; as root run:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq $missing >/dev/null
