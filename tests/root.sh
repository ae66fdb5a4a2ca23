#!/bin/sh
# Image audits (--root): trees are built here, at run time.  They prove
# masking by name and by /dev/null, the sort across directories, links
# that point outside the root resolving inside it, FIFOs and link loops
# as notes, 99-sysctl.conf read once, overrides naming both places,
# paths relative to the root, the kernel line from usr/lib/modules, the
# loader chosen by what the image holds, and drift against a snapshot.
# Usage: tests/root.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"
trap 'rm -rf "$t" "$outside"' EXIT
line_of() { grep -n -e "$1" "$t/out" | head -1 | cut -d: -f1; }

r=$t/root
mkdir -p "$r/etc/sysctl.d" "$r/usr/lib/sysctl.d" "$r/run/sysctl.d" \
    "$r/usr/local/lib/sysctl.d" "$r/usr/lib/modules/6.1.0-26-amd64" \
    "$r/usr/lib/systemd" "$r/srv"
: >"$r/usr/lib/systemd/systemd-sysctl"
ln -s usr/lib "$r/lib"
printf 'vm.swappiness = 60\nkernel.panic = 0\n' >"$r/usr/lib/sysctl.d/10-vendor.conf"
printf 'kernel.panic = 10\n' >"$r/run/sysctl.d/15-run.conf"
printf 'vm.swappiness = 10\n' >"$r/etc/sysctl.d/20-local.conf"
printf 'kernel.sysrq = 16\n' >"$r/usr/lib/sysctl.d/50-named.conf"
printf 'kernel.sysrq = 1\n' >"$r/etc/sysctl.d/50-named.conf"
printf 'fs.file-max = 1\n' >"$r/usr/lib/sysctl.d/60-masked.conf"
ln -s /dev/null "$r/etc/sysctl.d/60-masked.conf"
printf 'kernel.pid_max = 1\n' >"$r/usr/lib/sysctl.d/61-empty.conf"
: >"$r/usr/local/lib/sysctl.d/61-empty.conf"
# A file at the same path exists outside the root; it must not be read.
outside=$(mktemp -d /tmp/sysctl-lint-outside.XXXXXX)
printf 'kernel.domainname = outside-the-root\n' >"$outside/x.conf"
mkdir -p "$r$outside"
printf 'kernel.domainname = inside-the-root\n' >"$r$outside/x.conf"
ln -s "$outside/x.conf" "$r/etc/sysctl.d/70-absolute.conf"
printf 'kernel.hostname = by-dotdot\n' >"$r/srv/y.conf"
ln -s ../../../../../../../srv/y.conf "$r/etc/sysctl.d/71-dotdot.conf"
mkfifo "$r/etc/sysctl.d/80-fifo.conf"
ln -s 81-loop.conf "$r/etc/sysctl.d/81-loop.conf"
ln -s nowhere "$r/etc/sysctl.d/82-dangling.conf"
printf 'net.ipv4.ip_forward = 1\n' >"$r/etc/sysctl.conf"
ln -s ../sysctl.conf "$r/etc/sysctl.d/99-sysctl.conf"

# Which files are read, not how they score: ip_forward = 1 is a
# hardening finding, and the profile is on for images.
lint 0 audit --disable=hardening --format json --root "$r"
out_has audit '"kernel": "6.1"'
out_has audit '"file": "etc/sysctl.d/20-local.conf"'
out_lacks audit "\"file\": \"$r"
out_has audit "not read: 'etc/sysctl.d/50-named.conf' has the same name"
out_has audit "masked: 'etc/sysctl.d/60-masked.conf'"
out_has audit "masked: 'usr/local/lib/sysctl.d/61-empty.conf'"
out_has audit "not read: it is not a regular file"
out_has audit "not read: it is a loop of symbolic links"
out_has audit "not read: it is a link to a file that does not exist"
out_has audit "'vm.swappiness' = '60' here is overridden by '10' in a later file"
out_has audit '"message": "the assignment that wins"'
out_has audit "'kernel.panic' = '0' here is overridden by '10'"
out_lacks audit "set again"

