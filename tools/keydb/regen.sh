#!/bin/sh
# Regenerate rules/keys.json from the kernel trees listed in trees.txt.
#
#   tools/keydb/regen.sh MIRROR_DIR [OUT]
#
# MIRROR_DIR holds one git directory (bare clone or .git dir) or unpacked
# source tree per line, found as (first match wins):
#   MIRROR_DIR/<owner>+<repo>/repo   (layout of the snapshot fetcher)
#   MIRROR_DIR/<owner>+<repo>
#   MIRROR_DIR/<line>                (e.g. MIRROR_DIR/6.18)
# Run from the repository root.  Needs python3 and git only.
set -eu
mirror=${1:?usage: regen.sh MIRROR_DIR [OUT]}
out=${2:-rules/keys.json}
here=$(dirname "$0")
set --
while read -r line repo commit ver; do
    case "$line" in ''|\#*) continue ;; esac
    name=$(echo "$repo" | tr / +)
    for cand in "$mirror/$name/repo" "$mirror/$name" "$mirror/$line"; do
        if [ -e "$cand" ]; then
            set -- "$@" --tree "$line=$cand@$commit" \
                --source-name "$line=github:$repo"
            break
        fi
    done
done < "$here/trees.txt"
[ $# -gt 0 ] || { echo "no trees found under $mirror" >&2; exit 1; }
exec python3 "$here/harvest.py" --out "$out" "$@"
