#!/usr/bin/env python3
"""Scaling benchmark: how fearless's time grows with each pathological shape.

For each shape (gen_shapes.py), sizes double from --start until a run takes longer than
--budget seconds, crashes, or reaches --max. Each run is one `fearless --time-report` on the
generated file with an 8 MiB stack; the table gives libclang's parse and fearless's analysis
seconds (from the time report), their ratio, and the growth exponent of the analysis from
the previous size (log(t2/t1) / log(n2/n1): 1 is linear, 2 quadratic; noisy below 10 ms).

Usage:
    scale.py --fearless build/fearless                     every shape
    scale.py --fearless build/fearless lock-pairs spawns   some shapes
    scale.py ... --start 500 --max 64000 --budget 10

Always exits 0: a benchmark measures, it does not assert (check_shapes.py asserts).
"""
import argparse
import math
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_shapes  # noqa: E402

PARSE = re.compile(r"parse \(libclang\):\s+([0-9.]+) s")
ANALYSIS = re.compile(r"analysis \(fearless\):\s+([0-9.]+) s")


def measure(fearless, shape, n, tmp, timeout):
    """(status, parse seconds, analysis seconds, wall seconds) of one run."""
    path = os.path.join(tmp, f"{shape}-{n}.c")
    with open(path, "w", encoding="ascii") as f:
        f.write(gen_shapes.generate(shape, n))
    status, wall, err = gen_shapes.run_fearless(fearless, path, gen_shapes.flags(shape, n), timeout,
                                                options=("--time-report",))
    os.unlink(path)
    p, a = PARSE.search(err), ANALYSIS.search(err)
    return status, float(p.group(1)) if p else None, float(a.group(1)) if a else None, wall


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fearless", required=True)
    ap.add_argument("shapes", nargs="*", help="shapes to measure (default: all)")
    ap.add_argument("--start", type=int, default=1000, help="first size (default 1000)")
    ap.add_argument("--max", type=int, default=128000, help="largest size (default 128000)")
    ap.add_argument("--budget", type=float, default=10, help="stop a shape after a run this long (s)")
    args = ap.parse_args()
    shapes = args.shapes or list(gen_shapes.SHAPES)
    for s in shapes:
        if s not in gen_shapes.SHAPES:
            ap.error(f"unknown shape {s} (see gen_shapes.py --list)")
    print(f"{'shape':14} {'n':>7} {'parse s':>8} {'analysis s':>10} {'ana/parse':>9} {'growth':>6}  status")
    with tempfile.TemporaryDirectory(prefix="fl_scale_") as tmp:
        for shape in shapes:
            n, prev = args.start, None
            while n <= args.max:
                status, parse, ana, wall = measure(args.fearless, shape, n, tmp, args.budget * 4)
                growth = ""
                if prev and ana and prev[1] and ana > 0 and prev[1] > 0:
                    growth = f"{math.log(ana / prev[1]) / math.log(n / prev[0]):.2f}"
                ratio = f"{ana / parse:.2f}" if parse and ana is not None else "-"
                what = ("timeout" if status is None else f"signal {-status}" if status < 0
                        else f"exit {status}")
                print(f"{shape:14} {n:>7} {parse if parse is not None else float('nan'):8.3f} "
                      f"{ana if ana is not None else float('nan'):10.3f} {ratio:>9} {growth:>6}  {what}",
                      flush=True)
                if status is None or status < 0 or status > 1 or wall > args.budget:
                    break
                prev = (n, ana)
                n *= 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
