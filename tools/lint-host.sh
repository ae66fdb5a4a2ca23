#!/bin/sh
# Lints this machine's sysctl configuration: the sysctl.d directories
# that exist, in the order systemd-sysctl and procps read them, then
# /etc/sysctl.conf.  Findings are shown; they do not fail `make run`.
bin=${1:-build/sysctl-lint}
set --
for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do
	[ -d "$d" ] && [ ! -L "$d" ] && set -- "$@" "$d"
done
[ -f /etc/sysctl.conf ] && set -- "$@" /etc/sysctl.conf
if [ $# -eq 0 ]; then
	echo "no sysctl configuration on this machine"
	exit 0
fi
echo "sysctl-lint $*"
"$bin" --fail-level=none "$@"
