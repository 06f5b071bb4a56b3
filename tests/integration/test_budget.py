#!/usr/bin/env python3
"""The per-unit budget (--unit-time-limit, --unit-memory-limit), through the real binary.

    test_budget.py --fearless build/fearless

On a generated file whose one function is large (20,000 lock/unlock pairs: megabytes of analysis
memory, and far more than a millisecond), beside a small file with a finding:
* over a tiny memory or time limit, the large file is reported as not analyzed, naming it, the
  limit, and the function being analyzed; the small file's finding is still reported; exit 2;
* with the default limits, or with 0 (no limit), both are analyzed;
* a limit that is not a number >= 0 is a usage error.
"""
import os
import sys
import tempfile

from harness import Harness, write

SMALL = "#include <stdlib.h>\nint use(int *p)\n{\n    free(p);\n    return *p;\n}\n"
FINDING = "small.c:5:13: error: use of freed value: `p` [use-after-move]"


def big(n):
    body = "    pthread_mutex_lock(&m);\n    counter++;\n    pthread_mutex_unlock(&m);\n" * n
    return ("#include <pthread.h>\nstatic pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;\n"
            "static int counter;\nvoid generated(void)\n{\n" + body + "}\n")


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect
    with tempfile.TemporaryDirectory() as root:
        write(root, "small.c", SMALL)
        write(root, "big.c", big(20000))

        def run(*limits):
            return h.run(["--format=short"] + list(limits) + ["small.c", "big.c", "--"], root)

        rc, out, err = run()
        expect("default limits: both files analyzed, exit 1", rc == 1 and FINDING in out and
               "not analyzed" not in out, out + err)
        rc, out, err = run("--unit-time-limit=0", "--unit-memory-limit=0")
        expect("0 means no limit", rc == 1 and "not analyzed" not in out, out + err)

        rc, out, err = run("--unit-memory-limit=2")
        expect("memory: over 2 MiB, exit 2", rc == 2, "exit %d\n%s%s" % (rc, out, err))
        expect("memory: the unit is named with the limit",
               "error: `big.c` was not analyzed: its analysis went over the memory limit of 2 MiB" in out, out)
        expect("memory: the function being analyzed is named",
               "note: the limit was reached while analyzing `generated`" in out, out)
        expect("memory: the help names the option", "--unit-memory-limit=<MiB>" in out, out)
        expect("memory: the other file is still analyzed", FINDING in out, out)
        expect("memory: nothing about the skipped file but the error", "big.c:" not in out, out)

        rc, out, err = run("--unit-time-limit=0.001")
        expect("time: over 1 ms, exit 2", rc == 2, "exit %d\n%s%s" % (rc, out, err))
        expect("time: the unit is named with the limit",
               "error: `big.c` was not analyzed: its analysis went over the time limit of 0.001 s" in out, out)
        expect("time: the function being analyzed is named", "while analyzing `generated`" in out, out)
        expect("time: the help names the option", "--unit-time-limit=<seconds>" in out, out)

        rc, out, err = h.run(["--format=json", "--unit-memory-limit=2", "big.c", "--"], root)
        expect("json: an input error without a check", rc == 2 and '"check":null' in out and
               "memory limit" in out, out + err)

        for bad in ("--unit-time-limit=soon", "--unit-memory-limit=-1", "--unit-time-limit="):
            rc, out, err = h.run([bad, "small.c", "--"], root)
            expect("usage error: " + bad, rc == 2 and "invalid value" in err, out + err)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
