#!/usr/bin/env python3
"""Suggested edits through the real binary: --export-fixes, --fix, JSON and SARIF.

    test_fixes.py --fearless build/fearless

On files made in a temporary folder, with a compilation database:
* a lock leaked at a return inside a block gets an unlock on its own line before it, a thread
  that outlives a local gets a join before the return, and two locks leaked at one return get
  both unlocks, in order; a return that is the unbraced body of an `if` gets no edit;
* --export-fixes writes clang-apply-replacements' YAML with every finding and those edits (at
  byte offsets of the files), and clang-apply-replacements (where installed) applies it to the
  same result as --fix;
* --fix applies them, says how many, and the result compiles with gcc and clang under -Werror;
  the next run no longer reports the fixed findings, and a second --fix changes nothing;
* --fix does nothing when some code could not be analyzed; --fix-errors applies anyway;
* the JSON output carries the edit as the help's suggested_replacement.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Harness, write

LEAK_IN_BLOCK = """#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int len, cap;
};

int queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->len == q->cap) {
        /* full */
        return -1;
    }
    q->len++;
    pthread_mutex_unlock(&q->mu);
    return 0;
}
"""

TWO_LOCKS = """#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
static int moved;

int transfer(int n)
{
    pthread_mutex_lock(&a);
    pthread_mutex_lock(&b);
    if (n < 0) {
        return -1;
    }
    moved += n;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return 0;
}
"""

NO_JOIN = """#include <pthread.h>

static void *count(void *arg)
{
    ++*(int *)arg;
    return NULL;
}

int start_counting(void)
{
    int counter = 0;
    pthread_t t;
    pthread_create(&t, NULL, count, &counter);
    return 0;
}
"""

UNBRACED = """#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

