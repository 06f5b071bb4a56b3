#!/usr/bin/env python3
"""Check that every check page's examples behave as the page says (ctest: docs/examples).

    test_doc_examples.py --fearless build/fearless --pages docs/checks

For every docs/checks/<check>.md, the fenced C blocks marked in their info string are run:

    ```c fearless-bad          fearless must report it: exit 1 and at least one
    ...                        `path:line:col: error: ... [<check>]` line
    ```

    ```c fearless-good         fearless must accept it: exit 0 and no output at all
    ...
    ```

Each block is written to its own .c file and analyzed alone with
`fearless --checks=<check> --format=short --color=never <file>`. Other ```c blocks are
illustrations and are not run. A page must have at least one bad and one good example, and
`fearless --explain <check>` must print exactly the page's text (the page is what users read).
Python 3 standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

FENCE_OPEN = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
TIMEOUT = 120


def extract_blocks(text):
    """The fenced blocks of a Markdown text: a list of (info string, code, first line number)."""
    blocks = []
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        m = FENCE_OPEN.match(lines[i].rstrip("\n"))
        if not m:
            i += 1
            continue
        fence, info, start = m.group("fence"), m.group("info"), i + 1
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{%d,}\\s*$" % len(fence))
        body = []
        i += 1
        while i < len(lines) and not close.match(lines[i].rstrip("\n")):
            body.append(lines[i])
            i += 1
        blocks.append((info, "".join(body), start))
        i += 1  # past the closing fence (or the end of an unterminated block)
    return blocks


def classify(info):
    """'bad', 'good' or None for a block's info string ("c fearless-bad", ...)."""
    words = info.split()
    if not words or words[0] != "c":
        return None
    if "fearless-bad" in words[1:]:
        return "bad"
    if "fearless-good" in words[1:]:
        return "good"
    return None


def run(fearless, args):
    p = subprocess.run([fearless] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_page(fearless, page, tmpdir):
    """Run one page's examples; returns a list of failure messages."""
    check = os.path.splitext(os.path.basename(page))[0]
    with open(page, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    failures = []
    counts = {"bad": 0, "good": 0}
    error_line = re.compile(r"^.+:\d+:\d+: error: .* \[" + re.escape(check) + r"\]$", re.M)

    for info, code, line in extract_blocks(text):
        kind = classify(info)
        if kind is None:
            continue
        counts[kind] += 1
        where = "%s:%d (```%s)" % (page, line, info)
        path = os.path.join(tmpdir, "%s-%s-%d.c" % (check, kind, counts[kind]))
        with open(path, "w", encoding="utf-8") as f:
            f.write(code)
        rc, out, err = run(fearless, ["--checks=" + check, "--format=short", "--color=never", path])
        shown = "    $ fearless --checks=%s --format=short %s\n    exit %d\n%s%s" % (
            check, os.path.basename(path), rc, indent(out), indent(err))
        if kind == "bad":
            if rc != 1 or not error_line.search(out):
                failures.append("%s: bad example not reported as [%s] error with exit 1:\n%s" % (where, check, shown))
        else:
            if rc != 0 or out or err:
                failures.append("%s: good example not accepted silently (exit 0, no output):\n%s" % (where, shown))

    for kind in ("bad", "good"):
        if counts[kind] == 0:
            failures.append("%s: no ```c fearless-%s example" % (page, kind))

    rc, out, err = run(fearless, ["--explain", check])
    if rc != 0 or out.encode("utf-8") != raw:
        failures.append("%s: `fearless --explain %s` (exit %d) does not print the page's text%s" % (
            page, check, rc, first_difference(raw.decode("utf-8"), out)))

    print("%s: %d bad, %d good example(s), %s" % (
        page, counts["bad"], counts["good"], "FAILED" if failures else "ok"))
    return failures


def indent(s):
    return "".join("      " + l + "\n" for l in s.splitlines())


def first_difference(want, got):
    wl, gl = want.splitlines(), got.splitlines()
    for n in range(max(len(wl), len(gl))):
        w = wl[n] if n < len(wl) else "<end of page>"
        g = gl[n] if n < len(gl) else "<end of output>"
        if w != g:
            return "\n    first difference at line %d:\n      page:   %r\n      output: %r" % (n + 1, w, g)
    return "\n    (lines equal; the difference is in line endings or the final newline)"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fearless", required=True, help="the fearless binary")
    ap.add_argument("--pages", required=True, help="the docs/checks directory")
    a = ap.parse_args()

    pages = sorted(os.path.join(a.pages, p) for p in os.listdir(a.pages) if p.endswith(".md"))
    if not pages:
        print("FAIL: no check pages in %s" % a.pages)
        return 1
    failures = []
    with tempfile.TemporaryDirectory(prefix="fearless-doc-") as tmpdir:
        for page in pages:
            failures += check_page(a.fearless, page, tmpdir)
    for f in failures:
        print("\nFAIL " + f)
    if failures:
        print("\n%d failure(s) in %d page(s)" % (len(failures), len(pages)))
        return 1
    print("all %d page(s) ok" % len(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
