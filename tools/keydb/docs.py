#!/usr/bin/env python3
"""docs.py - where the kernel's documentation describes each known key.

    python3 tools/keydb/docs.py KERNEL_GIT_DIR[@REV] rules/keys.json \\
        [--source-name github:OWNER/REPO] > rules/key-docs.json

Reads the sysctl documents of one kernel tree (with git show, no
checkout) and, for every key of rules/keys.json, names the document that
covers its directory and the title under which that document describes
the key: a section heading ("somaxconn" underlined) or the term of a
definition list ("tcp_rmem - vector of 3 INTEGERs: ..."), matched on the
key's last component.  A directory's own document is searched first; for
net.* keys the other networking documents next, since some net.core keys
are described in ip-sysctl.rst.  A key no title names gets its
directory's document without a section; a key of a directory no document
covers is left out.  Only names are taken from the documents, never text.

Output (sorted, 1-space indent): {"format": 1, "kernel": VERSION,
"source": {"repo": ..., "commit": ...}, "keys": {NAME: {"file": PATH,
"section": TITLE or null}}}.
"""

import json
import re
import subprocess
import sys
from collections import OrderedDict

# Most specific prefix first: the document for a directory of keys.
PREFIX_DOCS = [
    ("net.ipv4.vs.", "Documentation/networking/ipvs-sysctl.rst"),
    ("net.netfilter.nf_log", "Documentation/networking/netfilter-sysctl.rst"),
    ("net.netfilter.", "Documentation/networking/nf_conntrack-sysctl.rst"),
    ("net.nf_conntrack_max", "Documentation/networking/nf_conntrack-sysctl.rst"),
    ("net.core.xfrm_", "Documentation/networking/xfrm_sysctl.rst"),
    ("net.mptcp.", "Documentation/networking/mptcp-sysctl.rst"),
    ("net.mpls.", "Documentation/networking/mpls-sysctl.rst"),
    ("net.smc.", "Documentation/networking/smc-sysctl.rst"),
    ("net.ax25.", "Documentation/networking/ax25.rst"),
    ("net.x25.", "Documentation/networking/x25.rst"),
    ("net.rds.", "Documentation/networking/rds.rst"),
    ("net.ipv4.", "Documentation/networking/ip-sysctl.rst"),
    ("net.ipv6.", "Documentation/networking/ip-sysctl.rst"),
    ("net.sctp.", "Documentation/networking/ip-sysctl.rst"),
    ("net.tipc.", "Documentation/networking/ip-sysctl.rst"),
    ("net.bridge.", "Documentation/networking/ip-sysctl.rst"),
    ("net.core.", "Documentation/admin-guide/sysctl/net.rst"),
    ("net.unix.", "Documentation/admin-guide/sysctl/net.rst"),
    ("net.appletalk.", "Documentation/admin-guide/sysctl/net.rst"),
    ("net.netrom.", "Documentation/admin-guide/sysctl/net.rst"),
    ("net.rose.", "Documentation/admin-guide/sysctl/net.rst"),
    ("abi.", "Documentation/admin-guide/sysctl/abi.rst"),
    ("fs.", "Documentation/admin-guide/sysctl/fs.rst"),
    ("kernel.", "Documentation/admin-guide/sysctl/kernel.rst"),
    ("sunrpc.", "Documentation/admin-guide/sysctl/sunrpc.rst"),
    ("user.", "Documentation/admin-guide/sysctl/user.rst"),
    ("vm.", "Documentation/admin-guide/sysctl/vm.rst"),
]
# Searched after a net.* key's own document.
NET_DOCS = [
    "Documentation/networking/ip-sysctl.rst",
    "Documentation/admin-guide/sysctl/net.rst",
    "Documentation/networking/nf_conntrack-sysctl.rst",
    "Documentation/networking/netfilter-sysctl.rst",
    "Documentation/networking/ipvs-sysctl.rst",
    "Documentation/networking/xfrm_sysctl.rst",
    "Documentation/networking/ioam6-sysctl.rst",
    "Documentation/networking/seg6-sysctl.rst",
]

UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")
TERM = re.compile(r"^([A-Za-z0-9_./*<>{}\[\],:-]+(?:(?:,| and| or) "
                  r"[A-Za-z0-9_./*<>{}-]+)*)(?: - .*|:)?\s*$")
