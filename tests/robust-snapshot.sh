#!/bin/sh
# Snapshots are judged as files are: whatever its form (sysctl -a text,
# a copied /proc/sys, /proc/sys itself), a snapshot's keys go through
# the key checks, its values are what drift compares the configuration
# with, and, alone, what the data rules judge; each form gives the same
# findings for the same values.  Trees are read as sysctl -a reads
# /proc/sys.  Inputs are made here, at run time; UPDATE=1 rewrites the
# expected reports of the /proc/sys-like tree, fixtures/snapshots/proc.*.
# Usage: tests/robust-snapshot.sh BINARY
set -u
. "$(dirname "$0")/lib.sh"

# mktree DIR < TEXT: the tree a kernel with the "key = value" lines of
# TEXT shows under /proc/sys (dots and slashes swap in the file names).
mktree() {
	while IFS= read -r line; do
		key=${line%% = *}
		path=$1/$(printf '%s' "$key" | tr './' '/.')
		mkdir -p "$(dirname "$path")"
		printf '%s\n' "${line#* = }" >"$path"
	done
}

# mktext DIR: what sysctl -a prints for the tree DIR, each line of a
# value with its key; files it cannot read are left out.
mktext() {
	(cd "$1" && find . -type f -perm -u=r | sed 's|^\./||' | LC_ALL=C sort) |
	while IFS= read -r f; do
		v=$(cat "$1/$f" 2>/dev/null) || continue
		key=$(printf '%s' "$f" | tr './' '/.')
		printf '%s\n' "$v" | while IFS= read -r l; do
			printf '%s = %s\n' "$key" "$l"
		done
	done
}

# findings JSON: its findings' rules, keys and messages, sorted, without
# the notes on what is not a value (each form words them its own way).
findings() {
	python3 -c 'import json, sys
for f in sorted("%s %s %s" % (f["rule"], f.get("key"), f["message"])
    for f in json.load(open(sys.argv[1]))["findings"]
    if f["rule"] not in ("SL2003", "SL3014")):
    print(f)' "$1"
}

# same NAME JSON1 JSON2: the two reports have the same findings.
same() {
	findings "$2" >"$t/a"
	findings "$3" >"$t/b"
	if cmp -s "$t/a" "$t/b"; then ok; else
		bad "$1: the findings differ"
		diff "$t/a" "$t/b" | head -10
	fi
}

# count NAME PATTERN N: stdout has PATTERN on exactly N lines.
count() {
	n=$(grep -c -e "$2" "$t/out")
	if [ "$n" -eq "$3" ]; then ok; else bad "$1: $n lines with '$2', expected $3"; fi
}

cat >"$t/snap.txt" <<'EOF'
kernel.osrelease = 6.1.0-26-amd64
kernel.panic = 0
kernel.no_such_key_xyz = 1
net.ipv4.conf.eth0/100.forwarding = 1
vm.swappiness = 60
EOF
mktree "$t/tree" <"$t/snap.txt"
mkdir -p "$t/img/etc/sysctl.d"
cat >"$t/img/etc/sysctl.d/10-local.conf" <<'EOF'
kernel.panic = 10
net.ipv4.conf.eth0/100.forwarding = 0
vm.swappiness = 60
EOF

# Every form: the key the database lacks is a note (the kernel that
# reported it has it), and each value that differs from
# the configuration's is a drift, at the configuration's line.
for form in snap.txt tree; do
	s="$t/$form"
	lint 0 "$form-keys" --format json --snapshot "$s"
	out_has "$form-keys" '"kernel": "6.1"'
	count "$form-keys" '"rule": "SL3019"' 1
	out_lacks "$form-keys" '"rule": "SL3001"'
	out_has "$form-keys" '"key": "kernel.no_such_key_xyz"'
	lint 1 "$form-drift" --format json --root "$t/img" --snapshot "$s"
	count "$form-drift" '"rule": "SL5004"' 2
	out_has "$form-drift" "'kernel.panic' is set to '10' here, but the running kernel has '0'"
	out_has "$form-drift" "'net.ipv4.conf.eth0/100.forwarding' is set to '0' here, but the running kernel has '1'"
done
# A tree's findings are on its files, at line 1.
lint 0 tree-place --snapshot "$t/tree"
out_has tree-place "^$t/tree/kernel/no_such_key_xyz:1:1: note: 'kernel.no_such_key_xyz' is a key of the running kernel that the key database does not know"
lint 1 tree-related --format json --root "$t/img" --snapshot "$t/tree"
out_has tree-related "\"file\": \"$t/tree/kernel/panic\""

# A value is read as sysctl -a reads it, up to 4096 bytes: a longer one
# is a finding, and a huge file costs no more than a short one.
mkdir -p "$t/long/net/ipv4" "$t/long/kernel"
awk 'BEGIN { for (i = 1; i <= 1000; i++) printf "%d,", 1024 + i; print "4000" }' \
    >"$t/long/net/ipv4/ip_local_reserved_ports"
