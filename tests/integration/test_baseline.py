#!/usr/bin/env python3
"""Baselines, stable identities and --line-filter through the real binary.

    test_baseline.py --fearless build/fearless

* --write-baseline records today's findings (exit 0); --baseline then hides them, and still
  hides them after unrelated edits (lines added above, a function added, reindentation, a
  comment changed), while a new finding is reported. (Two findings equal in every part of
  their identity are told apart by their order: unit/test_render checks that.)
* The identity is in the JSON (`id`) and equals SARIF's partialFingerprints; a SARIF log or
  JSON output serves as a baseline too. A missing baseline file is a usage error.
* --line-filter reports only findings on the listed lines of the listed files (names match as
  path suffixes, an entry without lines takes the whole file, `[]` lets all through), as
  clang-tidy does; malformed JSON is a usage error.
"""
import json
import os
import sys
import tempfile

from harness import Harness

ORIGINAL = """#include <stdlib.h>

int first(int *p)
{
    free(p);
    return *p;
}

int second(int *q)
{
    free(q);
    return *q;
}
"""

# Unrelated edits: a header comment, a new clean function, reindented bodies, a changed comment.
EDITED = """/* A comment that moves everything down.
   Two lines of it. */
#include <stdlib.h>

static int helper(int x) { return x + 1; }

int first(int *p)
{
        free(p);   /* reindented */
        return *p;
}

int second(int *q)
{
  free(q);
  return *q;
}
"""

NEW_FINDING = EDITED + """
int third(int *r)
{
    free(r);
    return *r;
}
"""



def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect

    def run(args, cwd):
        return h.run(args, cwd)

    def findings(out):
        return [l for l in out.splitlines() if ": error:" in l or ": warning:" in l]

    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "a.c")
        with open(src, "w") as f:
            f.write(ORIGINAL)
        short = ["--format=short", "a.c", "--"]

        rc, out, err = run(["--write-baseline", "base.json"] + short, d)
        base = json.load(open(os.path.join(d, "base.json")))
        expect("--write-baseline records both findings and exits 0",
               rc == 0 and len(base["findings"]) == 2 and "wrote 2 findings" in err and len(findings(out)) == 2,
               "exit %d, %r, %s" % (rc, err, out))
        expect("the baseline names check, file and function",
               {(f["check"], f["file"], f["function"]) for f in base["findings"]} ==
               {("use-after-move", "a.c", "first"), ("use-after-move", "a.c", "second")}, str(base))

        rc, out, _ = run(["--baseline", "base.json"] + short, d)
        expect("--baseline hides the recorded findings", rc == 0 and not findings(out), out)

        with open(src, "w") as f:
            f.write(EDITED)
        rc, out, _ = run(["--baseline", "base.json"] + short, d)
        expect("identities survive unrelated edits", rc == 0 and not findings(out), out)

        with open(src, "w") as f:
            f.write(NEW_FINDING)
        rc, out, _ = run(["--baseline", "base.json"] + short, d)
        new = findings(out)
        expect("a new finding is reported, the old ones are not",
               rc == 1 and len(new) == 1 and new[0].startswith("a.c:22:13:"), out)

        rc, jout, _ = run(["--format=json", "a.c", "--"], d)
        ids = [json.loads(l)["id"] for l in jout.splitlines() if json.loads(l)["check"]]
        rc, sout, _ = run(["--format=sarif", "-o", "a.sarif", "a.c", "--"], d)
        sarif = json.load(open(os.path.join(d, "a.sarif")))
        fps = [r["partialFingerprints"]["fearless/v1"] for r in sarif["runs"][0]["results"]]
        expect("the JSON id is SARIF's fingerprint", ids and ids == fps, "%r vs %r" % (ids, fps))
        funcs = [json.loads(l)["function"] for l in jout.splitlines()]
        expect("the JSON names the enclosing function", funcs == ["first", "second", "third"], str(funcs))

        rc, out, _ = run(["--baseline", "a.sarif"] + short, d)
        expect("a SARIF log serves as a baseline", rc == 0 and not findings(out), out)
        rc, out, err = run(["--baseline", "missing.json"] + short, d)
        expect("a missing baseline is a usage error", rc == 2 and "cannot read the baseline" in err and out == "", err)

        # --line-filter, on the file with three findings (lines 10, 16 and 22).
        def lf(flt):
            rc, out, _ = run(["--line-filter", flt] + short, d)
            return rc, [l.split(":")[1] for l in findings(out)]
        expect("--line-filter keeps the listed lines", lf('[{"name":"a.c","lines":[[12,22]]}]') == (1, ["16", "22"]))
        expect("--line-filter: a longer name matches the absolute path",
               lf('[{"name":"%s","lines":[[10,10]]}]' % src) == (1, ["10"]))
        expect("--line-filter: a file without lines is kept whole", lf('[{"name":"a.c"}]')[1] == ["10", "16", "22"])
        expect("--line-filter: other files only: nothing", lf('[{"name":"b.c"}]') == (0, []))
        expect("--line-filter: [] lets everything through", lf("[]")[1] == ["10", "16", "22"])
        rc, out, err = run(["--line-filter", '[{"name":"a.c","lines":[[1,2]}]'] + short, d)
        expect("--line-filter: malformed JSON is a usage error",
               rc == 2 and "invalid --line-filter: expected" in err and out == "", err)

    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
