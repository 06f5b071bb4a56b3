#!/usr/bin/env python3
"""UI tests: run fearless on every C file of testcases/<suite>/ and compare with what the file expects.

Each case is a C program. Markers in it say where diagnostics must point (rustc's compiletest style):

    pthread_create(&t, NULL, worker, &counter);   //~ ERROR thread-borrow
    //~^ ERROR thread-borrow        (the line above; one ^ per line up)
    //~ WARNING input                 a diagnostic of fearless's own without a check (a problem
                                     of the input: a misspelt check in a suppression, ...)

Directives in the first comment lines:
    // fearless-flags: --checks=thread-borrow     extra options for fearless
    // compile-flags: -DNDEBUG                     compiler arguments (passed after --)
    // exit-code: 2                                expected exit status (default: 1 if any ERROR marker, else 0)

Beside each case, <case>.stdout holds the expected human-format output (line numbers in the gutter
normalized to LL so that adding a line above does not churn it). The harness fails on a missing, extra
or differently placed diagnostic (markers) and on any rendering difference (snapshot).

A case can also be a directory: a small program of several files with its own compilation database.
Every .c file in it is a unit, compiled as `cc -c <file> -o <stem>.o` plus the compile-flags found in
any of its files, unless a file named `build` lists the units, one per line:

    main.c -o prog1-main.o -DPROG=1     # a database entry: the file, then its arguments
    util.c -o prog1-util.o

(the same file may appear twice, built for two programs). The harness writes compile_commands.json in a
temporary folder and runs `fearless -p <it>` on the whole database; markers in every .c and .h file of the
directory are checked, and the snapshot is <dir>.stdout beside the directory.

    run_ui.py --fearless build/fearless thread-borrow          # run a suite (cwd: testcases/)
    run_ui.py --fearless build/fearless --bless thread-borrow  # rewrite the .stdout snapshots
"""
import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

MARKER = re.compile(r"//~(\^*)\s*(ERROR|WARNING|NOTE)\s+([\w-]+)")
DIRECTIVE = re.compile(r"^\s*//\s*(fearless-flags|compile-flags|exit-code):\s*(.*)$")
GUTTER_NUM = re.compile(r"^ *(\d+)( +\|)")
DIFF_NUM = re.compile(r"^ *(\d+) ([+-])")  # a suggestion's added or removed line


def normalize(text):
    """Replace gutter line numbers with LL and re-pad gutters to one width."""
    out = []
    for line in text.splitlines():
        m = GUTTER_NUM.match(line)
        d = DIFF_NUM.match(line)
        if m:
            line = "LL |" + line[m.end():]
        elif d:
            line = "LL " + d.group(2) + line[d.end():]
        elif re.match(r"^ +\|", line):
            line = "   |" + line[line.index("|") + 1:]
        elif re.match(r"^ += (note|help)", line):
            line = "   =" + line[line.index("=") + 1:]
        elif re.match(r"^ +--> ", line):
            line = "  -->" + line[line.index("-->") + 3:]
        elif re.match(r"^ +::: ", line):
            line = "  :::" + line[line.index(":::") + 3:]
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def parse_case(path, shown=None, acc=None):
    """Markers as (file as fearless shows it, line, level, check), flags, compile flags, exit code."""
    expected, flags, cflags, exit_code = acc if acc else ([], [], [], None)
    shown = shown or path
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for no, line in enumerate(lines, 1):
        d = DIRECTIVE.match(line)
        if d:
            key, val = d.group(1), d.group(2).split()
            if key == "fearless-flags":
                flags += val
            elif key == "compile-flags":
                cflags += val
            else:
                exit_code = int(val[0])
        for m in MARKER.finditer(line):
            expected.append((shown, no - len(m.group(1)), m.group(2).lower(), m.group(3)))
    return sorted(expected), flags, cflags, exit_code


def parse_dir_case(path):
    """A multi-file case: markers and directives of all its files."""
    acc = ([], [], [], None)
    for f in sorted(os.listdir(path)):
        if f.endswith((".c", ".h")):
            acc = parse_case(os.path.join(path, f), os.path.join(path, f), acc)
    expected, flags, cflags, exit_code = acc
    return sorted(expected), flags, cflags, exit_code


