#!/bin/bash
# probe-line.sh - write-probe one kernel line end to end: plan, boot (with
# resume after a wedged guest), and the data files for the repository.
#
# Usage: probe-line.sh [-m MODES] [-b BOOTS] [-d "DEB..."] LINE VMLINUZ OUTDIR
#
#   LINE     kernel line, e.g. 6.1 (names the data files and the database
#            line the plan uses)
#   VMLINUZ  the kernel (fetch-kernels.sh prints its path)
#   OUTDIR   work directory: plan.txt, boot1/, boot2/, ... and the results
#            LINE-probes.tsv and LINE-probe-info.txt, which are copied into
#            tools/kboot/data by hand
#   -m MODES the key list to plan from (default data/LINE-modes.txt)
#   -b N     at most N boots (default 3): when a guest stops before the end,
#            the next boot resumes after the key that was running, which is
#            reported in the info file as wedging the guest
#   -d DEBS  the .deb files the kernel came from (their sha256 go into the
#            info file)
#   -a       no boot: only assemble the results of the boots in OUTDIR
# Environment: BOOT_OPTS, extra boot-snapshot.sh options (default
# "-c 1 -t 1800"); run it under `nice`, qemu runs as a child.
#
# LINE-probes.tsv columns (TAB separated, a header line first):
#   key value result readback restore
# value and readback escaped as sysprobe.c prints them (\\ \t \n \xHH);
# result ok or the errno name (open:EACCES when the file cannot be opened
# for writing); readback "-" for write-only keys; restore as sysprobe.c.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
modes="" boots=3 debs="" assemble=0
while getopts "m:b:d:ah" opt; do
  case $opt in
    m) modes=$OPTARG ;;
    b) boots=$OPTARG ;;
    d) debs=$OPTARG ;;
    a) assemble=1 ;;
    h) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 3 ] || { echo "usage: $0 [-m MODES] [-b N] [-d DEBS] LINE VMLINUZ OUTDIR" >&2; exit 2; }
line=$1 vmlinuz=$2 out=$3
modes=${modes:-$here/data/$line-modes.txt}
mkdir -p "$out"
repo=$(cd "$here/../.." && pwd)

python3 "$here/probe-plan.py" --keys "$repo/rules/keys.json" \
  --facts "$repo/rules/key-facts.json" --skip "$here/probe-skip.tsv" \
  "$line" "$modes" >"$out/plan.txt"

from=0 n=0
[ "$assemble" = 0 ] || n=$boots
while [ "$n" -lt "$boots" ]; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  "$here/boot-snapshot.sh" ${BOOT_OPTS:--c 1 -t 1800} -p "$out/plan.txt" -s "$from" \
    -o "$out/boot$n" "$vmlinuz" || true
  p=$out/boot$n/probes.txt
  [ -f "$p" ] || { echo "probe-line: boot $n produced no probes; see $out/boot$n/console.log" >&2; break; }
  grep -q '^D' "$p" && break
  last=$(awk -F'\t' '$1 == "K" { k = $2 } END { print k }' "$p")
  [ -n "$last" ] || { echo "probe-line: boot $n started no key" >&2; break; }
  echo "probe-line: boot $n stopped in job $last; resuming after it" >&2
  from=$((last + 1))
done

# ---- results -----------------------------------------------------------------
tsv=$out/$line-probes.tsv
info=$out/$line-probe-info.txt
{
  printf 'key\tvalue\tresult\treadback\trestore\n'
  for p in "$out"/boot*/probes.txt; do
    awk -F'\t' -v OFS='\t' '$1 == "P" { print $2, $3, $4, $5, $6 }' "$p"
  done
} >"$tsv"
first=$out/boot1
{
  echo "# write probes of Linux $line: $(grep -c . "$tsv" | awk '{ print $1 - 1 }') probes"
  echo "## packages (sha256)"
  for d in $debs; do echo "$(sha256sum "$d" | cut -d' ' -f1)  $(basename "$d")"; done
  echo "## osrelease"; cat "$first/osrelease.txt"
  echo "## version"; cat "$first/version.txt"
  echo "## cmdline"; cat "$first/cmdline.txt"
  echo "## meminfo-head (MemTotal, MemFree, MemAvailable, CPUs)"; cat "$first/meminfo-head.txt"
  echo "## plan"
  echo "planned from $(basename "$modes"), database line $(sed -n 's/.*(database line \(.*\))/\1/p' "$out/plan.txt" | head -n 1)"
  echo "planned probes (templates): $(grep -c '^P' "$out/plan.txt")"
  for b in "$out"/boot*; do
    [ -d "$b" ] || continue
    echo "## $(basename "$b")"
    sed -n 's/^\(command\|exit\|wall_seconds\|date\|qemu\|accel\):/&/p' "$b/run.txt"
    [ -f "$b/timing.txt" ] && sed 's/^/timing /' "$b/timing.txt"
    [ -f "$b/probes.txt" ] || continue
    awk -F'\t' '
      $1 == "K" { jobs++ } $1 == "P" { probes++ }
      $1 == "M" { missing = missing " " $2 }
      $1 == "S" { skipped = skipped "\n  " $2 ": " $3 }
      $1 == "X" { crash = crash "\n  job " $2 " exit status " $3 }
      $1 == "R" { restored = restored "\n  job " $2 ": " $3 }
      $1 == "D" { done = $2 }
      END {
        printf "jobs %d, probes %d, finished: %s\n", jobs, probes, done != "" ? "yes (" done " jobs)" : "no"
        if (missing != "") print "planned keys the guest lacks:" missing
        if (skipped != "") print "skipped (probe-skip.tsv):" skipped
        if (crash != "") print "sysprobe died (resumed at the next key):" crash
        if (restored != "") print "restored after a crash:" restored
      }' "$b/probes.txt"
  done
  echo "## keys probed with the generic set (not in the plan's key list)"
  for p in "$out"/boot*/probes.txt; do awk -F'\t' '$1 == "K" { print $3 }' "$p"; done |
    sort -u | comm -23 - <(awk -F'\t' '$1 == "P" { print $2 }' "$out/plan.txt" | sort -u)
  echo "## restores that did not bring the value back (later probes of the key are tainted)"
  awk -F'\t' '$1 == "P" && $6 != "same" && $6 != "ok" && $6 != "-" { print $2 " = " $3 ": " $6 }' \
    "$out"/boot*/probes.txt
  echo "## modules (insmod)"
  awk '/^--- lsmod/ { exit } !/^ok /' "$first/insmod.txt"
  echo "loaded: $(sed -n '/^--- lsmod/,$p' "$first/insmod.txt" | sed 1d | tr '\n' ' ')"
  echo "## interfaces"; cat "$first/iplink.txt"
  echo "## modes in the guest that differ from the plan's key list"
  diff <(sort -k2 "$modes") <(sort -k2 "$first/modes.txt") | grep '^[<>]' || true
} >"$info"
echo "$line: $(($(wc -l <"$tsv") - 1)) probes -> $tsv, $info"
