#!/usr/bin/env python3
"""Units' trees kept between runs (cli/cache.h, frontend/ast_file.h), through the real binary.

A database of six units (a race across three files, a use after free, a unit whose flags clang's
driver warns about). A first run parses every unit and keeps its tree and its report; a second
run on the unchanged build replays that report (cli/replay.h): it parses and reads back nothing,
and reports the same, byte for byte, in every format and with -j 1 and -j 2; with the report
gone, every tree is read back and nothing parsed, the same report again; then:
* one file touched: only that unit is parsed;
* a header touched: the units that include it are parsed, the others read back;
* an edit that adds a race: found;
* a damaged tree, and a tree written by another build of fearless (the binary with one more
  byte): parsed again, never trusted, and --verbose says why;
* --no-cache parses everything and reads nothing;
* the report is not replayed when the checks change (a `.fearless` file turns one off), nor when
  it is damaged, and a baseline still applies to a replayed report.
The work is counted from --time-report ("units: N parsed", "trees: N read back", "report: ...
replayed").
"""
import json
import os
import re
import shutil
import stat
import sys
import tempfile

from harness import Harness, write

SHARED_H = "extern int hits;\nextern long total;\nvoid stats_lock(void);\nvoid stats_unlock(void);\n"
WRAP = """#include <pthread.h>
int start_worker(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    return pthread_create(&t, 0, fn, arg);
}
"""
LOCKS = """#include <pthread.h>
#include "shared.h"
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void stats_lock(void) { pthread_mutex_lock(&m); }
void stats_unlock(void) { pthread_mutex_unlock(&m); }
"""
WORKER = """#include "shared.h"
void *worker(void *arg)
{
    (void)arg;
    hits++;
    stats_lock();
    total += 2;
    stats_unlock();
    return 0;
}
"""
# the edit: total is now written without the lock
WORKER_RACY = WORKER.replace("    stats_lock();\n    total += 2;\n    stats_unlock();\n", "    total += 2;\n")
MAIN = """#include <stdio.h>
#include "shared.h"
int hits;
long total;
int start_worker(void *(*fn)(void *), void *arg);
void *worker(void *arg);
int main(void)
{
    start_worker(worker, 0);
    hits = 0;
    stats_lock();
    total = 1;
    stats_unlock();
    printf("%d\\n", hits);
    return 0;
}
"""
UAF = "#include <stdlib.h>\nint uaf(int *p)\n{\n    free(p);\n    return *p;\n}\n"
# findings the source silences, which a replayed report must silence too
PLAIN = """#include <stdlib.h>
int plain(int x)
{
    return x * 2;
}
__attribute__((annotate("fearless:allow:use-after-move"))) int allowed(int *p)
{
    free(p);
    return *p;
}
int nolint(int *p)
{
    free(p);
    return *p; // NOLINT(use-after-move)
}
"""


def work(err):
    """(units parsed, trees read back) from --time-report."""
    p = re.search(r"units: (\d+) parsed", err)
    t = re.search(r"trees: (\d+) read back", err)
    return (int(p.group(1)), int(t.group(1))) if p and t else None


def replayed(err):
    return "report: the last run's, replayed (6 units unchanged" in err


def reports(root):
    cache = os.path.join(root, "build/.fearless-cache")
    return [os.path.join(cache, f) for f in os.listdir(cache) if f.endswith(".flreport")]


