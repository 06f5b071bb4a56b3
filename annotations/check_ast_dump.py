#!/usr/bin/env python3
"""Check that fearless.h's annotate attributes land on the declarations they are written on.

    check_ast_dump.py --clang clang-19 [--include DIR] [-- extra clang args] FILE.c

FILE.c states what it expects in `//@ <DeclKind> <name> <annotation text>` comments, e.g.

    long hits FL_GUARDED_BY(mu);   //@ FieldDecl hits fearless:guarded_by:mu

The file is parsed with `clang -fsyntax-only -Xclang -ast-dump`; every AnnotateAttr whose text
starts with "fearless:" is attributed to the declaration it hangs from in the dump tree. The set of
(kind, name, text) found must equal the set expected: a missing one means an annotation went
somewhere else (or nowhere), an extra one means it landed on a declaration it was not meant for.
Attributes clang copies onto redeclarations ("Inherited") are not counted.
"""
import argparse
import re
import subprocess
import sys

EXPECT = re.compile(r"//@\s+(\w+)\s+(\S+)\s+(fearless:.*?)\s*(\*/\s*)?$")
TREE_PREFIX = re.compile(r"^[| `-]*")
LOCATION = re.compile(r"^(col:\d+|line:\d+:\d+|\S+:\d+:\d+)$")
SKIP_WORDS = {"used", "referenced", "implicit", "invalid", "struct", "union", "enum", "static",
              "extern", "inline", "hidden"}


def expected_set(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = EXPECT.search(line)
            if m:
                out.add((m.group(1), m.group(2), m.group(3)))
    return out


def after_range(rest):
    """The text after the first balanced <...> range of a dump line."""
    start = rest.find("<")
    if start < 0:
        return rest
    depth = 0
    for i in range(start, len(rest)):
        if rest[i] == "<":
            depth += 1
        elif rest[i] == ">":
            depth -= 1
            if depth == 0:
                return rest[i + 1:]
    return ""


def decl_name(rest):
    """The declared name from a dump line's text after the kind and address."""
    for tok in after_range(rest).split():
        if LOCATION.match(tok) or tok in SKIP_WORDS:
            continue
        return tok.strip("'")
    return "<anonymous>"


def found_set(dump):
    stack = []  # (indent, kind, name)
    out = set()
    for line in dump.splitlines():
        indent = len(TREE_PREFIX.match(line).group(0))
        body = line[indent:]
        if not body:
            continue
        parts = body.split(None, 2)
        kind = parts[0]
        rest = parts[2] if len(parts) > 2 else ""
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if kind == "AnnotateAttr":
            m = re.search(r'(Inherited\s+)?"(fearless:[^"]*)"\s*$', rest)
            if m and not m.group(1):
                if not stack:
                    out.add(("<top>", "<none>", m.group(2)))
                else:
                    out.add((stack[-1][1], stack[-1][2], m.group(2)))
        stack.append((indent, kind, decl_name(rest)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clang", required=True)
    ap.add_argument("--include", action="append", default=[])
    ap.add_argument("file")
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    cmd = [a.clang, "-fsyntax-only", "-Xclang", "-ast-dump", "-fno-color-diagnostics"]
    cmd += ["-I" + d for d in a.include] + a.extra + [a.file]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        print("FAIL: %s exited %d" % (" ".join(cmd), p.returncode))
        return 1
    want, got = expected_set(a.file), found_set(p.stdout)
    if not want:
        print("FAIL: %s states no //@ expectations" % a.file)
        return 1
    missing, extra = sorted(want - got), sorted(got - want)
    for k in missing:
        print("missing: %s %s %s" % k)
    for k in extra:
        print("unexpected: %s %s %s" % k)
    if missing or extra:
        print("FAIL: %d missing, %d unexpected (of %d expected)" % (len(missing), len(extra), len(want)))
        return 1
    print("ok: %d annotations on the expected declarations" % len(want))
    return 0


if __name__ == "__main__":
    sys.exit(main())
