#!/bin/sh
# /init of the throw-away initramfs built by boot-snapshot.sh.
#
# Runs inside the qemu guest only (busybox ash, PID 1).  It reads /proc/sys
# and never writes to it, except in write-probe mode (/probe.plan present),
# where /sysprobe writes the guest's own /proc/sys.  Results go to the second serial port (/dev/ttyS1)
# framed by "@@KBOOT BEGIN <name>" / "@@KBOOT END <name>" lines; the kernel's
# own console stays on ttyS0, so kernel messages cannot interleave with data.
#
# Sections (see boot-snapshot.sh for how the host splits them):
#   osrelease version cmdline meminfo-head  basic facts
#   keys-builtin   key names that exist before any module is loaded
#   insmod         what the fixed module list did
#   iplink         interfaces present for the walk
#   snapshot       `sysctl -a` style "key = value" lines (init netns)
#   modes          "<octal mode> <key>" for every file under /proc/sys
#   errors         procps-style messages for files that could not be read
#   empty          keys whose read returned zero bytes (procps prints nothing)
#   netns          /proc/sys/net walk inside `unshare -n` (fresh netns)
#   netns-errors   ditto, errors
#   timing         guest uptime at milestones

export PATH=/bin:/sbin

begin() { echo "@@KBOOT BEGIN $1"; }
end() { echo "@@KBOOT END $1"; }