def bump(path):
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect
    with tempfile.TemporaryDirectory() as root:
        files = {"wrap.c": WRAP, "locks.c": LOCKS, "worker.c": WORKER, "main.c": MAIN, "uaf.c": UAF,
                 "plain.c": PLAIN}
        write(root, "src/shared.h", SHARED_H)
        entries = []
        for k, name in enumerate(sorted(files)):
            write(root, "src/" + name, files[name])
            flags = ["-Wall", "-Wlogical-op"] if name == "uaf.c" else ["-Wall"]
            entries.append({"directory": os.path.join(root, "src"), "file": name,
                            "arguments": ["cc"] + flags + ["-c", name, "-o", name[:-2] + ".o"]})
        write(root, "build/compile_commands.json", json.dumps(entries, indent=1))

        def run(*extra):
            return h.run(["-p", "build", "--time-report"] + list(extra), root)

        rc, cold, err = run("--format=short", "-j", "1")
        expect("cold: every unit parsed, the race, the use after free and the flag warning", rc == 1
               and work(err) == (6, 0) and "[data-race]" in cold and "[use-after-move]" in cold
               and "-Wlogical-op" in cold, cold + err)
        for fmt in ("short", "human", "json", "sarif"):
            ref = h.run(["-p", "build", "--no-cache", "--format=" + fmt, "-j", "1"], root)
            for jobs in ("1", "2"):
                rc, out, err = run("--format=" + fmt, "-j", jobs)
                expect("warm, %s, -j %s: the report replayed, nothing parsed or read back" % (fmt, jobs),
                       work(err) == (0, 0) and replayed(err) and (rc, out) == ref[:2],
                       "%s\n--- no cache:\n%s" % (out + err, ref[1]))
            for f in reports(root):
                os.remove(f)
            rc, out, err = run("--format=" + fmt)
            expect("warm, %s, the report gone: every tree read back, nothing parsed, the same report" % fmt,
                   work(err) == (0, 6) and not replayed(err) and (rc, out) == ref[:2],
                   "%s\n--- no cache:\n%s" % (out + err, ref[1]))

        bump(os.path.join(root, "src/plain.c"))
        rc, out, err = run("--format=short")
        expect("one file touched: only it is parsed", work(err) == (1, 5) and out == cold, out + err)

        bump(os.path.join(root, "src/shared.h"))
        rc, out, err = run("--format=short")
        expect("a header touched: the three units that include it are parsed", work(err) == (3, 3) and out == cold,
               out + err)

        write(root, "src/worker.c", WORKER_RACY)
        bump(os.path.join(root, "src/worker.c"))
        rc, out, err = run("--format=short")
        expect("an edit adds a race: only that unit is parsed, the race is found", work(err) == (1, 5)
               and "worker.c:5:" in out and "`total`" in out and out != cold, out + err)
        ref = h.run(["-p", "build", "--no-cache", "--format=short"], root)
        expect("... the report is the one of a run without the cache", out == ref[1], out + "---\n" + ref[1])
        rc, again, err = run("--format=short")
        expect("... and the next run replays it", work(err) == (0, 0) and replayed(err) and again == out, again + err)

        # the checks change: a .fearless file beside the sources turns data-race off
        write(root, "src/.fearless", "checks = *,-data-race\n")
        rc, off, err = run("--format=short")
        ref_off = h.run(["-p", "build", "--no-cache", "--format=short"], root)
        expect("a check turned off: not replayed, the trees read back, the race gone",
               work(err) == (0, 6) and not replayed(err) and "[data-race]" not in off and off == ref_off[1],
               off + err)
        os.remove(os.path.join(root, "src/.fearless"))
        rc, back, err = run("--format=short")
        expect("... and on again: not replayed, the race is back", work(err) == (0, 6) and not replayed(err)
               and back == out, back + err)

        baseline = os.path.join(root, "baseline.json")
        h.run(["-p", "build", "--format=short", "--write-baseline=" + baseline], root)
        rc, based, err = run("--format=short", "--baseline=" + baseline)
        expect("a baseline applies to a replayed report: nothing left, exit 0",
               replayed(err) and rc == 0 and "error:" not in based, based + err)

        for f in reports(root):
            data = bytearray(open(f, "rb").read())
            data[len(data) // 2] ^= 0x55
            open(f, "wb").write(bytes(data))
        rc, again, err = run("--format=short")
        expect("a damaged report: not trusted, the trees read back, the same report",
               work(err) == (0, 6) and not replayed(err) and again == out, again + err)

        cache = os.path.join(root, "build/.fearless-cache")
        tree = [f for f in os.listdir(cache) if f.startswith("main.c-") and f.endswith(".fltree")][0]
        path = os.path.join(cache, tree)
        data = bytearray(open(path, "rb").read())
        data[len(data) // 2] ^= 0x55
        open(path, "wb").write(bytes(data))
        rc, out, err = run("--format=short", "--verbose")
        expect("a damaged tree: that unit is parsed, verbose says why, the same findings",
               work(err) == (1, 5) and "`src/main.c` is parsed:" in out and "the tree file is damaged" in out
               and [l for l in out.splitlines() if "note: `src/" not in l] ==
               [l for l in ref[1].splitlines()], out + err)

        other = os.path.join(root, "fearless-other-build")
        shutil.copy(h.fearless, other)
        with open(other, "ab") as f:
            f.write(b"\0")
        os.chmod(other, os.stat(other).st_mode | stat.S_IXUSR)
        saved = h.fearless
        h.fearless = other
        rc, out, err = run("--format=short", "--verbose")
        h.fearless = saved
        expect("another build of fearless: every unit is parsed, verbose says why",
               work(err) == (6, 0) and "another build of fearless wrote its tree" in out, out + err)

        rc, out, err = run("--format=short", "--no-cache")
        expect("--no-cache: every unit parsed, nothing read back", work(err) == (6, 0) and out == ref[1], out + err)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
