#!/usr/bin/env python3
"""--suggest, then its edits applied, through the real binary.

A project of two .c files and a header: a struct whose functions lock its own `mu` (in the header),
a file-static counter under a global lock, a helper always called with the lock held, one read
without the lock in a function that takes it elsewhere (the likely bug) and one in a function that
never takes it. Checked:
* the kinds beside GUARDED_BY: REQUIRES for the helper, EXCLUDES for the functions that lock, SYNC
  for the struct that guards itself, MOVE for the function that frees its argument, and the
  spawn wrapper's parameters;
* --export-fixes writes YAML with the annotation edits and one `#include "fearless.h"` per file;
  clang-apply-replacements (where installed) applies it to the same files --fix writes;
* the annotated files compile with gcc and clang (-Wall -Wextra -Werror, fearless.h on the path);
* --suggest on the annotated code proposes nothing, and --fix again changes nothing;
* the checks on the annotated code report exactly the accesses the proposals listed, nothing else.
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

ANNOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "annotations")

STORE_H = """#ifndef STORE_H
#define STORE_H
#include <pthread.h>

struct store {
    pthread_mutex_t mu;
    long items;
    long bytes;
};

struct store *store_new(void);
void store_free(struct store *s);
int store_start(pthread_t *t, void *(*fn)(void *), struct store *s);
void store_put(struct store *s, long n);
void store_clear(struct store *s);
long store_items(struct store *s);
long store_peek(struct store *s);
long store_bytes_unlocked(struct store *s);
#endif
"""
STORE_C = """#include <stdlib.h>
#include "store.h"

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static long puts_seen;

struct store *store_new(void)
{
    struct store *s = calloc(1, sizeof *s);
    if (s)
        pthread_mutex_init(&s->mu, NULL);
    return s;
}

void store_free(struct store *s)
{
    pthread_mutex_destroy(&s->mu);
    free(s);
}

int store_start(pthread_t *t, void *(*fn)(void *), struct store *s)
{
    return pthread_create(t, NULL, fn, s);
}

static void account(struct store *s, long n)
{
    s->items++;
    s->bytes += n;
}

void store_put(struct store *s, long n)
{
    pthread_mutex_lock(&s->mu);
    account(s, n);
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_lock(&count_lock);
    puts_seen++;
    pthread_mutex_unlock(&count_lock);
}

void store_clear(struct store *s)
{
    pthread_mutex_lock(&s->mu);
    s->items = 0;
    s->bytes = 0;
    pthread_mutex_unlock(&s->mu);
}

long store_items(struct store *s)
{
    pthread_mutex_lock(&s->mu);
    long n = s->items + s->bytes;
    pthread_mutex_unlock(&s->mu);
    pthread_mutex_lock(&count_lock);
    n += puts_seen;
    pthread_mutex_unlock(&count_lock);
    return n;
}
"""
PEEK_C = """#include "store.h"

long store_peek(struct store *s)
{
    long n = s->items;
    pthread_mutex_lock(&s->mu);
    n += s->bytes;
    pthread_mutex_unlock(&s->mu);
    return n;
}

