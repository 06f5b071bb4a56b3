#!/usr/bin/env python3
"""Run `clang -fsyntax-only` on every entry of a compile database, sequentially.

This is the baseline fearless is measured against: what it costs the real
compiler front end just to parse and type-check the same units, one process
per file, with each entry's own flags (as a naive per-file tool would).

Usage: cdb_syntax_only.py [--clang CLANG] [--runs N] [--verbose] DB_DIR_OR_FILE

Prints one line per run and, last, a machine-readable summary:
    syntax-only: units=<n> failed=<f> best_wall=<seconds>
Exit status: 0 (failures are reported, not fatal), 2 if the database can't be read.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

# Options that only matter for producing output files or dependency files;
# they'd make -fsyntax-only write junk (or fail), so they are dropped.
DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
DROP_ALONE = {"-c", "-M", "-MM", "-MD", "-MMD", "-MP", "-MG", "-S", "-E"}


def clean_args(args):
    """Return the compiler arguments of an entry minus argv[0] and output/dependency flags."""
    out = []
    i = 1  # argv[0] is the compiler; we substitute our own
    while i < len(args):
        a = args[i]
        if a in DROP_WITH_VALUE:
            i += 2
            continue
        if a in DROP_ALONE:
            i += 1
            continue
        # Joined spellings: -ofoo, -MFfoo, -MTfoo, -MQfoo, and -Wp,-MD,file.
        if (a.startswith("-o") and len(a) > 2 and not a.startswith("-obj")) \
                or a[:3] in ("-MF", "-MT", "-MQ") or a.startswith("-Wp,-M"):
            i += 1
            continue
        out.append(a)
        i += 1
    return out


def load(path):
    if os.path.isdir(path):
        path = os.path.join(path, "compile_commands.json")
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)
    jobs, seen = [], set()
    for e in entries:
        d = e["directory"]
        if "arguments" in e:
            args = list(e["arguments"])
        else:
            args = shlex.split(e["command"])
        src = e["file"]
        full = os.path.realpath(os.path.join(d, src))
        # One parse per file, as fearless does (libtool can record a unit twice).
        if full in seen:
            continue
        seen.add(full)
        jobs.append((d, full, clean_args(args)))
    return jobs


def run_once(clang, jobs, verbose):
    failed = []
    t0 = time.monotonic()
    for d, full, args in jobs:
        r = subprocess.run([clang, "-fsyntax-only"] + args, cwd=d,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0:
            failed.append(full)
            if verbose:
                sys.stderr.write(r.stderr.decode(errors="replace"))
    return time.monotonic() - t0, failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", help="build directory holding compile_commands.json, or the file")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--verbose", action="store_true", help="show clang's errors")
    ap.add_argument("--list", action="store_true", help="print the commands, run nothing")
    a = ap.parse_args()
    try:
        jobs = load(a.db)
    except (OSError, ValueError, KeyError) as e:
        print(f"cdb_syntax_only: cannot read database: {e}", file=sys.stderr)
        return 2
    if a.list:
        for d, _full, args in jobs:
            print(f"cd {shlex.quote(d)} && {a.clang} -fsyntax-only {shlex.join(args)}")
        return 0
    best, failed = None, []
    for r in range(max(1, a.runs)):
        wall, failed = run_once(a.clang, jobs, a.verbose)
        print(f"run {r + 1}: {wall:.3f} s wall, {len(jobs)} units, {len(failed)} failed",
              flush=True)
        best = wall if best is None else min(best, wall)
    for f in failed:
        print(f"failed: {f}")
    print(f"syntax-only: units={len(jobs)} failed={len(failed)} best_wall={best:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