lint 0 effective --root "$r" --print-effective
out_has effective "^kernel.domainname = inside-the-root  # etc/sysctl.d/70-absolute.conf:1$"
out_lacks effective "outside-the-root"
out_has effective "^kernel.hostname = by-dotdot  # etc/sysctl.d/71-dotdot.conf:1$"
out_has effective "^kernel.panic = 10  # run/sysctl.d/15-run.conf:1$"
out_has effective "^vm.swappiness = 10  # etc/sysctl.d/20-local.conf:1$"
out_has effective "^kernel.sysrq = 1  # etc/sysctl.d/50-named.conf:1$"
out_has effective "^net.ipv4.ip_forward = 1  # etc/sysctl.d/99-sysctl.conf:1$"
out_lacks effective "file-max"
out_lacks effective "pid_max"
# The sort is by name across directories: 15-run (run) between 10 and 20.
a=$(line_of "15-run.conf")
b=$(line_of "20-local.conf")
if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then ok; else bad "order: 15-run after 20-local"; fi

# procps reads etc/sysctl.conf last; the 99-sysctl.conf link to it once.
lint 0 procps --root "$r" --loader procps --print-effective
out_has procps "^net.ipv4.ip_forward = 1  # etc/sysctl.conf:1$"
out_lacks procps "99-sysctl.conf"
rm "$r/usr/lib/systemd/systemd-sysctl"
lint 0 procps-auto --root "$r" --print-effective
out_has procps-auto "# etc/sysctl.conf:1$"
lint 2 bad-loader --root "$r" --loader=openrc
lint 2 missing-root --root "$t/nonexistent"

# Drift: the running kernel's values against the effective ones.
printf 'kernel.osrelease = 6.12.9\nvm.swappiness = 60\nkernel.panic = 0xa\n' >"$t/run.snap"
lint 1 drift --format json --root "$r" --snapshot "$t/run.snap"
out_has drift '"kernel": "6.12"'
out_has drift "'vm.swappiness' is set to '10' here, but the running kernel has '60'"
out_lacks drift "'kernel.panic' is set"
out_has drift '"message": "the value the running kernel reported"'

# CI reports place findings on the checkout: an image under the working
# directory is reported at paths relative to it, a file reached through a
# link at its target (what a code host shows); text keeps the boot's view.
c=$t/checkout
mkdir -p "$c/images/rootfs/etc/sysctl.d"
printf 'net.ipv4.tcp_tw_recycle = 1\n' >"$c/images/rootfs/etc/sysctl.conf"
mkdir -p "$c/images/rootfs/srv"
printf 'kernel.sched_min_granularity_ns = 1\n' >"$c/images/rootfs/srv/tuning.conf"
ln -s ../../srv/tuning.conf "$c/images/rootfs/etc/sysctl.d/50-link.conf"
printf 'net.ipv4.tcp_tw_recycle = 1\n' >"$c/images/rootfs/etc/sysctl.d/90-x.conf"
(
	cd "$c" || exit 2
	"$bin" --root images/rootfs --format sarif >"$t/out" 2>"$t/err"
)
out_has ci-sarif '"uri": "images/rootfs/etc/sysctl.d/90-x.conf"'
out_has ci-sarif '"uri": "images/rootfs/etc/sysctl.conf"'
out_lacks ci-sarif '"uri": "etc/'
out_has ci-sarif '"uri": "images/rootfs/srv/tuning.conf"'
out_lacks ci-sarif '50-link.conf"'
(cd "$c" && "$bin" --root images/rootfs --format github >"$t/out" 2>&1)
out_has ci-github 'file=images/rootfs/etc/sysctl.d/90-x.conf,line=1'
(cd "$c" && "$bin" --root "$c/images/rootfs" --format gitlab >"$t/out" 2>&1)
out_has ci-gitlab '"path": "images/rootfs/etc/sysctl.d/90-x.conf"'
(cd "$c" && "$bin" --root images/rootfs >"$t/out" 2>&1)
out_has ci-text '^etc/sysctl.d/90-x.conf:1:1: error'
# Outside the working directory, the image's own paths stay.
(cd "$t" && mkdir -p elsewhere && cd elsewhere &&
    "$bin" --root "$c/images/rootfs" --format github >"$t/out" 2>&1)
out_has ci-outside 'file=etc/sysctl.d/90-x.conf,line=1'

