#!/usr/bin/env python3
"""Check docs/guide.md against the real tools (ctest: docs/guide).

    test_guide.py --fearless build/fearless --guide docs/guide.md [--cc gcc --include annotations]

* Every `--long-option` spelling in `fearless --help` must appear in the guide, and every
  --option the guide uses in a `fearless ...` command line must be one the help lists (so the
  guide neither lags behind the CLI nor documents options that do not exist).
* With --cc, every ```c block of the guide must compile warning-free
  (-std=c11 -Wall -Wextra -Werror -fsyntax-only), with --include on the include path, and
  fearless must accept it silently (the guide shows correct code).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
# A line that runs fearless: its first word (after indentation, a `$ ` prompt, a YAML `- ` or
# `run: `) is fearless or a path ending in /fearless.
COMMAND = re.compile(r"^\s*(?:\$\s+|-\s+|run:\s+)?(?:\S*/)?fearless(?:\s|$)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fearless", required=True)
    ap.add_argument("--guide", required=True)
    ap.add_argument("--cc", help="compile the guide's ```c blocks with this compiler")
    ap.add_argument("--include", action="append", default=[])
    a = ap.parse_args()
    p = subprocess.run([a.fearless, "--help"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    help_text = p.stdout.decode("utf-8", "replace")
    if p.returncode != 0 or not help_text:
        print("FAIL: `fearless --help` exited %d with no usage text" % p.returncode)
        return 1
    with open(a.guide, encoding="utf-8") as f:
        guide = f.read()

    in_help = set(OPTION.findall(help_text))
    in_guide = set(OPTION.findall(guide))
    commands = "\n".join(l for l in guide.splitlines() if COMMAND.match(l))
    in_commands = set(OPTION.findall(commands))

    undocumented = sorted(in_help - in_guide)
    unknown = sorted(o for o in in_commands - in_help if o != "--")
    for o in undocumented:
        print("FAIL: %s is in `fearless --help` but not in %s" % (o, a.guide))
    for o in unknown:
        print("FAIL: %s is used in a fearless command in %s but `fearless --help` does not list it" % (o, a.guide))
    failed = bool(undocumented or unknown)
    if not failed:
        print("ok: the guide covers all %d options of --help" % len(in_help))
    if a.cc:
        failed |= compile_blocks(a.fearless, a.cc, a.include, guide, a.guide)
    return 1 if failed else 0


def compile_blocks(fearless, cc, includes, guide, name):
    blocks = re.findall(r"^```c[ \t]*\n(.*?)^```[ \t]*$", guide, re.M | re.S)
    if not blocks:
        print("FAIL: no ```c blocks in %s" % name)
        return True
    failed = False
    with tempfile.TemporaryDirectory(prefix="fearless-guide-") as tmp:
        for n, code in enumerate(blocks, 1):
            path = os.path.join(tmp, "guide-%d.c" % n)
            with open(path, "w", encoding="utf-8") as f:
                f.write(code)
            cmd = [cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"]
            cmd += ["-I" + d for d in includes] + [path]
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
            if p.returncode != 0:
                failed = True
                print("FAIL: ```c block %d of %s does not compile:\n%s" % (
                    n, name, p.stdout.decode("utf-8", "replace")))
                continue
            cmd = [fearless, "--format=short", "--color=never", path, "--", "-std=c11"]
            cmd += ["-I" + d for d in includes]
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
            if p.returncode != 0 or p.stdout:
                failed = True
                print("FAIL: fearless does not accept ```c block %d of %s (exit %d):\n%s" % (
                    n, name, p.returncode, p.stdout.decode("utf-8", "replace")))
    if not failed:
        print("ok: all %d ```c block(s) of the guide compile and pass fearless" % len(blocks))
    return failed


if __name__ == "__main__":
    sys.exit(main())
