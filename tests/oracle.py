#!/usr/bin/env python3
"""The kernel as oracle: lint every recorded write probe and compare.

Usage: tests/oracle.py BINARY [DATA_DIR [FLOOR_FILE [EXCEPTIONS]]]

DATA_DIR (tools/kboot/data) holds LINE-probes.tsv files, written by
tools/kboot/probe-line.sh from writes into a booted kernel's /proc/sys.
Every probe becomes a one-line file "key = value"; all of a line's files
go to one sysctl-lint call (each PATH is judged on its own, so the probes
do not interact) with --kernel LINE.  The kernel's verdict against the
linter's highest severity:
  refused (an errno)                       -> the lint must give an error
  accepted, reads back as written          -> no error
  accepted, reads back otherwise (a prefix, clamped, wrapped, ignored)
                                           -> a warning or an error
Probes of a key after a restore that failed (a one-way setting) start from
another state and are left out, as are the rows the exceptions file names.

Prints "oracle LINE: N/M = P %" per line and fails when P is below the
line's floor in FLOOR_FILE (tests/oracle-floor), or a line has probes and
no floor.  Also prints the largest disagreement classes; with
ORACLE_DUMP=DIR, every disagreement goes to DIR/LINE-disagree.tsv.
"""
import collections
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile

CHUNK = 4000		# files per sysctl-lint call (argument list size)
SEVERITY = {"note": 1, "warning": 2, "error": 3}
INT_MAX = 2**31 - 1
LONG_MAX = 2**63 - 1


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "x" and i + 3 < len(s):
                out.append(chr(int(s[i + 2:i + 4], 16)))
                i += 4
                continue
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(n, n))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def value_classes(value):
    """The classes an exception can name instead of a literal value."""
    toks = value.split()
    classes = set()
    if not toks:
        classes.add("empty")
    if len(toks) > 1:
        classes.add("vector")
    for t in toks:
        if not re.fullmatch(r"-?\d+", t):
            classes.add("word")
            continue
        n = int(t)
        if n < 0:
            classes.add("negative")
        if n > INT_MAX or n < -INT_MAX - 1:
            classes.add("over-int")
        if n > LONG_MAX:
            classes.add("over-long")
    return classes


CLASSES = {"empty", "vector", "word", "negative", "over-int", "over-long"}


def key_matches(pattern, key):
    p, k = pattern.split("."), key.split(".")
    return len(p) == len(k) and all(fnmatch.fnmatchcase(b, a) for a, b in zip(p, k))


def read_exceptions(path):
    """[(key pattern, value or [class], reason)].  No blanket rows: a key
    with at least two literal components, a value or a known class."""
    rows, errors = [], []
    if not path or not os.path.exists(path):
        return rows, errors
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            where = "%s:%d" % (path, n)
            if len(parts) != 3 or not parts[2].strip():
                errors.append(where + ": want KEY<TAB>VALUE or [CLASS]<TAB>REASON")
                continue
            key, value, reason = parts
            literal = [c for c in key.split(".") if not re.search(r"[*?\[]", c)]
            if len(literal) < 2:
                errors.append(where + ": key pattern '%s' is too broad" % key)
                continue
            m = re.fullmatch(r"\[(.*)\]", value)
            if m and m.group(1) not in CLASSES:
                errors.append(where + ": unknown value class '%s' (%s)" %
                              (value, ", ".join(sorted(CLASSES))))
                continue
            if value in ("*", ""):
                errors.append(where + ": a value or a [class] is needed")
                continue
            rows.append((key, value, reason))
    return rows, errors


def excepted(exceptions, key, value):
    for pattern, want, _ in exceptions:
        if not key_matches(pattern, key):
            continue
        m = re.fullmatch(r"\[(.*)\]", want)
        if (m and m.group(1) in value_classes(value)) or (not m and want == value):
            return (pattern, want)
    return None


def read_probes(path):
    """Rows (key, value, result, readback), leaving out the tainted ones."""
    rows, tainted_keys, tainted = [], set(), 0
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for raw in f:
            p = raw.rstrip("\n").split("\t")
            key = p[col["key"]]
            if key in tainted_keys:
                tainted += 1
                continue
            rows.append((key, unescape(p[col["value"]]), p[col["result"]],
                         unescape(p[col["readback"]])))
            if p[col["restore"]] not in ("same", "ok", "-"):
                tainted_keys.add(key)
    return rows, tainted


def number(tok):
    try:
        return int(tok, 0)
    except ValueError:
        return None


def same_element(written, read):
    """Element equality; a number also when the kernel prints it in another
    base (sunrpc.*_debug reads back 0x0001 for 1)."""
    return written == read or (number(written) is not None and number(written) == number(read))


