#!/bin/sh
# Benchmarks sysctl-lint as whole processes, beside cat and wc -l over the
# same input in the same run:
#   pre-commit  one 20-line sysctl.d file, as a file argument
#   snapshot    --snapshot tools/kboot/data/host-sysctl-a.txt (~1,300 lines)
#   fleet       2,000 files of 120 lines (tests/bench-data.sh) in ONE call,
#               as 2,000 file arguments; also 500 and 1,000 files, to see
#               whether the cost is linear in the input
#   real-fleet  2,000 files of 120 writable keys of a booted 6.12 kernel
#               with the values it held, as they come, findings and all
#               (tests/bench-data.sh realfleet), in ONE call
#
#   tests/bench.sh [BINARY]		(from the repository root; default
#					 build/sysctl-lint)
# Environment:
#   BENCH_RUNS=N	timed runs of each command (20); the median and the
#			minimum wall time are reported
#   BENCH_CALLGRIND=0	skip the callgrind instruction counts (pre-commit)
#   BENCH_PROFILE=1	also profile the fleet case (perf, else callgrind)
#   CC			compiler for the timing helper (cc)
#
# Wall time and peak RSS come from a small C helper compiled on the fly:
# posix_spawn, CLOCK_MONOTONIC around spawn..wait4, ru_maxrss from wait4.
# The commands of a scenario are interleaved (rotating order) after one
# untimed warm-up run each, so drift of a noisy machine hits all alike.
# Standard output goes to /dev/null.  Without a C compiler the script
# falls back to date +%s%N and /usr/bin/time -f %M (coarser: the cost of
# starting date is included).
#
# The targets are printed as PASS/FAIL lines; they do not change the exit
# status, which is 0 unless a command fails (a tool error, a crash, or a
# cat/wc that does not exit 0).  1 MB = 10^6 bytes.
set -u

BIN=${1:-build/sysctl-lint}
RUNS=${BENCH_RUNS:-20}
SNAP=tools/kboot/data/host-sysctl-a.txt
CC=${CC:-cc}
failed=0

case $RUNS in
'' | *[!0-9]* | 0) echo "bench: BENCH_RUNS must be a positive number" >&2; exit 2 ;;
esac
if [ ! -x "$BIN" ]; then
	echo "bench: no executable $BIN (run make first)" >&2
	exit 2
fi
if [ ! -r "$SNAP" ] || [ ! -x tests/bench-data.sh ]; then
	echo "bench: run from the repository root" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sysctl-lint-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
start=$(date +%s)

# ---- the timing helper -----------------------------------------------
cat >"$tmp/benchrun.c" <<'EOF'
/* benchrun N CMD... [::: CMD...]...: runs each command once untimed,
 * then N times interleaved; prints one line per command:
 *   median_ns min_ns max_rss_kib worst_status
 * worst_status is the highest exit status seen, 128+signal for a
 * signal, 127 when the command could not be started.
 * benchrun - : does nothing (a no-op to measure the RSS floor: Linux
 * carries the peak RSS of the address space a child had before exec,
 * the launcher's, into its ru_maxrss). */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

