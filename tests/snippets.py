#!/usr/bin/python3
"""The README's configuration snippets, for tests/snippets.sh.

Each snippet is the fenced block after a line `<!-- snippet: NAME -->`
in README.md.

  snippets.py check
      Parses every snippet as YAML (python3-yaml) and checks what makes it
      work as pasted: the GitHub workflow's triggers, permissions, build
      outside the checkout and SARIF upload; the GitLab job's Code Quality
      artifact; the pre-commit hooks and rev; and that the release they
      name is the one include/version.h and debian/changelog name.  Prints
      a FAIL line for each failed check and "N passed, N failed".
  snippets.py value NAME WHAT
      Prints one value of a snippet the shell test needs: WHAT is sarif
      (the GitHub workflow's SARIF path), codequality (the GitLab report
      path) or hooks (the pre-commit hook ids).
  snippets.py steps NAME DIR URL
      Writes the shell steps of the GitHub workflow or the GitLab job to
      DIR as they would run, with the project's URL replaced by URL: each
      GitHub run step as DIR/NN.sh, each GitLab script line as DIR/NN.sh,
      and DIR/steps listing "NN KIND" (KIND: build, lint).  apt-get lines
      are not run (the packages are installed already, and this is not
      the CI image) and sudo is dropped (the test installs under a PREFIX
      of its own): each such change is printed as a "skip:" or "changed:"
      line.  Steps that are actions are printed as "skip:" lines too.
Run from the repository root.
"""
import os
import re
import shlex
import sys

import yaml

README = "README.md"
MANIFEST = ".pre-commit-hooks.yaml"
NAMES = ("pre-commit", "pre-commit-build", "github-actions", "gitlab-ci")
LINT_OUT = {"github-actions": "sarif", "gitlab-ci": "gitlab"}


def extract(path=README):
    """The snippets of PATH by name; a marker without its block raises."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found = {}
    for i, line in enumerate(lines):
        m = re.fullmatch(r"<!-- snippet: ([a-z0-9-]+) -->", line)
        if not m:
            continue
        name = m.group(1)
        if name in found:
            raise ValueError("snippet %s is marked twice" % name)
        if i + 1 >= len(lines) or lines[i + 1] != "```yaml":
            raise ValueError("snippet %s: the line after its marker is not "
                             "```yaml" % name)
        try:
            end = lines.index("```", i + 2)
        except ValueError:
            raise ValueError("snippet %s: no closing ```" % name)
        found[name] = "\n".join(lines[i + 2:end]) + "\n"
    return found


def define(path, name):
    """The string value of #define NAME in a C header."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r'^#define\s+%s\s+"([^"]*)"' % name, text, re.M)
    return m.group(1) if m else None


def make_list(name):
    """The words of the Makefile variable NAME (one line)."""
    for line in open("Makefile", encoding="utf-8"):
        m = re.match(r"%s\s*=(.*)$" % name, line)
        if m:
            return m.group(1).split()
    return None


