#!/usr/bin/env python3
"""-j: units parsed in threads give the report of one thread, byte for byte.

A database of twelve units: a race between a thread started through a spawn wrapper in another
file and `main`, lock helpers in a third, a unit with a use after free of its own, one that does
not parse, and two flag sets that clang's driver warns about (`-Wlogical-op`, an unknown
`-Wno-such-warning`). Every format is compared across -j 1, 2, 3 and 16 and the default, twice
each for -j 2; the time report says how many threads parsed and that at most threads + 1 units
were parsed ahead; -j4, --jobs=0 and bad values are checked as options.
"""
import json
import os
import re
import sys
import tempfile

from harness import Harness, write

WRAP = """#include <pthread.h>
int start_worker(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    return pthread_create(&t, 0, fn, arg);
}
"""
LOCKS = """#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
void stats_lock(void) { pthread_mutex_lock(&m); }
void stats_unlock(void) { pthread_mutex_unlock(&m); }
"""
WORKER = """extern int hits;
extern long total;
void stats_lock(void);
void stats_unlock(void);
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
MAIN = """#include <stdio.h>
int hits;
long total;
int start_worker(void *(*fn)(void *), void *arg);
void *worker(void *arg);
void stats_lock(void);
void stats_unlock(void);
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
UAF = "#include <stdlib.h>\nint uaf_%d(int *p)\n{\n    free(p);\n    return *p;\n}\n"
PLAIN = "int plain_%d(int x)\n{\n    return x * %d;\n}\n"
BROKEN = "int broken(void)\n{\n    return 1 +;\n}\n"


def main():
    h = Harness(__doc__)
    with tempfile.TemporaryDirectory() as root:
        files = {"wrap.c": WRAP, "locks.c": LOCKS, "worker.c": WORKER, "main.c": MAIN, "broken.c": BROKEN}
        for i in range(3):
            files["uaf%d.c" % i] = UAF % i
        for i in range(4):
            files["plain%d.c" % i] = PLAIN % (i, i + 2)
        entries = []
        for k, (name, text) in enumerate(sorted(files.items())):
            write(root, "src/" + name, text)
            flags = ["-Wall", "-Wlogical-op"] if k % 2 else ["-O2", "-Wno-such-warning"]
            entries.append({"directory": os.path.join(root, "src"), "file": name,
                            "arguments": ["cc"] + flags + ["-c", name, "-o", name[:-2] + ".o"]})
        write(root, "build/compile_commands.json", json.dumps(entries, indent=1))

        base = ["-p", "build", "--no-cache"]
        for fmt in ("human", "short", "json", "sarif"):
            ref = h.run(base + ["--format=" + fmt, "-j", "1"], root)
            if fmt == "short":
                h.expect("-j 1 finds the cross-file race, the uses after free and the broken unit",
                         ref[0] == 2 and "main.c:" in ref[1] and "worker.c:" in ref[1] and "[data-race]" in ref[1]
                         and ref[1].count("[use-after-move]") == 3 and "broken.c:3:15: error" in ref[1]
                         and "-Wlogical-op" in ref[1] and "no-such-warning" in ref[1], ref[1] + ref[2])
            for jobs in (["-j", "2"], ["-j", "2"], ["-j3"], ["--jobs=16"], []):
                got = h.run(base + ["--format=" + fmt] + jobs, root)
                h.expect("%s: %s reports what -j 1 reports" % (fmt, " ".join(jobs) or "the default"),
                         got == ref, "-j 1:\n%s%s\n%s:\n%s%s" % (ref[1], ref[2], jobs, got[1], got[2]))

        for jobs, threads in ((["-j", "1"], 1), (["-j", "2"], 2), (["-j3"], 3), (["-j", "16"], 12)):
            rc, out, err = h.run(base + ["--format=short", "--time-report"] + jobs, root)
            m = re.search(r"\((\d+) parse threads?", err)
            ahead = re.search(r"units parsed ahead:\s+(\d+)", err)
            h.expect("%s: %d parse thread(s), at most threads + 1 units parsed ahead" % (" ".join(jobs), threads),
                     m and int(m.group(1)) == threads and ahead
                     and int(ahead.group(1)) <= (threads + 1 if threads > 1 else 0), err)

        # libclang recurses once per level of nesting, on the thread that parses: two deep units
        # parsed by threads must not crash where one thread does not
        deep = os.path.join(root, "deep")
        dentries = []
        for i in range(2):
            name = "deep%d.c" % i
            write(deep, name, "int deep%d(int x)\n{\n    return %sx;\n}\n" % (i, "-~" * 15000))
            dentries.append({"directory": deep, "file": name,
                             "arguments": ["cc", "-fbracket-depth=100000", "-c", name, "-o", name[:-2] + ".o"]})
        write(deep, "build/compile_commands.json", json.dumps(dentries))
        one = h.run(["-p", "build", "--no-cache", "--format=short", "-j", "1"], deep)
        two = h.run(["-p", "build", "--no-cache", "--format=short", "-j", "2"], deep)
        h.expect("deeply nested units: -j 2 parses them as -j 1 does", one[0] == 0 and two == one,
                 "%r\n%r" % (one, two))

        rc, out, err = h.run(base + ["-j", "x"], root)
        h.expect("-j x is a usage error", rc == 2 and "invalid value 'x' for -j" in err, err)
        rc, out, err = h.run(base + ["-j-1"], root)
        h.expect("-j-1 is a usage error", rc == 2 and "error: unknown option '-j-1'" in err, err)
        rc, out, err = h.run(base + ["--jobs=0", "--format=short"], root)
        h.expect("--jobs=0 means one thread per core", rc == 2 and "[data-race]" in out, out + err)
        rc, out, err = h.run(base + ["--format=short", "-j", "2", "--verbose"], root)
        h.expect("-j 2: nothing of clang's on stderr", "warning" not in err and "error" not in err, err)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
