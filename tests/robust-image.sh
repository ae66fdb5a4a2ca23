#!/bin/sh
# Image audits (--root) and the line model on hostile trees and bytes:
# unreadable files and directories are tool errors (checked as an
# unprivileged user when run as root, else counted as skipped), listed
# names that cannot be resolved get a note, deep trees are followed, an
# unread etc/sysctl.conf under systemd is noted, and lone CR and NUL
# line ends are read per loader.  The hardening profile is off where a
# test is about which files are read, not what they set.
# Usage: tests/robust-image.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"
skip=0

# Unreadable inputs, as an unprivileged user (needs root to set up).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	u=$t/unreadable
	mkdir -p "$u/img/etc/sysctl.d" "$u/img/run/sysctl.d"
	printf 'kernel.panic = 1\n' >"$u/img/etc/sysctl.d/10.conf"
	printf 'kernel.panic = 2\n' >"$u/img/etc/sysctl.d/20.conf"
	printf 'kernel.panic = 3\n' >"$u/img/run/sysctl.d/15.conf"
	cp "$bin" "$u/sl"
	chmod -R a+rX "$t"
	chmod 600 "$u/img/etc/sysctl.d/20.conf"
	chmod 700 "$u/img/run/sysctl.d"
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	nobody "$u/sl" --root "$u/img" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ]; then ok; else bad "unreadable: exit $rc, expected 2"; fi
	err_has unreadable-file "cannot open '$u/img/etc/sysctl.d/20.conf': Permission denied"
	err_has unreadable-dir "cannot open directory '$u/img/run/sysctl.d': Permission denied"
	nobody "$u/sl" --root "$u/img" --print-effective >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -eq 2 ]; then ok; else bad "effective-incomplete: exit $rc, expected 2"; fi
	out_lacks effective-incomplete 'kernel.panic'
else
	skip=$((skip + 5))
	echo "SKIP unreadable inputs: needs root and setpriv"
fi

# A listed link through a regular file, and a file deeper than 64 levels.
d=$t/listed
mkdir -p "$d/etc/sysctl.d"
printf 'x\n' >"$d/etc/sysctl.conf"
ln -s ../sysctl.conf/foo "$d/etc/sysctl.d/74-notdir.conf"
deep=$(i=0; while [ $i -lt 80 ]; do printf 'd/'; i=$((i + 1)); done)
mkdir -p "$d/srv/$deep"
printf 'kernel.panic = 7\n' >"$d/srv/${deep}x.conf"
ln -s "/srv/${deep}x.conf" "$d/etc/sysctl.d/75-deep.conf"
lint 0 listed --disable=hardening --root "$d" --loader systemd
out_has listed-notdir '74-notdir.conf:1:1: note: .*not a directory.*\[SL2003\]'
lint 0 deep --root "$d" --loader systemd --print-effective
out_has deep 'kernel.panic = 7  # etc/sysctl.d/75-deep.conf:1'

# systemd never reads etc/sysctl.conf without a link in sysctl.d.
s=$t/sysconf
mkdir -p "$s/etc/sysctl.d"
printf 'kernel.panic = 1\n' >"$s/etc/sysctl.conf"
lint 0 sysconf-systemd --disable=hardening --root "$s" --loader systemd
out_has sysconf-systemd 'etc/sysctl.conf:1:1: note: .*systemd-sysctl does not read etc/sysctl.conf'
lint 0 sysconf-procps --disable=hardening --root "$s" --loader procps
out_lacks sysconf-procps 'does not read'
ln -s ../sysctl.conf "$s/etc/sysctl.d/99-sysctl.conf"
lint 0 sysconf-linked --disable=hardening --root "$s" --loader systemd
out_lacks sysconf-linked 'does not read'

# A lone CR or a NUL where systemd-sysctl ends a line: the text after it
# is a line of its own for systemd, part of the line (or ignored) for
# procps.  A plain file is judged as both read it; an image by its loader.
l=$t/lineends
mkdir -p "$l"
printf '# routing stays off\rnet.ipv4.ip_forward = 1\n' >"$l/cr.conf"
cat >"$l/route.rules" <<'RULES'
{"rules": [{"id": "LOCAL-001", "name": "no-routing", "severity": "error",
  "summary": "Hosts do not route.", "explanation": "Routing is off here.",
  "keys": ["net.ipv4.ip_forward"], "when": "value != 0",
  "message": "'{key}' = {value}: this host must not route"}]}
RULES
lint 1 cr-rule -S error --rules "$l/route.rules" "$l/cr.conf"
out_has cr-rule "LOCAL-001"
lint 1 cr-error --fail-level=error "$l/cr.conf"
out_has cr-error "error: a carriage return .*only systemd-sysctl applies 'net.ipv4.ip_forward = 1' \[SL1017\]"
# Reported only at errors: the raised severity is what -S judges.
lint 1 cr-severity-floor -S error "$l/cr.conf"
out_has cr-severity-floor "error: a carriage return .*\[SL1017\]"
lint 0 cr-effective --print-effective "$l/cr.conf"
out_has cr-effective '^net.ipv4.ip_forward = 1  # '
awk 'BEGIN { for (i = 0; i < 200; i++) print "# padding past the binary probe ......................"
	printf "kernel.panic = 1%cvm.swappiness = 5\n", 0 }' >"$l/nul.conf"
lint 1 nul-hidden "$l/nul.conf"
out_has nul-hidden "error: NUL byte: procps ignores the rest of the line, systemd-sysctl reads it as a line of its own and applies 'vm.swappiness = 5' \[SL1018\]"
lint 0 nul-effective --print-effective "$l/nul.conf"
out_has nul-effective '^vm.swappiness = 5  # '
i=$l/img
mkdir -p "$i/etc/sysctl.d"
cp "$l/cr.conf" "$i/etc/sysctl.d/10-cr.conf"
lint 0 cr-systemd --root "$i" --loader systemd --print-effective
out_has cr-systemd '^net.ipv4.ip_forward = 1  # etc/sysctl.d/10-cr.conf:1'
lint 0 cr-procps --root "$i" --loader procps --print-effective
out_lacks cr-procps 'ip_forward'
lint 0 cr-systemd-note --root "$i" --loader systemd --fail-level=error
out_has cr-systemd-note 'warning: a carriage return'

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
