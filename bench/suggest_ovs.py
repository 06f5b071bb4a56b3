#!/usr/bin/env python3
"""fearless --suggest on Open vSwitch, against the annotations its developers wrote by hand.

    bench/suggest_ovs.py [--fearless build/fearless] [--db bench/work/ovs] [--judged FILE] [--list] [--missed]

Open vSwitch annotates much of lib/ for Clang's thread-safety analysis (OVS_GUARDED_BY(lock),
OVS_GUARDED). This script makes those macros expand to nothing (bench/ovs_neutral.h, passed
with -include: the sources are not changed), runs `fearless -p <db> --suggest` on the database,
and compares the GUARDED_BY proposals with the developers' annotations in lib/ and
include/openvswitch/:

  recall     the developers' annotated declarations fearless proposes, with the same lock (an
             OVS_GUARDED without a lock matches any lock), over all of them;
  precision  proposals that match one of theirs, or that the judgments file (--judged, a TSV of
             `file<TAB>line<TAB>name<TAB>correct|wrong<TAB>why`) records as correct by reading
             the code, over all proposals; proposals not judged yet are listed with --list.

It also times the --suggest run against a plain run of the checks on the same database (the
issue's budget: at most 1.2x). Always exits 0: a benchmark measures, it does not assert.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ANNOT = re.compile(r"\b(\w+)\s*(?:\[[^\]]*\]\s*)*OVS_GUARDED(?:_BY\s*\(([^)]*)\))?")
NAMES = re.compile(r"`([^`]+)`")


def developer_annotations(src):
    """(relpath, line, name, lock or None) for every OVS_GUARDED(_BY) on a declaration."""
    out = []
    for top in ("lib", os.path.join("include", "openvswitch")):
        for dirpath, _, files in os.walk(os.path.join(src, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, src)
                with open(path, encoding="utf-8", errors="replace") as fh:
                    for no, line in enumerate(fh, 1):
                        if "#define" in line or "OVS_GUARDED" not in line:
                            continue
                        code = line.split("/*")[0].split("//")[0]
                        for m in ANNOT.finditer(code):
                            name, lock = m.group(1), m.group(2)
                            if name in ("OVS_GUARDED", "OVS_GUARDED_BY"):
                                continue
                            out.append((rel, no, name, lock.strip().lstrip("&") if lock else None))
    return out


REQ = re.compile(r"\bOVS_REQ(?:UIRES|_RDLOCK|_WRLOCK)\s*\(")


def _function_before(text, at):
    """The name of the function whose declarator ends right before offset `at` (the annotation
    follows the parameter list), or None."""
    i = at - 1
    while i >= 0:  # blanks and comments
        if text[i].isspace():
            i -= 1
        elif text[i] == "/" and i > 0 and text[i - 1] == "*":
            i = text.rfind("/*", 0, i - 1) - 1
        else:
            break
    if i < 0 or text[i] != ")":
        return None
    depth = 0
    while i >= 0:
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            break
        i -= 1
    m = re.search(r"(\w+)\s*$", text[:i])
    return m.group(1) if m else None


def developer_requires(src, pattern=REQ):
    """{function name: set of locks} for every OVS_REQUIRES / OVS_REQ_RDLOCK / OVS_REQ_WRLOCK (or
    what `pattern` matches) on a function's declaration or definition in lib/ and
    include/openvswitch/."""
    out = {}
    for top in ("lib", os.path.join("include", "openvswitch")):
        for dirpath, _, files in os.walk(os.path.join(src, top)):
            for f in sorted(files):
                if not f.endswith((".c", ".h")):
                    continue
                with open(os.path.join(dirpath, f), encoding="utf-8", errors="replace") as fh:
                    text = fh.read()
                for m in pattern.finditer(text):
                    line_start = text.rfind("\n", 0, m.start()) + 1
                    if text[line_start:m.start()].lstrip().startswith("#define"):
                        continue
                    depth, j = 1, m.end()
                    while j < len(text) and depth:
                        depth += {"(": 1, ")": -1}.get(text[j], 0)
                        j += 1
                    fn = _function_before(text, m.start())
                    if not fn:
                        continue
                    locks = {a.strip().lstrip("&").replace(" ", "") for a in text[m.end():j - 1].split(",")}
                    out.setdefault(fn, set()).update(l for l in locks if l)
    return out


# the lock helpers' contracts: fearless's kind -> the developers' macros
HELPER_KINDS = {
    "ACQUIRE": re.compile(r"\bOVS_(?:ACQUIRES|ACQ_WRLOCK)\s*\("),
    "ACQUIRE_SHARED": re.compile(r"\bOVS_ACQ_RDLOCK\s*\("),
    "RELEASE": re.compile(r"\bOVS_RELEASES\s*\("),
    "TRY_ACQUIRE": re.compile(r"\bOVS_TRY_(?:LOCK|WRLOCK)\s*\("),
    "TRY_ACQUIRE_SHARED": re.compile(r"\bOVS_TRY_RDLOCK\s*\("),
}
EXCL = re.compile(r"\bOVS_EXCLUDED\s*\(")
HELPER_MSG = re.compile(r"annotate it (ACQUIRE_SHARED|ACQUIRE|RELEASE|TRY_ACQUIRE_SHARED|TRY_ACQUIRE)\(")


def proposals(fearless, db, src=None):
    """(relpath, line, [names], lock) per GUARDED_BY proposal, (relpath, line, function, lock) per
    REQUIRES proposal, the seconds the run took and its exit status; paths relative to src."""
    src = src or db

    def rel(path):
        return os.path.relpath(path if os.path.isabs(path) else os.path.join(db, path), src)

    neutral = os.path.join(HERE, "ovs_neutral.h")
    cmd = [fearless, "-p", db, "--suggest", "--format=json", "--quiet", "--no-cache", "-j", "1",
           "--extra-arg=-include", "--extra-arg=" + neutral]
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=db)
    secs = time.time() - t0
    out, reqs, helpers, excl = [], [], [], []
    for line in p.stdout.decode().splitlines():
        d = json.loads(line)
        if d.get("check") == "suggest-excludes":
            span = [s for s in d["spans"] if s["is_primary"]][0]
            fn, locks = NAMES.findall(d["message"])[:2]
            excl.append((rel(span["file"]), span["line_start"], fn, locks.replace(" ", "")))
            continue
        if d.get("check") == "suggest-lock-helper":
            span = [s for s in d["spans"] if s["is_primary"]][0]
            fn = NAMES.findall(d["message"])[0]
            helpers.append((rel(span["file"]), span["line_start"], fn, HELPER_MSG.search(d["message"]).group(1)))
            continue
        if d.get("check") == "suggest-requires":
            span = [s for s in d["spans"] if s["is_primary"]][0]
            fn, lock = NAMES.findall(d["message"])[:2]
            reqs.append((rel(span["file"]), span["line_start"], fn, lock.replace(" ", "")))
            continue
        if d.get("check") != "suggest-guarded-by":
            continue
        span = [s for s in d["spans"] if s["is_primary"]][0]
        msg = d["message"]
        head, _, rest = msg.partition(" guarded by ")
        lock = NAMES.findall(rest)[0]
        names = NAMES.findall(head.split(" of `")[0])
        out.append((rel(span["file"]), span["line_start"], names, lock))
    return out, reqs, helpers, excl, secs, p.returncode


def checks_time(fearless, db):
    t0 = time.time()
    subprocess.run([fearless, "-p", db, "--format=short", "--quiet", "--no-cache", "-j", "1"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=db)
    return time.time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fearless", default=os.path.join(HERE, "..", "build", "fearless"))
    ap.add_argument("--db", default=os.path.join(HERE, "work", "ovs"))
    ap.add_argument("--src", help="the source tree (default: the database's first entry's directory)")
    ap.add_argument("--judged", default=os.path.join(HERE, "suggest_ovs_judged.tsv"))
    ap.add_argument("--list", action="store_true", help="list the proposals not judged yet")
    ap.add_argument("--missed", action="store_true", help="list the developers' annotations not proposed")
    a = ap.parse_args()
    fearless, db = os.path.abspath(a.fearless), os.path.abspath(a.db)
    src = os.path.abspath(a.src) if a.src else None
    if not os.path.exists(os.path.join(db, "compile_commands.json")):
        print("suggest_ovs.py: no %s/compile_commands.json (bench/setup_ovs.sh)" % db)
        return 0
    if not src:
        with open(os.path.join(db, "compile_commands.json"), encoding="utf-8") as fh:
            src = json.load(fh)[0]["directory"]
    dev = developer_annotations(src)
    ours, reqs, helpers, excl, secs, rc = proposals(fearless, db, src)
    dev_req = developer_requires(src)
    base = checks_time(fearless, db)
    judged = {}
    if os.path.exists(a.judged):
        for line in open(a.judged, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                f, no, name, verdict = line.rstrip("\n").split("\t")[:4]
                judged[(f, int(no), name)] = verdict

    by_file_name = {}
    for d in dev:
        by_file_name.setdefault((d[0], d[2]), []).append(d)

    def dev_match(rel, name, lock):
        for d in by_file_name.get((rel, name), []):
            if d[3] is None or d[3] == lock:
                return d, True
            return d, False
        return None, False

    found = set()
    n_ours = matched = right = wrong = wrong_lock = 0
    unjudged = []
    for rel, line, names, lock in ours:
        for name in names:
            n_ours += 1
            d, same = dev_match(rel, name, lock)
            if d and same:
                matched += 1
                found.add(d)
                continue
            verdict = judged.get((rel, line, name))
            if verdict == "correct":
                right += 1
            elif verdict == "wrong":
                wrong += 1
            elif verdict is None:
                unjudged.append((rel, line, name, lock, "theirs: " + str(d[3]) if d else ""))
            if d and not same:
                wrong_lock += 1
    recall = len(found) / len(dev) if dev else 0.0
    precision = (matched + right) / n_ours if n_ours else 0.0
    print("fearless --suggest on %s (exit %d): %.1f s; the checks alone: %.1f s (%.2fx)" %
          (db, rc, secs, base, secs / base if base else 0))
    print("developers' GUARDED_BY/GUARDED declarations: %d; proposed with their lock: %d (recall %.2f)" %
          (len(dev), len(found), recall))
    print("proposals (one per declaration): %d; matching theirs: %d; judged correct: %d; judged wrong: %d; "
          "theirs with another lock: %d; not judged: %d (precision >= %.2f)" %
          (n_ours, matched, right, wrong, wrong_lock, len(unjudged), precision))
    checked = matched + right + wrong
    if checked:
        print("precision on the %d proposals matched or judged: %.2f" % (checked, (matched + right) / checked))
    # function contracts, by function name: REQUIRES and EXCLUDES match when the developers name
    # that lock, lock helpers when they gave the function the same kind of contract
    dev_helpers = {k: developer_requires(src, pat) for k, pat in HELPER_KINDS.items()}
    dev_excl = developer_requires(src, EXCL)
    tables = [
        ("REQUIRES", reqs, dev_req, lambda fn, lock: lock in dev_req.get(fn, ())),
        ("lock helper", helpers, {(k, fn): 1 for k, v in dev_helpers.items() for fn in v},
         lambda fn, kind: fn in dev_helpers[kind]),
        ("EXCLUDES", excl, dev_excl, lambda fn, locks: bool(set(locks.split(",")) & dev_excl.get(fn, set()))),
    ]
    for name, props, dev_fns, matches in tables:
        found_fns = {fn for _, _, fn, what in props if matches(fn, what)}
        n_match = sum(1 for _, _, fn, what in props if matches(fn, what))
        verdicts = {"correct": 0, "wrong": 0}
        todo = []
        for f, no, fn, what in props:
            if matches(fn, what):
                continue
            # REQUIRES judgments are keyed by the function's name, the others' by `name/kind`
            v = judged.get((f, no, fn if name == "REQUIRES" else fn + "/" + name))
            if v in verdicts:
                verdicts[v] += 1
            else:
                todo.append((f, no, fn, name, what))
        print("developers' %s functions: %d; proposed alike: %d (recall %.2f)" %
              (name, len(dev_fns), len(found_fns), len(found_fns) / len(dev_fns) if dev_fns else 0.0))
        print("%s proposals: %d; matching theirs: %d; judged correct: %d; judged wrong: %d; not judged: %d "
              "(precision >= %.2f)" % (name, len(props), n_match, verdicts["correct"], verdicts["wrong"], len(todo),
                                       (n_match + verdicts["correct"]) / len(props) if props else 0.0))
        if a.list:
            for t in todo:
                print("  %s:%d: `%s` %s `%s`" % t)
    if a.list:
        for u in unjudged:
            print("  %s:%d: `%s` guarded by `%s` %s" % u)
    if a.missed:
        for d in dev:
            if d not in found:
                print("  missed %s:%d: `%s` guarded by `%s`" % d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