WORD = re.compile(r"[A-Za-z0-9_-]+")


def git_show(gitdir, rev, path):
    r = subprocess.run(["git", "--git-dir", gitdir, "show",
                        "%s:%s" % (rev, path)], capture_output=True)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def titles(text):
    """[(title, part)]: headings and definition terms, with the
    /proc/sys directory of the part of the document they are in."""
    out = []
    part = ""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        s = line.strip()
        if "/proc/sys/" in line and not line.startswith((" ", "\t")):
            part = line[line.index("/proc/sys/"):].split()[0]
        if not s or line.startswith((" ", "\t")):
            continue
        if UNDERLINE.match(nxt) and len(nxt.strip()) >= len(s) - 2 and \
                not UNDERLINE.match(line):
            out.append((s, part))
            continue
        # A term: followed by an indented line (its description), at
        # most one blank line between.
        if not nxt.strip() and i + 2 < len(lines):
            nxt = lines[i + 2]
        m = TERM.match(line)
        if m and nxt.startswith((" ", "\t")) and nxt.strip():
            out.append((m.group(1).rstrip(":"), part))
    return out


def match(title, comps):
    """0 if the title does not name the key (its components comps), 1
    if a word of it ends in the key's last component
    ("neigh/default/gc_thresh1"), 2 if that word is a whole tail of the
    key's path ("conf/all/forwarding" for net.ipv6.conf.all.forwarding,
    "forwarding" for net.ipv6.conf.<dev>.forwarding)."""
    best = 0
    for w in re.split(r"[\s,]+", title):
        parts = w.strip(":").split("/")
        if parts[-1] != comps[-1]:
            continue
        best = max(best, 2 if comps[-len(parts):] == parts else 1)
    return best


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    tree, rev = (argv[1].split("@", 1) + ["HEAD"])[:2]
    repo = None
    if len(argv) >= 5 and argv[3] == "--source-name":
        repo = argv[4]
    with open(argv[2], encoding="utf-8") as f:
        db = json.load(f)
    files = sorted(set(p for _, p in PREFIX_DOCS) | set(NET_DOCS))
    docs = {}
    for path in files:
        text = git_show(tree, rev, path)
        if text is None:
            sys.exit("docs.py: %s is not in %s at %s" % (path, tree, rev))
        docs[path] = titles(text)
    commit = subprocess.run(["git", "--git-dir", tree, "rev-parse", rev],
                            capture_output=True, text=True).stdout.strip()
    mk = git_show(tree, rev, "Makefile") or ""
    ver = ".".join(re.search(r"^%s = (\d+)" % v, mk, re.M).group(1)
                   for v in ("VERSION", "PATCHLEVEL", "SUBLEVEL"))
    keys = OrderedDict()
    for k in sorted(db["keys"], key=lambda k: k["name"]):
        name = k["name"]
        own = next((p for pre, p in PREFIX_DOCS if name.startswith(pre)),
                   None)
        order = [own] if own else []
        if name.startswith("net."):
            order += [p for p in NET_DOCS if p != own]
        comps = [c.replace("/", ".") for c in name.split(".")]
        # The key's directory as /proc/sys spells it, for documents with
        # a part per directory (ip-sysctl.rst: ipv4, ipv6, bridge, ...).
        where = "/proc/sys/" + "/".join(name.split(".")[:2]) + "/"
        found = None
        for path in order:
            # The best title: in the key's own part, then naming its
            # path's tail; the first of equals.
            hits = [((part.startswith(where), m), -i, t)
                    for i, (t, part) in enumerate(docs[path])
                    for m in [match(t, comps)] if m > 0]
            if hits:
                found = (path, max(hits)[2])
                break
        if found:
            keys[name] = OrderedDict([("file", found[0]),
                                      ("section", found[1])])
        elif own:
            keys[name] = OrderedDict([("file", own), ("section", None)])
    out = OrderedDict([("format", 1), ("kernel", ver),
                       ("source", OrderedDict([("repo", repo),
                                               ("commit", commit)])),
                       ("keys", keys)])
    sys.stdout.write(json.dumps(out, indent=1, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main(sys.argv)
