"""dbfile.py - rules/keys.json as per-line records and back.

The database stores each key as version intervals; edits are easier to
state, and to check, per kernel line.  expand() turns a database into
{line: {name: record}}, where a record holds the key's fields with the
interval's values; collapse() turns that back into intervals, merging
neighbouring lines whose records are equal.  collapse(expand(db)) gives
db again, field order included, so a tool that edits records changes the
file only where it changed a record.

Also: the file's text form (1-space indent, ASCII), and integers that a
double cannot hold exactly (past 2^53: tools/keydb-gen.c reads JSON
numbers as doubles) written as strings.
"""

import json
from collections import OrderedDict

VERSION_FIELDS = ("handler", "type", "elem", "count", "min", "max", "mode",
                  "default", "maxlen", "cond", "values")
# Version fields written only when set.
OPTIONAL_FIELDS = ("elem", "maxlen", "cond", "values")
KEY_FIELDS = ("src", "netns", "module", "kconfig", "config")
# Fields of the key as a whole that a record carries but no interval does.
KEY_ONLY = ("patch",)
EXACT_LIMIT = 2 ** 53


def line_key(v):
    return tuple(int(x) for x in v.split("."))


def exact(v):
    """v with integers past 2^53 turned into decimal strings."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, int):
        return str(v) if abs(v) > EXACT_LIMIT else v
    if isinstance(v, dict):
        return OrderedDict((k, exact(x)) for k, x in v.items())
    if isinstance(v, list):
        return [exact(x) for x in v]
    return v


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def dumps(db):
    return json.dumps(exact(db), indent=1) + "\n"


def save(db, path):
    text = dumps(db)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    import os
    os.replace(path + ".tmp", path)


def lines_of(version, lines):
    lo = lines.index(version["from"])
    hi = lines.index(version["to"]) if version.get("to") else len(lines) - 1
    return lines[lo:hi + 1]


def expand(db):
    """{line: {name: record}}, plus each key's own field list."""
    lines = db["lines"]
    per_line = OrderedDict((l, OrderedDict()) for l in lines)
    shape = {}
    for k in db["keys"]:
        fields = [f for f in k if f not in ("name", "versions")]
        shape[k["name"]] = fields
        for v in k["versions"]:
            for l in lines_of(v, lines):
                rec = OrderedDict()
                rec["name"] = k["name"]
                for f in fields:
                    rec[f] = k[f]
                for f, x in v.items():
                    if f not in ("from", "to"):
                        rec[f] = x
                per_line[l][k["name"]] = rec
    return per_line, shape


def _version(rec, key, line):
    v = OrderedDict()
    v["from"] = line
    v["to"] = line
    for f in VERSION_FIELDS:
        if f in OPTIONAL_FIELDS and rec.get(f) is None:
            continue
        v[f] = rec.get(f)
    for f in KEY_FIELDS:
        if f in rec and rec[f] != key.get(f):
            v[f] = rec[f]
    for f, x in rec.items():
        if f not in v and f != "name" and f not in KEY_FIELDS and \
                f not in KEY_ONLY and f not in VERSION_FIELDS:
            v[f] = x
    return v


def collapse(per_line, lines, shape=None):
    """The key list of a database from per-line records."""
    shape = shape or {}
    names = set()
    for l in lines:
        names.update(per_line[l])
    keys = []
    for name in sorted(names):
        present = [l for l in lines if name in per_line[l]]
        newest = per_line[present[-1]][name]
        key = OrderedDict()
        key["name"] = name
        for f in shape.get(name, KEY_FIELDS + tuple(
                f for f in KEY_ONLY if f in newest)):
            key[f] = newest.get(f)
        versions = []
        prev = None
        for l in lines:
            rec = per_line[l].get(name)
            if rec is None:
                prev = None
                continue
            v = _version(rec, key, l)
            sig = [(f, x) for f, x in v.items() if f not in ("from", "to")]
            if prev is not None and prev[0] == sig:
                prev[1]["to"] = l
            else:
                versions.append(v)
                prev = (sig, v)
        for v in versions:
            if v["to"] == lines[-1]:
                v["to"] = None
        key["versions"] = versions
        keys.append(key)
    return keys


def counts(db):
    per_line, _ = expand(db)
    return OrderedDict((l, len(per_line[l])) for l in db["lines"])