printf '%04095d\n' 0 >"$t/long/kernel/core_pattern"
truncate -s $((65 * 1024 * 1024)) "$t/long/kernel/sparse"
lint 1 long-tree --format json --snapshot "$t/long"
count long-tree '"rule": "SL1022"' 2
out_has long-tree '"message": "value of more than 4096 bytes: longer than the 4095 bytes the kernel parses"'
out_has long-tree "\"file\": \"$t/long/kernel/sparse\""
out_lacks long-tree "\"file\": \"$t/long/kernel/core_pattern\""
printf 'kernel.core_pattern = %04096d\nkernel.modprobe = %04095d\n' 0 0 >"$t/long.txt"
lint 1 long-text --format json --snapshot "$t/long.txt"
count long-text '"rule": "SL1022"' 1
out_has long-text '"message": "value of 4096 bytes: longer than the 4095 bytes the kernel parses"'
# sysctl -a prints each line of a multi-line value with its key: one
# setting, judged once, by its first line, as a tree's file is.
printf 'dev.cdrom.no_such_info = CD-ROM information\ndev.cdrom.no_such_info = \ndev.cdrom.no_such_info = drive name:\nkernel.panic = 0\n' >"$t/multi.txt"
lint 0 multi-line --format json --snapshot "$t/multi.txt"
count multi-line '"rule": "SL3019"' 1
out_has multi-line '"value": "CD-ROM information"'
lint 1 multi-line-drift --format json --root "$t/img" --snapshot "$t/multi.txt"
count multi-line-drift '"rule": "SL5004"' 1

# A snapshot alone is an audit of the running values: the data rules
# judge them at the snapshot's lines, the same in every form.  Here, the
# edits of a `sysctl -a` that `sysctl-lint --snapshot` used to pass.
sed -e 's/^net\.core\.somaxconn = .*/net.core.somaxconn = 1024/' \
    -e 's/^net\.ipv4\.tcp_syncookies = .*/net.ipv4.tcp_syncookies = 0/' \
    -e 's/^net\.ipv4\.tcp_timestamps = .*/net.ipv4.tcp_timestamps = 0/' \
    -e 's/^net\.ipv4\.tcp_tw_reuse = .*/net.ipv4.tcp_tw_reuse = 1/' \
    tools/kboot/data/host-sysctl-a.txt >"$t/edited.txt"
mktree "$t/edited" <"$t/edited.txt"
lint 1 audit-text --format json --snapshot "$t/edited.txt"
cp "$t/out" "$t/text.json"
for r in SL4001 SL4002 SL4006 SL4023; do
	count "audit-text $r" "\"rule\": \"$r\"" 1
done
out_lacks audit-text '"severity": "error"'
lint 1 audit-text-place --snapshot "$t/edited.txt"
n=$(grep -n '^net\.ipv4\.tcp_syncookies = ' "$t/edited.txt" | cut -d: -f1)
out_has audit-text-place "^$t/edited.txt:$n:1: warning: 'net.ipv4.tcp_syncookies' = 0: .*\[SL4023\]"
lint 1 audit-tree --format json --snapshot "$t/edited"
same audit-tree "$t/text.json" "$t/out"
lint 1 audit-tree-place --snapshot "$t/edited"
out_has audit-tree-place "^$t/edited/net/ipv4/tcp_syncookies:1:1: warning: 'net.ipv4.tcp_syncookies' = 0: .*\[SL4023\]"
# The kernel's own facts are no findings: values it holds are in range,
# read-only keys are set, and the kernel line is its release.
out_lacks audit-tree-place 'SL3012\|SL3008\|SL3004'

# With --root, the configuration is judged, and drift compares it with
# the snapshot, whose values no rule judges then.
mkdir -p "$t/img2/etc/sysctl.d"
printf 'net.ipv4.tcp_timestamps = 1\nnet.core.somaxconn = 1024\n' \
    >"$t/img2/etc/sysctl.d/10-net.conf"
for s in edited.txt edited; do
	lint 1 "root-$s" --format json --root "$t/img2" --snapshot "$t/$s"
	count "root-$s" '"rule": "SL5004"' 1
	out_has "root-$s" "'net.ipv4.tcp_timestamps' is set to '1' here, but the running kernel has '0'"
	count "root-$s" '"rule": "SL4006"' 1
	out_has "root-$s" '"file": "etc/sysctl.d/10-net.conf"'
	out_lacks "root-$s" '"rule": "SL4023"'
	out_lacks "root-$s" '"rule": "SL4002"'
done

