#!/usr/bin/env python3
"""probe-plan.py - the write-probe plan of one kernel line, for sysprobe.

Usage: probe-plan.py [--keys rules/keys.json] [--facts rules/key-facts.json]
                     [--skip tools/kboot/probe-skip.tsv] LINE MODES >PLAN

LINE is the kernel line (e.g. 6.1; a line newer than the key database's
newest is planned with the newest).  MODES is a "<octal mode> <key>" list
(data/<line>-modes.txt, or that of an older line when the kernel has not
been booted before: sysprobe probes the keys the guest has and the plan does
not name with the generic set, and reports planned keys the guest lacks).

What each key gets is decided from the database entry of that line (type,
count, min, max, maxlen) and the mode; see values().  The plan format is
described at the top of sysprobe.c.
"""
import argparse
import json
import re
import sys

# 2^31-1 .. 2^64: where int, uint, long and u64 parsers overflow
LIMITS = ["2147483647", "2147483648", "4294967295", "4294967296",
          "9223372036854775807", "9223372036854775808",
          "18446744073709551616"]
BASE = ["", "abc", "-1", "0", "1"]
STRING_WORD = "sysctllintprobe"
NUMERIC = {"int", "uint", "u8", "ulong", "bool", "jiffies", "ms_jiffies",
           "userhz_jiffies", "custom", "tuple", "bitmap", None}
# a string key gets maxlen-1 and maxlen characters only up to this length
STRING_FILL_MAX = 4096


def line_tuple(line):
    return tuple(int(x) for x in line.split("."))


def db_line(lines, kernel):
    """The newest database line at or below KERNEL."""
    fit = [l for l in lines if line_tuple(l) <= line_tuple(kernel)]
    return max(fit, key=line_tuple) if fit else min(lines, key=line_tuple)


def version_for(versions, line):
    for v in versions:
        lo = line_tuple(v["from"])
        hi = line_tuple(v["to"]) if v.get("to") else None
        if lo <= line_tuple(line) and (hi is None or line_tuple(line) <= hi):
            return v
    return None


class KeyDb:
    """Key name -> version entry for one line; <dev>, <n> etc. match any
    one component."""

    def __init__(self, keys_path, facts_path, line):
        with open(keys_path, encoding="utf-8") as f:
            db = json.load(f)
        self.line = db_line(db["lines"], line)
        self.exact = {}
        self.templates = []
        entries = [(k["name"], k["versions"]) for k in db["keys"]]
        if facts_path:
            with open(facts_path, encoding="utf-8") as f:
                facts = json.load(f)
            known = {name for name, _ in entries}
            for name, fact in facts.get("keys", {}).items():
                if "versions" in fact and name not in known:
                    entries.append((name, fact["versions"]))
        for name, versions in entries:
            v = version_for(versions, self.line)
            if v is None:
                continue
            if "<" in name:
                rx = "".join("[^.]+" if part.startswith("<") else re.escape(part)
                             for part in re.split(r"(<[^>]*>)", name))
                self.templates.append((re.compile(rx + r"\Z"), v))
            else:
                self.exact[name] = v

    def lookup(self, key):
        if key in self.exact:
            return self.exact[key]
        for rx, v in self.templates:
            if rx.match(key):
                return v
        return None


def ints(*xs):
    return [str(x) for x in xs if isinstance(x, int) and not isinstance(x, bool)]


def values(entry, mode):
    """The templates of one key, in probe order."""
    readable = mode & 0o400
    if not mode & 0o200:
        return ["@CUR@"]			# read-only: one write (SL3008)
    cur = ["@CUR@"] if readable else []
    if entry is None:			# not in the database: generic set
        return cur + BASE + LIMITS + (["@CUR+@", "@CUR-@"] if readable else [])
    typ = entry.get("type")
    count = entry.get("count") or 1
    lo, hi = entry.get("min"), entry.get("max")
    bounds = []
    if isinstance(lo, int) and not isinstance(lo, bool):
        bounds += ints(lo - 1, lo)
    if isinstance(hi, int) and not isinstance(hi, bool):
        bounds += ints(hi, hi + 1)
    if typ == "string":
        out = cur + BASE + [STRING_WORD]
        maxlen = entry.get("maxlen")
        if isinstance(maxlen, int) and 1 < maxlen <= STRING_FILL_MAX:
            out += ["a" * (maxlen - 1), "a" * maxlen]
        return out + (["@CUR+@"] if readable else [])
    extra = ["1-3", "5,7", "65536"] if typ == "bitmap" else []
    numbers = ["-1", "0", "1"] + bounds + LIMITS
    if count > 1 and readable:
        out = cur + ["", "abc"]
        out += ["@SUB0:%s@" % n for n in numbers]
        out += ["@SUBL:%s@" % n for n in bounds]
        return out + extra + ["@CUR+@", "@CUR-@"]
    out = cur + BASE + bounds + LIMITS + extra
    return out + (["@CUR+@"] if readable else [])


def numbers_in(template):
    m = re.fullmatch(r"@SUB[0L]:(.*)@", template)
    text = m.group(1) if m else template
    try:
        return int(text)
    except ValueError:
        return None


def read_skip(path):
    """[(pattern, action, reason)]: action skip, last or cap=N."""
    rows = []
    if not path:
        return rows
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not parts[2].strip() or not (
                    parts[1] in ("skip", "last") or re.fullmatch(r"cap=\d+", parts[1])):
                sys.exit("%s:%d: want PATTERN<TAB>skip|last|cap=N<TAB>REASON" % (path, n))
            rows.append(tuple(parts))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keys", default="rules/keys.json")
    ap.add_argument("--facts", default="rules/key-facts.json")
    ap.add_argument("--skip", default="tools/kboot/probe-skip.tsv")
    ap.add_argument("line")
    ap.add_argument("modes")
    args = ap.parse_args()

    from fnmatch import fnmatchcase
    db = KeyDb(args.keys, args.facts, args.line)
    skip = read_skip(args.skip)
    normal, last = [], {}
    with open(args.modes, encoding="utf-8") as f:
        for raw in f:
            mode, key = raw.split(None, 1)
            key = key.strip()
            rule = next((r for r in skip if fnmatchcase(key, r[0])), None)
            templates = values(db.lookup(key), int(mode, 8))
            if rule and rule[1] == "skip":
                continue
            if rule and rule[1].startswith("cap="):
                cap = int(rule[1][4:])
                templates = [t for t in templates
                             if numbers_in(t) is None or numbers_in(t) <= cap]
            if rule and rule[1] == "last":
                last.setdefault(rule[0], []).append((key, templates))
            else:
                normal.append((key, templates))

    out = sys.stdout
    out.write("# probe plan for %s (database line %s)\n" % (args.line, db.line))
    for pattern, action, reason in skip:	# for keys the guest has beyond MODES
        if action == "skip":
            out.write("S\t%s\t%s\n" % (pattern, reason))
        elif action == "last":
            out.write("L\t%s\n" % pattern)
        else:
            out.write("C\t%s\t%s\n" % (pattern, action[4:]))
    for t in ["@CUR@"] + BASE + LIMITS + ["@CUR+@", "@CUR-@"]:
        out.write("G\t%s\n" % t)
    for key, templates in normal:
        for t in dict.fromkeys(templates):
            out.write("P\t%s\t%s\n" % (key, t))
    out.write("U\n")
    for pattern, action, _ in skip:	# the risky keys last, in the file's order
        if action == "last":
            for key, templates in last.pop(pattern, []):
                for t in dict.fromkeys(templates):
                    out.write("P\t%s\t%s\n" % (key, t))


if __name__ == "__main__":
    main()
