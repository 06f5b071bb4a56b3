#!/usr/bin/env python3
"""Summaries of units between runs (cli/cache.h), through the real binary.

    test_cache.py --fearless build/fearless

A database of three files: main.c spawns through a wrapper in wrap.c, which calls the real spawn
wrapper in spawn.c (a summary crosses two unit boundaries). Given main.c alone, fearless must still
see the spawn, reading the other two units' summaries from the cache a whole-database run left,
or parsing them when the cache cannot be trusted: a file changed, a unit's import changed, a
damaged or foreign summary file, no cache at all.
"""
import os
import re
import sys
import tempfile
import time

from harness import Harness, write

MAIN = """#include <pthread.h>
int start(pthread_t *t, void *(*fn)(void *), void *arg);
static void *count(void *p)
{
    int *n = p;
    ++*n;
    return NULL;
}
int run(void)
{
    int counter = 0;
    pthread_t t;
    if (start(&t, count, &counter) != 0)
        return -1;
    return 0;
}
int main(void) { return run(); }
"""
WRAP = """#include <pthread.h>
int spawn_thread(pthread_t *t, void *(*fn)(void *), void *arg);
int start(pthread_t *t, void *(*fn)(void *), void *arg) { return spawn_thread(t, fn, arg); }
"""
SPAWN = """#include <pthread.h>
int spawn_thread(pthread_t *t, void *(*fn)(void *), void *arg) { return pthread_create(t, NULL, fn, arg); }
"""
# spawn_thread no longer leaves the thread running: it joins it before returning
SPAWN_JOINS = """#include <pthread.h>
int spawn_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int rc = pthread_create(t, NULL, fn, arg);
    if (rc == 0)
        pthread_join(*t, NULL);
    return rc;
}
"""
LOCK_STATS = """#include <pthread.h>
static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
void stats_lock(void) { pthread_mutex_lock(&stats_mutex); }
void stats_unlock(void) { pthread_mutex_unlock(&stats_mutex); }
"""
LOCK_MAIN = """void stats_lock(void);
void stats_unlock(void);
void twice(void)
{
    stats_lock();
    stats_lock();
    stats_unlock();
}
"""
FINDING = "main.c:13:26: error: thread may outlive borrowed variable `counter` of `run` [thread-borrow]"


def database(root):
    entries = ",".join('{"directory": "%s", "file": "%s", "arguments": ["cc", "-c", "%s", "-o", "%s"]}'
                       % (root, f, f, f[:-2] + ".o") for f in ("main.c", "wrap.c", "spawn.c"))
    write(root, "compile_commands.json", "[" + entries + "]\n")


def counts(err):
    """(summaries from the cache, units parsed for theirs) from --time-report."""
    m = re.search(r"other units: (\d+) summaries from the cache, (\d+) parsed", err)
    return (int(m.group(1)), int(m.group(2))) if m else None


