#!/bin/sh
# The database tools of tools/keydb, without kernel trees or network:
# the per-line form reads and writes rules/keys.json unchanged, the
# shipped database has the overlay applied (amend.py changes nothing),
# keydiff.py, amend.py and harvest.py (on the fake tree tests/keydb/tree)
# do what tests/keydb/*.expected* say, and
# keydb-gen refuses an integer a double cannot hold.
# Usage: tests/keydb-tools.sh BUILD_DIR
set -u
b=$1
cd "$(dirname "$0")/.." || exit 2
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
py=${PYTHON:-python3}
kd=tools/keydb

if "$py" -c "
import sys; sys.path.insert(0, '$kd')
import dbfile
db = dbfile.load('rules/keys.json')
per_line, shape = dbfile.expand(db)
db['keys'] = dbfile.collapse(per_line, db['lines'], shape)
sys.exit(dbfile.dumps(db) != open('rules/keys.json').read())
"; then ok; else bad "expand/collapse does not give rules/keys.json back"; fi

cp rules/keys.json "$t/keys.json"
"$py" $kd/amend.py "$t/keys.json" 2>"$t/err"
if cmp -s rules/keys.json "$t/keys.json"; then ok; else
	bad "rules/keys.json lacks overlay edits:"
	"$py" $kd/keydiff.py rules/keys.json "$t/keys.json" | head
fi

"$py" $kd/keydiff.py tests/keydb/old.json tests/keydb/new.json >"$t/diff"
if cmp -s "$t/diff" tests/keydb/diff.expected; then ok; else
	bad "keydiff.py old new:"; diff -u tests/keydb/diff.expected "$t/diff"
fi

cp tests/keydb/old.json "$t/a.json"
"$py" $kd/amend.py "$t/a.json" tests/keydb/overlay.json 2>"$t/err"
"$py" $kd/keydiff.py tests/keydb/old.json "$t/a.json" >"$t/diff"
if cmp -s "$t/diff" tests/keydb/amend.expected; then ok; else
	bad "amend.py old overlay:"; diff -u tests/keydb/amend.expected "$t/diff"
fi
cp "$t/a.json" "$t/b.json"
"$py" $kd/amend.py "$t/b.json" tests/keydb/overlay.json 2>"$t/err"
if cmp -s "$t/a.json" "$t/b.json"; then ok; else bad "amend.py is not idempotent"; fi

# The harvest on a small fake kernel tree: a procname that is an
# identifier, bounds in #ifdef branches, an unsigned 64-bit maximum, the
# count of a bool whose maxlen is an int's.
"$py" $kd/harvest.py --out "$t/tree.json" --tree 6.1=tests/keydb/tree \
    --overlay '' 2>"$t/err"
if cmp -s "$t/tree.json" tests/keydb/tree.expected.json; then ok; else
	bad "harvest.py on tests/keydb/tree:"
	diff -u tests/keydb/tree.expected.json "$t/tree.json" | head -20
	cat "$t/err"
fi

# boot-merge.py on tests/keydb/boot: a write-only key only the mode list
# shows, a per-device key the database has under neigh.default only.
cp tests/keydb/boot-base.json "$t/boot.json"
"$py" $kd/boot-merge.py "$t/boot.json" tests/keydb/boot >/dev/null 2>"$t/err"
if cmp -s "$t/boot.json" tests/keydb/boot.expected.json; then ok; else
	bad "boot-merge.py on tests/keydb/boot:"
	diff -u tests/keydb/boot.expected.json "$t/boot.json" | head -20
	cat "$t/err"
fi

echo '{}' >"$t/facts.json"
if "$b/tools/keydb-gen" tests/keydb/new.json "$t/facts.json" >/dev/null \
    2>"$t/err"; then
	bad "keydb-gen took 9223372036854775807 as a JSON number"
else
	if grep -q "past 2^53 must be strings" "$t/err"; then ok; else
		bad "keydb-gen: unexpected message"; cat "$t/err"
	fi
fi
"$py" -c "
import sys; sys.path.insert(0, '$kd')
import dbfile
db = dbfile.load('tests/keydb/new.json'); dbfile.save(db, '$t/exact.json')"
if "$b/tools/keydb-gen" "$t/exact.json" "$t/facts.json" >"$t/gen.c" \
    2>"$t/err" && grep -q "9223372036854775807LL" "$t/gen.c"; then ok; else
	bad "keydb-gen: LONG_MAX as a string is not exact"; cat "$t/err"
fi

echo "keydb-tools: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