# Keys no file sets keep the kernel's default: the hardening profile of
# an image audit judges those, located in a file of their own; a key a
# file sets is not defaulted; --print-effective shows only what the boot
# applies, and without the profile nothing is defaulted.
dd=$t/defaults
mkdir -p "$dd/etc/sysctl.d"
printf 'fs.protected_symlinks = 1\n' >"$dd/etc/sysctl.d/10-links.conf"
lint 1 defaults --root "$dd" -k 6.1
out_has defaults "^<kernel 6.1 defaults>:[0-9]*:1: warning: 'fs.protected_hardlinks' = 0, but the KSPP"
out_lacks defaults "defaults>.*'fs.protected_symlinks'"
lint 0 defaults-effective --root "$dd" -k 6.1 --print-effective
out_lacks defaults-effective 'defaults>'
lint 0 defaults-off --root "$dd" -k 6.1 --disable=hardening
out_lacks defaults-off 'defaults>'

# The active tuned profile joins the image: tuned writes the sysctl
# files again after it (reapply_sysctl, the default), so they win and
# the profile's line is the one overridden; with reapply_sysctl = 0 the
# profile wins.  A profile name that would leave its directory is not
# looked up.
tu=$t/tuned
mkdir -p "$tu/etc/sysctl.d" "$tu/etc/tuned" "$tu/usr/lib/tuned/tp"
printf 'vm.swappiness = 30\n' >"$tu/etc/sysctl.d/90-local.conf"
printf '[main]\nsummary=test\n\n[sysctl]\nvm.swappiness=10\nvm.dirty_ratio=40\n' \
    >"$tu/usr/lib/tuned/tp/tuned.conf"
echo tp >"$tu/etc/tuned/active_profile"
lint 0 tuned-reapplied --disable=hardening --root "$tu" -k 6.1
out_has tuned-reapplied "^usr/lib/tuned/tp/tuned.conf:5:1: note: 'vm.swappiness' = '10' here is overridden by '30' in a later file \\[SL5003\\]"
lint 0 tuned-effective --root "$tu" -k 6.1 --print-effective
out_has tuned-effective '^vm.swappiness = 30  # etc/sysctl.d/90-local.conf:1$'
out_has tuned-effective '^vm.dirty_ratio = 40  # usr/lib/tuned/tp/tuned.conf:6$'
printf '[daemon]\nreapply_sysctl = 0\n' >"$tu/etc/tuned/tuned-main.conf"
lint 0 tuned-wins --disable=hardening --root "$tu" -k 6.1
out_has tuned-wins "^etc/sysctl.d/90-local.conf:1:1: note: 'vm.swappiness' = '30' here is overridden by '10' in a later file"
echo '../../../etc tp' >"$tu/etc/tuned/active_profile"
lint 0 tuned-escape --disable=hardening --root "$tu" -k 6.1 --print-effective
out_has tuned-escape '^vm.swappiness = 10  # usr/lib/tuned/tp/tuned.conf:5$'
out_lacks tuned-escape '\.\./'
# include= parents apply first and the profile overrides them; a
# profile that includes itself again and again is read a bounded
# number of times.
mkdir -p "$tu/usr/lib/tuned/child"
printf '[main]\ninclude=tp\n\n[sysctl]\nvm.dirty_ratio=20\n' \
    >"$tu/usr/lib/tuned/child/tuned.conf"
echo child >"$tu/etc/tuned/active_profile"
lint 0 tuned-include --disable=hardening --root "$tu" -k 6.1 --print-effective
out_has tuned-include '^vm.dirty_ratio = 20  # usr/lib/tuned/child/tuned.conf:5$'
out_has tuned-include '^vm.swappiness = 10  # usr/lib/tuned/tp/tuned.conf:5$'
mkdir -p "$tu/usr/lib/tuned/loop"
printf '[main]\ninclude=loop,loop,loop,loop,loop,loop,loop,loop,loop,loop\n\n[sysctl]\nvm.dirty_ratio=20\n' \
    >"$tu/usr/lib/tuned/loop/tuned.conf"
echo loop >"$tu/etc/tuned/active_profile"
lint 0 tuned-loop --disable=hardening --root "$tu" -k 6.1 -f json
out_has tuned-loop '"files": 6[0-9],'

echo "root: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