long store_bytes_unlocked(struct store *s)
{
    return s->bytes;
}
"""
FILES = {"src/store.h": STORE_H, "src/store.c": STORE_C, "src/peek.c": PEEK_C}


def project(root):
    for rel, text in FILES.items():
        write(root, rel, text)
    entries = [{"directory": os.path.join(root, "src"), "file": f,
                "arguments": ["cc", "-I" + os.path.abspath(ANNOT), "-c", f]} for f in ("store.c", "peek.c")]
    write(root, "build/compile_commands.json", json.dumps(entries, indent=1))


def contents(root):
    return {rel: open(os.path.join(root, rel), encoding="utf-8").read() for rel in FILES}


def apply_tool():
    for name in ["clang-apply-replacements-19", "clang-apply-replacements"] + sorted(
            glob.glob("/usr/bin/clang-apply-replacements-*"), reverse=True):
        if shutil.which(name):
            return shutil.which(name)
    return None


def compiles(files, root, h):
    """Write files to a scratch copy and compile them with gcc and clang: true when both do."""
    with tempfile.TemporaryDirectory() as scratch:
        for rel, text in files.items():
            write(scratch, rel, text)
        ok = True
        for cc in [c for c in (shutil.which("gcc") or shutil.which("cc"), shutil.which("clang-19")
                               or shutil.which("clang")) if c]:
            p = subprocess.run([cc, "-std=c11", "-Wall", "-Werror", "-fsyntax-only", "-I", ANNOT]
                               + [os.path.join(scratch, "src", f) for f in ("store.c", "peek.c")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            ok &= p.returncode == 0
        return ok


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect
    with tempfile.TemporaryDirectory() as root:
        project(root)
        base = ["-p", "build", "--no-cache", "--suggest"]
        rc, out, err = h.run(base + ["--format=json"], root)
        props = [json.loads(l) for l in out.splitlines() if l.strip()]
        msgs = sorted(p["message"] for p in props if p.get("check") == "suggest-guarded-by")
        expect("three proposals: items and bytes under mu, puts_seen under count_lock", rc == 0 and msgs == [
            "`bytes` of `struct store` is guarded by `mu`: annotate it GUARDED_BY(mu)",
            "`items` of `struct store` is guarded by `mu`: annotate it GUARDED_BY(mu)",
            "`puts_seen` is guarded by `count_lock`: annotate it GUARDED_BY(count_lock)"], out + err)
        excl = sorted(p["message"] for p in props if p.get("check") == "suggest-excludes")
        expect("EXCLUDES for the four functions that lock what their callers could hold", excl == [
            "`store_clear` locks `s->mu` itself: annotate it EXCLUDES(s->mu)",
            "`store_items` locks `s->mu, count_lock` itself: annotate it EXCLUDES(s->mu, count_lock)",
            "`store_peek` locks `s->mu` itself: annotate it EXCLUDES(s->mu)",
            "`store_put` locks `s->mu, count_lock` itself: annotate it EXCLUDES(s->mu, count_lock)"], repr(excl))
        listed = set()  # (file, the line's text): the edits move lines
        for p in props:
            for c in p.get("children", []) if p.get("check") == "suggest-guarded-by" else ():
                if c["level"] == "note" and c["spans"]:
                    f = os.path.basename(c["spans"][0]["file"])
                    line = FILES["src/" + f].splitlines()[c["spans"][0]["line_start"] - 1].strip()
                    listed.add((f, line))
        expect("the proposals list the read without the lock and the read in a function that never locks",
               listed == {("peek.c", "long n = s->items;"), ("peek.c", "return s->bytes;")}, repr(listed))

        rc, out, err = h.run(base + ["--format=sarif"], root)
        run = json.loads(out)["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        expect("SARIF: every proposal points to its kind's rule descriptor",
               run["results"] and all(r.get("ruleIndex") is not None and rules[r["ruleIndex"]]["id"] == r["ruleId"]
                                      and r["ruleId"].startswith("suggest-") for r in run["results"]),
               out[:2000])

        fixes = os.path.join(root, "fixes", "suggest.yaml")
        os.makedirs(os.path.dirname(fixes))
        rc, out, err = h.run(base + ["--format=short", "--export-fixes", fixes], root)
        yaml = open(fixes, encoding="utf-8").read()
        expect("YAML: three annotations and one include per file that needs it",
               yaml.count("FL_GUARDED_BY(") == 3 and yaml.count("FL_EXCLUDES(") == 4
               and yaml.count("#include \\\"fearless.h\\\"") == 3, yaml)
        tool = apply_tool()
        expect("clang-apply-replacements is installed (scripts/bootstrap.sh installs clang-tools-19)",
               tool is not None, "")
        if tool:
            p = subprocess.run([tool, os.path.dirname(fixes)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            by_tool = contents(root)
            project(root)
        rc, out, err = h.run(base + ["--format=short", "--fix"], root)
        fixed = contents(root)
        expect("--fix applies the sixteen edits (three GUARDED_BY, one REQUIRES on the helper, four EXCLUDES, "
               "SYNC on the struct, MOVE on store_free's parameter, the spawn wrapper's three parameters, "
               "three includes)", "applied 16 of 16 suggested fixes" in err, err)
        if tool:
            # clang-apply-replacements sorts the #include block it inserts into: the same lines
            expect("clang-apply-replacements writes what --fix writes (its includes sorted)",
                   all(sorted(by_tool[f].splitlines()) == sorted(fixed[f].splitlines()) for f in FILES)
                   and compiles(by_tool, root, h), repr(by_tool))
        expect("the header's field carries the annotation, the header includes fearless.h, the helper REQUIRES",
               "long items FL_GUARDED_BY(mu);" in fixed["src/store.h"]
               and '#include "fearless.h"' in fixed["src/store.h"]
               and "static long puts_seen FL_GUARDED_BY(count_lock);" in fixed["src/store.c"]
               and "FL_REQUIRES(s->mu) static void account(" in fixed["src/store.c"]
               and "FL_EXCLUDES(s->mu) long store_peek(" in fixed["src/peek.c"]
               and "struct FL_SYNC store {" in fixed["src/store.h"]
               and "void store_free(struct store *FL_MOVE s)" in fixed["src/store.c"]
               and "int store_start(pthread_t *FL_THREAD_HANDLE t, void *(*FL_THREAD_FN fn)(void *), "
                   "struct store *FL_THREAD_ARG s)" in fixed["src/store.c"], repr(fixed))
        for cc in ("gcc", "clang-19", "clang"):
            if shutil.which(cc):
                p = subprocess.run([cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only", "-I", ANNOT]
                                   + [os.path.join(root, "src", f) for f in ("store.c", "peek.c")],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                expect("the annotated files compile with %s -Wall -Wextra -Werror" % cc, p.returncode == 0,
                       p.stdout.decode())
        rc, out, err = h.run(base + ["--format=short", "--fix"], root)
        expect("--suggest on the annotated code: nothing proposed, nothing changed",
               "suggest-guarded-by" not in out and "applied" not in err and contents(root) == fixed, out + err)
        rc, out, err = h.run(["-p", "build", "--no-cache", "--format=short"], root)
        found = set((os.path.basename(m.group(1)),
                     fixed["src/" + os.path.basename(m.group(1))].splitlines()[int(m.group(2)) - 1].strip())
                    for m in re.finditer(r"^(\S+):(\d+):\d+: error: .*\[unguarded-access\]", out, re.M))
        expect("the checks report exactly the accesses the proposals listed", rc == 1 and found == listed
               and out.count(": error:") == len(listed), out)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