int withdraw(struct account *acct, long amount)
{
    pthread_mutex_lock(&acct->lock);
    if (acct->balance < amount)
        return -1;
    acct->balance -= amount;
    pthread_mutex_unlock(&acct->lock);
    return 0;
}
"""

FILES = {"src/queue.c": LEAK_IN_BLOCK, "src/bank.c": TWO_LOCKS, "src/count.c": NO_JOIN, "src/withdraw.c": UNBRACED}

FIXED = {
    "src/queue.c": LEAK_IN_BLOCK.replace("        /* full */\n", "        /* full */\n        pthread_mutex_unlock(&q->mu);\n"),
    "src/bank.c": TWO_LOCKS.replace("    if (n < 0) {\n", "    if (n < 0) {\n        pthread_mutex_unlock(&a);\n"
                                    "        pthread_mutex_unlock(&b);\n"),
    "src/count.c": NO_JOIN.replace("    return 0;\n", "    pthread_join(t, NULL);\n    return 0;\n"),
    "src/withdraw.c": UNBRACED,
}

REPLACEMENT = re.compile(r'- FilePath:\s+"((?:[^"\\]|\\.)*)"\n\s+Offset:\s+(\d+)\n\s+Length:\s+(\d+)\n'
                         r'\s+ReplacementText:\s+"((?:[^"\\]|\\.)*)"')


def unescape(s):
    return s.encode("latin-1", "backslashreplace").decode("unicode_escape")


def project(root):
    for rel, text in FILES.items():
        write(root, rel, text)
    entries = [{"directory": os.path.join(root, "src"), "file": os.path.basename(rel),
                "arguments": ["cc", "-c", os.path.basename(rel)]} for rel in FILES]
    write(root, "build/compile_commands.json", json.dumps(entries, indent=1))


def contents(root):
    return {rel: open(os.path.join(root, rel), encoding="utf-8").read() for rel in FILES}


def apply_tool():
    for name in ["clang-apply-replacements-19", "clang-apply-replacements"] + sorted(
            glob.glob("/usr/bin/clang-apply-replacements-*"), reverse=True):
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect

    with tempfile.TemporaryDirectory() as root:
        project(root)
        fixes = os.path.join(root, "fixes", "fearless.yaml")
        os.makedirs(os.path.dirname(fixes))
        rc, out, err = h.run(["--format=short", "-p", "build", "--no-cache", "--export-fixes", fixes], root)
        expect("the findings are reported as usual", rc == 1 and out.count("[lock-leak]") == 4
               and out.count("[thread-borrow]") == 1, out + err)
        yaml_text = open(fixes, encoding="utf-8").read() if os.path.exists(fixes) else ""
        names = re.findall(r'DiagnosticName:\s+"([^"]*)"', yaml_text)
        expect("--export-fixes lists every finding", sorted(names) == ["lock-leak"] * 4 + ["thread-borrow"],
               yaml_text)
        reps = [(unescape(p), int(o), int(l), unescape(t)) for p, o, l, t in REPLACEMENT.findall(yaml_text)]
        expect("three edits: two unlocks at one return (merged into one insertion, which "
               "clang-apply-replacements requires), one unlock, one join; none for the unbraced return",
               len(reps) == 3 and all(l == 0 for _, _, l, _ in reps)
               and sorted(re.sub(r"\s+", " ", t).strip() for _, _, _, t in reps) == sorted(
                   ["pthread_mutex_unlock(&a); pthread_mutex_unlock(&b);", "pthread_mutex_unlock(&q->mu);",
                    "pthread_join(t, NULL);"])
               and not any(p.endswith("withdraw.c") for p, _, _, _ in reps), yaml_text)
        ok = True
        for path, off, _, text in reps:
            src = open(path, encoding="utf-8").read().encode("utf-8")
            ok &= os.path.isabs(path) and off <= len(src) and (off == 0 or src[off - 1:off] == b"\n")
        expect("edits name absolute paths and insert at the start of a line", ok and reps, yaml_text)
        try:
            import yaml  # PyYAML, where installed: the file is YAML of the expected shape
            doc = yaml.safe_load(yaml_text)
            expect("the export is valid YAML with clang-tidy's keys",
                   "MainSourceFile" in doc and all("DiagnosticMessage" in d and "Replacements" in d["DiagnosticMessage"]
                                                   and d["Level"] in ("Error", "Warning") for d in doc["Diagnostics"]),
                   yaml_text)
        except ImportError:
            print("note: PyYAML not installed; the export's shape is checked by the patterns above")

        tool = apply_tool()
        if tool:
            p = subprocess.run([tool, os.path.dirname(fixes)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               timeout=120)
            expect("%s applies the export" % os.path.basename(tool),
                   p.returncode == 0 and contents(root) == FIXED, p.stdout.decode() + repr(contents(root)))
            project(root)  # back to the original files
        else:
            print("note: clang-apply-replacements not installed; only --fix applies the edits")

        rc, out, err = h.run(["--format=json", "-p", "build", "--no-cache"], root)
        helps = [c for l in out.splitlines() if l.strip() for c in json.loads(l).get("children", [])
                 if c.get("level") == "help"]
        expect("JSON: the help carries the edit as suggested_replacement",
               any(c.get("suggested_replacement") == "    pthread_join(t, NULL);\n" for c in helps)
               and any(c.get("suggested_replacement") is None for c in helps), out)

        # --fix with code that could not be analyzed: nothing is applied; --fix-errors applies.
        write(root, "src/broken.c", "int broken(void) { return undeclared_name; }\n")
        rc, out, err = h.run(["--format=short", "src/queue.c", "src/broken.c", "--fix", "--"], root)
        expect("--fix: nothing applied when a unit does not compile",
               rc == 2 and "not applying fixes" in err and contents(root)["src/queue.c"] == LEAK_IN_BLOCK, err)
        rc, out, err = h.run(["--format=short", "src/queue.c", "src/broken.c", "--fix-errors", "--"], root)
        expect("--fix-errors: applied anyway", "applied 1 of 1 suggested fixes" in err
               and contents(root)["src/queue.c"] == FIXED["src/queue.c"], err)
        os.remove(os.path.join(root, "src/broken.c"))
        project(root)

        rc, out, err = h.run(["--format=short", "-p", "build", "--no-cache", "--fix"], root)
        expect("--fix applies the four edits and says so",
               rc == 1 and "applied 4 of 4 suggested fixes" in err and contents(root) == FIXED,
               err + repr(contents(root)))
        rc, out, err = h.run(["--format=short", "-p", "build", "--no-cache", "--fix"], root)
        expect("the next run reports only what had no edit, and --fix again changes nothing",
               rc == 1 and out.count("[lock-leak]") == 1 and "withdraw.c" in out and "[thread-borrow]" not in out
               and "applied" not in err and contents(root) == FIXED, out + err)
        for cc in ("gcc", "clang-19", "clang"):
            if not shutil.which(cc):
                continue
            p = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only"]
                               + [os.path.join(root, f) for f in FILES], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            expect("the fixed files compile with %s -Wall -Wextra -Werror" % cc, p.returncode == 0,
                   p.stdout.decode())

    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