def changelog_version():
    m = re.match(r"\S+ \(([^)]+)\)",
                 open("debian/changelog", encoding="utf-8").readline())
    return m.group(1) if m else None


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def that(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s" % what)
        return cond


def commands(script):
    """The simple commands of a shell script, as word lists (no
    expansion): lines split at && ; and |."""
    out = []
    for line in script.split("\n"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        for part in re.split(r"&&|\|\||;|\|", line):
            try:
                words = shlex.split(part, posix=True)
            except ValueError:
                words = part.split()
            if words:
                out.append(words)
    return out


def strip_sudo(words):
    return words[1:] if words and words[0] == "sudo" else words


def apt_packages(cmds):
    """Packages of the apt-get install commands of CMDS."""
    pkgs = []
    for w in cmds:
        w = strip_sudo(w)
        if w[:2] == ["apt-get", "install"]:
            pkgs += [x for x in w[2:] if not x.startswith("-")]
    return pkgs


def lint_output(cmds, fmt):
    """The path of -o FMT:PATH in the sysctl-lint command of CMDS, the
    command, and its last word (the path it lints)."""
    for w in cmds:
        if w and w[0] == "sysctl-lint":
            for i, x in enumerate(w):
                if x == "-o" and i + 1 < len(w) and \
                        w[i + 1].startswith(fmt + ":"):
                    return w[i + 1][len(fmt) + 1:], w
            return None, w
    return None, None


def check_clone(c, name, cmds, url, tag, dest_pattern):
    """One git clone of URL at TAG into a directory matching
    DEST_PATTERN, and every make run with -C that directory (a bare make
    would run the user's Makefile)."""
    clones = [w for w in cmds if w[:2] == ["git", "clone"]]
    if not c.that(len(clones) == 1, "%s: %d git clone commands, expected 1"
                  % (name, len(clones))):
        return
    w = clones[0]
    c.that("--depth" in w and "--branch" in w and
           w[w.index("--branch") + 1] == tag,
           "%s: git clone is not --depth 1 --branch %s: %s"
           % (name, tag, " ".join(w)))
    c.that(url in w, "%s: git clone does not name %s" % (name, url))
    dest = w[-1]
    c.that(dest != url and re.fullmatch(dest_pattern, dest) is not None,
           "%s: git clone into %r, not a directory outside the checkout"
           % (name, dest))
    makes = [strip_sudo(x) for x in cmds if strip_sudo(x)[:1] == ["make"]]
    c.that(len(makes) >= 2, "%s: %d make commands, expected a build and an "
           "install" % (name, len(makes)))
    for m in makes:
        c.that(m[1:3] == ["-C", dest], "%s: '%s' does not run in the clone "
               "(make -C %s)" % (name, " ".join(m), dest))
    c.that(any("install" in m[3:] for m in makes),
           "%s: no make -C %s install" % (name, dest))


def check_github(c, doc, url, tag, deb_build):
    n = "github-actions"
    c.that(isinstance(doc.get("name"), str), n + ": no name:")
    # YAML 1.1 reads a bare `on` key as true.
    on = doc.get("on", doc.get(True))
    c.that(isinstance(on, dict) and "push" in on and "pull_request" in on,
           n + ": on: lacks push and pull_request")
    want = {"contents": "read", "security-events": "write",
            "actions": "read"}
    perms = doc.get("permissions")
    c.that(isinstance(perms, dict) and
           all(perms.get(k) == v for k, v in want.items()),
           n + ": permissions are not %s: %s" % (want, perms))
    jobs = doc.get("jobs")
    if not c.that(isinstance(jobs, dict) and len(jobs) == 1,
                  n + ": not one job"):
        return
    job = next(iter(jobs.values()))
    c.that(isinstance(job.get("runs-on"), str), n + ": no runs-on")
    steps = job.get("steps") or []
    c.that(bool(steps) and str(steps[0].get("uses", "")).startswith(
        "actions/checkout@"), n + ": the first step is not actions/checkout")
    script = "\n".join(s["run"] for s in steps if "run" in s)
    cmds = commands(script)
    c.that(sorted(apt_packages(cmds)) == sorted(deb_build),
           n + ": apt-get installs %s, the Makefile's DEB_BUILD is %s"
           % (apt_packages(cmds), deb_build))
    c.that(any(strip_sudo(w)[:2] == ["apt-get", "update"] for w in cmds),
           n + ": no apt-get update before the install")
    check_clone(c, n, cmds, url, tag, r'"?\$\{?RUNNER_TEMP\}?"?/.+')
    sarif, lint = lint_output(cmds, "sarif")
    if not c.that(sarif is not None, n + ": no sysctl-lint -o sarif:PATH"):
        return
    c.that(lint[-1] == "." and "github" in lint,
           n + ": the lint step is not 'sysctl-lint -f github ... .'")
    up = [s for s in steps if str(s.get("uses", "")).startswith(
        "github/codeql-action/upload-sarif@")]
    if not c.that(len(up) == 1, n + ": no upload-sarif step"):
        return
    u = up[0]
    c.that(u["uses"] == "github/codeql-action/upload-sarif@v4",
           n + ": %s, expected upload-sarif@v4" % u["uses"])
    c.that(u.get("if") == "always()", n + ": upload-sarif lacks if: always()")
    c.that((u.get("with") or {}).get("sarif_file") == sarif,
           n + ": upload-sarif's sarif_file is not %s" % sarif)
    c.that(steps.index(u) == len(steps) - 1,
           n + ": upload-sarif is not the last step")


def check_gitlab(c, doc, url, tag, deb_build):
    n = "gitlab-ci"
    if not c.that(isinstance(doc, dict) and len(doc) == 1,
                  n + ": not one job"):
        return
    job = next(iter(doc.values()))
    c.that(job.get("image") == "debian:12", n + ": image is not debian:12")
    lines = job.get("script")
    if not c.that(isinstance(lines, list) and
                  all(isinstance(x, str) for x in lines),
                  n + ": script is not a list of lines"):
        return
    cmds = commands("\n".join(lines))
    extra = ["ca-certificates", "git"]
    c.that(sorted(apt_packages(cmds)) == sorted(deb_build + extra),
           n + ": apt-get installs %s, expected DEB_BUILD %s and %s"
           % (apt_packages(cmds), deb_build, extra))
    c.that(not any("&&" in x or "||" in x for x in lines),
           n + ": a line chains commands (a failing first one would not "
           "fail the job)")
    c.that(any(re.fullmatch(r"src=\$\(mktemp -d\)", x) for x in lines),
           n + ": no src=$(mktemp -d)")
    check_clone(c, n, cmds, url, tag, r'"?\$\{?src\}?"?')
    path, lint = lint_output(cmds, "gitlab")
    if not c.that(path is not None, n + ": no sysctl-lint -o gitlab:PATH"):
        return
    c.that(lint[-1] == ".", n + ": the lint line does not lint '.'")
    art = job.get("artifacts") or {}
    c.that(art.get("when") == "always", n + ": artifacts lack when: always")
    c.that((art.get("reports") or {}).get("codequality") == path,
           n + ": artifacts:reports:codequality is not %s (the -o path)"
           % path)


def check_precommit(c, name, doc, url, tag, want_id, manifest):
    repos = doc.get("repos") if isinstance(doc, dict) else None
    if not c.that(isinstance(repos, list) and len(repos) == 1,
                  name + ": not one repo"):
        return
    r = repos[0]
    c.that(r.get("repo") == url, name + ": repo is not %s" % url)
    c.that(r.get("rev") == tag, name + ": rev %s, the release is %s"
           % (r.get("rev"), tag))
    ids = [h.get("id") for h in r.get("hooks") or []]
    c.that(ids == [want_id], name + ": hooks %s, expected [%s]"
           % (ids, want_id))
    for i in ids:
        c.that(i in manifest, name + ": hook %s is not in %s" % (i, MANIFEST))


def check_manifest(c, manifest):
    h = manifest.get("sysctl-lint", {})
    c.that(h.get("language") == "system" and h.get("entry") == "sysctl-lint",
           MANIFEST + ": sysctl-lint is not the system hook")
    b = manifest.get("sysctl-lint-build", {})
    c.that(b.get("language") == "script", MANIFEST + ": sysctl-lint-build "
           "is not a script hook")
    entry = str(b.get("entry", "")).split()
    c.that(bool(entry) and os.access(entry[0], os.X_OK),
           MANIFEST + ": sysctl-lint-build's entry %s is not an executable "
           "of this repository" % entry)
    c.that(h.get("files") == b.get("files"),
           MANIFEST + ": the two hooks match different files")


def check():
    c = Checks()
    try:
        snips = extract()
    except (OSError, ValueError) as exc:
        print("FAIL %s" % exc)
        print("0 passed, 1 failed")
        return 1
    version = define("include/version.h", "SYSCTL_LINT_VERSION")
    url = define("include/version.h", "SYSCTL_LINT_URL")
    c.that(version is not None and url is not None,
           "include/version.h lacks SYSCTL_LINT_VERSION or SYSCTL_LINT_URL")
    tag = "v%s" % version
    c.that(changelog_version() == version,
           "debian/changelog's version %s is not include/version.h's %s"
           % (changelog_version(), version))
    deb_build = make_list("DEB_BUILD") or []
    c.that(bool(deb_build), "Makefile: no DEB_BUILD")
    c.that("python3-yaml" in (make_list("DEB_CHECK") or []),
           "Makefile: DEB_CHECK lacks python3-yaml, which this test needs")
    try:
        manifest = {h["id"]: h for h in
                    yaml.safe_load(open(MANIFEST, encoding="utf-8"))}
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        c.that(False, "%s: %s" % (MANIFEST, exc))
        manifest = {}
    check_manifest(c, manifest)
    for name in NAMES:
        if not c.that(name in snips, "README.md has no snippet %s" % name):
            continue
        try:
            doc = yaml.safe_load(snips[name])
        except yaml.YAMLError as exc:
            c.that(False, "%s: not YAML: %s" % (name, exc))
            continue
        c.that(True, "")
        c.that(snips[name].count(url) == 1,
               "%s: names %s %d times, expected once"
               % (name, url, snips[name].count(url)))
        if name == "github-actions":
            check_github(c, doc, url, tag, deb_build)
        elif name == "gitlab-ci":
            check_gitlab(c, doc, url, tag, deb_build)
        else:
            want = "sysctl-lint" if name == "pre-commit" \
                else "sysctl-lint-build"
            check_precommit(c, name, doc, url, tag, want, manifest)
    extra = sorted(set(snips) - set(NAMES))
    c.that(not extra, "README.md has snippets no test knows: %s" % extra)
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


def value(name, what):
    doc = yaml.safe_load(extract()[name])
    if what == "hooks":
        for h in doc["repos"][0]["hooks"]:
            print(h["id"])
        return 0
    if name == "github-actions":
        steps = next(iter(doc["jobs"].values()))["steps"]
        script = "\n".join(s["run"] for s in steps if "run" in s)
    else:
        script = "\n".join(next(iter(doc.values()))["script"])
    path, _ = lint_output(commands(script), LINT_OUT[name])
    if path is None:
        return 1
    print(path)
    return 0


def shell_line(line, name, n, url_from, url_to):
    """LINE as this machine runs it, or None when it is not run."""
    words = commands(line)
    if any(strip_sudo(w)[:1] == ["apt-get"] for w in words):
        print("skip: %s step %d: '%s' (not run: the packages are "
              "installed here)" % (name, n, line.strip()))
        return None
    out = line
    if re.match(r"\s*sudo\s", out):
        out = re.sub(r"^(\s*)sudo\s+", r"\1", out)
        print("changed: %s step %d: '%s' runs without sudo, installing "
              "under $PREFIX" % (name, n, line.strip()))
    if url_from in out:
        out = out.replace(url_from, url_to)
        print("changed: %s step %d: clones %s instead of %s"
              % (name, n, url_to, url_from))
    return out


def steps(name, outdir, url_to):
    doc = yaml.safe_load(extract()[name])
    url_from = define("include/version.h", "SYSCTL_LINT_URL")
    listing = []
    if name == "github-actions":
        blocks = [s["run"].split("\n") if "run" in s else s.get("uses")
                  for s in next(iter(doc["jobs"].values()))["steps"]]
    else:
        blocks = [[x] for x in next(iter(doc.values()))["script"]]
    n = 0
    for i, block in enumerate(blocks, 1):
        if not isinstance(block, list):
            print("skip: %s step %d: uses %s (an action, not run here)"
                  % (name, i, block))
            continue
        kept = [x for x in (shell_line(line, name, i, url_from, url_to)
                            for line in block) if x is not None]
        if not any(x.strip() for x in kept):
            continue
        n += 1
        path = os.path.join(outdir, "%02d.sh" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(kept) + "\n")
        kind = "lint" if any(w[:1] == ["sysctl-lint"]
                             for w in commands("\n".join(kept))) else "build"
        listing.append("%02d %s" % (n, kind))
    with open(os.path.join(outdir, "steps"), "w", encoding="utf-8") as f:
        f.write("\n".join(listing) + "\n")
    return 0


def main(argv):
    if argv[1:2] == ["check"]:
        return check()
    if argv[1:2] == ["value"] and len(argv) == 4:
        return value(argv[2], argv[3])
    if argv[1:2] == ["steps"] and len(argv) == 5:
        return steps(argv[2], argv[3], argv[4])
    print(__doc__.strip(), file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