def bump(path):
    """Change a file's modification time (and keep its size), as an edit would."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect
    with tempfile.TemporaryDirectory() as root:
        write(root, "main.c", MAIN)
        write(root, "wrap.c", WRAP)
        write(root, "spawn.c", SPAWN)
        database(root)
        cache = os.path.join(root, ".fearless-cache")

        def one(*extra):
            return h.run(["--format=short", "--time-report", "-p", "."] + list(extra) + ["main.c"], root)

        rc, out, err = h.run(["--format=short", "-p", "."], root)
        expect("whole database: the finding", rc == 1 and FINDING in out, out + err)
        files = sorted(os.listdir(cache)) if os.path.isdir(cache) else []
        expect("whole database: a summary and a tree per unit in .fearless-cache, and the run's report",
               len(files) == 7 and sum(f.endswith(".flsum") for f in files) == 3 and
               sum(f.endswith(".fltree") for f in files) == 3 and sum(f.endswith(".flreport") for f in files) == 1,
               str(files))

        # again, nothing changed: every unit's facts are built once, from the summaries the last
        # run settled on; a cold run builds main.c before the wrappers it imports, then again
        rc, out, err = h.run(["--format=short", "--time-report", "--no-cache", "-p", "."], root)
        rebuilt = re.search(r"(\d+) units rebuilt", err)
        expect("cold: main.c is built again once the wrappers' summaries are in", rc == 1 and FINDING in out and
               rebuilt and int(rebuilt.group(1)) >= 1, out + err)
        rc, out, err = h.run(["--format=short", "--time-report", "-p", "."], root)
        expect("nothing changed: the last run's report is replayed, nothing parsed or read back",
               rc == 1 and FINDING in out and "report: the last run's, replayed (3 units unchanged" in err
               and "units: 0 parsed" in err and "trees: 0 read back" in err, out + err)
        # --verbose runs are not replayed (their notes say how the run went)
        rc, out, err = h.run(["--format=short", "--time-report", "--verbose", "-p", "."], root)
        expect("nothing changed, --verbose: the link starts from the last run's summaries and rebuilds nothing",
               rc == 1 and FINDING in out and "0 units rebuilt; started from the summaries of the last run" in err
               and "replayed" not in err, out + err)

        rc, out, err = one()
        expect("one file: the finding, through two wrappers in other files", rc == 1 and FINDING in out, out + err)
        expect("one file: both summaries read from the cache", counts(err) == (2, 0), err)

        rc, out, err = one("--verbose")
        expect("verbose: says where the other units' summaries came from",
               "the 2 other units of the compilation database count by their summaries: 2 read from the cache" in out,
               out)

        # an edit of spawn.c: it is parsed again; wrap.c's summary still holds (what spawn_thread
        # does did not change)
        bump(os.path.join(root, "spawn.c"))
        rc, out, err = one("--verbose")
        expect("a changed file: parsed again, the other read back", FINDING in out and counts(err) == (1, 1), out + err)
        expect("a changed file: verbose names it", "`spawn.c` is parsed for its summary: `spawn.c` changed" in out,
               out)
        rc, out, err = one()
        expect("... and the next run reads both again", counts(err) == (2, 0), err)
        bump(os.path.join(root, "spawn.c"))
        rc, out, err = h.run(["--format=short", "--time-report", "-p", "."], root)
        expect("a changed file in a whole-database run: the link starts empty, as on a first run",
               rc == 1 and FINDING in out and "started from" not in err, out + err)

        # spawn_thread now joins: wrap.c's summary imported the old spawn_thread and no longer
        # holds, though wrap.c itself did not change
        write(root, "spawn.c", SPAWN_JOINS)
        rc, out, err = one("--verbose")
        expect("an import changed: both parsed again, no finding", rc == 0 and FINDING not in out and
               counts(err) == (0, 2), out + err)
        expect("an import changed: verbose says why",
               "`wrap.c` is parsed for its summary: a function it calls in another unit changed" in out, out)
        write(root, "spawn.c", SPAWN)
        time.sleep(0.01)

        # damaged and foreign summary files are parsed again, never trusted, never a crash
        h.run(["--format=short", "-p", "."], root)
        version = {}  # the versions these files were written in: what this fearless reads
        for name in os.listdir(cache):
            path = os.path.join(cache, name)
            data = bytearray(open(path, "rb").read())
            version[name.rsplit(".", 1)[1]] = data[8]
            if name.startswith("wrap.c"):
                data[len(data) // 2] ^= 0xff
            else:
                data[8] = 99  # the format version
            open(path, "wb").write(bytes(data))
        rc, out, err = one("--verbose")
        expect("damaged or foreign summaries: parsed again", FINDING in out and counts(err) == (0, 2), out + err)
        expect("a damaged summary: verbose says so", "the summary file is damaged" in out, out)
        expect("another format version: verbose says which",
               "summary format version 99, this fearless reads version %d" % version["flsum"] in out, out)
        expect("a damaged tree: parsed, and verbose says so", "`wrap.c` is parsed:" in out and
               "wrap.c-" in out and "the tree file is damaged (its checksum does not match)" in out, out)
        expect("a tree of another format version: verbose says which",
               "tree format version 99, this fearless reads version %d" % version["fltree"] in out, out)

        # no cache: nothing read or written, the other units parsed
        other = os.path.join(root, "elsewhere")
        rc, out, err = one("--no-cache")
        expect("--no-cache: the finding, the other units parsed", FINDING in out and counts(err) == (0, 2), out + err)
        rc, out, err = h.run(["--format=short", "-p", ".", "--cache-dir=" + other], root)
        expect("--cache-dir: written there (three summaries, three trees, the report)",
               rc == 1 and len(os.listdir(other)) == 7, out + err)

        # a cache that cannot be written costs speed, not results
        blocked = os.path.join(root, "blocked")
        write(root, "blocked", "a file, not a folder\n")
        rc, out, err = h.run(["--format=short", "--verbose", "-p", ".", "--cache-dir=" + blocked], root)
        expect("an unwritable cache: same findings, exit 1", rc == 1 and FINDING in out, out + err)
        expect("an unwritable cache: verbose says so", "summaries of units are not kept for the next run" in out
               and "trees of units are not kept for the next run" in out, out)

        # a run with other checks builds other facts: its summaries must not stand in for this
        # run's (a run without the lock checks exports no lock helpers)
        helpers = os.path.join(root, "helpers")
        write(helpers, "main.c", LOCK_MAIN)
        write(helpers, "stats.c", LOCK_STATS)
        write(helpers, "compile_commands.json", "[" + ",".join(
            '{"directory": "%s", "file": "%s", "arguments": ["cc", "-c", "%s"]}' % (helpers, f, f)
            for f in ("main.c", "stats.c")) + "]\n")
        h.run(["--format=short", "-p", ".", "--checks=-*,thread-borrow"], helpers)
        rc, out, err = h.run(["--format=short", "-p", ".", "main.c"], helpers)
        expect("summaries of a run with other checks are not taken: the lock helper still counts",
               rc == 1 and "main.c:6:5: error:" in out and "[double-lock]" in out, out + err)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
