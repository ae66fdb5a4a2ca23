#!/usr/bin/env python3
"""harvest.py - build the sysctl key database (rules/keys.json) from Linux
kernel source trees.

Dev-time tool for sysctl-lint.  Python 3 standard library only.

Usage:
    python3 tools/keydb/harvest.py --out rules/keys.json \
        --tree 4.14=/path/to/linux-4.14.git --tree 6.18=/path/to/src ...

Each --tree is LINE=PATH where PATH is either a git directory (bare repo or
.git dir; files are read with `git cat-file`, no checkout needed; use
PATH@REV to pick a revision, default HEAD) or an unpacked source directory.
Lines are emitted in the order given on the command line (oldest first).

What it does, per tree:
  * finds every `struct ctl_table NAME[] = {...}` (also tables embedded in
    structs such as devinet_sysctl.devinet_vars / neigh_sysctl_template),
    expands the file's function-like macros used in the tables and parses
    each entry (procname, data, maxlen, mode, proc_handler, extra1/2, child);
  * records the #if/#ifdef guard around each entry;
  * resolves where each table is registered: register_sysctl*(),
    register_net_sysctl*(), __register_sysctl_table(), ctl_path arrays,
    `.child` nesting (older trees), DECLARE_SYSCTL_BASE, kmemdup'd copies,
    snprintf'd per-device paths (-> <dev> templates);
  * maps the source file to its Makefile obj-$(CONFIG_X) symbol and module;
  * resolves bounds and defaults to numbers when it can.
Then it merges all lines into version intervals and applies the curated
overlay (overlay.json beside this script).  See FORMAT.md.
"""

import argparse
import ast
import json
import os
import re
import subprocess
import sys
from collections import defaultdict, OrderedDict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dbfile  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# Directories scanned for ctl_table definitions.  Of arch/ only x86 is
# scanned (the linter targets x86_64 hosts); see FORMAT.md.
SCAN_DIRS = ["kernel", "fs", "mm", "net", "drivers", "security", "ipc",
             "crypto", "block", "lib", "init", "io_uring", "arch/x86",
             "virt", "sound", "certs"]
SKIP_FILES = {"lib/test_sysctl.c", "kernel/sysctl-test.c",
              "fs/proc/proc_sysctl.c", "net/sysctl_net.c"}

# ---------------------------------------------------------------------------
# Tree access


