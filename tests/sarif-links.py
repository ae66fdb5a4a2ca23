#!/usr/bin/python3
"""SARIF links: every built-in rule's helpUri is its heading in rules.md of this
release, the home URL is the one debian/ and README.md name, each rule
has a help text and markdown, and each related location is linked from
its result's message.

Usage: tests/sarif-links.py RULES.JSON SARIF...
(RULES.JSON: the output of --list-rules -f json.)  Prints one line per
failure and a last line "N passed, M failed".
"""
import json
import os
import re
import sys


def github_anchors(path):
    """The anchors GitHub generates for the headings of a markdown file:
    lower case, punctuation except '-' and '_' dropped, spaces to '-',
    a repeated anchor suffixed -1, -2 ..."""
    seen = {}
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#{1,6} (.*)", line.rstrip("\n"))
            if not m:
                continue
            a = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            n = seen.get(a, 0)
            seen[a] = n + 1
            out.add(a if n == 0 else "%s-%d" % (a, n))
    return out


def field(path, name):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(name + ":"):
                return line.split(":", 1)[1].strip()
    return None


def main():
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    anchors = github_anchors(os.path.join(top, "rules.md"))
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print("FAIL " + what)

    shipped = set()
    with open(sys.argv[1], encoding="utf-8") as f:
        for r in json.load(f):
            shipped.add(r["id"])
            check(r["id"].lower() in anchors, "rules.md has no heading for %s" % r["id"])
    home = field(os.path.join(top, "debian", "control"), "Homepage")
    check(home == field(os.path.join(top, "debian", "copyright"), "Source"),
          "debian/control Homepage and debian/copyright Source differ")
    with open(os.path.join(top, "README.md"), encoding="utf-8") as f:
        check(home is not None and home in f.read(), "README.md does not name %s" % home)
    for path in sys.argv[2:]:
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        for run in log["runs"]:
            driver = run["tool"]["driver"]
            check(driver.get("informationUri") == home,
                  "%s: informationUri %s is not %s" % (name, driver.get("informationUri"), home))
            base = "%s/blob/v%s/rules.md#" % (home, driver.get("semanticVersion"))
            for rule in driver.get("rules", []):
                uri = rule.get("helpUri", "")
                if rule["id"] not in shipped:
                    # A --rules file's rule has no page of ours.
                    check("helpUri" not in rule,
                          "%s: %s of a rules file has helpUri %s" % (name, rule["id"], uri))
                    continue
                check(uri.startswith(base) and uri[len(base):] in anchors
                      and uri[len(base):] == rule["id"].lower(),
                      "%s: %s helpUri %s is not a rules.md heading" % (name, rule["id"], uri))
                h = rule.get("help", {})
                check(bool(h.get("text")) and bool(h.get("markdown")),
                      "%s: %s has no help text and markdown" % (name, rule["id"]))
            for res in run.get("results", []):
                text = res["message"]["text"]
                links = set(re.findall(r"(?<!\\)\]\((\d+)\)", text))
                ids = {str(x["id"]) for x in res.get("relatedLocations", [])}
                check(links == ids, "%s: %s message links %s, related locations are %s"
                      % (name, res["ruleId"], sorted(links), sorted(ids)))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
