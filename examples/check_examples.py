#!/usr/bin/env python3
"""Check that fearless finds exactly the bugs each example says it has (ctest: examples/findings).

    check_examples.py --fearless build/fearless examples/*.c

Every example states its expected result in its header comment, on one line:

     * fearless: 2 errors [thread-borrow]     (that many error lines of that check, exit 1)
     * fearless: clean                         (exit 0, no output)

Each file is analyzed alone with --format=short, as the README demo runs them together.
"""
import argparse
import re
import subprocess
import sys

EXPECT = re.compile(r"^\s*\*?\s*fearless:\s*(?:(clean)|(\d+) errors? \[([\w-]+)\])\s*$", re.M)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fearless", required=True)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    failed = 0
    for path in a.files:
        with open(path, encoding="utf-8") as f:
            m = EXPECT.search(f.read())
        if not m:
            print("FAIL %s: no `fearless: ...` expectation in its header comment" % path)
            failed += 1
            continue
        p = subprocess.run([a.fearless, "--format=short", "--color=never", path],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        if m.group(1):
            ok = p.returncode == 0 and not out and not err
            want = "clean"
        else:
            n, check = int(m.group(2)), m.group(3)
            errors = re.findall(r"^.+:\d+:\d+: error: .* \[" + re.escape(check) + r"\]$", out, re.M)
            ok = p.returncode == 1 and len(errors) == n
            want = "%d error(s) [%s]" % (n, check)
        print("%s %s: expected %s, exit %d" % ("ok  " if ok else "FAIL", path, want, p.returncode))
        if not ok:
            failed += 1
            sys.stdout.write("".join("      " + l + "\n" for l in (out + err).splitlines()))
    print("%d of %d example(s) as expected" % (len(a.files) - failed, len(a.files)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