/* one run: wall ns into *ns, ru_maxrss (KiB) into *rss; returns status */
static int run(char **argv, long long *ns, long *rss)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	pid_t pid;
	int st, rc;
	long long t0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	t0 = now_ns();
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		fprintf(stderr, "benchrun: %s: %s\n", argv[0], strerror(rc));
		return 127;
	}
	while (wait4(pid, &st, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("benchrun: wait4");
			return 127;
		}
	*ns = now_ns() - t0;
	*rss = ru.ru_maxrss;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

int main(int argc, char **argv)
{
	int n, ncmd = 0, i, j, r;
	char **cmd[64];
	long long *ns[64];
	long rss[64];
	int worst[64];

	if (argc == 2 && strcmp(argv[1], "-") == 0)
		return 0;
	if (argc < 3 || (n = atoi(argv[1])) <= 0) {
		fputs("usage: benchrun N CMD... [::: CMD...]...\n", stderr);
		return 2;
	}
	cmd[ncmd++] = &argv[2];
	for (i = 2; i < argc; i++)
		if (strcmp(argv[i], ":::") == 0) {
			argv[i] = NULL;
			if (ncmd == 64 || i + 1 == argc)
				return 2;
			cmd[ncmd++] = &argv[i + 1];
		}
	for (j = 0; j < ncmd; j++) {
		long long x;
		ns[j] = calloc((size_t)n, sizeof **ns);
		if (ns[j] == NULL)
			return 2;
		rss[j] = 0;
		worst[j] = run(cmd[j], &x, &rss[j]);	/* warm-up */
	}
	for (r = 0; r < n; r++)
		for (i = 0; i < ncmd; i++) {
			long m;
			int st;
			j = (i + r) % ncmd;
			st = run(cmd[j], &ns[j][r], &m);
			if (st > worst[j])
				worst[j] = st;
			if (m > rss[j])
				rss[j] = m;
		}
	for (j = 0; j < ncmd; j++) {
		long long med;
		qsort(ns[j], (size_t)n, sizeof **ns, cmp_ll);
		med = n % 2 ? ns[j][n / 2] : (ns[j][n / 2 - 1] + ns[j][n / 2]) / 2;
		printf("%lld %lld %ld %d\n", med, ns[j][0], rss[j], worst[j]);
	}
	return 0;
}
EOF
helper=
# Linked statically where it can be: a smaller floor under the RSS figures.
if command -v "$CC" >/dev/null 2>&1 &&
    { "$CC" -O2 -static -o "$tmp/benchrun" "$tmp/benchrun.c" 2>"$tmp/cc.err" ||
      "$CC" -O2 -o "$tmp/benchrun" "$tmp/benchrun.c" 2>"$tmp/cc.err"; }; then
	helper=$tmp/benchrun
	method="posix_spawn + CLOCK_MONOTONIC + wait4 ru_maxrss (tests/bench.sh helper)"
elif [ -x /usr/bin/time ] && date +%s%N | grep -q '^[0-9]*$'; then
	method="date +%s%N + /usr/bin/time -f %M (fallback: no C compiler)"
else
	echo "bench: need a C compiler ($CC), or /usr/bin/time and GNU date" >&2
	exit 2
fi

# The fallback: the helper's interface in sh (no interleaving).
benchrun_sh() {
	n=$1
	shift
	: >"$tmp/sh.cmds"
	cur=
	for a in "$@"; do
		if [ "$a" = ":::" ]; then
			printf '%s\n' "$cur" >>"$tmp/sh.cmds"
			cur=
		else
			cur="$cur '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
		fi
	done
	printf '%s\n' "$cur" >>"$tmp/sh.cmds"
	while IFS= read -r c; do
		worst=0
		: >"$tmp/sh.t"
		: >"$tmp/sh.m"
		k=0
		while [ "$k" -le "$n" ]; do
			t0=$(date +%s%N)
			eval "/usr/bin/time -o '$tmp/sh.rss' -f %M $c" \
				</dev/null >/dev/null 2>"$tmp/sh.err"
			st=$?
			t1=$(date +%s%N)
			[ "$st" -gt "$worst" ] && worst=$st
			if [ "$k" -gt 0 ]; then	# run 0 is the warm-up
				echo $((t1 - t0)) >>"$tmp/sh.t"
				tail -n 1 "$tmp/sh.rss" >>"$tmp/sh.m"
			fi
			k=$((k + 1))
		done
		med=$(sort -n "$tmp/sh.t" | awk '{ v[NR] = $1 } END {
			if (NR % 2) print v[(NR + 1) / 2]
			else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
		min=$(sort -n "$tmp/sh.t" | head -n 1)
		rss=$(sort -n "$tmp/sh.m" | tail -n 1)
		echo "$med $min $rss $worst"
	done <"$tmp/sh.cmds"
}

# measure "SCENARIO/COMMAND..." CMD... [::: CMD...]...
# runs the commands interleaved, appends "scenario command bytes
# median_ns min_ns rss_kib status" to the results; the bytes of each
# scenario come from the file "$bytes" (lines "scenario bytes").
results=$tmp/results
bytes=$tmp/bytes
: >"$results"
: >"$bytes"
measure() {
	names=$1
	shift
	if [ -n "$helper" ]; then
		"$helper" "$RUNS" "$@" >"$tmp/m.out" || { failed=1; return; }
	else
		benchrun_sh "$RUNS" "$@" >"$tmp/m.out"
	fi
	printf '%s\n' $names | tr / ' ' | paste -d ' ' - "$tmp/m.out" |
		awk 'NR == FNR { b[$1] = $2; next }
		    { print $1, $2, b[$1], $3, $4, $5, $6 }' "$bytes" - \
		>>"$results"
}

bytes_of() {	# bytes_of FILE...: total size
	cat "$@" | wc -c | tr -d ' '
}

# ---- machine -------------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo 2>/dev/null | head -n 1)
echo "sysctl-lint benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "machine:  nproc $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)," \
	"cpu ${cpu:-unknown}, kernel $(uname -sr) $(uname -m)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (1, 5, 15 min)"
echo "binary:   $BIN ($("$BIN" --version 2>/dev/null | head -n 1))"
echo "timing:   $method; $RUNS runs each, median and min wall time"
echo

# ---- inputs ----------------------------------------------------------------
pre=$tmp/90-hardening.conf
tests/bench-data.sh precommit "$pre" || exit 2
for n in 500 1000 2000; do
	tests/bench-data.sh fleet "$tmp/fleet$n" "$n" 120 "$BIN" || exit 2
done
tests/bench-data.sh realfleet "$tmp/real" 2000 120 || exit 2
# Each input must lint without a tool error before it is timed.
"$BIN" -q "$pre" >/dev/null 2>&1
st=$?
[ $st -le 1 ] || { echo "bench: $BIN $pre: status $st" >&2; failed=1; }
[ $st -eq 1 ] && echo "bench: note: the pre-commit file has findings" >&2
"$BIN" -q --snapshot "$SNAP" >/dev/null 2>&1
st=$?
[ $st -le 1 ] || { echo "bench: $BIN --snapshot: status $st" >&2; failed=1; }
"$BIN" "$tmp/fleet2000"/*.conf >"$tmp/fleet.out" 2>&1
st=$?
[ $st -le 1 ] || { echo "bench: $BIN fleet: status $st" >&2; failed=1; }
summary=$(tail -n 1 "$tmp/fleet.out")
"$BIN" "$tmp/real"/*.conf >"$tmp/real.out" 2>&1
st=$?
[ $st -le 1 ] || { echo "bench: $BIN real fleet: status $st" >&2; failed=1; }
real_summary=$(tail -n 1 "$tmp/real.out")
echo "inputs:   pre-commit $(wc -l <"$pre" | tr -d ' ') lines, $(bytes_of "$pre") B;" \
	"snapshot $(wc -l <"$SNAP" | tr -d ' ') lines, $(bytes_of "$SNAP") B"
echo "          fleet 2000 x 120 lines, $(bytes_of "$tmp/fleet2000"/*.conf) B;" \
	"linter says: $summary"
echo "          real fleet 2000 x 120 lines, $(bytes_of "$tmp/real"/*.conf) B;" \
	"linter says: $real_summary"
echo

# ---- the runs ----------------------------------------------------------------
echo "pre-commit $(bytes_of "$pre")" >>"$bytes"
echo "snapshot $(bytes_of "$SNAP")" >>"$bytes"
for n in 500 1000 2000; do
	echo "fleet-$n $(bytes_of "$tmp/fleet$n"/*.conf)" >>"$bytes"
done
echo "real-fleet $(bytes_of "$tmp/real"/*.conf)" >>"$bytes"
measure "pre-commit/sysctl-lint pre-commit/cat pre-commit/wc-l" \
	"$BIN" "$pre" ::: cat "$pre" ::: wc -l "$pre"
measure "snapshot/sysctl-lint snapshot/cat snapshot/wc-l" \
	"$BIN" --snapshot "$SNAP" ::: cat "$SNAP" ::: wc -l "$SNAP"
# The three fleet sizes in one interleaved set, so that a noisy spell
# hits them alike (they are compared with each other for linearity).
f5=$tmp/fleet500 f10=$tmp/fleet1000 f20=$tmp/fleet2000
measure "fleet-500/sysctl-lint fleet-500/cat fleet-500/wc-l
	 fleet-1000/sysctl-lint fleet-1000/cat fleet-1000/wc-l
	 fleet-2000/sysctl-lint fleet-2000/cat fleet-2000/wc-l" \
	"$BIN" "$f5"/*.conf ::: cat "$f5"/*.conf ::: wc -l "$f5"/*.conf ::: \
	"$BIN" "$f10"/*.conf ::: cat "$f10"/*.conf ::: wc -l "$f10"/*.conf ::: \
	"$BIN" "$f20"/*.conf ::: cat "$f20"/*.conf ::: wc -l "$f20"/*.conf
measure "real-fleet/sysctl-lint real-fleet/cat real-fleet/wc-l" \
	"$BIN" "$tmp/real"/*.conf ::: cat "$tmp/real"/*.conf ::: \
	wc -l "$tmp/real"/*.conf

# Status check of every timed command.
awk '
	$7 != 0 && !($2 == "sysctl-lint" && $7 == 1) {
		printf "bench: %s: %s exited with status %d\n", $1, $2, $7
		bad = 1
	}
	$2 == "sysctl-lint" && $7 == 1 {
		printf "bench: note: %s: sysctl-lint reported findings (exit 1)\n", $1
	}
	END { exit bad }' "$results" >&2 || failed=1

# ---- the table and the targets -------------------------------------------
awk '
function ms(ns) { return ns / 1e6 }
{
	k = $1 SUBSEP $2
	bytes[$1] = $3; med[k] = $4; mn[k] = $5; rss[k] = $6
	if (!(($1) in seen)) { seen[$1] = 1; order[++ns_] = $1 }
}
END {
	printf "%-11s %-12s %10s %10s %9s %8s %9s\n", "scenario", "command",
	    "median ms", "min ms", "RSS KiB", "MB/s", "x cat"
	for (i = 1; i <= ns_; i++) {
		s = order[i]
		for (j = 1; j <= 3; j++) {
			c = j == 1 ? "sysctl-lint" : j == 2 ? "cat" : "wc-l"
			k = s SUBSEP c
			if (!(k in med)) continue
			printf "%-11s %-12s %10.3f %10.3f %9d %8.1f %9.2f\n",
			    j == 1 ? s : "", c, ms(med[k]), ms(mn[k]), rss[k],
			    bytes[s] / 1e6 / (med[k] / 1e9),
			    med[k] / med[s SUBSEP "cat"]
		}
	}
	print ""
	L = "sysctl-lint"
	r = med["pre-commit" SUBSEP L] / med["pre-commit" SUBSEP "cat"]
	printf "%s  pre-commit: sysctl-lint %.2fx cat (target <= 3x); %.2fx wc -l\n",
	    (r <= 3) ? "PASS" : "FAIL", r,
	    med["pre-commit" SUBSEP L] / med["pre-commit" SUBSEP "wc-l"]
	r = med["snapshot" SUBSEP L] / med["snapshot" SUBSEP "cat"]
	printf "%s  snapshot: sysctl-lint %.2fx cat (target <= 5x); %.2fx wc -l\n",
	    (r <= 5) ? "PASS" : "FAIL", r,
	    med["snapshot" SUBSEP L] / med["snapshot" SUBSEP "wc-l"]
	f = "fleet-2000"
	t = bytes[f] / 1e6 / (med[f SUBSEP L] / 1e9)
	printf "%s  fleet: sysctl-lint %.1f MB/s (target >= 150 MB/s); cat %.1f MB/s, wc -l %.1f MB/s\n",
	    (t >= 150) ? "PASS" : "FAIL", t,
	    bytes[f] / 1e6 / (med[f SUBSEP "cat"] / 1e9),
	    bytes[f] / 1e6 / (med[f SUBSEP "wc-l"] / 1e9)
	f = "real-fleet"
	t = bytes[f] / 1e6 / (med[f SUBSEP L] / 1e9)
	printf "%s  real fleet: sysctl-lint %.1f MB/s (target >= 100 MB/s); cat %.1f MB/s, wc -l %.1f MB/s\n",
	    (t >= 100) ? "PASS" : "FAIL", t,
	    bytes[f] / 1e6 / (med[f SUBSEP "cat"] / 1e9),
	    bytes[f] / 1e6 / (med[f SUBSEP "wc-l"] / 1e9)
	m = rss["snapshot" SUBSEP L]
	printf "%s  snapshot peak RSS: %d KiB = %.1f MiB (target < 16 MiB)\n",
	    (m < 16384) ? "PASS" : "FAIL", m, m / 1024
	# linearity: ms per MB at 500, 1000, 2000 files, from the median
	# (judged) and from the minimum wall time
	lo = hi = -1
	line = ""; line2 = ""
	for (n = 500; n <= 2000; n *= 2) {
		f = "fleet-" n
		v = ms(med[f SUBSEP L]) / (bytes[f] / 1e6)
		w = ms(mn[f SUBSEP L]) / (bytes[f] / 1e6)
		line = line sprintf("  %d files %.2f", n, v)
		line2 = line2 sprintf("  %d files %.2f", n, w)
		if (lo < 0 || v < lo) lo = v
		if (hi < 0 || v > hi) hi = v
	}
	printf "%s  linear: sysctl-lint ms per MB:%s (max/min %.2f, target <= 1.25)\n",
	    (hi / lo <= 1.25) ? "PASS" : "FAIL", line, hi / lo
	printf "      from the min wall time:%s\n", line2
	line = ""
	for (n = 500; n <= 2000; n *= 2) {
		f = "fleet-" n
		line = line sprintf("  %d files %.2f", n,
		    ms(med[f SUBSEP "cat"]) / (bytes[f] / 1e6))
	}
	printf "      cat ms per MB:%s\n", line
	printf "      peak RSS KiB, sysctl-lint: 500 files %d, 1000 files %d, 2000 files %d\n",
	    rss["fleet-500" SUBSEP L], rss["fleet-1000" SUBSEP L],
	    rss["fleet-2000" SUBSEP L]
}' "$results"
if [ -n "$helper" ]; then
	# Every RSS figure includes the launcher's resident pages at spawn
	# (Linux keeps the peak across exec); a static no-op shows how much.
	floor=$("$helper" 5 "$helper" - | cut -d' ' -f3)
	echo "      RSS floor (a static no-op launched the same way): $floor KiB"
fi

# ---- instruction counts (repeatable) --------------------------------------
callgrind_ir() {	# callgrind_ir CMD...: instructions executed
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" \
		</dev/null >/dev/null 2>"$tmp/cg.err"
	sed -n 's/.*Collected : *\([0-9][0-9]*\).*/\1/p' "$tmp/cg.err" | tail -n 1
}
if [ "${BENCH_CALLGRIND:-1}" != 0 ]; then
	echo
	if command -v valgrind >/dev/null 2>&1; then
		a=$(callgrind_ir "$BIN" "$pre")
		c=$(callgrind_ir cat "$pre")
		w=$(callgrind_ir wc -l "$pre")
		s=$(callgrind_ir "$BIN" --snapshot "$SNAP")
		cs=$(callgrind_ir cat "$SNAP")
		if [ -n "$a" ] && [ -n "$c" ] && [ -n "$s" ]; then
			echo "instructions (callgrind, whole process):"
			echo "  pre-commit: sysctl-lint $a, cat $c, wc -l $w" \
				"($(awk -v a="$a" -v c="$c" 'BEGIN { printf "%.1f", a / c }')x cat)"
			echo "  snapshot:   sysctl-lint $s, cat $cs" \
				"($(awk -v a="$s" -v c="$cs" 'BEGIN { printf "%.1f", a / c }')x cat)"
		else
			echo "callgrind: no instruction count (see valgrind)"
		fi
	else
		echo "callgrind: valgrind is not installed; skipped"
	fi