def write_database(path, cflags, dbdir):
    """compile_commands.json for a multi-file case, from its `build` file or its .c files."""
    here = os.path.abspath(path)
    lines = []
    build = os.path.join(path, "build")
    if os.path.exists(build):
        for line in open(build, encoding="utf-8"):
            line = line.split("#", 1)[0].split()
            if line:
                lines.append(line)
    else:
        for f in sorted(os.listdir(path)):
            if f.endswith(".c"):
                lines.append([f, "-o", os.path.splitext(f)[0] + ".o"])
    entries = [{"directory": here, "file": l[0], "arguments": ["cc", "-c"] + l + cflags} for l in lines]
    with open(os.path.join(dbdir, "compile_commands.json"), "w", encoding="utf-8") as f:
        json.dump(entries, f, indent=1)


def run(fearless, path, flags, cflags, fmt, dbdir=None):
    cmd = [fearless, "--color=never", "--format=" + fmt] + flags
    if dbdir:
        cmd += ["-p", dbdir]
    else:
        cmd += [path]
        if cflags:
            cmd += ["--"] + cflags
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_case(fearless, suite, name, bless):
    path = os.path.join(suite, name)
    dbdir = None
    if os.path.isdir(path):
        expected, flags, cflags, exit_code = parse_dir_case(path)
        dbdir = tempfile.mkdtemp(prefix="fl_ui_")
        write_database(path, cflags, dbdir)
    else:
        expected, flags, cflags, exit_code = parse_case(path)
    try:
        return check_run(fearless, path, expected, flags, cflags, exit_code, dbdir, bless)
    finally:
        if dbdir:
            shutil.rmtree(dbdir, ignore_errors=True)


def check_run(fearless, path, expected, flags, cflags, exit_code, dbdir, bless):
    problems = []
    if exit_code is None:
        exit_code = 1 if any(e[2] == "error" for e in expected) else 0

    rc, out, err = run(fearless, path, flags, cflags, "json", dbdir)
    actual = []
    for line in out.splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            problems.append("not JSON: " + line)
            continue
        if d["level"] in ("note", "help") and not any(e[2] == d["level"] for e in expected):
            continue  # --verbose explanations are not asserted unless a NOTE marker asks for them
        prim = [s for s in d["spans"] if s["is_primary"]]
        if not prim:
            problems.append("diagnostic without location: " + d["message"])
            continue
        actual.append((prim[0]["file"], prim[0]["line_start"], d["level"], d.get("check") or "input"))
    actual.sort()
    for e in expected:
        if e in actual:
            actual.remove(e)
        else:
            problems.append("missing: %s:%d: %s %s" % e)
    for a in actual:
        problems.append("unexpected: %s:%d: %s %s" % a)
    if rc != exit_code:
        problems.append("exit code %d, expected %d (stderr: %s)" % (rc, exit_code, err.strip()[:500]))

    rc2, human, err2 = run(fearless, path, flags, cflags, "human", dbdir)
    if rc2 != rc:
        problems.append("human format exit code %d differs from json's %d" % (rc2, rc))
    snap = (path.rstrip("/") if dbdir else os.path.splitext(path)[0]) + ".stdout"
    got = normalize(human)
    if bless:
        if got:
            with open(snap, "w", encoding="utf-8") as f:
                f.write(got)
        elif os.path.exists(snap):
            os.remove(snap)
    else:
        want = open(snap, encoding="utf-8").read() if os.path.exists(snap) else ""
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                snap, "actual output"))
            problems.append("rendered output differs from %s:\n%s" % (snap, diff))
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fearless", required=True)
    ap.add_argument("--bless", action="store_true", help="rewrite the .stdout snapshots")
    ap.add_argument("suites", nargs="+")
    a = ap.parse_args()
    fearless = os.path.abspath(a.fearless)
    passed = failed = 0
    for suite in a.suites:
        def is_dir_case(f):
            d = os.path.join(suite, f)
            return os.path.isdir(d) and any(x.endswith(".c") for x in os.listdir(d))
        cases = sorted(f for f in os.listdir(suite) if f.endswith(".c") or is_dir_case(f))
        if not cases:
            print("error: suite %s has no cases" % suite)
            failed += 1
        for name in cases:
            problems = check_case(fearless, suite, name, a.bless)
            if problems:
                failed += 1
                print("FAIL %s/%s" % (suite, name))
                for p in problems:
                    print("    " + p.replace("\n", "\n    "))
            else:
                passed += 1
                print("ok   %s/%s" % (suite, name))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
