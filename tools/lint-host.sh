#!/bin/sh
# Lints this machine's sysctl configuration: the sysctl.d directories
# that exist, in the order systemd-sysctl and procps read them, then
# /etc/sysctl.conf.  A directory reached twice (/lib -> usr/lib) and a
# sysctl.conf already linked from /etc/sysctl.d are read once.  Findings
# are shown; they do not fail `make run`.
bin=${1:-build/sysctl-lint}
seen=
set --
for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do
	[ -d "$d" ] || continue
	real=$(readlink -f "$d")
	case " $seen " in *" $real "*) continue ;; esac
	seen="$seen $real"
	set -- "$@" "$d"
done
if [ -f /etc/sysctl.conf ]; then
	linked=no
	for f in /etc/sysctl.d/*.conf; do
		[ "$(readlink -f "$f" 2>/dev/null)" = "$(readlink -f /etc/sysctl.conf)" ] && linked=yes
	done
	[ "$linked" = no ] && set -- "$@" /etc/sysctl.conf
fi
if [ $# -eq 0 ]; then
	echo "no sysctl configuration on this machine"
	exit 0
fi
echo "sysctl-lint $*"
"$bin" --fail-level=none "$@"