# path -> procps key: strip /proc/sys/, swap '.' and '/'.
# Input lines are "path" or "path<SP>=<SP>rest"; only the path part changes.
DOTKEY='{
  i = index($0, " = ")
  if (i == 0) { k = $0; r = "" } else { k = substr($0, 1, i - 1); r = substr($0, i) }
  sub(/^\/proc\/sys\//, "", k)
  gsub(/\./, "\t", k); gsub(/\//, ".", k); gsub(/\t/, "/", k)
  print k r
}'

# "<mode> /proc/sys/a/b.c" -> "<mode> a.b/c" (mode zero-padded to 4 digits)
MODEKEY='{
  k = $2
  sub(/^\/proc\/sys\//, "", k)
  gsub(/\./, "\t", k); gsub(/\//, ".", k); gsub(/\t/, "/", k)
  printf "%04d %s\n", $1, k
}'

# walk DIR ERRFILE EMPTYFILE: "path = line" for every line of every readable
# file, in readdir order (the order procps uses), then the paths are turned
# into keys.  Each file is read with one cat (a big read(2), as procps' stdio
# does): /proc/sys integer handlers return nothing for reads at offset > 0,
# so the shell's byte-by-byte `read` would see only the first character.
# Files without owner-read permission are skipped like procps does, and
# listed in ERRFILE with the message procps gives when asked by name.  Files
# that read as 0 bytes go to EMPTYFILE (procps prints nothing for them).
walk() {
  find "$1" -type f -exec stat -c '%a %n' {} + | while read -r mode p; do
    case $mode in
      [0-3]??)
        echo "$p" | awk "$DOTKEY" | sed "s/.*/sysctl: permission denied on key '&'/" >>"$2"
        continue ;;
    esac
    if cat "$p" >/tmp/v 2>/tmp/e; then
      if [ -s /tmp/v ]; then
        while IFS= read -r line || [ -n "$line" ]; do
          printf '%s = %s\n' "$p" "$line"
        done </tmp/v
      else
        echo "$p" >>"$3"
      fi
    else
      k=$(echo "$p" | awk "$DOTKEY")
      printf 'sysctl: reading key "%s": %s\n' "$k" "$(sed 's/^cat: //' /tmp/e)" >>"$2"
    fi
  done | awk "$DOTKEY"
}

# Re-entry used for the netns walk: `unshare -n /init __kboot_walk DIR ERR EMPTY`
if [ "$1" = __kboot_walk ]; then
  walk "$2" "$3" "$4"
  exit 0
fi

/bin/busybox --install -s /bin 2>/dev/null
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /tmp && mount -t tmpfs tmpfs /tmp

OUT=/dev/ttyS1
[ -c "$OUT" ] || OUT=/dev/console
stty -F "$OUT" raw -echo 2>/dev/null

up() { cut -d' ' -f1 /proc/uptime; }
T0=$(up)
TIMING="start $T0"

{
  begin osrelease; cat /proc/sys/kernel/osrelease; end osrelease
  begin version; cat /proc/version; end version
  begin cmdline; cat /proc/cmdline; end cmdline
  begin meminfo-head; head -n 3 /proc/meminfo; nproc; end meminfo-head
  begin keys-builtin; find /proc/sys -type f | awk "$DOTKEY"; end keys-builtin
} >"$OUT"

# ---- optional modules, in the dependency order computed on the host --------
{
  begin insmod
  if [ -f /modules.load ]; then
    while read -r name path; do
      [ -n "$name" ] || continue
      if [ "$path" = builtin ]; then echo "builtin $name"; continue; fi
      if grep -q "^$name " /proc/modules; then echo "already $name"; continue; fi
      if msg=$(insmod "$path" 2>&1); then echo "ok $name"; else echo "FAIL $name $msg"; fi
    done </modules.load
  fi
  echo "--- lsmod"
  cut -d' ' -f1 /proc/modules | sort
  end insmod
} >"$OUT"

# ---- interfaces: eth0 (dummy) and eth0.100 (vlan, else dummy) --------------
{
  begin iplink
  ip link add eth0 type dummy 2>&1 || echo "ip link add eth0 failed"
  ip link add link eth0 name eth0.100 type vlan id 100 2>&1 ||
    ip link add eth0.100 type dummy 2>&1 || echo "ip link add eth0.100 failed"
  ip -o link show 2>&1
  end iplink
} >"$OUT"

TIMING="$TIMING
setup-done $(up)"

# ---- write-probe mode (boot-snapshot.sh -p): modes, then sysprobe ---------
# sysprobe saves the job index and the original value before each key; if
# it dies (its per-probe alarm, the OOM killer, a crash) the saved value is
# written back and the run resumes at the next key.
if [ -f /probe.plan ]; then
  {
    begin modes
    find /proc/sys -type f -exec stat -c '%a %n' {} + | awk "$MODEKEY"
    end modes
  } >"$OUT"
  from=$(sed -n 's/.*kboot\.from=\([0-9]*\).*/\1/p' /proc/cmdline)
  from=${from:-0}
  {
    begin probes
    while :; do
      /sysprobe /probe.plan "$from"
      rc=$?
      [ "$rc" -eq 0 ] && break
      idx=$(head -n 1 /tmp/kboot-progress 2>/dev/null)
      [ -n "$idx" ] && [ "$((idx + 1))" -gt "$from" ] || { printf 'X\t-\t%s\n' "$rc"; break; }
      printf 'X\t%s\t%s\n' "$idx" "$rc"
      /sysprobe --restore
      from=$((idx + 1))
    done
    end probes
  } >"$OUT"
  TIMING="$TIMING
probes-done $(up)"
  { begin timing; echo "$TIMING"; end timing; echo "@@KBOOT DONE"; } >"$OUT"
  sync
  poweroff -f
  sleep 5
  echo o >/proc/sysrq-trigger
fi

: >/tmp/errors; : >/tmp/empty
{ begin snapshot; walk /proc/sys /tmp/errors /tmp/empty; end snapshot; } >"$OUT"
TIMING="$TIMING
walk-done $(up)"
{
  begin errors; cat /tmp/errors; end errors
  begin empty; awk "$DOTKEY" /tmp/empty; end empty
  begin modes
  find /proc/sys -type f -exec stat -c '%a %n' {} + | awk "$MODEKEY"
  end modes
} >"$OUT"

: >/tmp/nerrors; : >/tmp/nempty
{
  begin netns
  unshare -n /init __kboot_walk /proc/sys/net /tmp/nerrors /tmp/nempty
  end netns
  begin netns-errors; cat /tmp/nerrors; awk "$DOTKEY" /tmp/nempty | sed 's/$/ (empty)/'; end netns-errors
} >"$OUT"
TIMING="$TIMING
netns-done $(up)"

{ begin timing; echo "$TIMING"; end timing; echo "@@KBOOT DONE"; } >"$OUT"
sync
poweroff -f
sleep 5
echo o >/proc/sysrq-trigger
