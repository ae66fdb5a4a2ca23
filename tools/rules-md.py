#!/usr/bin/python3
"""Writes rules.md, the catalogue for people, from the rule files in rules/.

Usage: tools/rules-md.py [OUTPUT]   (default: standard output)

The catalogue files are the one table: this page, --list-rules, --explain
and the SARIF rule metadata all come from them.  tests/rules-md.sh fails
when rules.md is not what this script writes.
"""
import glob
import json
import os
import sys

HEADER = """# sysctl-lint rules

Generated from `rules/catalog*.json` and `rules/tuning-advice.json` by
`tools/rules-md.py`; do not edit by hand.  `sysctl-lint --explain ID` prints one entry, and
`sysctl-lint --list-rules` lists them all.

Severities are defaults.  `--disable ID` turns a rule off; ids, names and
id prefixes (`SL1`) are accepted.  *Fix* says how far a rule's fixes can be
trusted: a safe fix keeps what the loaders and the kernel make of the line,
or gives a line they refuse its one reading, and `--fix` applies it; an
unsafe one is a guess, or changes what a working line sets, and only
`--fix --unsafe-fixes` applies it.

| id | name | severity | summary |
| --- | --- | --- | --- |
"""


FIX_SAFETY = {
    "safe": "safe, applied by `--fix`",
    "unsafe": "unsafe, applied only with `--unsafe-fixes`",
    "unsafe-in-text": "safe, applied by `--fix`, except in the value of a key "
                      "the kernel keeps as written (a string such as "
                      "kernel.core_pattern or kernel.hostname, or a key it "
                      "does not know), where it changes what the kernel keeps "
                      "and is unsafe",
}


def fix_text(fix):
    """The safety of a rule's fix: a word, or a data rule's fix object."""
    if isinstance(fix, str):
        return FIX_SAFETY[fix]
    return "%s (`%s`), %s" % (fix["description"], fix["replacement"],
                              FIX_SAFETY[fix.get("safety", "unsafe")])


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    rules = []
    for path in sorted(glob.glob(os.path.join(top, "rules", "catalog*.json"))):
        with open(path, encoding="utf-8") as f:
            rules.extend(json.load(f)["rules"])
    rules.sort(key=lambda r: r["id"])
    out = [HEADER]
    for r in rules:
        out.append("| [%s](#%s) | %s | %s | %s |\n" % (
            r["id"], r["id"].lower(), r["name"], r["severity"], r["summary"]))
    for r in rules:
        out.append("\n## %s\n\n" % r["id"])
        out.append("`%s`, %s" % (r["name"], r["severity"]))
        if r.get("enabled") is False:
            out[-1] += " (off by default: `--enable %s`)" % r["name"]
        if r.get("tags"):
            out[-1] += "; tags: " + ", ".join(r["tags"])
        out[-1] += "\n\n"
        out.append("%s\n\n%s\n" % (r["summary"], r["explanation"]))
        if r.get("fix"):
            out.append("\n*Fix*: %s.\n" % fix_text(r["fix"]))
        if r.get("when"):
            keys = ", ".join("`%s`" % (k if isinstance(k, str) else "regex " + k["regex"])
                             for k in r["keys"])
            out.append("\nApplies to %s when `%s`.\n" % (keys, r["when"]))
        if r.get("references"):
            out.append("\nReferences:\n\n")
            for ref in r["references"]:
                out.append("- %s\n" % ref)
    with open(os.path.join(top, "rules", "tuning-advice.json"), encoding="utf-8") as f:
        advice = json.load(f)["advice"]
    out.append("\n## Common tuning advice\n\n"
               "Every recommendation of two widely read Chinese tuning texts, with the "
               "rule that checks it or the reason none does.  *tuning guide* is a widely "
               "copied TIME_WAIT recipe, here from the blog post \"Weekly study notes, "
               "October 2023\" (学习周报「2023」10月); *course chapter* is a Linux kernel "
               "course chapter on the TCP settings of connection setup, buffers and "
               "queues.\n\n"
               "| document | advice | verdict | rules |\n| --- | --- | --- | --- |\n")
    for a in advice:
        out.append("| %s | `%s` | %s | %s |\n" % (
            a["document"], a["advice"].replace("|", "\\|"), a["verdict"],
            a["rules"] or "none"))
    text = "".join(out)
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
