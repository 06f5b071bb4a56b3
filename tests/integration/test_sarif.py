#!/usr/bin/env python3
"""SARIF output through the real binary (ctest: integration/sarif, integration/sarif-multitool).

    test_sarif.py --fearless build/fearless --source-dir .              # our own checks
    test_sarif.py --fearless build/fearless --source-dir . --multitool  # Microsoft's validator

Our own checks: the properties SARIF 2.1.0 requires and the structure fearless promises
(a rule per check with descriptions and help, relatedLocations with labels, partialFingerprints,
relative URIs on an SRCROOT base, notifications for input errors), on the examples and on a
case with an input error. The checker checks itself: each required property is removed in turn
from a real log, and the checker must notice. Also: -o FILE writes every format to the file.

--multitool: `sarif-multitool validate` (npm @microsoft/sarif-multitool) must report no error;
prints SKIPPED when it is not installed (scripts/bootstrap.sh installs it where npm works).
"""
import argparse
import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HEX16 = re.compile(r"^[0-9a-f]{16}$")


def run(fearless, args, cwd, stderr=False):
    """(exit code, stdout) of fearless; with stderr, (exit code, stderr)."""
    p = subprocess.run([fearless, "--color=never"] + args, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    return p.returncode, (p.stderr if stderr else p.stdout).decode("utf-8", "replace")


def get(obj, path):
    for k in path:
        if isinstance(k, int):
            if not isinstance(obj, list) or len(obj) <= k:
                return None
        elif not isinstance(obj, dict) or k not in obj:
            return None
        obj = obj[k]
    return obj


def text_of(obj, key):
    v = obj.get(key) if isinstance(obj, dict) else None
    return v.get("text") if isinstance(v, dict) else None


def check_location(loc, where, problems, need_message=False):
    phys = loc.get("physicalLocation") if isinstance(loc, dict) else None
    if not isinstance(phys, dict):
        problems.append("%s: no physicalLocation" % where)
        return
    art = phys.get("artifactLocation")
    uri = art.get("uri") if isinstance(art, dict) else None
    if not isinstance(uri, str) or not uri:
        problems.append("%s: no artifactLocation.uri" % where)
    elif not uri.startswith("file://") and art.get("uriBaseId") != "SRCROOT":
        problems.append("%s: relative uri %r without uriBaseId SRCROOT" % (where, uri))
    elif uri.startswith("/"):
        problems.append("%s: uri %r is a path, not a URI" % (where, uri))
    region = phys.get("region")
    if not isinstance(region, dict):
        problems.append("%s: no region" % where)
    else:
        for k in ("startLine", "startColumn", "endLine", "endColumn"):
            if not isinstance(region.get(k), int) or region[k] < 1:
                problems.append("%s: region.%s missing or < 1" % (where, k))
        if all(isinstance(region.get(k), int) for k in ("startLine", "startColumn", "endLine", "endColumn")):
            if (region["endLine"], region["endColumn"]) <= (region["startLine"], region["startColumn"]):
                problems.append("%s: empty or reversed region" % where)
    if need_message and not text_of(loc, "message"):
        problems.append("%s: no message.text" % where)


def check_fix(fix, where, problems):
    """A fix: its description, and artifact changes made of regions and the text put there."""
    if not text_of(fix, "description"):
        problems.append("%s: no description.text" % where)
    changes = fix.get("artifactChanges") if isinstance(fix, dict) else None
    if not isinstance(changes, list) or not changes:
        problems.append("%s: no artifactChanges" % where)
        return
    for change in changes:
        if not isinstance(get(change, ["artifactLocation", "uri"]), str):
            problems.append("%s: an artifactChange without artifactLocation.uri" % where)
        reps = change.get("replacements") if isinstance(change, dict) else None
        if not isinstance(reps, list) or not reps:
            problems.append("%s: an artifactChange without replacements" % where)
            continue
        for r in reps:
            region = r.get("deletedRegion") if isinstance(r, dict) else None
            if not isinstance(region, dict) or not isinstance(region.get("startLine"), int):
                problems.append("%s: a replacement without deletedRegion.startLine" % where)
            elif region.get("endColumn", 0) < region.get("startColumn", 0) and region.get("endLine") == region["startLine"]:
                problems.append("%s: a deletedRegion that ends before it starts" % where)
            if not isinstance(get(r, ["insertedContent", "text"]), str):
                problems.append("%s: a replacement without insertedContent.text" % where)


def validate(doc, nchecks):
    """Problems with a SARIF log as fearless writes it (empty list: fine)."""
    problems = []
    if not isinstance(doc, dict):
        return ["not a JSON object"]
    if doc.get("version") != "2.1.0":
        problems.append("version is not 2.1.0")
    if "$schema" not in doc:
        problems.append("no $schema")
    runs = doc.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        return problems + ["runs is not a list of one run"]
    run_ = runs[0]
    driver = get(run_, ["tool", "driver"])
    if not isinstance(driver, dict) or not isinstance(driver.get("name"), str):
        return problems + ["no tool.driver.name"]
    if not isinstance(driver.get("version"), str):
        problems.append("no tool.driver.version")
    rules = driver.get("rules")
    if not isinstance(rules, list):
        return problems + ["no tool.driver.rules"]
    if len(rules) != nchecks:
        problems.append("%d rules for %d checks" % (len(rules), nchecks))
    ids = []
    for i, r in enumerate(rules):
        where = "rule %d" % i
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            problems.append("%s: no id" % where)
            continue
        ids.append(r["id"])
        for k in ("shortDescription", "fullDescription", "help"):
            if not text_of(r, k):
                problems.append("%s (%s): no %s.text" % (where, r["id"], k))
        if not get(r, ["help", "markdown"]):
            problems.append("%s (%s): no help.markdown" % (where, r["id"]))
        if get(r, ["defaultConfiguration", "level"]) not in ("error", "warning", "note"):
            problems.append("%s (%s): no defaultConfiguration.level" % (where, r["id"]))
    if len(set(ids)) != len(ids):
        problems.append("rule ids are not unique")
    base = get(run_, ["originalUriBaseIds", "SRCROOT", "uri"])
    if not isinstance(base, str) or not base.startswith("file:///") or not base.endswith("/"):
        problems.append("originalUriBaseIds.SRCROOT.uri missing, not a file URI, or not ending in /")
    results = run_.get("results")
    if not isinstance(results, list):
        return problems + ["no results list"]
    for i, res in enumerate(results):
        where = "result %d" % i
        if not isinstance(res, dict):
            problems.append("%s: not an object" % where)
            continue
        if not text_of(res, "message"):
            problems.append("%s: no message.text" % where)
        rid, ri = res.get("ruleId"), res.get("ruleIndex")
        if rid not in ids:
            problems.append("%s: ruleId %r is no rule" % (where, rid))
        elif not isinstance(ri, int) or ri >= len(rules) or rules[ri].get("id") != rid:
            problems.append("%s: ruleIndex does not point at rule %r" % (where, rid))
        if res.get("level") not in ("error", "warning", "note", "none"):
            problems.append("%s: level %r" % (where, res.get("level")))
        locs = res.get("locations")
        if not isinstance(locs, list) or len(locs) != 1:
            problems.append("%s: not exactly one location" % where)
        else:
            check_location(locs[0], where + " location", problems)
        rel = res.get("relatedLocations", [])
        if not isinstance(rel, list):
            problems.append("%s: relatedLocations is not a list" % where)
            rel = []
        rids = []
        for k, loc in enumerate(rel):
            check_location(loc, "%s relatedLocation %d" % (where, k), problems, need_message=True)
            rids.append(loc.get("id") if isinstance(loc, dict) else None)
        if any(not isinstance(x, int) for x in rids) or len(set(rids)) != len(rids):
            problems.append("%s: relatedLocations ids missing or not unique" % where)
        for k, fix in enumerate(res.get("fixes", [])):
            check_fix(fix, "%s fix %d" % (where, k), problems)
        fp = get(res, ["partialFingerprints", "fearless/v1"])
        if not isinstance(fp, str) or not HEX16.match(fp):
            problems.append("%s: no partialFingerprints fearless/v1" % where)
    inv = run_.get("invocations")
    if not isinstance(inv, list) or len(inv) != 1 or not isinstance(get(inv, [0, "executionSuccessful"]), bool):
        problems.append("no invocation with executionSuccessful")
    else:
        for k, n in enumerate(inv[0].get("toolExecutionNotifications", [])):
            if not text_of(n, "message"):
                problems.append("notification %d: no message.text" % k)
    return problems


# Properties the checker must miss when they are gone: (path to the parent, key).
REQUIRED = [
    ([], "version"), ([], "runs"), (["runs", 0, "tool", "driver"], "name"),
    (["runs", 0, "tool", "driver"], "rules"), (["runs", 0, "tool", "driver", "rules", 0], "id"),
    (["runs", 0, "tool", "driver", "rules", 0], "shortDescription"),
    (["runs", 0, "tool", "driver", "rules", 0], "fullDescription"),
    (["runs", 0, "tool", "driver", "rules", 0], "help"),
    (["runs", 0], "originalUriBaseIds"), (["runs", 0], "results"),
    (["runs", 0, "results", 0], "message"), (["runs", 0, "results", 0], "ruleId"),
    (["runs", 0, "results", 0], "ruleIndex"), (["runs", 0, "results", 0], "locations"),
    (["runs", 0, "results", 0], "partialFingerprints"),
    (["runs", 0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation"], "uriBaseId"),
    (["runs", 0, "results", 0, "locations", 0, "physicalLocation"], "region"),
    (["runs", 0, "results", 0, "relatedLocations", 0], "message"),
    (["runs", 0, "results", 0, "relatedLocations", 0], "id"),
    (["runs", 0, "invocations", 0], "executionSuccessful"),
]


def own_checks(fearless, src, out_dir):
    problems = []
    rc, listing = run(fearless, ["--list-checks"], src)
    nchecks = sum(1 for l in listing.splitlines() if l.startswith("    "))
    examples = sorted(glob.glob(os.path.join(src, "examples", "*.c")))
    rel = [os.path.relpath(e, src) for e in examples]
    sarif = os.path.join(out_dir, "examples.sarif")
    rc, out = run(fearless, ["--format=sarif", "-o", sarif] + rel, src)
    if rc != 1 or out:
        problems.append("examples: exit %d (expected 1) and %d bytes on stdout (expected none)" % (rc, len(out)))
    doc = json.load(open(sarif, encoding="utf-8"))
    problems += ["examples: " + p for p in validate(doc, nchecks)]
    results = doc["runs"][0]["results"]
    tb = [r for r in results if r["ruleId"] == "thread-borrow" and "`cfg`" in r["message"]["text"]]
    if not tb:
        problems.append("examples: no thread-borrow result for `cfg` (log_flusher.c)")
    else:
        r = tb[0]
        labels = [text_of(l, "message") for l in r.get("relatedLocations", [])]
        if "`cfg` declared here" not in labels:
            problems.append("log_flusher: secondary label missing from relatedLocations: %r" % labels)
        if "\nnote: the thread is detached here" not in r["message"]["text"] or "\nhelp: " not in r["message"]["text"]:
            problems.append("log_flusher: notes and help not in the message text")
        if get(r, ["locations", 0, "physicalLocation", "artifactLocation", "uri"]) != "examples/log_flusher.c":
            problems.append("log_flusher: uri is not examples/log_flusher.c")
    if len({get(r, ["partialFingerprints", "fearless/v1"]) for r in results}) != len(results):
        problems.append("examples: two results share a fingerprint")

    # An input error is a notification, and the run did not succeed.
    bad = os.path.join(out_dir, "bad dir", "bad.c")
    os.makedirs(os.path.dirname(bad), exist_ok=True)
    with open(bad, "w") as f:
        f.write("#include <stdlib.h>\nint f(int *p) { free(p); return *p; } // fearless: allow(use-after-mvoe)\n")
    rc, out = run(fearless, ["--format=sarif", bad, "--"], out_dir)
    sarif2 = os.path.join(out_dir, "input-error.sarif")
    with open(sarif2, "w", encoding="utf-8") as f:
        f.write(out)
    try:
        doc2 = json.loads(out)
    except ValueError:
        doc2 = None
        problems.append("input error case: not JSON")
    if doc2 is not None:
        problems += ["input error case: " + p for p in validate(doc2, nchecks)]
        inv = doc2["runs"][0]["invocations"][0]
        if rc != 2 or inv["executionSuccessful"] is not False or not inv.get("toolExecutionNotifications"):
            problems.append("input error case: exit %d, executionSuccessful %r, no notification" %
                            (rc, inv["executionSuccessful"]))
        uri = get(doc2, ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri"])
        if uri != "bad%20dir/bad.c":
            problems.append("input error case: uri %r is not bad%%20dir/bad.c" % uri)

    # A finding with a suggested edit: the unlock before the return, as a fix.
    fix_c = os.path.join(out_dir, "fix.c")
    with open(fix_c, "w") as f:
        f.write("#include <pthread.h>\nstruct q { pthread_mutex_t mu; int n; };\nint push(struct q *q)\n{\n"
                "    pthread_mutex_lock(&q->mu);\n    if (q->n > 9) {\n        return -1;\n    }\n    q->n++;\n"
                "    pthread_mutex_unlock(&q->mu);\n    return 0;\n}\n")
    sarif3 = os.path.join(out_dir, "fixes.sarif")
    rc, out = run(fearless, ["--format=sarif", "-o", sarif3, "fix.c", "--"], out_dir)
    doc3 = json.load(open(sarif3, encoding="utf-8")) if os.path.exists(sarif3) else {}
    problems += ["fix case: " + p for p in validate(doc3, nchecks)]
    fix = get(doc3, ["runs", 0, "results", 0, "fixes", 0])
    rep = get(fix, ["artifactChanges", 0, "replacements", 0])
    if rc != 1 or get(rep, ["insertedContent", "text"]) != "        pthread_mutex_unlock(&q->mu);\n" or \
            get(rep, ["deletedRegion"]) != {"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 1}:
        problems.append("fix case: exit %d, fix %r" % (rc, fix))
    for k in ("artifactChanges", "description"):
        mutated = copy.deepcopy(doc3)
        m = get(mutated, ["runs", 0, "results", 0, "fixes", 0])
        if isinstance(m, dict) and k in m:
            del m[k]
            if not validate(mutated, nchecks):
                problems.append("self-test: removing a fix's %s went unnoticed" % k)

    # The checker notices every required property's absence.
    for path, k in REQUIRED:
        mutated = copy.deepcopy(doc)
        parent = get(mutated, path)
        if not isinstance(parent, dict) or k not in parent:
            problems.append("self-test: %s.%s is not in the log to remove" % (path, k))
            continue
        del parent[k]
        if not validate(mutated, nchecks):
            problems.append("self-test: removing %s.%s went unnoticed" % ("/".join(map(str, path)), k))

    # -o works for every format.
    for fmt in ("human", "short", "json", "sarif"):
        dest = os.path.join(out_dir, "report." + fmt)
        rc, out = run(fearless, ["--format=" + fmt, "-o", dest, "examples/log_flusher.c"], src)
        body = open(dest, encoding="utf-8").read() if os.path.exists(dest) else ""
        if rc != 1 or out or "cfg" not in body or "\x1b[" in body:
            problems.append("-o with --format=%s: exit %d, %d bytes on stdout, report %d bytes" %
                            (fmt, rc, len(out), len(body)))
    rc, out = run(fearless, ["-o", os.path.join(out_dir, "no", "such", "dir", "r.txt"), "examples/log_flusher.c"], src,
                  stderr=True)
    if rc != 2 or "cannot write the report" not in out:
        problems.append("-o into a missing folder: exit %d, %r" % (rc, out[:200]))
    return problems, [sarif, sarif2, sarif3]


def multitool(fearless, src, out_dir):
    tool = os.environ.get("FEARLESS_SARIF_MULTITOOL") or shutil.which("sarif-multitool")
    if not tool:
        print("SKIPPED: sarif-multitool not installed (npm install -g @microsoft/sarif-multitool)")
        return None
    problems = []
    _, logs = own_checks(fearless, src, out_dir)
    p = subprocess.run([tool, "validate"] + logs, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    if "Analysis completed successfully" not in out and "Done." not in out:
        print("SKIPPED: sarif-multitool did not run (%s)" % out.strip()[:300])
        return None
    errors = [l for l in out.splitlines() if re.search(r": error [A-Z]+\d+:", l)]
    problems += ["sarif-multitool: " + e for e in errors]
    print(out.strip())
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fearless", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--multitool", action="store_true")
    a = ap.parse_args()
    fearless, src = os.path.abspath(a.fearless), os.path.abspath(a.source_dir)
    with tempfile.TemporaryDirectory() as tmp:
        if a.multitool:
            problems = multitool(fearless, src, tmp)
            if problems is None:
                return 0
        else:
            problems, _ = own_checks(fearless, src, tmp)
    for p in problems:
        print("FAIL: " + p)
    print("%d passed, %d failed" % (0 if problems else 1, 1 if problems else 0))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
