#!/bin/sh
# Writes the inputs of tests/bench.sh.
#
#   tests/bench-data.sh precommit FILE
#	one realistic 20-line sysctl.d file (hardening and tuning keys)
#   tests/bench-data.sh fleet DIR [NFILES [LINES [BINARY]]]
#	NFILES (2000) fragment files DIR/fleet-NNNNN.conf of LINES (120)
#	"key = value" lines each, no two alike within a file.  The lines
#	are real keys with their real values, taken from the host's
#	`sysctl -a` (tools/kboot/data/host-sysctl-a.txt): about two thirds
#	global keys, one third per-device keys (net.ipv4.conf.DEV.*,
#	net.ipv6.conf.DEV.*) renamed to one of 64 devices ens0..ens63.
#	Lines the linter flags (read-only keys, keys only some kernels have,
#	...) are left out of the pool, so the set lints clean; BINARY
#	(build/sysctl-lint) is used for that once.  Without it the pool is
#	the unfiltered snapshot and a note says so.
#   tests/bench-data.sh realfleet DIR [NFILES [LINES]]
#	NFILES (2000) files DIR/real-NNNNN.conf of LINES (120) lines: keys
#	drawn at random (a fixed seed per file) from the writable keys of a
#	booted 6.12 kernel (tools/kboot/data/6.12-sysctl-a.txt, modes from
#	6.12-modes.txt), with the values it held, as they come: nothing is
#	filtered, so the files have the findings real values give.
#
# Run from the repository root.  Deterministic: the same arguments give
# the same bytes.
set -eu

SNAP=tools/kboot/data/host-sysctl-a.txt

usage() {
	echo "usage: $0 precommit FILE | fleet DIR [NFILES [LINES [BINARY]]] |" \
	    "realfleet DIR [NFILES [LINES]]" >&2
	exit 2
}

precommit() {
	cat >"$1" <<'EOF'
# /etc/sysctl.d/90-hardening.conf: network and kernel hardening, VM tuning
kernel.kptr_restrict = 2
kernel.dmesg_restrict = 1
kernel.yama.ptrace_scope = 1
kernel.randomize_va_space = 2
fs.protected_hardlinks = 1
fs.protected_symlinks = 1
fs.suid_dumpable = 0

net.ipv4.tcp_syncookies = 1
net.ipv4.conf.all.rp_filter = 1
net.ipv4.conf.default.rp_filter = 1
net.ipv4.conf.all.accept_redirects = 0
net.ipv4.conf.all.send_redirects = 0
net.ipv4.icmp_echo_ignore_broadcasts = 1
net.ipv6.conf.all.accept_redirects = 0

vm.swappiness = 10
vm.dirty_ratio = 20
vm.max_map_count = 262144
EOF
}

# fleet DIR NFILES LINES BINARY
fleet() {
	dir=$1 n=$2 lines=$3 bin=$4
	mkdir -p "$dir"
	pool=$dir/.pool
	mkdir -p "$pool"
	# Which lines of the snapshot does the linter flag?  (JSON "line":
	# fields; the nested "related" ones only make the pool smaller.)
	if [ -x "$bin" ]; then
		"$bin" -q -f json "$SNAP" >"$pool/findings.json" 2>/dev/null ||
			[ $? -eq 1 ] || { echo "$0: $bin failed" >&2; exit 2; }
		sed -n 's/^ *"line": *\([0-9][0-9]*\).*/\1/p' "$pool/findings.json" \
			>"$pool/flagged"
	else
		echo "$0: note: no linter at $bin; the pool is not filtered" >&2
		: >"$pool/flagged"
	fi
	# Split the snapshot into global lines and per-device templates (the
	# eth0 lines, device name replaced by @DEV@ later).
	awk -v g="$pool/global" -v d="$pool/device" '
		FILENAME != ARGV[ARGC - 1] { bad[$1] = 1; next }
		bad[FNR] || !/ = / { next }
		$1 ~ /^net\.ipv[46]\.(conf|neigh)\.eth0\./ {
			sub(/\.eth0\./, ".@DEV@.")
			print >d
			next
		}
		$1 ~ /^net\.ipv[46]\.(conf|neigh)\./ &&
		    $1 !~ /^net\.ipv[46]\.(conf|neigh)\.(all|default)\./ { next }
		{ print >g }
	' "$pool/flagged" "$SNAP"
	awk -v dir="$dir" -v n="$n" -v lines="$lines" -v g="$pool/global" \
	    -v d="$pool/device" '
	BEGIN {
		while ((getline l <g) > 0) G[ng++] = l
		while ((getline l <d) > 0) D[nd++] = l
		nd_want = int(lines / 3)
		if (nd_want > nd) nd_want = nd
		ng_want = lines - nd_want
		if (ng_want > ng) {
			printf "bench-data: only %d+%d distinct lines, %d wanted\n",
			    ng, nd, lines >"/dev/stderr"
			exit 2
		}
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/fleet-%05d.conf", dir, i)
			dev = "ens" (i % 64)
			o = (i * 53) % ng
			for (k = 0; k < ng_want; k++)
				print G[(o + k) % ng] >f
			o = (i * 7) % nd
			for (k = 0; k < nd_want; k++) {
				l = D[(o + k) % nd]
				sub(/@DEV@/, dev, l)
				print l >f
			}
			close(f)
		}
	}'
	rm -rf "$pool"
}

# realfleet DIR NFILES LINES
realfleet() {
	dir=$1 n=$2 lines=$3
	mkdir -p "$dir"
	awk -v dir="$dir" -v n="$n" -v lines="$lines" '
	# Writable keys (an owner write bit), then their snapshot lines.
	FILENAME == ARGV[1] {
		if (substr($1, 2, 1) ~ /[2367]/) w[$2] = 1
		next
	}
	{
		k = $0
		sub(/ = .*/, "", k)
		if ((k in w) && !(k in seen)) { seen[k] = 1; L[nl++] = $0 }
	}
	END {
		if (nl < lines) {
			printf "bench-data: only %d writable keys, %d wanted\n",
			    nl, lines >"/dev/stderr"
			exit 2
		}
		for (i = 1; i <= n; i++) {
			f = sprintf("%s/real-%05d.conf", dir, i)
			# A partial Fisher-Yates shuffle driven by a 31-bit
			# LCG seeded with the file number: no key twice.
			for (k = 0; k < nl; k++) P[k] = k
			x = i
			for (k = 0; k < lines; k++) {
				x = (x * 1103515245 + 12345) % 2147483648
				j = k + x % (nl - k)
				t = P[k]; P[k] = P[j]; P[j] = t
				print L[P[k]] >f
			}
			close(f)
		}
	}' tools/kboot/data/6.12-modes.txt tools/kboot/data/6.12-sysctl-a.txt
}

[ $# -ge 1 ] || usage
case $1 in
precommit)
	[ $# -eq 2 ] || usage
	precommit "$2"
	;;
fleet)
	[ $# -ge 2 ] && [ $# -le 5 ] || usage
	fleet "$2" "${3:-2000}" "${4:-120}" "${5:-build/sysctl-lint}"
	;;
realfleet)
	[ $# -ge 2 ] && [ $# -le 4 ] || usage
	realfleet "$2" "${3:-2000}" "${4:-120}"
	;;
*)
	usage
	;;
esac