def kernel_verdict(value, result, readback):
    """refused, as-written or otherwise."""
    if not result.startswith("ok"):
        return "refused"
    if readback == "-":
        return "as-written"	# write-only: nothing to read back
    w, r = value.split(), readback.split()
    if len(w) == len(r) and all(same_element(a, b) for a, b in zip(w, r)):
        return "as-written"
    return "otherwise"


def lint_all(binary, line, rows):
    """Highest severity (0 none .. 3 error) and rule ids, per row."""
    worst = [0] * len(rows)
    rules = [set() for _ in rows]
    # tmpfs when there is one: some 20,000 small files per line
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=shm) as tmp:
        names = []
        dirfd = os.open(tmp, os.O_RDONLY)
        try:
            for i, (key, value, _, _) in enumerate(rows):
                name = "p%d.conf" % i
                fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644,
                             dir_fd=dirfd)
                os.write(fd, ("%s = %s\n" % (key, value)).encode("utf-8", "surrogateescape"))
                os.close(fd)
                names.append(name)
        finally:
            os.close(dirfd)
        for at in range(0, len(names), CHUNK):
            cmd = [binary, "--no-config", "--kernel", line, "--format", "json",
                   "--severity", "warning", "--fail-level", "none"] + names[at:at + CHUNK]
            proc = subprocess.run(cmd, cwd=tmp, capture_output=True, text=True,
                                  timeout=600, check=False)
            if proc.returncode != 0:
                sys.exit("sysctl-lint exit %d: %s" % (proc.returncode, proc.stderr[:500]))
            for fd in json.loads(proc.stdout)["findings"]:
                i = int(fd["file"][1:-len(".conf")])
                worst[i] = max(worst[i], SEVERITY[fd["severity"]])
                rules[i].add(fd["rule"])
    return worst, rules


def read_floor(path):
    floor = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].split()
            if len(line) == 2:
                floor[line[0]] = float(line[1])
    return floor


def main():
    binary = os.path.abspath(sys.argv[1])
    data = sys.argv[2] if len(sys.argv) > 2 else "tools/kboot/data"
    floor_path = sys.argv[3] if len(sys.argv) > 3 else "tests/oracle-floor"
    exc_path = sys.argv[4] if len(sys.argv) > 4 else "tools/kboot/oracle-exceptions.tsv"
    passed = failed = 0
    exceptions, errors = read_exceptions(exc_path)
    for e in errors:
        print("FAIL " + e)
        failed += 1
    floor = read_floor(floor_path)
    used = set()
    files = sorted(f for f in os.listdir(data) if f.endswith("-probes.tsv"))
    for fname in files:
        line = fname[:-len("-probes.tsv")]
        rows, tainted = read_probes(os.path.join(data, fname))
        kept, skipped = [], 0
        for r in rows:
            hit = excepted(exceptions, r[0], r[1])
            if hit:
                used.add(hit)
                skipped += 1
            else:
                kept.append(r)
        worst, rules = lint_all(binary, line, kept)
        agree = 0
        classes = collections.defaultdict(list)
        for r, w, ids in zip(kept, worst, rules):
            k = kernel_verdict(r[1], r[2], r[3])
            ok = (w == 3) if k == "refused" else (w < 3) if k == "as-written" else (w >= 2)
            if ok:
                agree += 1
                continue
            got = ["none", "note", "warning", "error"][w]
            label = "%s/%s %s" % (k, r[2] if k == "refused" else "ok", got)
            if ids:
                label += " " + ",".join(sorted(ids))
            classes[label].append(r)
        dump = os.environ.get("ORACLE_DUMP")
        if dump:
            with open(os.path.join(dump, line + "-disagree.tsv"), "w", encoding="utf-8") as out:
                for label, rs in sorted(classes.items()):
                    for r in rs:
                        out.write("%s\t%s\t%s\t%s\n" % (label, r[0], r[1], r[3]))
        total = len(kept)
        pct = 100.0 * agree / total if total else 100.0
        print("oracle %s: %d/%d = %.2f %%  (%d tainted, %d excepted)" %
              (line, agree, total, pct, tainted, skipped))
        for label, rs in sorted(classes.items(), key=lambda x: -len(x[1]))[:8]:
            eg = "; ".join("%s = %s -> %s" % (r[0], r[1], r[3][:30]) for r in rs[:2])
            print("  %5d  %s  e.g. %s" % (len(rs), label, eg))
        if line not in floor:
            print("FAIL oracle %s: no floor in %s" % (line, floor_path))
            failed += 1
        elif pct + 1e-9 < floor[line]:
            print("FAIL oracle %s: %.2f %% is below the floor %.2f %%" % (line, pct, floor[line]))
            failed += 1
        else:
            passed += 1
    if not files:
        print("FAIL no probe data in " + data)
        failed += 1
    for pattern, want, _ in exceptions:
        if (pattern, want) not in used:
            print("note: exception %s %s matches no probe" % (pattern, want))
    print("oracle: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
