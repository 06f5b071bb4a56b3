#!/usr/bin/env python3
"""Scaling test: fearless survives every pathological shape at a moderate size.

For each shape of gen_shapes.py, at a size chosen to be well inside what clang itself parses
with its 8 MiB stack (and to run in well under a second), generate the file, run fearless on
it with an 8 MiB stack, and require a normal exit: 0 or 1 (findings), not a crash (a negative
status: signal 11 is a stack overflow) and not a hang (killed after --timeout seconds). The
sizes are where fearless 0.1.0 crashed or ran out of time on the deep shapes (flat-expr,
or-cond, ternary-chain: stack overflow; member-chain: over a minute and gigabytes).

This checks that nothing crashes, not how time grows (scale.py measures that). and-value at
16,000 operands is parsed by clang with its 8 MiB stack but overflowed libclang's own parsing
thread before fearless ran its work on a large stack; the lock, spawn and member shapes are at
sizes that took seconds while those analyses were quadratic.

Usage: check_shapes.py --fearless build/fearless [--timeout S] [--keep DIR]
Exit status: 0 if every shape passed, 1 otherwise (each failure is named).
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_shapes  # noqa: E402

# (shape, size): sizes for a test that stays fast on a shared 2-core machine.
CASES = [
    ("flat-expr", 20000),
    ("or-cond", 20000),
    ("and-value", 16000),
    ("ternary-chain", 15000),
    ("assign-chain", 5000),
    ("unary-chain", 1000),
    ("cast-chain", 500),
    ("paren-nest", 500),
    ("member-chain", 8000),
    ("call-nest", 800),
    ("else-if", 4000),
    ("nest", 200),
    ("blocks", 5000),
    ("switch", 5000),
    ("statements", 20000),
    ("lock-pairs", 4000),
    ("mutexes", 4000),
    ("mutex-globals", 2000),
    ("spawns", 4000),
    ("functions", 3000),
    ("init-list", 70000),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fearless", required=True)
    ap.add_argument("--timeout", type=float, default=30, help="seconds per shape (default 30)")
    ap.add_argument("--keep", help="write the generated files here and keep them")
    args = ap.parse_args()
    missing = set(gen_shapes.SHAPES) - {s for s, _ in CASES}
    if missing:
        print("shapes without a test size: " + ", ".join(sorted(missing)))
        return 1
    failed = []
    with tempfile.TemporaryDirectory(prefix="fl_shapes_") as tmp:
        out = args.keep or tmp
        os.makedirs(out, exist_ok=True)
        for shape, n in CASES:
            path = os.path.join(out, f"{shape}-{n}.c")
            with open(path, "w", encoding="ascii") as f:
                f.write(gen_shapes.generate(shape, n))
            status, secs, err = gen_shapes.run_fearless(args.fearless, path, gen_shapes.flags(shape, n),
                                                        args.timeout)
            if status is None:
                verdict = f"FAIL: did not finish in {args.timeout:g} s"
            elif status < 0:
                verdict = f"FAIL: killed by signal {-status}" + (" (stack overflow)" if status == -11 else "")
            elif status not in (0, 1):
                last = err.strip().splitlines()[-1] if err.strip() else ""
                verdict = f"FAIL: exit {status} {last}"
            else:
                verdict = f"ok (exit {status})"
            print(f"{shape:14} {n:>7}  {secs:6.2f} s  {verdict}", flush=True)
            if not verdict.startswith("ok"):
                failed.append(shape)
    if failed:
        print(f"{len(failed)} shape(s) failed: {', '.join(failed)}")
        return 1
    print(f"all {len(CASES)} shapes passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
