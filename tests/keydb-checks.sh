#!/bin/sh
# The key database and the value checks against what kernels do.
#
# 1. Every key a booted kernel lists (tools/kboot/data/LINE-modes.txt,
#    write-only keys included) is known for that line: no unknown,
#    removed or not-in-kernel finding.
# 2. One setting per line of the table below, linted for the kernel
#    line given: the rule ids it must and must not produce.  Each row
#    is a write whose outcome a booted kernel showed (EINVAL, accepted,
#    or accepted as another value).
# Usage: tests/keydb-checks.sh BINARY
set -u
bin=$1
cd "$(dirname "$0")/.." || exit 2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
. tests/lib.sh

for f in tools/kboot/data/*-modes.txt; do
	line=$(basename "$f" -modes.txt)
	awk '{ print $2 " = 0" }' "$f" >"$t/all.conf"
	lint 1 "keys of $line" --no-config --kernel "$line" --format json \
	    "$t/all.conf"
	for r in unknown-key removed-key key-not-in-kernel; do
		out_lacks "keys of $line: $r" "\"name\": \"$r\""
	done
done

# LINE|SETTING|RULES IT MUST GIVE|RULES IT MUST NOT GIVE
while IFS='|' read -r line setting want unwanted; do
	case "$line" in ''|\#*) continue ;; esac
	printf '%s\n' "$setting" >"$t/one.conf"
	timeout 20 "$bin" --no-config --kernel "$line" "$t/one.conf" \
	    >"$t/out" 2>"$t/err"
	for r in $want; do
		out_has "$line '$setting'" "\[$r\]"
	done
	for r in $unwanted; do
		out_lacks "$line '$setting'" "\[$r\]"
	done
done <<'TABLE'
# An empty write: numeric handlers fail it, a bitmap clears.
6.1|vm.swappiness =|SL3009|
6.12|net.ipv4.tcp_sack =|SL3009|
6.1|net.ipv4.ip_local_reserved_ports =||SL3009
# Seconds: INT_MAX/HZ at HZ 100 .. 1000.
6.1|kernel.printk_ratelimit = 2147483647|SL3012|
6.1|kernel.printk_ratelimit = 10000000|SL3015|SL3012
6.1|kernel.printk_ratelimit = 2000000||SL3012 SL3015
# Milliseconds: 32 bits into msecs_to_jiffies().
6.1|net.ipv4.icmp_ratelimit = 4294967296|SL3016|SL3012
6.1|net.ipv4.icmp_ratelimit = -1|SL3012|
6.1|net.ipv4.icmp_ratelimit = 2147483648|SL3012|
6.1|net.ipv4.icmp_ratelimit = 1000||SL3012 SL3016
# USER_HZ ticks wrap in an int of jiffies.
6.1|net.ipv4.neigh.default.anycast_delay = 4294967296|SL3016|SL3012
# LONG_MAX, exactly.
6.1|fs.file-max = 9223372036854775807||SL3012
6.1|fs.file-max = 9223372036854775808|SL3012|
# An unsigned 64-bit maximum.
6.1|net.ipv6.ioam6_id_wide = 0||SL3012
6.1|net.ipv6.ioam6_id_wide = 72057594037927936|SL3012|
# Bounds of one #if branch: at most a warning naming the condition.
6.1|net.core.bpf_jit_enable = 0|SL3015|SL3012
6.1|net.core.bpf_jit_enable = 3|SL3012|
6.1|net.core.max_skb_frags = 17|SL3015|SL3012
6.12|net.core.max_skb_frags = 18|SL3015|SL3012
6.12|kernel.nmi_watchdog = 1|SL3015|SL3008
# Keys that exist, and their counts and modes.
5.4|net.ipv4.route.flush = 1||SL3003 SL3002 SL3001
6.18|net.ipv4.route.flush = 1||SL3003 SL3002 SL3001
6.1|fs.nfs.nsm_use_hostnames = 1||SL3011 SL3016
6.12|fs.nfs.nsm_use_hostnames = 2147483647|SL3016|SL3012
6.12|fs.nfs.nsm_use_hostnames = 2147483648|SL3012|
6.1|net.tipc.tipc_rmem = 4096 87380 4194304||SL3011
6.12|net.mptcp.available_schedulers = default|SL3008|
# Bounds the handler or its entry macro sets.
6.1|net.ipv4.neigh.default.app_solicit = -1|SL3012|
6.1|net.ipv6.neigh.eth0.mcast_solicit = -1|SL3012|
6.1|net.ipv4.neigh.default.interval_probe_time_ms = 0|SL3012|
6.1|fs.xfs.error_level = -1|SL3012|
6.1|fs.xfs.error_level = 11||SL3012
6.1|kernel.sysrq = abc|SL3009|
6.1|vm.min_free_kbytes = -1|SL3012|
6.1|vm.nr_hugepages = abc|SL3009|
6.1|net.ipv6.conf.eth0.mtu = 1|SL3012|
6.1|net.ipv6.conf.all.addr_gen_mode = 4|SL3012|
6.1|net.ipv4.vs.drop_entry = 4|SL3012|
6.1|kernel.threads-max = 0|SL3012|
6.1|kernel.threads-max = 1||SL3012
6.1|fs.nr_open = 2147483647|SL3012|
6.1|kernel.msgmni = 65536|SL3015|SL3012
6.1|net.ipv6.neigh.default.retrans_time = 2147483648|SL3012|SL3016
6.1|kernel.unprivileged_userns_clone = 2||SL3012
# The newest 5.10 stable releases: u8 handlers, wider bounds.
5.10|net.ipv4.tcp_sack = 2147483647|SL3012|
5.10|net.ipv4.tcp_early_demux = 4294967295||SL3012
5.10|kernel.unprivileged_bpf_disabled = 2||SL3012
5.10|net.core.netdev_budget_usecs = 0||SL3012
6.12|net.core.netdev_budget_usecs = 0|SL3012|
# Words the handler looks up; bitmaps.
6.1|kernel.printk_devkmsg = abc|SL3017|
6.1|kernel.printk_devkmsg = ratelimit||SL3017
6.1|net.core.default_qdisc = fq_codel||SL3017
6.1|net.core.default_qdisc = fq_codel fq_codel|SL3017|
6.1|net.ipv4.tcp_congestion_control = bbr||SL3017
6.1|net.ipv4.tcp_allowed_congestion_control = reno cubic bbr||SL3017
6.1|net.ipv4.tcp_allowed_congestion_control = reno abc|SL3017|
6.1|net.ipv4.tcp_allowed_congestion_control =||SL3017 SL3009
6.1|net.sctp.cookie_hmac_alg = sha1 sha1||SL3017
6.1|net.netfilter.nf_log.2 = abc|SL3017|
6.1|kernel.seccomp.actions_logged = kill_process trace log||SL3017
6.1|kernel.seccomp.actions_logged = allow|SL3017|
6.1|net.ipv4.ip_local_reserved_ports = 1-3,5,7||SL3012 SL3009
6.1|net.ipv4.ip_local_reserved_ports = 65536|SL3012|
6.1|net.ipv4.ip_local_reserved_ports = -1|SL3009|
6.1|net.ipv6.icmp.ratemask = 0-1,3-127||SL3012 SL3009
6.1|kernel.watchdog_cpumask = abc|SL3009|
6.1|kernel.watchdog_cpumask = 65536|SL3012|
6.1|kernel.watchdog_cpumask = 0-1||SL3012 SL3009
6.1|net.ipv6.conf.all.stable_secret = abc|SL3017|
6.1|net.ipv6.conf.eth0.stable_secret = 2001:db8::1:2:3:4||SL3017
TABLE

echo "keydb-checks: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