# A tree read as /proc/sys is: write-only (0200) and unreadable files are
# not read, each a note, and the rest is judged.  Root reads any file,
# so the unreadable ones are read as nobody; without root that part
# cannot be made, and is skipped (not counted).
p="$t/plike"
chmod 755 "$t"
cat >"$t/plike.txt" <<'EOF'
kernel.osrelease = 6.1.0-26-amd64
kernel.no_such_key_xyz = 1
kernel.panic = 0
net.core.bpf_jit_harden = 0
net.core.somaxconn = 4096
net.ipv4.route.flush = 1
net.ipv4.tcp_fastopen_key = 00000000-00000000-00000000-00000000
net.ipv4.tcp_syncookies = 0
vm.drop_caches = 0
EOF
mktree "$p/proc" <"$t/plike.txt"
chmod 0200 "$p/proc/vm/drop_caches" "$p/proc/net/ipv4/route/flush"
chmod 0600 "$p/proc/net/core/bpf_jit_harden" "$p/proc/net/ipv4/tcp_fastopen_key"
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
	for fmt in txt json; do
		f=$fmt
		[ "$fmt" = txt ] && f=text
		(cd "$p" && $as_other "$bin" --color=never --format "$f" \
		    --snapshot proc >"$t/out" 2>"$t/err")
		rc=$?
		if [ "$rc" -eq 1 ]; then ok; else
			bad "proc-like $fmt: exit status $rc"
			sed 's/^/    /' "$t/err" | head -5
		fi
		err_empty "proc-like $fmt"
		if [ "${UPDATE:-0}" = 1 ]; then
			cp "$t/out" "fixtures/snapshots/proc.$fmt"
			ok
		elif cmp -s "$t/out" "fixtures/snapshots/proc.$fmt"; then ok; else
			bad "proc-like $fmt differs from fixtures/snapshots/proc.$fmt"
			diff -u "fixtures/snapshots/proc.$fmt" "$t/out" | head -30
		fi
	done
	count proc-like '"rule": "SL2003"' 4
	out_has proc-like '"message": "not read: reading it fails (Permission denied), as it does for sysctl -a"'
	out_has proc-like '"message": "not read: it has no read permission (mode 0200), so sysctl -a skips it too"'
	out_has proc-like '"files": 5'
	count proc-like '"rule": "SL3019"' 1
	count proc-like '"rule": "SL4023"' 1
	cp "$t/out" "$t/plike.json"
	(cd "$p" && $as_other "$bin" --format json --root "$t/img" \
	    --snapshot proc >"$t/out" 2>"$t/err")
	count proc-like-drift '"rule": "SL5004"' 1
	out_has proc-like-drift "'kernel.panic' is set to '10' here, but the running kernel has '0'"
	# The same values as the text sysctl -a, run by nobody, prints.
	grep -v -e bpf_jit_harden -e tcp_fastopen_key -e drop_caches \
	    -e route.flush "$t/plike.txt" >"$t/plike-nobody.txt"
	lint 1 proc-like-text --format json --snapshot "$t/plike-nobody.txt"
	same proc-like-text "$t/plike.json" "$t/out"
else
	echo "skip: reading as another user needs root and setpriv"
fi

# /proc/sys itself: no tool error and no error finding, the kernel line
# of the running kernel, the keys it cannot read noted, and the same
# findings as its sysctl -a text.
lint_live() {	# lint_live NAME ARGS...: exit status 0 or 1, no stderr
	live=$1
	shift
	timeout 60 "$bin" "$@" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -le 1 ]; then ok; else
		bad "$live: exit status $rc"
		sed 's/^/    /' "$t/err" | head -5
	fi
	err_empty "$live"
}
if [ -r /proc/sys/kernel/osrelease ]; then
	lint_live live --format json --snapshot /proc/sys
	out_lacks live '"severity": "error"'
	want=$(cut -d. -f1,2 /proc/sys/kernel/osrelease)
	out_has live "\"kernel\": \"$want"
	cp "$t/out" "$t/live.json"
	for f in /proc/sys/net/ipv6/conf/lo/stable_secret /proc/sys/vm/drop_caches; do
		[ -e "$f" ] || continue
		if cat "$f" >/dev/null 2>&1 && [ -r "$f" ]; then continue; fi
		out_has "live $f" "\"file\": \"$f\""
	done
	mktext /proc/sys >"$t/live.txt"
	lint_live live-text --format json --snapshot "$t/live.txt"
	same live-text "$t/live.json" "$t/out"
	panic=$(cat /proc/sys/kernel/panic)
	mkdir -p "$t/img3/etc/sysctl.d"
	echo "kernel.panic = $((panic + 1))" >"$t/img3/etc/sysctl.d/10.conf"
	lint_live live-drift --format json --root "$t/img3" --snapshot /proc/sys
	out_has live-drift "'kernel.panic' is set to '$((panic + 1))' here, but the running kernel has '$panic'"
else
	echo "skip: no /proc/sys"
fi

echo "robust-snapshot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
