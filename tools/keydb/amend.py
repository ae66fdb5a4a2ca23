#!/usr/bin/env python3
"""amend.py - applies the curated overlay to a merged rules/keys.json.

Usage: amend.py KEYS.json [OVERLAY.json]   (rewrites KEYS.json)

harvest.py applies tools/keydb/overlay.json while it reads the kernel
trees; boot-merge.py then adds what booted kernels showed, and copies or
guesses the data of what it adds.  The overlay is the curated word on a
key, so `make keydb` applies it once more, last, here.  Applying it is
idempotent: a database it was applied to does not change.  Needs no
kernel tree, so an overlay edit reaches rules/keys.json at once; see
keydiff.py for what it changed.
"""
import os
import sys

import dbfile
import harvest


def amend(db, overlay, log):
    per_line, shape = dbfile.expand(db)
    harvest.apply_overlay(per_line, db["lines"], overlay, log)
    db["keys"] = dbfile.collapse(per_line, db["lines"], shape)
    if "counts" in db:
        db["counts"] = dbfile.counts(db)
    return db


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: amend.py KEYS.json [OVERLAY.json]")
    path = sys.argv[1]
    ovl = sys.argv[2] if len(sys.argv) == 3 else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "overlay.json")
    overlay = dbfile.load(ovl)
    db = amend(dbfile.load(path), overlay,
               lambda m: print("amend: " + m, file=sys.stderr))
    dbfile.save(db, path)


if __name__ == "__main__":
    main()
