#!/bin/sh
# The kernel as oracle: every write probe recorded in a booted Debian kernel
# (tools/kboot/data/LINE-probes.tsv, tools/kboot/probe-line.sh) is linted
# with --kernel LINE and must get the kernel's verdict: an error when the
# kernel refused the write, no error when it stored the value as written,
# a warning or an error when it stored something else.  Each line's share of
# agreement must reach its floor in tests/oracle-floor; rows of
# tools/kboot/oracle-exceptions.tsv are left out.  See tests/oracle.py.
# Usage: tests/oracle.sh BINARY
set -u
bin=$1
cd "$(dirname "$0")/.." || exit 2
py=/usr/bin/python3
[ -x "$py" ] || py=python3
exec "$py" tests/oracle.py "$bin" tools/kboot/data tests/oracle-floor \
	tools/kboot/oracle-exceptions.tsv