class Tree:
    def __init__(self, spec):
        rev = "HEAD"
        if "@" in spec and not os.path.exists(spec):
            spec, rev = spec.rsplit("@", 1)
        self.path = os.path.abspath(spec)
        self.rev = rev
        self.is_git = (os.path.isfile(os.path.join(self.path, "HEAD")) and
                       os.path.isdir(os.path.join(self.path, "objects")))
        if not self.is_git and os.path.isdir(os.path.join(self.path, ".git")) \
                and not os.path.exists(os.path.join(self.path, "Makefile")):
            self.path = os.path.join(self.path, ".git")
            self.is_git = True
        self._cache = {}
        self._proc = None
        if self.is_git:
            self.commit = self._git("rev-parse", self.rev + "^{commit}").strip()
            out = self._git("ls-tree", "-r", "--name-only", self.commit)
            self.files = out.splitlines()
        else:
            self.commit = None
            self.files = []
            for root, dirs, names in os.walk(self.path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                rel = os.path.relpath(root, self.path)
                for n in names:
                    p = n if rel == "." else rel + "/" + n
                    self.files.append(p)
            self.files.sort()
        self.fileset = set(self.files)

    def _git(self, *args):
        return subprocess.run(["git", "--git-dir=" + self.path] + list(args),
                              check=True, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL).stdout.decode(
                                  "utf-8", "replace")

    def read(self, path):
        if path in self._cache:
            return self._cache[path]
        if path not in self.fileset:
            return None
        if self.is_git:
            if self._proc is None:
                self._proc = subprocess.Popen(
                    ["git", "--git-dir=" + self.path, "cat-file", "--batch"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            self._proc.stdin.write(("%s:%s\n" % (self.commit, path)).encode())
            self._proc.stdin.flush()
            hdr = self._proc.stdout.readline().decode().split()
            if len(hdr) < 3 or hdr[1] != "blob":
                return None
            size = int(hdr[2])
            data = self._proc.stdout.read(size)
            self._proc.stdout.read(1)
            text = data.decode("utf-8", "replace")
        else:
            with open(os.path.join(self.path, path), "rb") as f:
                text = f.read().decode("utf-8", "replace")
        self._cache[path] = text
        return text

    def grep_files(self, needle, prefixes, suffix):
        """Files under prefixes ending in suffix whose text contains needle."""
        cands = [f for f in self.files if f.endswith(suffix) and
                 any(f.startswith(p + "/") for p in prefixes)]
        if self.is_git:
            out = subprocess.run(
                ["git", "--git-dir=" + self.path, "grep", "-l", "-F", needle,
                 self.commit, "--"] + [p + "/*" + suffix for p in prefixes],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
            res = set()
            for line in out.decode("utf-8", "replace").splitlines():
                res.add(line.split(":", 1)[1])
            return sorted(f for f in cands if f in res)
        res = []
        for f in cands:
            t = self.read(f)
            if t and needle in t:
                res.append(f)
            else:
                self._cache.pop(f, None)
        return res

    def version(self):
        mk = self.read("Makefile") or ""
        v = {}
        for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL"):
            m = re.search(r"^%s\s*=\s*(\d+)" % k, mk, re.M)
            v[k] = m.group(1) if m else "?"
        return "%s.%s.%s" % (v["VERSION"], v["PATCHLEVEL"], v["SUBLEVEL"])


# ---------------------------------------------------------------------------
# C text helpers

_COMMENT_RE = re.compile(
    r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip_comments(text):
    def rep(m):
        s = m.group(0)
        if s.startswith("/"):
            return " " + "\n" * s.count("\n")
        return s
    return _COMMENT_RE.sub(rep, text)


def join_continuations(text):
    """Join backslash-continued lines, keeping the line count."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        n = 0
        while line.endswith("\\") and i + 1 < len(lines):
            line = line[:-1] + " " + lines[i + 1]
            i += 1
            n += 1
        out.append(line)
        out.extend([""] * n)
        i += 1
    return "\n".join(out)


def skip_string(text, i):
    q = text[i]
    i += 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == q or c == "\n":
            return i + 1
        i += 1
    return i


def match_close(text, i):
    """text[i] is an opening bracket; return index after its match."""
    depth = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            i = skip_string(text, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def split_top(text, sep=","):
    """Split on sep at bracket depth 0; returns list of (offset, piece)."""
    parts = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            i = skip_string(text, i)
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
        i += 1
    parts.append((start, text[start:]))
    return parts


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def c_string(expr):
    """Value of a C string literal (concatenation allowed) or None."""
    expr = expr.strip()
    parts = re.findall(r'"((?:\\.|[^"\\])*)"', expr)
    if not parts:
        return None
    rest = re.sub(r'"((?:\\.|[^"\\])*)"', "", expr).strip()
    if rest:
        return None
    return "".join(parts)


# ---------------------------------------------------------------------------
# Preprocessor conditions

# The database describes x86_64 kernels: code only built for 32-bit x86 is
# skipped.
KNOWN_FALSE = {"CONFIG_X86_32", "!CONFIG_X86_64", "!CONFIG_64BIT",
               "!IS_ENABLED(CONFIG_X86_64)", "IS_ENABLED(CONFIG_X86_32)"}
KNOWN_TRUE = {"CONFIG_X86_64", "CONFIG_64BIT", "IS_ENABLED(CONFIG_X86_64)",
              "IS_ENABLED(CONFIG_64BIT)", "CONFIG_X86", "BITS_PER_LONG == 64"}
IGNORED_KCONFIG = {"CONFIG_SYSCTL", "CONFIG_PROC_SYSCTL", "CONFIG_PROC_FS",
                   "CONFIG_NET"}
IGNORED_GUARDS = {"CONFIG_SYSCTL", "CONFIG_PROC_SYSCTL",
                  "IS_ENABLED(CONFIG_SYSCTL)", "defined(CONFIG_SYSCTL)",
                  "defined(CONFIG_PROC_SYSCTL)"}


def norm_cond(c):
    c = squash(c)
    c = re.sub(r"defined\s*\(\s*(\w+)\s*\)", r"\1", c)
    c = re.sub(r"defined\s+(\w+)", r"\1", c)
    while c.startswith("(") and match_close(c, 0) == len(c):
        c = c[1:-1].strip()
    return c


def neg(c):
    if re.fullmatch(r"!?[\w()]+", c) and "(" not in c.lstrip("!"):
        return c[1:] if c.startswith("!") else "!" + c
    if re.fullmatch(r"IS_ENABLED\(\w+\)|IS_BUILTIN\(\w+\)|IS_MODULE\(\w+\)", c):
        return "!" + c
    return "!(" + c + ")"


def split_and(c):
    """Top-level && conjuncts of a condition."""
    parts = []
    depth = 0
    start = 0
    i = 0
    while i < len(c):
        ch = c[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif c.startswith("&&", i) and depth == 0:
            parts.append(norm_cond(c[start:i]))
            start = i + 2
            i += 2
            continue
        i += 1
    parts.append(norm_cond(c[start:]))
    return [p for p in parts if p]


class Preprocessed:
    """Comment-free code with directives blanked, per-line guards, macros."""

    def __init__(self, text):
        text = join_continuations(strip_comments(text))
        lines = text.split("\n")
        self.guards = []       # per line: tuple of condition strings
        self.dead = []         # per line: inside #if 0
        self.func_macros = {}  # name -> (params, body)
        self.obj_macros = {}   # name -> body
        stack = []             # each: [list_of_prev_conds, current_cond]
        code = []
        for line in lines:
            s = line.strip()
            m = re.match(r"#\s*(\w+)\s*(.*)", s)
            if m:
                d, rest = m.group(1), m.group(2).strip()
                if d == "ifdef":
                    stack.append([[], norm_cond(rest)])
                elif d == "ifndef":
                    stack.append([[], neg(norm_cond(rest))])
                elif d == "if":
                    stack.append([[], norm_cond(rest)])
                elif d == "elif" and stack:
                    fr = stack[-1]
                    fr[0].append(fr[1])
                    fr[1] = norm_cond(rest)
                elif d == "else" and stack:
                    fr = stack[-1]
                    fr[0].append(fr[1])
                    fr[1] = None
                elif d == "endif" and stack:
                    stack.pop()
                elif d == "define":
                    md = re.match(r"(\w+)\(([^)]*)\)\s?(.*)", rest)
                    if md:
                        params = [p.strip() for p in md.group(2).split(",")
                                  if p.strip()]
                        self.func_macros[md.group(1)] = (params, md.group(3))
                    else:
                        md = re.match(r"(\w+)\s*(.*)", rest)
                        if md:
                            self.obj_macros[md.group(1)] = md.group(2).strip()
                code.append("")
            else:
                code.append(line)
            conds = []
            dead = False
            for prev, cur in stack:
                for p in prev:
                    if p in ("0",):
                        continue
                    if p == "1":
                        dead = True
                    conds.append(neg(p))
                if cur is not None:
                    if cur == "0":
                        dead = True
                    conds.append(cur)
            flat = []
            for c in conds:
                for part in split_and(c):
                    if part not in IGNORED_GUARDS and part not in ("1", "!0") \
                            and part not in flat:
                        flat.append(part)
            self.guards.append(tuple(c for c in flat if c not in KNOWN_TRUE))
            self.dead.append(dead)
        self.code = "\n".join(code)
        # line start offsets
        self.line_starts = [0]
        for i, c in enumerate(self.code):
            if c == "\n":
                self.line_starts.append(i + 1)

    def line_of(self, off):
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def guard_at(self, off):
        return self.guards[self.line_of(off)]

    def dead_at(self, off):
        return self.dead[self.line_of(off)]


def parse_enums(code):
    """name -> value expression for enumerators in code."""
    res = {}
    for m in re.finditer(r"\benum\s*\w*\s*\{", code):
        ob = m.end() - 1
        body = code[ob + 1:match_close(code, ob) - 1]
        prev = None
        for _, item in split_top(body):
            item = item.strip()
            mm = re.match(r"(\w+)\s*(?:=\s*(.+))?$", item, re.S)
            if not mm:
                continue
            if mm.group(2) is not None:
                val = squash(mm.group(2))
            elif prev is None:
                val = "0"
            else:
                val = "(%s)+1" % prev
            res.setdefault(mm.group(1), val)
            prev = mm.group(1)
    return res


def expand_macros(text, macros, depth=0):
    if depth > 12:
        return text
    out = []
    i = 0
    changed = False
    for m in re.finditer(r"\b([A-Za-z_]\w*)\s*\(", text):
        if m.start() < i:
            continue
        name = m.group(1)
        if name not in macros:
            continue
        params, body = macros[name]
        open_i = m.end() - 1
        close_i = match_close(text, open_i)
        args = [a.strip() for _, a in split_top(text[open_i + 1:close_i - 1])]
        if args == [""]:
            args = []
        amap = {}
        for k, p in enumerate(params):
            if p == "...":
                amap["__VA_ARGS__"] = ", ".join(args[k:])
            else:
                amap[p] = args[k] if k < len(args) else ""

        def stringify(mm):
            return '"%s"' % amap[mm.group(1)] if mm.group(1) in amap \
                else mm.group(0)
        b = re.sub(r"(?<!#)#\s*(\w+)", stringify, body)
        b = re.sub(r"\b(\w+)\b",
                   lambda mm: amap.get(mm.group(1), mm.group(1)), b)
        b = re.sub(r"\s*##\s*", "", b)
        out.append(text[i:m.start()])
        out.append(b)
        i = close_i
        changed = True
    out.append(text[i:])
    res = "".join(out)
    if changed:
        return expand_macros(res, macros, depth + 1)
    return res


# ---------------------------------------------------------------------------
# Constant evaluation

SYSCTL_CONSTS = {
    "SYSCTL_ZERO": 0, "SYSCTL_ONE": 1, "SYSCTL_TWO": 2, "SYSCTL_THREE": 3,
    "SYSCTL_FOUR": 4, "SYSCTL_ONE_HUNDRED": 100, "SYSCTL_TWO_HUNDRED": 200,
    "SYSCTL_ONE_THOUSAND": 1000, "SYSCTL_THREE_THOUSAND": 3000,
    "SYSCTL_INT_MAX": 2147483647, "SYSCTL_MAXOLDUID": 65535,
    "SYSCTL_NEG_ONE": -1, "SYSCTL_LONG_ZERO": 0, "SYSCTL_LONG_ONE": 1,
    "SYSCTL_LONG_MAX": 9223372036854775807, "SYSCTL_U8_MAX": 255,
}
BUILTIN_CONSTS = {
    "INT_MAX": 2147483647, "INT_MIN": -2147483648, "UINT_MAX": 4294967295,
    "LONG_MAX": 9223372036854775807, "ULONG_MAX": 18446744073709551615,
    "U8_MAX": 255, "S8_MAX": 127, "U16_MAX": 65535, "S16_MAX": 32767,
    "U32_MAX": 4294967295, "S32_MAX": 2147483647, "USHRT_MAX": 65535,
    "SHRT_MAX": 32767, "UCHAR_MAX": 255, "NSEC_PER_SEC": 1000000000,
    "USEC_PER_SEC": 1000000, "MSEC_PER_SEC": 1000, "NSEC_PER_MSEC": 1000000,
    "NSEC_PER_USEC": 1000, "USEC_PER_MSEC": 1000, "USER_HZ": 100,
    "IFNAMSIZ": 16, "GID_T_MAX": 4294967294, "true": 1, "false": 0,
    "NULL": 0, "SZ_1K": 1024, "SZ_4K": 4096, "SZ_1M": 1048576,
    "SZ_64K": 65536, "SZ_16K": 16384,
    "BITS_PER_LONG": 64, "BITS_PER_BYTE": 8,
}
SYMBOLIC = ("HZ", "PAGE_SIZE", "PAGE_SHIFT")
SIZEOF = {"int": 4, "unsigned int": 4, "unsigned": 4, "u32": 4, "s32": 4,
          "__u32": 4, "__s32": 4, "long": 8, "unsigned long": 8, "u64": 8,
          "s64": 8, "__u64": 8, "u8": 1, "s8": 1, "__u8": 1, "bool": 1,
          "char": 1, "u16": 2, "s16": 2, "short": 2, "unsigned short": 2,
          "kuid_t": 4, "kgid_t": 4, "size_t": 8, "unsigned char": 1,
          "atomic_t": 4, "atomic_long_t": 8, "long long": 8,
          "unsigned long long": 8, "__be32": 4, "uint": 4}

_CAST_RE = re.compile(
    r"\(\s*(?:const\s+)?(?:unsigned\s+|signed\s+)?(?:long\s+long|long|int|"
    r"short|char|u8|u16|u32|u64|s8|s16|s32|s64|__u32|__s32|__u64|size_t|"
    r"unsigned|bool)\s*\)")


_JIFFY_FUNCS = {"msecs_to_jiffies": ("HZ", 1000),
                "usecs_to_jiffies": ("HZ", 1000000),
                "jiffies_to_msecs": (1000, "HZ"),
                "jiffies_to_usecs": (1000000, "HZ")}


# Casts to unsigned types: C evaluates ~ and >> in that width, Python's
# integers are unbounded and signed (~(u64)0 >> 8 would be -1).
_UNSIGNED_RE = re.compile(
    r"\(\s*(?:const\s+)?(?:(u64|__u64|unsigned\s+long(?:\s+long)?|size_t)|"
    r"(u32|__u32|unsigned\s+int|unsigned))\s*\)|\b\d+[uU][lL]{1,2}\b|"
    r"\b\d+[lL]{1,2}[uU]\b")


def unsigned_width(expr):
    """64 or 32 if expr casts to (or writes) an unsigned type, else None."""
    width = None
    for m in _UNSIGNED_RE.finditer(expr):
        if m.group(2):
            width = width or 32
        else:
            width = 64
    return width


class _Eval(ast.NodeVisitor):
    def __init__(self, env, width=None):
        self.env = env
        self.mask = (1 << width) - 1 if width else None

    def wrap(self, v):
        return v & self.mask if self.mask is not None else v

    def visit(self, node):
        t = type(node)
        if t is ast.Expression:
            return self.visit(node.body)
        if t is ast.Constant and isinstance(node.value, int):
            return node.value
        if t is ast.Name:
            if node.id in self.env:
                return self.env[node.id]
            raise ValueError(node.id)
        if t is ast.UnaryOp:
            v = self.visit(node.operand)
            if isinstance(node.op, ast.USub):
                return -v
            if isinstance(node.op, ast.UAdd):
                return v
            if isinstance(node.op, ast.Invert):
                return self.wrap(~v)
            if isinstance(node.op, ast.Not):
                return int(not v)
        if t is ast.BinOp:
            a = self.visit(node.left)
            b = self.visit(node.right)
            op = node.op
            if isinstance(op, ast.Add):
                return a + b
            if isinstance(op, ast.Sub):
                return a - b
            if isinstance(op, ast.Mult):
                return a * b
            if isinstance(op, (ast.FloorDiv, ast.Div)):
                if b == 0:
                    raise ValueError("div0")
                q = abs(a) // abs(b)
                return q if (a >= 0) == (b >= 0) else -q
            if isinstance(op, ast.Mod):
                return a % b
            if isinstance(op, ast.LShift):
                return a << b
            if isinstance(op, ast.RShift):
                return a >> b
            if isinstance(op, ast.BitOr):
                return a | b
            if isinstance(op, ast.BitAnd):
                return a & b
            if isinstance(op, ast.BitXor):
                return a ^ b
        if t is ast.Call and isinstance(node.func, ast.Name) and \
                node.func.id in ("max", "min", "max_t", "min_t") and \
                not node.keywords:
            args = [self.visit(a) for a in node.args]
            return max(args) if node.func.id.startswith("max") else min(args)
        if t is ast.Call and isinstance(node.func, ast.Name) and \
                node.func.id in _JIFFY_FUNCS and len(node.args) == 1:
            v = self.visit(node.args[0])
            mul, div = _JIFFY_FUNCS[node.func.id]
            hz = self.env["HZ"]
            return (v * (hz if mul == "HZ" else mul)) // \
                (hz if div == "HZ" else div)
        raise ValueError("unsupported")


class Consts:
    """Resolves C constant expressions using macros of a file and headers."""

    def __init__(self, global_macros, file_macros=None, file_vars=None):
        self.g = global_macros
        self.f = file_macros or {}
        self.vars = file_vars or {}

    def expand(self, expr, depth=0):
        if depth > 15:
            return expr

        def rep(m):
            n = m.group(0)
            if n in SYMBOLIC or n in BUILTIN_CONSTS or n in SYSCTL_CONSTS:
                return n
            v = self.f.get(n)
            if v is None:
                v = self.g.get(n)
            if v is None or v == n:
                return n
            return "(" + self.expand(v, depth + 1) + ")"
        return re.sub(r"\b[A-Za-z_]\w*\b", rep, expr)

    def _py(self, expr):
        e = expr
        e = re.sub(r"\bsizeof\s*\(\s*([\w ]+?)\s*\)",
                   lambda m: str(SIZEOF[m.group(1)]) if m.group(1) in SIZEOF
                   else m.group(0), e)
        e = re.sub(r"\b(max|min)_t\s*\(\s*[\w ]+\s*,", r"\1(", e)
        e = _CAST_RE.sub(" ", e)
        e = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)(?:[uU]?[lL]{0,2}|[lL]{1,2}[uU]?)\b",
                   lambda m: str(int(m.group(1), 0)) if not re.fullmatch(
                       r"0\d+", m.group(1)) else str(int(m.group(1), 8)), e)
        e = e.replace("/", "//").replace("&&", " and ").replace("||", " or ")
        e = re.sub(r"!(?!=)", " not ", e)
        return e.strip()

    def value(self, expr, env_extra=None):
        """Returns (kind, value): ('num', int) | ('hz', seconds_factor) ..."""
        raw = expr
        e = self.expand(expr)
        width = unsigned_width(e)
        py = self._py(e)
        results = []
        for hz, ps in ((100, 4096), (250, 4096), (1000, 4096), (300, 65536)):
            env = dict(BUILTIN_CONSTS)
            env.update(SYSCTL_CONSTS)
            env.update({"HZ": hz, "PAGE_SIZE": ps,
                        "PAGE_SHIFT": ps.bit_length() - 1})
            if env_extra:
                env.update(env_extra)
            try:
                tree = ast.parse(py, mode="eval")
                results.append((hz, ps, _Eval(env, width).visit(tree)))
            except Exception:
                return None
        return results

    def pretty(self, expr):
        """Expanded formula if it only uses HZ/PAGE_SIZE/known constants."""
        e = squash(self.expand(expr))
        e = _CAST_RE.sub("", e)
        e = re.sub(r"\b(\d+)[uUlL]+\b", r"\1", e)
        prev = None
        while prev != e:
            prev = e
            e = re.sub(r"\(\s*(\w+)\s*\)", r"\1", e)
            e = re.sub(r"\(\s*(\([^()]*\))\s*\)", r"\1", e)
        while e.startswith("(") and match_close(e, 0) == len(e):
            e = e[1:-1].strip()
        idents = set(re.findall(r"\b[A-Za-z_]\w*\b", e))
        if idents <= set(SYMBOLIC) | set(BUILTIN_CONSTS) | \
                {"max", "min"} | set(_JIFFY_FUNCS) and len(e) <= 60:
            return e
        return squash(expr)

    def number(self, expr):
        """int if expr is a constant independent of HZ/PAGE_SIZE, else None."""
        r = self.value(expr)
        if r is None:
            return None
        vals = set(v for _, _, v in r)
        if len(vals) == 1:
            return vals.pop()
        return None


# ---------------------------------------------------------------------------
# Handlers

HANDLER_TYPES = {
    "proc_dointvec": "int", "proc_dointvec_minmax": "int",
    "proc_douintvec": "uint", "proc_douintvec_minmax": "uint",
    "proc_dou8vec_minmax": "u8", "proc_doulongvec_minmax": "ulong",
    "proc_doulongvec_ms_jiffies_minmax": "ulong",
    "proc_dointvec_jiffies": "jiffies",
    "proc_dointvec_userhz_jiffies": "userhz_jiffies",
    "proc_dointvec_ms_jiffies": "ms_jiffies",
    "proc_dointvec_ms_jiffies_minmax": "ms_jiffies",
    "proc_douintvec_jiffies": "jiffies",
    "proc_dobool": "bool", "proc_do_static_key": "bool",
    "proc_dostring": "string", "proc_do_large_bitmap": "bitmap",
    "proc_dointvec_minmax_sysadmin": "int",
    "proc_dointvec_minmax_coredump": "int", "proc_dostring_coredump": "string",
    "proc_do_uuid": "string", "proc_dopipe_max_size": "uint",
    "proc_do_cad_pid": "int", "proc_taint": "ulong",
    "proc_dointvec_minmax_warn_RT_change": "int",
}
TYPE_SIZE = {"int": 4, "uint": 4, "u8": 1, "ulong": 8, "bool": 1,
             "jiffies": 4, "ms_jiffies": 4, "userhz_jiffies": 4}
MINMAX_HANDLERS = {"proc_dointvec_minmax", "proc_douintvec_minmax",
                   "proc_dou8vec_minmax", "proc_doulongvec_minmax",
                   "proc_doulongvec_ms_jiffies_minmax",
                   "proc_dointvec_ms_jiffies_minmax",
                   "proc_dointvec_minmax_sysadmin",
                   "proc_dointvec_minmax_coredump",
                   "proc_dointvec_minmax_warn_RT_change"}

REG_FUNCS = {
    # name: (index of net arg or None, index of path arg or None,
    #        index of table arg, path kind)
    "register_net_sysctl": (0, 1, 2, "str"),
    "register_net_sysctl_sz": (0, 1, 2, "str"),
    "register_sysctl": (None, 0, 1, "str"),
    "register_sysctl_init": (None, 0, 1, "str"),
    "__register_sysctl_init": (None, 0, 1, "str"),
    "register_sysctl_sz": (None, 0, 1, "str"),
    "register_sysctl_table": (None, None, 0, "root"),
    "register_sysctl_paths": (None, 0, 1, "ctlpath"),
    "__register_sysctl_paths": (None, 1, 2, "ctlpath"),
    "__register_sysctl_table": (None, 1, 2, "str"),
}
_REG_RE = re.compile(r"\b(" + "|".join(sorted(REG_FUNCS, key=len,
                                              reverse=True)) + r")\s*\(")

# ---------------------------------------------------------------------------
# Per-file parsing


class Entry:
    __slots__ = ("procname", "fields", "alts", "guard", "line", "table",
                 "file")


class Table:
    def __init__(self, name, file, entries, guard, struct_var=None):
        self.name = name
        self.file = file
        self.entries = entries
        self.guard = guard
        self.struct_var = struct_var


class Func:
    def __init__(self, name, start, end, header):
        self.name = name
        self.start = start
        self.end = end
        self.header = header


_TABLE_RE = re.compile(
    r"\bstruct\s+ctl_table\s+(\w+)\s*\[[^\]]*\]\s*"
    r"(?:(?:__\w+|__attribute__\s*\(\([^)]*\)\))\s*)*=\s*\{")
_MEMBER_RE = re.compile(r"\bstruct\s+ctl_table\s+(\w+)\s*\[[^\]]*\]\s*;")
_CTLPATH_RE = re.compile(
    r"\bstruct\s+ctl_path\s+(\w+)\s*\[[^\]]*\]\s*(?:__\w+\s*)*=\s*\{")
_BASE_RE = re.compile(r"\bDECLARE_SYSCTL_BASE\s*\(\s*(\w+)\s*,\s*(\w+)\s*\)")


class SourceFile:
    def __init__(self, path, text, gmacros):
        self.path = path
        self.pp = Preprocessed(text)
        self.code = self.pp.code
        self.consts = None
        self.gmacros = gmacros
        self.tables = {}
        self.ctl_paths = {}
        self.funcs = []
        self.vars = {}          # name -> initializer text (file scope)
        self.arrays = {}        # name -> (elemtype, count expr)
        self.vtypes = {}        # scalar name -> C type
        self.bases = []         # (procname, child) from DECLARE_SYSCTL_BASE
        self.parse_funcs()
        for k, v in parse_enums(self.code).items():
            self.pp.obj_macros.setdefault(k, v)
        self.parse_vars()
        self.consts = Consts(gmacros, self.pp.obj_macros, self.vars)
        self.parse_tables()
        self.parse_ctl_paths()
        for m in _BASE_RE.finditer(self.code):
            self.bases.append((m.group(1), m.group(2)))

    # functions ---------------------------------------------------------
    def parse_funcs(self):
        code = self.code
        i = 0
        n = len(code)
        depth = 0
        last = 0
        while i < n:
            c = code[i]
            if c == '"' or c == "'":
                i = skip_string(code, i)
                continue
            if c == "{" and depth == 0:
                header = code[last:i]
                end = match_close(code, i)
                m = re.search(r"(\w+)\s*\(([^;{}]*)\)\s*(?:__\w+\s*)*$",
                              header)
                if m and "=" not in header.replace("==", ""):
                    self.funcs.append(Func(m.group(1), i, end, header))
                i = end
                last = i
                continue
            if c == ";" and depth == 0:
                last = i + 1
            i += 1

    def func_at(self, off):
        for f in self.funcs:
            if f.start <= off < f.end:
                return f
        return None

    def func_named(self, name):
        for f in self.funcs:
            if f.name == name:
                return f
        return None

    def in_func(self, off):
        return self.func_at(off) is not None

    # file-scope variables ------------------------------------------------
    def parse_vars(self):
        code = self.code
        decl = re.compile(
            r"(?m)^[ \t]*(?:static\s+)?(?:const\s+)?(?:volatile\s+)?"
            r"((?:unsigned\s+|signed\s+)?(?:long\s+long|long|int|short|char|"
            r"u8|u16|u32|u64|s8|s16|s32|s64|__u32|__s32|__u64|unsigned|bool|"
            r"size_t|uint|atomic_t|atomic_long_t|unsigned\s+int))\s+"
            r"(?:const\s+)?(?=\w)([^;(]*(?:\([^;]*)?);")
        for m in decl.finditer(code):
            if self.in_func(m.start()):
                continue
            typ = squash(m.group(1))
            for _, d in split_top(m.group(2)):
                dm = re.match(r"\s*(\w+)\s*(\[[^\]]*\])?\s*"
                              r"((?:__\w+(?:\([^)]*\))?\s*)*)(=\s*(.*))?$",
                              d, re.S)
                if not dm:
                    continue
                name = dm.group(1)
                if name in ("int", "long", "const", "unsigned"):
                    continue
                if dm.group(2):
                    self.arrays[name] = (typ, dm.group(2)[1:-1].strip())
                else:
                    self.vtypes[name] = typ
                init = dm.group(5)
                if init is None:
                    self.vars.setdefault(name, "0")
                else:
                    self.vars[name] = squash(init)

    # tables ----------------------------------------------------------------
    def parse_tables(self):
        code = self.code
        for m in _TABLE_RE.finditer(code):
            name = m.group(1)
            if self.in_func(m.start()):
                continue
            ob = m.end() - 1
            body = code[ob + 1:match_close(code, ob) - 1]
            self.tables[name] = Table(name, self.path,
                                      self.parse_entries(body, ob + 1),
                                      self.pp.guard_at(m.start()))
        # ctl_table arrays embedded in a struct, initialised by .member = {
        for m in _MEMBER_RE.finditer(code):
            member = m.group(1)
            if member in self.tables:
                continue
            for mi in re.finditer(r"\.\s*%s\s*=\s*\{" % re.escape(member),
                                  code):
                if self.in_func(mi.start()):
                    continue
                ob = mi.end() - 1
                body = code[ob + 1:match_close(code, ob) - 1]
                self.tables[member] = Table(member, self.path,
                                            self.parse_entries(body, ob + 1),
                                            self.pp.guard_at(mi.start()))
                break

    def parse_entries(self, body, base):
        entries = []
        for off, piece in split_top(body):
            p = piece.strip()
            if not p:
                continue
            start = base + off + (len(piece) - len(piece.lstrip()))
            if self.pp.dead_at(start):
                continue
            guard = self.pp.guard_at(start)
            if any(g in KNOWN_FALSE for g in guard):
                continue
            text = p
            mm = re.match(r"([A-Za-z_]\w*)\s*\(", text)
            if mm and mm.group(1) in self.pp.func_macros:
                text = expand_macros(text, self.pp.func_macros)
            for soff, sub0 in split_top(text):
                sub = sub0.strip()
                sub = re.sub(r"^\[[^\]]*\]\s*=\s*", "", sub)
                if not sub.startswith("{"):
                    continue
                inner = sub[1:match_close(sub, 0) - 1]
                expanded = expand_macros(inner, self.pp.func_macros)
                # where the entry's text is the file's, a field's #if
                # guard can be read at its own offset
                at = start + soff + sub0.index(sub) + 1 \
                    if text is p and expanded == inner and \
                    sub0.strip() == sub else None
                inner = expanded
                fields = {}
                alts = {}
                for foff, f in split_top(inner):
                    fm = re.match(r"\s*\.(\w+)\s*=\s*(.*)", f, re.S)
                    if not fm:
                        continue
                    conds = [g for g in self.pp.guard_at(at + foff)
                             if g not in guard] if at is not None else []
                    alts.setdefault(fm.group(1), []).append(
                        (conds, squash(fm.group(2))))
                    if fm.group(1) not in fields:
                        # first occurrence wins (#ifdef CONFIG_X86_64 branch
                        # before #else in the few entries that have both);
                        # the others are kept in alts
                        fields[fm.group(1)] = squash(fm.group(2))
                if not fields:
                    continue
                e = Entry()
                e.alts = {k: v for k, v in alts.items() if len(v) > 1}
                pn = fields.get("procname", "")
                e.procname = c_string(pn)
                if e.procname is None and re.fullmatch(r"[A-Za-z_]\w*", pn):
                    # .procname = name of a static const char[] (route.c)
                    m = re.search(r"\bchar\s+%s\s*\[\s*\]\s*=\s*"
                                  r'"([^"]*)"' % pn, self.code)
                    e.procname = m.group(1) if m else None
                e.fields = fields
                e.guard = guard
                e.line = self.pp.line_of(start) + 1
                e.file = self.path
                entries.append(e)
        return entries

    def parse_ctl_paths(self):
        for m in _CTLPATH_RE.finditer(self.code):
            ob = m.end() - 1
            body = self.code[ob + 1:match_close(self.code, ob) - 1]
            names = re.findall(r'\.procname\s*=\s*"([^"]*)"', body)
            self.ctl_paths[m.group(1)] = names

    # registrations -----------------------------------------------------------
    def registrations(self):
        res = []
        for m in _REG_RE.finditer(self.code):
            func = self.func_at(m.start())
            if func is None:
                continue
            pre = self.code[max(0, m.start() - 40):m.start()]
            if re.search(r"(\*|struct\s+ctl_table_header\s*)\s*$", pre) and \
                    func.start > m.start():
                continue
            ob = m.end() - 1
            args = [squash(a) for _, a in
                    split_top(self.code[ob + 1:match_close(self.code, ob) - 1])]
            if any(g in KNOWN_FALSE for g in self.pp.guard_at(m.start())):
                continue
            spec = REG_FUNCS[m.group(1)]
            if spec[2] >= len(args):
                continue
            res.append((m.group(1), args, func, m.start()))
        return res


# ---------------------------------------------------------------------------
# Makefile / Kconfig


class Build:
    def __init__(self, tree):
        self.tree = tree
        self.kconfig = {}
        for f in tree.files:
            base = f.rsplit("/", 1)[-1]
            if not base.startswith("Kconfig"):
                continue
            if f.startswith("arch/") and not f.startswith("arch/x86/"):
                continue
            t = tree.read(f) or ""
            cur = None
            for line in t.split("\n"):
                m = re.match(r"\s*(?:menu)?config\s+(\w+)\s*$", line)
                if m:
                    cur = m.group(1)
                    continue
                m = re.match(r"\s*(tristate|bool|def_tristate|def_bool|int|"
                             r"string|hex)\b", line)
                if m and cur:
                    typ = m.group(1).replace("def_", "")
                    if self.kconfig.get(cur) != "tristate":
                        self.kconfig[cur] = typ
                    cur = None
            tree._cache.pop(f, None)
        self._mk = {}

    def makefile(self, d):
        if d in self._mk:
            return self._mk[d]
        rules = []
        for name in ("Makefile", "Kbuild"):
            t = self.tree.read((d + "/" if d else "") + name)
            if not t:
                continue
            t = re.sub(r"\\\n", " ", t)
            for line in t.split("\n"):
                line = line.split("#", 1)[0]
                m = re.match(r"\s*([\w./-]+|obj)-(\$\((\w+)\)|y|m|objs|"
                             r"\$\(subst m,y,\$\((\w+)\)\))\s*[:+]?=\s*(.*)",
                             line)
                if not m:
                    continue
                target, cond = m.group(1), m.group(2)
                cfg = m.group(3) or m.group(4)
                if target.endswith("-objs"):
                    # "foo-objs-y := a.o" ... "foo-objs := $(foo-objs-y)"
                    target = target[:-5]
                rules.append((target, cond, cfg, m.group(5).split()))
        self._mk[d] = rules
        return rules

    def is_tristate(self, cfg):
        return self.kconfig.get(re.sub(r"^CONFIG_", "", cfg)) == "tristate"

    def locate(self, path):
        """(kconfig symbol or None, module name or None) for a .c file."""
        d, base = path.rsplit("/", 1)
        cur_dir, rel = d, base[:-2] + ".o"
        configs = []
        module = None
        for _ in range(16):
            found = None
            for target, cond, cfg, objs in self.makefile(cur_dir):
                if rel in objs and (found is None or target == "obj"):
                    found = (target, cfg)
            if found is None:
                if "/" not in cur_dir:
                    break
                pd, sub = cur_dir.rsplit("/", 1)
                cur_dir, rel = pd, sub + "/" + rel
                continue
            target, cfg = found
            if cfg:
                configs.append(cfg)
            if target != "obj":
                rel = target + ".o"        # composite object
                continue
            if not rel.endswith("/") and module is None and cfg and \
                    self.is_tristate(cfg):
                module = rel.rsplit("/", 1)[-1][:-2]
            objdir = cur_dir
            rs = rel.rstrip("/")
            if "/" in rs:
                objdir = (cur_dir + "/" if cur_dir else "") + \
                    rs.rsplit("/", 1)[0]
            if rel.endswith("/"):
                objdir = (cur_dir + "/" if cur_dir else "") + rs
            if "/" not in objdir:
                break
            pd, sub = objdir.rsplit("/", 1)
            cur_dir, rel = pd, sub + "/"
        kcfg = None
        for c in configs:
            if c not in IGNORED_KCONFIG:
                kcfg = c
                break
        if module:
            module = module.replace("-", "_")
        return kcfg, module


# ---------------------------------------------------------------------------
# Tree harvest


class Harvest:
    def __init__(self, tree, line, log):
        self.tree = tree
        self.line = line
        self.log = log
        self.files = {}
        self.gmacros = {}
        self.netns_assign = defaultdict(set)   # "ipv4.sysctl_x" -> {rhs}
        self.gvars = {}                        # global var -> init text
        self.struct_inits = {}                 # struct var -> {field: expr}
        self.member_arrays = {}                # member -> count expr

    def load_macros(self):
        hdrs = [f for f in self.tree.files if f.endswith(".h") and (
            f.startswith("include/linux/") or f.startswith("include/net/") or
            f.startswith("include/uapi/linux/") or
            f.startswith("include/uapi/asm-generic/") or
            f.startswith("include/asm-generic/") or
            f.startswith("include/vdso/") or
            f.startswith("arch/x86/include/"))]
        pri = {}
        for h in hdrs:
            t = join_continuations(strip_comments(self.tree.read(h) or ""))
            self.tree._cache.pop(h, None)
            rank = 0 if h.startswith("include/linux") or \
                h.startswith("include/net") else 1
            if "enum" in t:
                for k, v in parse_enums(t).items():
                    if k not in pri or rank < pri[k]:
                        self.gmacros[k] = v
                        pri[k] = rank
            for m in re.finditer(r"(?m)^[ \t]*#[ \t]*define[ \t]+(\w+)[ \t]+"
                                 r"([^\n]*)$", t):
                name = m.group(1)
                val = m.group(2).strip()
                if not val or "(" in name:
                    continue
                if name not in pri or rank < pri[name]:
                    self.gmacros[name] = val
                    pri[name] = rank
            if h.startswith("include/net/netns/") or h in (
                    "include/net/net_namespace.h",):
                for m in re.finditer(r"\b(\w+)\s*\[\s*([^\]]+?)\s*\]\s*;", t):
                    self.member_arrays.setdefault(m.group(1), m.group(2))
            for m in re.finditer(r"(?m)^\s*extern\s[^;(]*?\b(\w+)\s*\[\s*"
                                 r"([^\]]+?)\s*\]\s*(?:__\w+\s*)*;", t):
                self.member_arrays.setdefault(m.group(1), m.group(2))

    def run(self):
        t0 = self.tree
        self.load_macros()
        cfiles = t0.grep_files("ctl_table", SCAN_DIRS, ".c")
        for p in cfiles:
            if p in SKIP_FILES:
                continue
            text = t0.read(p)
            if text is None:
                continue
            sf = SourceFile(p, text, self.gmacros)
            t0._cache.pop(p, None)
            if sf.tables or sf.bases:
                self.files[p] = sf
        self.collect_defaults()
        self.build = Build(t0)
        self.resolve()

    # defaults sources ----------------------------------------------------
    def collect_defaults(self):
        t = self.tree
        cands = t.grep_files("net->", ["net"], ".c")
        for p in cands:
            text = t.read(p) or ""
            t._cache.pop(p, None)
            code = strip_comments(text)
            for m in re.finditer(
                    r"\bnet->((?:\w+\.)*\w+(?:\[\d+\])?)\s*=\s*([^=;][^;]*);",
                    code):
                self.netns_assign[m.group(1)].add(squash(m.group(2)))
            for m in re.finditer(
                    r"WRITE_ONCE\(\s*net->((?:\w+\.)*\w+)\s*,\s*([^;]*)\)\s*;",
                    code):
                self.netns_assign[m.group(1)].add(squash(m.group(2)))

    def _bulk_grep(self, pattern, prefixes):
        """[(path, text)] of lines matching an ERE in the tree's .c files."""
        res = []
        if self.tree.is_git:
            out = subprocess.run(
                ["git", "--git-dir=" + self.tree.path, "grep", "-E",
                 pattern, self.tree.commit, "--"] +
                [p + "/*.c" for p in prefixes],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            ).stdout.decode("utf-8", "replace")
            for line in out.splitlines():
                parts = line.split(":", 2)
                if len(parts) == 3:
                    res.append((parts[1], parts[2]))
        else:
            rx = re.compile(pattern.replace("[[:space:]]", r"\s"))
            for f in self.tree.files:
                if f.endswith(".c") and any(f.startswith(p + "/")
                                            for p in prefixes):
                    t = self.tree.read(f) or ""
                    self.tree._cache.pop(f, None)
                    for line in t.split("\n"):
                        if rx.search(line):
                            res.append((f, line))
        return res

    def global_var(self, name):
        """Initializer text of a global variable defined in some .c file."""
        if not hasattr(self, "_gvar_index"):
            idx = {}
            self._garr = {}
            for path, line in self._bulk_grep(
                    r"^[a-z_][a-z_0-9 ]*[ *][a-z_A-Z0-9]+(\[[^]]*\])?"
                    r"( __[a-z_]+)*[[:space:]]*=[^=]", SCAN_DIRS):
                m = re.match(r"[\w\s*]*?\b(\w+)\s*(\[[^\]]*\])?\s*"
                             r"(?:__\w+\s*)*=\s*(.*?);", line)
                if m and "(" not in line.split("=")[0]:
                    idx.setdefault(m.group(1), (m.group(3).strip(), path))
                    if m.group(2):
                        self._garr.setdefault(m.group(1), m.group(2)[1:-1])
            self._gvar_index = idx
        for sf in self.files.values():
            if name in sf.vars and sf.vars[name] != "0" and \
                    not re.search(r"\bstatic\b[^;=]*\b%s\b" % name, sf.code):
                return (sf.vars[name], sf)
        return self._gvar_index.get(name)

    def struct_init(self, var):
        if var in self.struct_inits:
            return self.struct_inits[var]
        res = {}
        files = []
        for sf in self.files.values():
            if re.search(r"\b%s\s*(?:__\w+\s*)*=\s*\{" % var, sf.code):
                files.append(sf.code)
        if not files:
            if not hasattr(self, "_struct_index"):
                self._struct_index = {}
                for path, line in self._bulk_grep(
                        r"^(static )?(const )?struct [a-z_0-9]+ [a-z_0-9]+"
                        r"( __[a-z_]+)* = \{", SCAN_DIRS):
                    m = re.match(r"(?:static )?(?:const )?struct \w+ (\w+)",
                                 line)
                    if m:
                        self._struct_index.setdefault(m.group(1), path)
            p = self._struct_index.get(var)
            if p:
                files.append(Preprocessed(self.tree.read(p) or "").code)
        for code in files:
            m = re.search(r"\b%s\s*(?:__\w+\s*)*=\s*\{" % var, code)
            if not m:
                continue
            ob = m.end() - 1
            body = code[ob + 1:match_close(code, ob) - 1]
            self._flatten(body, "", res)
            break
        self.struct_inits[var] = res
        return res

    def _flatten(self, body, prefix, res):
        for _, f in split_top(body):
            fm = re.match(r"\s*(?:\.(\w+)|\[([^\]]+)\])\s*=\s*(.*)", f, re.S)
            if not fm:
                continue
            key = prefix + (fm.group(1) or "[%s]" % squash(fm.group(2)))
            val = fm.group(3).strip()
            if val.startswith("{") and not re.match(r"\{\s*[-\w\s,*()+]*\}$",
                                                    val):
                self._flatten(val[1:match_close(val, 0) - 1], key + ".", res)
            else:
                res[key] = squash(val)

    # registration resolution --------------------------------------------
    def resolve(self):
        # table name -> list of (SourceFile, Table); names mostly unique
        self.by_name = defaultdict(list)
        for sf in self.files.values():
            for t in sf.tables.values():
                self.by_name[t.name].append((sf, t))
        self.func_index = {}
        for sf in self.files.values():
            for f in sf.funcs:
                self.func_index.setdefault(f.name, (sf, f))
        # roots: list of (sf, table, path components, netns)
        self.roots = []
        self.children = {}     # id(table) -> list of (prefix procname, child)
        self.unresolved = []
        for sf in self.files.values():
            for name, child in sf.bases:
                ct = self.find_table(sf, child)
                if ct:
                    self.roots.append((sf, ct, [name], "global", None))
            for fn, args, func, off in sf.registrations():
                self.handle_reg(sf, fn, args, func, off)
            self.handle_member_kmemdup(sf)
        self.apply_overrides()

    def find_table(self, sf, name):
        if name in sf.tables:
            return sf.tables[name]
        c = self.by_name.get(name)
        if c:
            return c[0][1]
        return None

    def handle_member_kmemdup(self, sf):
        # nf_conntrack (<= 4.19): pn->ctl_table = kmemdup(tcp_sysctl_table,..)
        for m in re.finditer(r"->\s*(ctl_table|ctl_compat_table)\s*=\s*"
                             r"kmemdup\s*\(\s*&?(\w+)", sf.code):
            tbl = sf.tables.get(m.group(2))
            if not tbl:
                continue
            path = ["net", "netfilter"] if m.group(1) == "ctl_table" else \
                ["net", "ipv4", "netfilter"]
            self.roots.append((sf, tbl, path, "per-netns", None))

    def resolve_path(self, sf, func, expr, kind):
        """-> list of path component lists, or None."""
        if kind == "root":
            return [[]]
        if kind == "ctlpath":
            name = expr.lstrip("&").strip()
            if name in sf.ctl_paths:
                return [sf.ctl_paths[name]]
            return None
        s = c_string(expr)
        if s is None and re.fullmatch(r"\w+", expr.strip()):
            s = c_string(sf.consts.expand(expr.strip()).strip("() "))
        if s is not None:
            return [[c for c in s.split("/") if c]]
        name = expr.strip()
        body = sf.code[func.start:func.end]
        m = re.search(r"snprintf\s*\(\s*%s\s*,[^,]*,\s*(\"[^\"]*\")\s*(,|\))"
                      % re.escape(name), body)
        if m is None:
            m = re.search(r"\b%s\s*=\s*(\"[^\"]*\")" % re.escape(name), body)
            if m is None:
                m = re.search(r"\bchar\s+%s\s*\[[^\]]*\]\s*=\s*(\"[^\"]*\")"
                              % re.escape(name), body)
        if m:
            fmt = c_string(m.group(1))
            if fmt is None:
                return None
            if fmt == "net/%s/neigh/%s":
                return [["net", p, "neigh", d] for p in ("ipv4", "ipv6")
                        for d in ("default", "<dev>")]
            comps = [c for c in fmt.split("/") if c]
            comps = ["<dev>" if "%" in c else c for c in comps]
            if len(comps) >= 4 and comps[0] == "net" and \
                    comps[1] in ("ipv4", "ipv6") and comps[2] == "conf" and \
                    comps[3] == "<dev>":
                return [comps[:3] + [d] + comps[4:]
                        for d in ("all", "default", "<dev>")]
            return [comps]
        return None

    def resolve_table(self, sf, func, expr, depth=0):
        expr = expr.strip().lstrip("&").strip()
        expr = re.sub(r"\[\s*0\s*\]$", "", expr)
        if re.fullmatch(r"\w+", expr):
            t = sf.tables.get(expr)
            if t:
                return [t]
            body = sf.code[func.start:func.end] if func else ""
            found = []
            for m in re.finditer(r"\b%s\s*=\s*([^;]+);" % re.escape(expr),
                                 body):
                rhs = m.group(1)
                mk = re.search(r"kmemdup\s*\(\s*&?\s*(\w+)", rhs)
                if mk:
                    rhs_name = mk.group(1)
                else:
                    rhs_name = rhs.strip().lstrip("&").strip()
                    rhs_name = re.sub(r"\[\s*0\s*\]$", "", rhs_name)
                if re.fullmatch(r"\w+", rhs_name) and \
                        self.find_table(sf, rhs_name):
                    found.append(self.find_table(sf, rhs_name))
                    continue
                mc = re.match(r"\s*(\w+)\s*\(", rhs)
                if mc and depth < 2 and mc.group(1) in self.func_index:
                    sf2, f2 = self.func_index[mc.group(1)]
                    b2 = sf2.code[f2.start:f2.end]
                    for mk2 in re.finditer(r"kmemdup\s*\(\s*&?\s*(\w+)", b2):
                        t2 = self.find_table(sf2, mk2.group(1))
                        if t2:
                            found.append(t2)
            if not found and func is not None:
                # parameter of a helper: look for the caller passing a table
                pass
            # dedupe
            res = []
            for t in found:
                if t not in res:
                    res.append(t)
            return res
        m = re.fullmatch(r"[\w\[\]]+\s*(?:->|\.)\s*(\w+)", expr)
        if m:
            t = sf.tables.get(m.group(1)) or self.find_table(sf, m.group(1))
            if t:
                return [t]
            # t->sysctl_table where t = kmemdup(&template)
        return []

    def handle_reg(self, sf, fn, args, func, off):
        net_i, path_i, tbl_i, kind = REG_FUNCS[fn]
        tables = self.resolve_table(sf, func, args[tbl_i])
        path = self.resolve_path(sf, func, args[path_i] if path_i is not None
                                 else "", kind)
        if net_i is not None:
            netns = "init-only" if args[net_i].replace(" ", "") == \
                "&init_net" else "per-netns"
        else:
            netns = "global"
        if not tables or path is None:
            self.unresolved.append((sf, fn, args, func, path, tables))
            return
        for t in tables:
            for p in path:
                self.roots.append((sf, t, p, netns, fn))

    def apply_overrides(self):
        # Registrations whose table or path could not be resolved: attach
        # the file's otherwise unreached tables to the registration path.
        reached = set(id(r[1]) for r in self.roots)
        for sf in self.files.values():
            for t in sf.tables.values():
                for e in t.entries:
                    c = e.fields.get("child")
                    if c:
                        ct = self.find_table(sf, c.lstrip("&").strip())
                        if ct:
                            reached.add(id(ct))
        by_file = defaultdict(list)
        for u in self.unresolved:
            by_file[u[0].path].append(u)
        for path_, us in by_file.items():
            sf = us[0][0]
            paths = []
            for (_, fn, args, func, path, tables) in us:
                if path:
                    netns = "global"
                    ni = REG_FUNCS[fn][0]
                    if ni is not None:
                        netns = "init-only" if args[ni].replace(" ", "") == \
                            "&init_net" else "per-netns"
                    for p in path:
                        if (p, netns) not in paths:
                            paths.append((p, netns))
            left = [t for t in sf.tables.values() if id(t) not in reached]
            if not left:
                continue
            if len(set(tuple(p) for p, _ in paths)) == 1 or \
                    all(p[:2] == ["net", "ipv6"] and "conf" in p
                        for p, _ in paths) and paths:
                for t in left:
                    for p, netns in paths:
                        self.roots.append((sf, t, p, netns, "file-fallback"))
                    reached.add(id(t))
            else:
                self.log("  [%s] unresolved registration in %s: %s; "
                         "unreached tables %s" % (
                             self.line, path_,
                             [(u[1], u[2]) for u in us],
                             [t.name for t in left]))
        for sf in self.files.values():
            for t in sf.tables.values():
                if id(t) not in reached and t.entries:
                    self.log("  [%s] table never registered: %s:%s" % (
                        self.line, sf.path, t.name))

    # key extraction --------------------------------------------------------
    def index_handlers(self):
        """Add files defining custom handlers to func_index (one grep)."""
        names = set()
        for sf in self.files.values():
            for t in sf.tables.values():
                for e in t.entries:
                    h = e.fields.get("proc_handler", "").lstrip("&").strip()
                    if re.fullmatch(r"\w+", h) and h not in HANDLER_TYPES \
                            and h not in self.func_index:
                        names.add(h)
        if not names:
            return
        names = sorted(names)
        for i in range(0, len(names), 200):
            chunk = names[i:i + 200]
            pat = r"^[a-z].*[ *](%s)\(" % "|".join(chunk)
            paths = sorted(set(p for p, _ in self._bulk_grep(pat, SCAN_DIRS)))
            for p in paths:
                if p in self.files:
                    continue
                sf = SourceFile(p, self.tree.read(p) or "", self.gmacros)
                self.tree._cache.pop(p, None)
                for f in sf.funcs:
                    if f.name in chunk:
                        self.func_index.setdefault(f.name, (sf, f))

    def keys(self):
        self.index_handlers()
        out = {}
        seen = set()

        def walk(sf, table, prefix, netns, guard0, depth):
            if depth > 8:
                return
            key = (id(table), tuple(prefix))
            if key in seen:
                return
            seen.add(key)
            for e in table.entries:
                if not e.procname:
                    continue
                guard = tuple(guard0) + tuple(g for g in e.guard
                                              if g not in guard0)
                comp = e.procname.replace(".", "/")
                child = e.fields.get("child")
                if child:
                    ct = self.find_table(sf, child.lstrip("&").strip())
                    if ct:
                        csf = self.files.get(ct.file, sf)
                        walk(csf, ct, prefix + [comp], netns, guard,
                             depth + 1)
                    continue
                if "proc_handler" not in e.fields:
                    continue
                parts = prefix + [comp]
                if parts[:3] in (["net", "ipv4", "neigh"],
                                 ["net", "ipv6", "neigh"]) and \
                        len(parts) == 5 and parts[3] == "<dev>" and \
                        e.procname.startswith("gc_"):
                    continue
                name = ".".join(parts)
                rec = self.entry_record(sf, e, name, netns, guard)
                old = out.get(name)
                if old is None or (old["src"], old["line"]) > \
                        (rec["src"], rec["line"]):
                    out[name] = rec

        for sf, table, prefix, netns, fn in sorted(
                self.roots, key=lambda r: (r[0].path, r[1].name, r[2])):
            walk(self.files.get(table.file, sf), table, list(prefix), netns,
                 tuple(table.guard), 0)
        return out

    def handler_base(self, h, depth=0):
        """Underlying proc_do* function a custom handler delegates to."""
        if h in HANDLER_TYPES:
            return h
        if depth > 2 or h not in self.func_index:
            return None
        sf, f = self.func_index[h]
        body = sf.code[f.start:f.end]
        calls = re.findall(r"\b(proc_do\w+|\w+)\s*\(", body)
        for c in calls:
            if c in HANDLER_TYPES:
                return c
        for c in calls:
            if c != h and c in self.func_index and \
                    re.search(r"\b%s\s*\([^;]*\bwrite\b" % c, body):
                b = self.handler_base(c, depth + 1)
                if b:
                    return b
        return None

    def entry_record(self, sf, e, name, netns, guard):
        F = e.fields
        handler = F.get("proc_handler", "").lstrip("&").strip()
        handler = re.sub(r"^\(.*?\)\s*", "", handler)
        base = self.handler_base(handler)
        typ = HANDLER_TYPES.get(base) if base else None
        custom = handler not in HANDLER_TYPES
        if typ is None:
            typ = "custom"
        mode = None
        if "mode" in F:
            mv = F["mode"]
            mv = re.sub(r"\bS_IRUGO\b", "0444", mv)
            mv = re.sub(r"\bS_IWUSR\b", "0200", mv)
            mv = re.sub(r"\bS_IRUSR\b", "0400", mv)
            mv = re.sub(r"\bS_IWUGO\b", "0222", mv)
            mv = re.sub(r"\bS_IRWXU\b", "0700", mv)
            n = sf.consts.number(mv)
            if n is not None:
                mode = "0%03o" % n
            else:
                mode = mv
        count = None
        maxlen = None
        ml = F.get("maxlen")
        elem = TYPE_SIZE.get(typ)
        if ml is not None:
            mlv = self.eval_maxlen(sf, ml, elem)
            if mlv is not None:
                maxlen = mlv
                if elem and mlv % elem == 0 and mlv > 0:
                    count = mlv // elem
                if typ == "bool" and mlv > 0:
                    # <= 6.1 proc_dobool walks int-sized elements over a
                    # maxlen of sizeof(int); 6.2+ wants sizeof(bool): one
                    count = max(1, mlv // 4)
        if typ in ("string", "bitmap"):
            count = 1 if typ == "string" else None
        lo = hi = None
        cond = None
        if base in MINMAX_HANDLERS or (custom and "minmax" in handler):
            lo = self.bound(sf, F.get("extra1"))
            hi = self.bound(sf, F.get("extra2"))
            lo, hi, cond = self.branch_bounds(sf, e, lo, hi)
        if typ == "u8":
            lo = 0 if lo is None else lo
            hi = 255 if hi is None else hi
        elif typ == "uint" and lo is None:
            lo = 0
        kcfg, module = self.build.locate(sf.path)
        rec = {
            "name": name, "src": sf.path, "line": e.line,
            "netns": netns if name.startswith("net.") else None,
            "module": module, "kconfig": kcfg,
            "config": " && ".join(guard) if guard else None,
            "handler": handler, "type": typ, "count": count,
            "min": lo, "max": hi, "mode": mode,
            "default": self.default(sf, e, typ, name),
        }
        if typ == "string" and maxlen:
            rec["maxlen"] = maxlen
        if cond:
            rec["cond"] = cond
        return rec

    def branch_bounds(self, sf, e, lo, hi):
        """Bounds of an entry that sets extra1/extra2 in #if branches.

        The first branch's bounds are not the kernel's: every build
        accepts what the union of the branches allows, and a narrower
        branch is a "cond" naming its guard.  (lo, hi, cond)."""
        alts = e.alts
        b1 = alts.get("extra1", [([], None)])
        b2 = alts.get("extra2", [([], None)])
        if len(b1) < 2 and len(b2) < 2:
            return lo, hi, None
        branches = []
        for i in range(max(len(b1), len(b2))):
            c1, x1 = b1[min(i, len(b1) - 1)]
            c2, x2 = b2[min(i, len(b2) - 1)]
            branches.append((c1 or c2, self.bound(sf, x1),
                             self.bound(sf, x2)))
        if not all(isinstance(v, int) for _, a, b in branches
                   for v in (a, b)):
            return lo, hi, None
        ulo = min(a for _, a, _ in branches)
        uhi = max(b for _, _, b in branches)
        narrow = [br for br in branches if (br[1], br[2]) != (ulo, uhi)]
        if len(narrow) != 1 or not narrow[0][0]:
            return ulo, uhi, None
        conds, nlo, nhi = narrow[0]
        words = [c[1:] + " is not set" if c.startswith("!") else c + "=y"
                 for c in conds]
        cond = OrderedDict([("when", "when " + " and ".join(words))])
        if nlo != ulo:
            cond["min"] = nlo
        if nhi != uhi:
            cond["max"] = nhi
        return ulo, uhi, cond

    def sizeof_expr(self, sf, inner):
        inner = inner.strip()
        if inner in SIZEOF:
            return SIZEOF[inner]
        name = re.split(r"->|\.", inner)[-1].strip()
        name = re.sub(r"\[.*$", "", name)
        if name in sf.arrays:
            typ, cnt = sf.arrays[name]
            n = sf.consts.number(cnt) if cnt else None
            if n is not None:
                return n * SIZEOF.get(typ, 4)
            if not cnt:
                v = sf.vars.get(name, "")
                if v.startswith("{"):
                    return len([x for x in v[1:-1].split(",") if x.strip()]
                               ) * SIZEOF.get(typ, 4)
        if name in sf.vtypes and not re.search(r"->|\.", inner):
            return SIZEOF.get(sf.vtypes[name])
        if name in self.member_arrays:
            n = sf.consts.number(self.member_arrays[name])
            if n is not None:
                return -n      # element count only (type unknown)
            return None
        self.global_var(name)
        if name in self._garr:
            cnt = self._garr[name]
            n = sf.consts.number(cnt) if cnt else None
            return -n if n else None
        if re.fullmatch(r"[\w.>\-\[\]\s]+", inner):
            return 0           # some scalar lvalue: one element
        return None

    def eval_maxlen(self, sf, ml, elem=None):
        def rep(m):
            v = self.sizeof_expr(sf, m.group(1))
            if v is None:
                raise ValueError
            return "(%d)" % v
        try:
            e = re.sub(r"\bsizeof\s*\(\s*([^()]*(?:\([^()]*\))?[^()]*)\)",
                       rep, ml)
        except ValueError:
            return None
        m = re.fullmatch(r"\(\s*(-?\d+)\s*\)", e.strip())
        if m and int(m.group(1)) <= 0:
            # array of unknown element type (-n) or scalar lvalue (0):
            # counted in elements of the handler's type
            n = -int(m.group(1)) or 1
            return n * (elem or 4)
        return sf.consts.number(e)

    def bound(self, sf, ex):
        if not ex:
            return None
        ex = re.sub(r"^\(\s*(?:const\s+)?[\w\s]+\*\s*\)\s*", "", ex.strip())
        ex = ex.strip()
        if ex in SYSCTL_CONSTS:
            return SYSCTL_CONSTS[ex]
        if ex in ("NULL", "0"):
            return None
        m = re.fullmatch(r"&\s*(\w+)(?:\s*\[\s*(\d+)\s*\])?", ex)
        if m:
            name = m.group(1)
            init = sf.vars.get(name)
            if init is None:
                gv = self.global_var(name)
                init = gv[0] if gv else None
            if init is None:
                return name
            if init.startswith("{"):
                vals = [x.strip() for x in init.strip("{} ").split(",")
                        if x.strip()]
                nums = [sf.consts.number(v) for v in vals]
                if m.group(2) is not None:
                    idx = int(m.group(2))
                    return nums[idx] if idx < len(nums) and \
                        nums[idx] is not None else name
                if nums and all(n is not None for n in nums) and \
                        len(set(nums)) == 1:
                    return nums[0]
                if vals and len(set(vals)) == 1:
                    return sf.consts.pretty(vals[0])
                return squash(init)
            n = sf.consts.number(init)
            if n is not None:
                return n
            return sf.consts.pretty(init)
        n = sf.consts.number(ex)
        if n is not None:
            return n
        return sf.consts.pretty(ex)

    def default(self, sf, e, typ, name):
        data = e.fields.get("data")
        parts = name.split(".")
        # per-device templates: defaults live in the protocol's template
        if parts[:1] == ["net"] and len(parts) == 5 and parts[2] == "neigh":
            tbl = {"ipv4": "arp_tbl", "ipv6": "nd_tbl"}.get(parts[1])
            si = self.struct_init(tbl) if tbl else {}
            if parts[4].startswith("gc_") and parts[4] in si:
                return self.format_default(sf, si[parts[4]], typ)
            m = re.search(r"->\s*data\s*\[\s*(NEIGH_VAR_\w+)\s*\]", data or "")
            if m and si:
                v = si.get("parms.data.[%s]" % m.group(1))
                return self.format_default(sf, v if v is not None else "0",
                                           typ)
            return None
        if not data:
            return None
        d = data.strip()
        d = re.sub(r"^\(\s*void\s*\*\s*\)\s*", "", d)
        dflt = len(parts) > 3 and parts[2] == "conf" and parts[3] != "all"
        m = re.fullmatch(r"(\w+)\.data\s*\+\s*(\w+)\s*-\s*1", d)
        if m:
            var = m.group(1) + ("_dflt" if dflt else "")
            si = self.struct_init(var) or self.struct_init(m.group(1))
            if si:
                v = si.get("data.[%s - 1]" % m.group(2), "0")
                return self.format_default(sf, v, typ)
            return None
        m = re.fullmatch(r"&\s*(\w+devconf)\s*\.\s*([\w.]+)", d)
        if m and dflt and self.struct_init(m.group(1) + "_dflt"):
            d = "&%s_dflt.%s" % (m.group(1), m.group(2))
        expr = None
        m = re.fullmatch(r"&\s*init_net\s*\.\s*([\w.\[\]]+)", d)
        if m:
            rhs = self.netns_assign.get(m.group(1))
            if rhs and len(rhs) == 1:
                expr = next(iter(rhs))
            elif rhs and len(rhs) > 1:
                return None
        m2 = re.fullmatch(r"&?\s*(\w+)", d)
        if expr is None and m2:
            name_ = m2.group(1)
            init = sf.vars.get(name_)
            if init is None:
                gv = self.global_var(name_)
                init = gv[0] if gv else None
            expr = init
        m3 = re.fullmatch(r"&\s*(\w+)\s*\.\s*([\w.]+)", d)
        if expr is None and m3:
            si = self.struct_init(m3.group(1))
            if m3.group(2) in si:
                expr = si[m3.group(2)]
            elif si:
                expr = "0"
        if expr is None:
            return None
        return self.format_default(sf, expr, typ)

    def format_default(self, sf, expr, typ):
        expr = expr.strip()
        if re.search(r"\b(?:k[mz]alloc|kcalloc|kmemdup|\w*alloc\w*|ATOMIC_INIT|"
                     r"cpumask_bits)\s*\(|->", expr) or \
                (re.fullmatch(r"[a-z_][a-z_0-9]*", expr) and
                 expr not in BUILTIN_CONSTS):
            return None
        if expr.startswith("{"):
            vals = [v for _, v in split_top(expr.strip()[1:-1]) if v.strip()]
            out = [self.format_default(sf, v, typ) for v in vals]
            if any(o is None for o in out):
                return squash(expr)
            return " ".join(out)
        if c_string(expr) is not None:
            return c_string(expr)
        if typ == "string":
            # only string literals (possibly behind a macro) are defaults of
            # string keys; numbers here come from data pointers that custom
            # handlers use for something else
            v = c_string(squash(sf.consts.expand(expr)).strip("() "))
            return v
        r = sf.consts.value(expr)
        if r is None:
            return sf.consts.pretty(expr)
        if typ in ("jiffies", "ms_jiffies", "userhz_jiffies"):
            unit = {"jiffies": 1, "ms_jiffies": 1000,
                    "userhz_jiffies": 100}[typ]
            outs = set()
            for hz, _, v in r:
                if (v * unit) % hz:
                    outs.add(None)
                else:
                    outs.add(v * unit // hz)
            if len(outs) == 1 and None not in outs:
                return str(outs.pop())
            return sf.consts.pretty(expr) + " (jiffies)"
        vals = set(v for _, _, v in r)
        if len(vals) == 1:
            return str(vals.pop())
        return sf.consts.pretty(expr)


# ---------------------------------------------------------------------------
# Merge across lines


# The record fields, and the interval merge, are dbfile's: the same code
# reads, edits and writes the database after the harvest.
VERSION_FIELDS = dbfile.VERSION_FIELDS
KEY_FIELDS = dbfile.KEY_FIELDS
line_key = dbfile.line_key


def apply_overlay(per_line, lines, overlay, log):
    order = {l: i for i, l in enumerate(lines)}

    def in_range(line, frm, to):
        return (frm is None or line_key(line) >= line_key(frm)) and \
            (to is None or line_key(line) <= line_key(to))

    # keys whose names are computed at run time (not visible as literals)
    for spec in overlay.get("extra_keys", []):
        names = [spec["name"]]
        if "range" in spec:
            lo, hi = spec["range"]
            names = [spec["name"] % i for i in range(lo, hi + 1)]
        for line in lines:
            if not in_range(line, spec.get("from"), spec.get("to")):
                continue
            for n in names:
                if n in per_line[line]:
                    continue
                rec = {"name": n}
                for f in KEY_FIELDS + VERSION_FIELDS:
                    rec[f] = spec.get(f)
                per_line[line][n] = rec
    # bounds left as C expressions that the overlay knows the value of
    known = {k: v for k, v in overlay.get("bounds", {}).items()
             if k != "comment"}
    for line in lines:
        for rec in per_line[line].values():
            for f in ("min", "max"):
                if isinstance(rec.get(f), str) and rec[f] in known:
                    rec[f] = known[rec[f]]
    # handler semantics for custom handlers
    for line in lines:
        for name, rec in per_line[line].items():
            hs = overlay.get("handlers", {}).get(rec["handler"])
            if hs:
                for k, v in hs.items():
                    if k in ("comment",):
                        continue
                    rec[k] = v
    for name, items in sorted(overlay.get("keys", {}).items()):
        hit = False
        for it in items:
            for line in lines:
                if not in_range(line, it.get("from"), it.get("to")):
                    continue
                rec = per_line[line].get(name)
                if rec is None:
                    continue
                hit = True
                for k, v in it.items():
                    if k in ("from", "to", "comment"):
                        continue
                    rec[k] = v
        if not hit:
            log("overlay key %s matched no harvested key" % name)


def merge(per_line, lines):
    return dbfile.collapse(per_line, lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--tree", action="append", required=True,
                    help="LINE=PATH[@REV] (git dir or source dir)")
    ap.add_argument("--overlay", default=os.path.join(HERE, "overlay.json"))
    ap.add_argument("--source-name", action="append", default=[],
                    help="LINE=DESCRIPTION recorded in the output (e.g. the "
                         "GitHub copy the tree came from)")
    ap.add_argument("--log", default=None, help="write diagnostics here")
    ap.add_argument("--dump-line", default=None,
                    help="also dump the flat per-line harvest to this dir")
    args = ap.parse_args()

    logf = open(args.log, "w", buffering=1) if args.log else sys.stderr

    def log(msg):
        print(msg, file=logf)

    names = dict(s.split("=", 1) for s in args.source_name)
    lines = []
    per_line = {}
    sources = OrderedDict()
    for spec in args.tree:
        line, path = spec.split("=", 1)
        tree = Tree(path)
        print("harvesting %s from %s" % (line, tree.path), file=sys.stderr)
        h = Harvest(tree, line, log)
        h.run()
        recs = h.keys()
        for r in recs.values():
            r.pop("line", None)
        per_line[line] = recs
        lines.append(line)
        src = OrderedDict()
        src["version"] = tree.version()
        if line in names:
            src["repo"] = names[line]
        src["commit"] = tree.commit
        sources[line] = src
        print("  %s: %d keys" % (line, len(recs)), file=sys.stderr)
        if args.dump_line:
            os.makedirs(args.dump_line, exist_ok=True)
            with open(os.path.join(args.dump_line, line + ".json"), "w") as f:
                json.dump(recs, f, indent=1, sort_keys=True)
    lines.sort(key=line_key)
    overlay = {}
    if args.overlay and os.path.exists(args.overlay):
        with open(args.overlay) as f:
            overlay = json.load(f)
    apply_overlay(per_line, lines, overlay, log)
    out = OrderedDict()
    out["format"] = 1
    out["lines"] = lines
    out["sources"] = OrderedDict((l, sources[l]) for l in lines)
    out["counts"] = OrderedDict((l, len(per_line[l])) for l in lines)
    out["keys"] = merge(per_line, lines)
    text = dbfile.dumps(out)
    tmp = args.out + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, args.out)
    print("wrote %s (%d keys)" % (args.out, len(out["keys"])),
          file=sys.stderr)


if __name__ == "__main__":
    main()
