#!/bin/bash
# fetch-kernels.sh - download and unpack the Debian kernel images that
# boot-snapshot.sh boots.  Needs root (apt), run on Debian 12 (bookworm).
#
# Usage: fetch-kernels.sh [DESTDIR]        (default /work/scratch-kboot)
#
# What it does:
#   * installs the tools boot-snapshot.sh needs (qemu-system-x86,
#     busybox-static, cpio, kmod, xz-utils, zstd, bc, file);
#   * adds bullseye, trixie and bookworm-backports (main) in a separate
#     sources file, pinned at priority 1 while it exists, and REMOVES it
#     again (plus apt-get update) when done: those suites are used by
#     `apt-get download` only, never for installing;
#   * `apt-get download`s the newest linux-image-<abi>-amd64 that
#     linux-image-amd64 points to in each of: bullseye (5.10), bookworm and
#     bookworm-security (6.1), trixie (6.12) - or set KERNEL_PKGS to exact
#     names (e.g. "linux-image-6.1.0-56-amd64=6.1.192-2");
#   * unpacks each with dpkg-deb -x into DESTDIR/k/<line>/ (not installed).
#
# Prints, per line, the vmlinuz path to hand to boot-snapshot.sh.
set -euo pipefail
dest=${1:-/work/scratch-kboot}
export DEBIAN_FRONTEND=noninteractive

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
if [ ! -f "$sources" ]; then
  cat >"$sources" <<'EOF'
# added by sysctl-lint tools/kboot for `apt-get download` of kernel images only
Types: deb
URIs: http://deb.debian.org/debian
Suites: bullseye trixie bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
fi
if [ ! -f "$prefs" ]; then
  cat >"$prefs" <<'EOF'
# never install from these suites by accident; they are only for apt-get download
Package: *
Pin: release n=bullseye
Pin-Priority: 1

Package: *
Pin: release n=trixie
Pin-Priority: 1

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 1
EOF
fi
apt-get update -qq

# linux-image-amd64 version of a suite -> the image package it depends on
image_of() {
  local suite=$1 ver
  ver=$(apt-cache madison linux-image-amd64 | awk -v s="$suite" '
    index($0, " " s "/main") { print $3; exit }' | tr -d ' ')
  [ -n "$ver" ] || { echo "no linux-image-amd64 in $suite" >&2; return 1; }
  apt-cache show "linux-image-amd64=$ver" |
    sed -n 's/^Depends: \(linux-image-[^ ]*\) (= \([^)]*\)).*/\1=\2/p' | head -n1
}

if [ -z "${KERNEL_PKGS:-}" ]; then
  # bookworm-security carries newer 6.1 ABIs than bookworm; prefer it
  b=$(image_of bookworm-security 2>/dev/null || image_of bookworm)
  KERNEL_PKGS="$(image_of bullseye) $b $(image_of trixie)"
fi

mkdir -p "$dest/debs"
cd "$dest/debs"
for p in $KERNEL_PKGS; do
  apt-get download -q "$p" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true
done
for deb in "$dest"/debs/linux-image-*.deb; do
  v=$(dpkg-deb -f "$deb" Version)
  case $v in
    5.10.*) line=5.10 ;;
    6.1.*)  line=6.1 ;;
    6.12.*) line=6.12 ;;
    *) echo "skipping $deb ($v)" >&2; continue ;;
  esac
  mkdir -p "$dest/k/$line"
  dpkg-deb -x "$deb" "$dest/k/$line"
  echo "$line $(ls "$dest/k/$line"/boot/vmlinuz-*)  ($(basename "$deb"))"
done