fi

# ---- optional profile of the fleet case -------------------------------------
if [ "${BENCH_PROFILE:-0}" = 1 ]; then
	echo
	if command -v perf >/dev/null 2>&1 &&
	    perf record -q -F 4999 -g -o "$tmp/perf.data" -- \
	    "$BIN" "$tmp/fleet2000"/*.conf >/dev/null 2>"$tmp/perf.err"; then
		echo "perf profile, fleet 2000 files (self time, top 25):"
		perf report -i "$tmp/perf.data" --stdio --no-children \
			--sort symbol -g none 2>/dev/null |
			grep -v '^#' | grep -v '^$' | head -n 25
	elif command -v valgrind >/dev/null 2>&1; then
		echo "callgrind profile, fleet 2000 files (inclusive, top 25):"
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cgf.out" \
			"$BIN" "$tmp/fleet2000"/*.conf >/dev/null 2>&1
		callgrind_annotate "$tmp/cgf.out" 2>/dev/null | head -n 45
	else
		echo "profile: neither perf nor valgrind works here; skipped"
	fi
fi

# ---- scaling: twice the input, SARIF, baselines, rules, suggestions, images --
# Each input beside its double, interleaved as above (BENCH_SCALE_RUNS, 5
# by default: the inputs take seconds): linear cost doubles the time,
# quadratic would take 4x.  The line says whether it stays under 2.5x.
srun=${BENCH_SCALE_RUNS:-5}
echo
echo "scaling (2x input, median of $srun runs):"
mkrules() {	# mkrules N FILE: N data rules on kernel.panic, none firing
	awk -v n="$1" 'BEGIN {
		printf "{\"rules\": ["
		for (i = 0; i < n; i++)
			printf "%s{\"id\": \"R%d\", \"name\": \"r-%d\", \"severity\": \"note\", \"summary\": \"s\", \"explanation\": \"e\", \"keys\": [\"kernel.panic\"], \"when\": \"value == 12345\", \"message\": \"m\"}", (i ? ", " : ""), i, i
		print "]}"
	}' >"$2"
}
mkunknown() {	# mkunknown N DIR: N unknown net.ipv4 keys, 5,000 a file
	mkdir -p "$2"
	awk -v n="$1" -v d="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "net.ipv4.tcp_keepalive_%06d = 1\n", i > (d "/" int(i / 5000) ".conf")
	}'
}
scale() {	# scale WHAT SMALL LARGE ARGS-SMALL... ::: ARGS-LARGE...
	what=$1
	shift
	if [ -n "$helper" ]; then
		"$helper" "$srun" "$@" >"$tmp/s.out" || { failed=1; return; }
	else
		benchrun_sh "$srun" "$@" >"$tmp/s.out"
	fi
	awk -v what="$what" 'NR == 1 { a = $1 } NR == 2 { b = $1 }
	    END { r = b / a; printf "  %-34s %8.1f ms -> %8.1f ms: %.2fx %s\n",
		what, a / 1e6, b / 1e6, r, (r < 2.5 ? "PASS (< 2.5x)" : "FAIL (>= 2.5x)") }' \
	    "$tmp/s.out"
}
printf 'kernel.panic = 1\n' >"$tmp/panic.conf"
mkrules 10000 "$tmp/r10k.json"
mkrules 20000 "$tmp/r20k.json"
scale "rule loading, 10,000 -> 20,000 rules" \
	"$BIN" --rules "$tmp/r10k.json" "$tmp/panic.conf" ::: \
	"$BIN" --rules "$tmp/r20k.json" "$tmp/panic.conf"
mkunknown 20000 "$tmp/u20k"
mkunknown 40000 "$tmp/u40k"
scale "suggestions, 20,000 -> 40,000 keys" \
	"$BIN" --fail-level=none "$tmp/u20k"/*.conf ::: \
	"$BIN" --fail-level=none "$tmp/u40k"/*.conf
for n in 80000 160000; do
	awk -v n="$n" 'BEGIN { print "bogus"
	    for (i = 0; i < n; i++) printf "# c%d\n", i }' >"$tmp/sarif$n.conf"
done
scale "-f sarif, 80,000 -> 160,000 lines" \
	"$BIN" --no-config --fail-level=none -f sarif "$tmp/sarif80000.conf" ::: \
	"$BIN" --no-config --fail-level=none -f sarif "$tmp/sarif160000.conf"
for n in 20000 40000; do
	mkdir "$tmp/base$n"
	for f in 0 1 2 3; do
		awk -v n="$((n / 4))" 'BEGIN { for (i = 0; i < n; i++)
		    printf "b%d\n", i }' >"$tmp/base$n/$f.conf"
	done
	"$BIN" --no-config --write-baseline "$tmp/base$n.json" \
		"$tmp/base$n" >/dev/null 2>&1
done
scale "--baseline, 20,000 -> 40,000 entries" \
	"$BIN" --no-config --baseline "$tmp/base20000.json" "$tmp/base20000" ::: \
	"$BIN" --no-config --baseline "$tmp/base40000.json" "$tmp/base40000"
# --root over N files split across etc/sysctl.d and usr/lib/sysctl.d, half
# of the names in both, so shadowing is exercised.
image_tree() {	# image_tree DIR N
	mkdir -p "$1/etc/sysctl.d" "$1/usr/lib/sysctl.d"
	awk -v d="$1" -v n="$2" 'BEGIN {
		for (i = 0; i < n / 2; i++) {
			f = sprintf("%s/usr/lib/sysctl.d/%06d.conf", d, i)
			print "kernel.panic = 1" > f; close(f)
			g = sprintf("%s/etc/sysctl.d/%06d.conf", d,
			    i % 2 ? i : i + n)
			print "vm.swappiness = 10" > g; close(g)
		} }'
}
image_tree "$tmp/image20k" 20000
image_tree "$tmp/image40k" 40000
scale "--root, 20,000 -> 40,000 files" \
	"$BIN" --no-config --root "$tmp/image20k" --loader systemd ::: \
	"$BIN" --no-config --root "$tmp/image40k" --loader systemd
rm -rf "$tmp/image20k" "$tmp/image40k" "$tmp"/base* "$tmp"/sarif*

echo
echo "full run: $(($(date +%s) - start)) s"
exit "$failed"
