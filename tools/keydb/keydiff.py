#!/usr/bin/env python3
"""keydiff.py - what changed between two versions of rules/keys.json.

Usage: keydiff.py OLD NEW
  OLD, NEW: a file, or REV:PATH for a file as git has it at REV
  (e.g. main:rules/keys.json).

Compares per kernel line, so that moving an interval boundary or
reordering fields shows no change.  Prints one line per key, field and
run of lines with the same change:

  net.core.bpf_jit_enable 4.19-6.18: max 1 -> 2
  + net.ipv4.route.flush 5.4-6.18
  - kernel.foo 6.18

and a summary count.  Exit status 0 either way.
"""
import json
import subprocess
import sys

import dbfile


def read(spec):
    if ":" in spec and not spec.startswith("/") and \
            not spec.startswith("."):
        text = subprocess.run(["git", "show", spec], check=True,
                              stdout=subprocess.PIPE).stdout.decode()
        return json.loads(text)
    with open(spec, encoding="utf-8") as f:
        return json.load(f)


def show(v):
    return json.dumps(v, separators=(",", ":")) if not isinstance(v, str) \
        else v


def runs(lines, wanted):
    """'4.14-5.10, 6.1' for the lines of wanted, in line order."""
    out, start, prev = [], None, None
    for l in lines + [None]:
        if l is not None and l in wanted:
            if start is None:
                start = l
            prev = l
            continue
        if start is not None:
            out.append(start if start == prev else start + "-" + prev)
            start = None
    return ", ".join(out)


def diff(old, new):
    lines = [l for l in new["lines"] if l in old["lines"]]
    po, _ = dbfile.expand(old)
    pn, _ = dbfile.expand(new)
    changes = {}
    for l in lines:
        for name in set(po[l]) | set(pn[l]):
            a, b = po[l].get(name), pn[l].get(name)
            if a is None:
                changes.setdefault((name, "+", "", ""), set()).add(l)
                continue
            if b is None:
                changes.setdefault((name, "-", "", ""), set()).add(l)
                continue
            for f in sorted(set(a) | set(b)):
                if dbfile.exact(a.get(f)) != dbfile.exact(b.get(f)):
                    changes.setdefault((name, f, show(a.get(f)),
                                        show(b.get(f))), set()).add(l)
    out = []
    for (name, f, x, y), ls in sorted(changes.items()):
        if f in "+-":
            out.append("%s %s %s" % (f, name, runs(lines, ls)))
        else:
            out.append("%s %s: %s %s -> %s" % (name, runs(lines, ls), f, x,
                                               y))
    keys = len(set(c[0] for c in changes))
    out.append("%d changes in %d keys" % (len(changes), keys))
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: keydiff.py OLD NEW")
    for line in diff(read(sys.argv[1]), read(sys.argv[2])):
        print(line)


if __name__ == "__main__":
    main()
