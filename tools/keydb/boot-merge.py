#!/usr/bin/python3
"""Merges what booted kernels listed under /proc/sys into rules/keys.json.

The harvest reads one point release of each line from source; the Debian
kernels booted under qemu (tools/kboot) are newer point releases with
stable backports, distribution patches and their real module split.  For
each boot (tools/kboot/data/LINE-sysctl-a.txt with LINE-modes.txt and
LINE-info.txt, and host-sysctl-a.txt for the machine that captured them):

* a key the booted kernel has but the database lacks for that line is
  added to the line (copying the nearest line's handler data when the
  database knows the key elsewhere, else typed from its value and mode),
  marked "seen": "boot";
* keys only LINE-modes.txt lists (write-only ones, which sysctl -a
  cannot read) count as listed too;
* per-device names become templates: net.{ipv4,ipv6}.{conf,neigh}.IFACE
  and kernel.sched_domain.cpuN.domainN; a template the database lacks
  copies the neigh.default key of the same name when there is one;
* a key that only appeared after the boot loaded modules, and that the
  harvest ties to no module, is marked "module": "loadable";
* a key the harvest ties to a module but that the Debian kernels have
  before any module is loaded is built in there: its module is cleared.
* a key present only on the capturing host (not in any Debian boot nor
  in the harvest) is a vendor patch of that kernel ("patch": "vendor").

Usage: boot-merge.py KEYS.json DATA_DIR   (rewrites KEYS.json)
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbfile  # noqa: E402

DEVICE_TREES = re.compile(r"^(net\.(?:ipv4|ipv6|mpls)\.(?:conf|neigh))\.([^.]+)\.(.+)$")
SCHED = re.compile(r"^kernel\.sched_domain\.cpu\d+\.domain\d+\.(.+)$")
KEEP_DEVICES = {"all", "default"}


def template(name):
    m = SCHED.match(name)
    if m:
        return "kernel.sched_domain.<n>.<n>." + m.group(1)
    m = DEVICE_TREES.match(name)
    if m and m.group(2) not in KEEP_DEVICES:
        return "%s.<dev>.%s" % (m.group(1), m.group(3))
    return name


def read_snapshot(path):
    keys = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            if " = " not in line and not line.endswith(" ="):
                continue
            key, _, value = line.partition(" =")
            keys.setdefault(key, value[1:] if value.startswith(" ") else value)
    return keys


def read_modes(path):
    modes = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    modes[parts[1]] = parts[0]
    return modes


def read_module_keys(path):
    keys = set()
    if not os.path.exists(path):
        return keys
    inside = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                inside = line.startswith("## keys-from-modules")
                continue
            if inside and line:
                keys.add(line)
    return keys


def guess_range(value, mode):
    tokens = value.split()
    numeric = tokens and all(re.fullmatch(r"-?\d+", t) for t in tokens)
    return {"handler": None, "type": "int" if numeric else "custom",
            "count": len(tokens) if numeric else None, "min": None,
            "max": None, "mode": mode or "0644", "default": None}


def covers(key, line_index, lines):
    for r in key["versions"]:
        lo = lines.index(r["from"])
        hi = lines.index(r["to"]) if r.get("to") else len(lines) - 1
        if lo <= line_index <= hi:
            return True
    return False


def nearest_range(key, line_index, lines):
    best, dist = None, None
    for r in key["versions"]:
        lo = lines.index(r["from"])
        hi = lines.index(r["to"]) if r.get("to") else len(lines) - 1
        d = min(abs(lo - line_index), abs(hi - line_index))
        if dist is None or d < dist:
            best, dist = r, d
    return best


def add_line(key, line, lines, model=None):
    """Adds line to key's intervals, copying model's (or key's) nearest."""
    idx = lines.index(line)
    src = dict(nearest_range(model or key, idx, lines))
    src["from"] = line
    src["to"] = line
    src["seen"] = "boot"
    key["versions"].append(src)
    key["versions"].sort(key=lambda r: lines.index(r["from"]))


def main():
    keys_path, data = sys.argv[1], sys.argv[2]
    with open(keys_path, encoding="utf-8") as f:
        db = json.load(f)
    lines = db["lines"]
    by_name = {k["name"]: k for k in db["keys"]}
    boots = []
    for name in sorted(os.listdir(data)):
        m = re.fullmatch(r"(.+)-sysctl-a\.txt", name)
        if not m:
            continue
        tag = m.group(1)
        line = tag
        if tag == "host":
            with open(os.path.join(data, "host-info.txt"), encoding="utf-8") as f:
                rel = re.search(r"uname -r: (\d+\.\d+)", f.read()).group(1)
            line = max((l for l in lines
                        if tuple(map(int, l.split("."))) <= tuple(map(int, rel.split(".")))),
                       key=lambda l: tuple(map(int, l.split("."))))
        if line not in lines:
            continue
        snap = read_snapshot(os.path.join(data, name))
        modes = read_modes(os.path.join(data, tag + "-modes.txt"))
        # sysctl -a skips what it cannot read (mode 0200 keys such as
        # net.ipv4.route.flush); the mode list has every key
        for raw in modes:
            snap.setdefault(raw, "")
        boots.append((tag, line, snap, modes,
                      read_module_keys(os.path.join(data, tag + "-info.txt"))))
    debian_names = set()
    for tag, _, snap, _, _ in boots:
        if tag != "host":
            debian_names.update(template(k) for k in snap)
    added = extended = modules = builtin = 0
    for tag, line, snap, modes, from_modules in boots:
        idx = lines.index(line)
        for raw, value in snap.items():
            name = template(raw)
            key = by_name.get(name)
            sibling = by_name.get(name.replace(".<dev>.", ".default."))
            if key is None and "<dev>" in name and sibling is not None and \
                    covers(sibling, idx, lines):
                # a per-device key the harvest has under neigh.default
                # only (gc_stale_time): the device's copy behaves alike
                key = {f: sibling[f] for f in sibling if f != "versions"}
                key["name"] = name
                key["versions"] = []
                add_line(key, line, lines, sibling)
                by_name[name] = key
                added += 1
            elif key is None:
                key = {"name": name, "src": None, "netns": None,
                       "module": None, "config": None,
                       "versions": [dict(guess_range(value, modes.get(raw)),
                                         **{"from": line, "to": line,
                                            "seen": "boot"})]}
                if tag == "host" and name not in debian_names:
                    key["patch"] = "vendor"
                by_name[name] = key
                added += 1
            elif not covers(key, idx, lines):
                add_line(key, line, lines)
                extended += 1
            if tag == "host":
                continue
            if raw in from_modules and not key.get("module"):
                key["module"] = "loadable"
                modules += 1
            elif raw not in from_modules and key.get("module") and \
                    not name.startswith(("net.netfilter.", "net.bridge.")):
                key["module"] = None
                builtin += 1
    db["keys"] = sorted(by_name.values(), key=lambda k: k["name"])
    if "counts" in db:
        db["counts"] = {l: sum(1 for k in db["keys"]
                               if covers(k, lines.index(l), lines))
                        for l in lines}
    dbfile.save(db, keys_path)
    print("boot-merge: %d keys added, %d extended to a line, %d marked "
          "loadable, %d built in" % (added, extended, modules, builtin))


if __name__ == "__main__":
    main()
