#!/bin/bash
# fetch-kernels.sh - download and unpack the Debian kernel images that
# boot-snapshot.sh and boot-probe.sh boot.  Needs root (apt), run on
# Debian 12 (bookworm).
#
# Usage: fetch-kernels.sh [DESTDIR]        (default /work/scratch-kboot)
#
# What it does:
#   * installs the tools the boot scripts need (qemu-system-x86,
#     busybox-static, cpio, kmod, xz-utils, zstd, bc, file);
#   * adds bullseye, bullseye-security, trixie, trixie-security,
#     bookworm-backports and sid (main) in a separate sources file, pinned
#     at priority 1 while it exists, and REMOVES it again (plus apt-get
#     update) when done: those suites are used by `apt-get download` only,
#     never for installing;
#   * for each group of suites (LINES below) takes the highest version of
#     linux-image-amd64 any of them serves and `apt-get download`s the
#     linux-image-<abi>-amd64 it depends on: the newest point release of
#     5.10 (bullseye, bullseye-security), 6.1 (bookworm, bookworm-security),
#     6.12 (trixie, trixie-security), and whatever bookworm-backports and
#     sid carry when that is a line not yet fetched.  KERNEL_PKGS set to
#     exact names (e.g. "linux-image-6.1.0-56-amd64=6.1.192-2") instead;
#   * unpacks each with dpkg-deb -x into DESTDIR/k/<line>/ (not installed),
#     <line> being the upstream major.minor of the package version.
#
# Prints, per line, the vmlinuz path, the package and its sha256.
set -euo pipefail
dest=${1:-/work/scratch-kboot}
export DEBIAN_FRONTEND=noninteractive

# suite groups, one per kernel line; the first suite names the group
LINES="bullseye,bullseye-security bookworm,bookworm-security trixie,trixie-security
 bookworm-backports sid"
EXTRA="bullseye bullseye-security trixie trixie-security bookworm-backports sid"

sources=/etc/apt/sources.list.d/kboot-extra.sources
prefs=/etc/apt/preferences.d/kboot-extra
apt-get update -qq
apt-get install -y -qq --no-install-recommends qemu-system-x86 busybox-static \
  cpio kmod xz-utils zstd bc file >/dev/null

restore() {
  rm -f "$sources" "$prefs"
  apt-get update -qq || true
}
trap restore EXIT
cat >"$sources" <<'EOS'
# added by sysctl-lint tools/kboot for `apt-get download` of kernel images only
Types: deb
URIs: http://deb.debian.org/debian
Suites: bullseye trixie bookworm-backports sid
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bullseye-security trixie-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
{
  echo "# never install from these suites by accident; they are only for apt-get download"
  for s in $EXTRA; do
    printf 'Package: *\nPin: release n=%s\nPin-Priority: 1\n\n' "$s"
  done
} >"$prefs"
apt-get update -qq || echo "apt-get update reported errors; using what it fetched" >&2

# newest linux-image-amd64 over a comma separated list of suites ->
# "linux-image-<abi>-amd64=<version>"
image_of() {
  local suites=$1 best="" s ver
  for s in ${suites//,/ }; do
    ver=$(apt-cache madison linux-image-amd64 | awk -v s="$s" '
      index($0, " " s "/main ") { gsub(/ /, "", $3); print $3; exit }')
    [ -n "$ver" ] || continue
    if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$best"; then best=$ver; fi
  done
  [ -n "$best" ] || { echo "no linux-image-amd64 in $suites" >&2; return 1; }
  # sid's metapackage depends on linux-base-amd64 first
  apt-cache show "linux-image-amd64=$best" | sed -n 's/^Depends: //p' | tr ',' '\n' |
    sed -n 's/^ *\(linux-image-[^ ]*\) (= \([^)]*\)).*/\1=\2/p' | head -n1
}
line_of() { echo "$1" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p'; }

if [ -z "${KERNEL_PKGS:-}" ]; then
  KERNEL_PKGS=""
  seen=" "
  for group in $LINES; do
    p=$(image_of "$group") || continue
    l=$(line_of "${p#*=}")
    case $seen in *" $l "*) echo "$group: $p is line $l, already fetched" >&2; continue ;; esac
    seen="$seen$l "
    KERNEL_PKGS="$KERNEL_PKGS $p"
  done
fi

mkdir -p "$dest/debs"
cd "$dest/debs"
download() {	# PKG=VERSION -> the .deb's path on stdout (apt's messages on stderr)
  apt-get download -q "$1" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true
  ls "$dest/debs/${1%%=*}_$(echo "${1#*=}" | sed 's/:/%3a/')_amd64.deb" 2>/dev/null
}
for p in $KERNEL_PKGS; do
  deb=$(download "$p") || { echo "$p: download failed" >&2; continue; }
  debs=$deb
  # since 7.x (sid) the image package only depends on linux-binary-<abi>
  # (vmlinuz) and linux-modules-<abi>: fetch those too
  for part in $(dpkg-deb -f "$deb" Depends | tr ',' '\n' |
      sed -n 's/^ *\(linux-\(binary\|modules\)-[^ ]*\) (= \([^)]*\)).*/\1=\3/p'); do
    d=$(download "$part") || { echo "$part: download failed" >&2; continue; }
    debs="$debs $d"
  done
  line=$(line_of "${p#*=}")
  rm -rf "$dest/k/$line"
  mkdir -p "$dest/k/$line"
  for d in $debs; do
    dpkg-deb -x "$d" "$dest/k/$line"
    echo "$line $(basename "$d")  sha256 $(sha256sum "$d" | cut -d' ' -f1)"
  done
  found=0
  for v in "$dest/k/$line"/boot/vmlinuz-* "$dest/k/$line"/usr/lib/modules/*/vmlinuz; do
    [ -f "$v" ] && echo "$line $v" && found=1
  done
  [ $found = 1 ] || echo "$line: no vmlinuz in $debs" >&2
done
