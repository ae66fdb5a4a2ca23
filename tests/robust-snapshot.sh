#!/bin/sh
# Snapshots are judged as files are: whatever its form (sysctl -a text,
# a copied /proc/sys, a tree read as /proc/sys is), a snapshot's keys go
# through the key checks and its values are what drift compares the
# configuration with.  Inputs are made here, at run time.
# Usage: tests/robust-snapshot.sh BINARY
set -u
bin=$1
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
. tests/lib.sh

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

# Every form: the unknown key is found, and each value that differs from
# the configuration's is a drift, at the configuration's line.
for form in snap.txt tree; do
	s="$t/$form"
	lint 1 "$form-keys" --format json --snapshot "$s"
	out_has "$form-keys" '"kernel": "6.1"'
	count "$form-keys" '"rule": "SL3001"' 1
	out_has "$form-keys" '"key": "kernel.no_such_key_xyz"'
	lint 1 "$form-drift" --format json --root "$t/img" --snapshot "$s"
	count "$form-drift" '"rule": "SL5004"' 2
	out_has "$form-drift" "'kernel.panic' is set to '10' here, but the running kernel has '0'"
	out_has "$form-drift" "'net.ipv4.conf.eth0/100.forwarding' is set to '0' here, but the running kernel has '1'"
done
# A tree's findings are on its files, at line 1.
lint 1 tree-place --snapshot "$t/tree"
out_has tree-place "^$t/tree/kernel/no_such_key_xyz:1:1: error: 'kernel.no_such_key_xyz' is not a sysctl key"
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

echo "robust-snapshot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
