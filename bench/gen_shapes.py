#!/usr/bin/env python3
"""Generate C files of pathological shapes, for scaling tests of fearless.

Generated and machine-written C (parsers, state machines, unrolled tables) has shapes that
hand-written code rarely has: one expression of thousands of terms, a function of thousands of
blocks. Each shape below grows one dimension with N and keeps everything else small, so that
the time and stack fearless needs can be measured against N (and against clang's own parse of
the same file, see `--time-report`).

Usage:
    gen_shapes.py SHAPE N [-o FILE]     write the shape at size N (stdout by default)
    gen_shapes.py --list                the shapes, one per line, with what they grow

Every file compiles with `clang -fsyntax-only -std=gnu11` (deep paren nesting needs
`-fbracket-depth=N+64` too; `--flags SHAPE N` prints the flags a shape needs). The output
is deterministic: the same SHAPE and N give the same bytes.

check_shapes.py (a ctest test) and scale.py (a benchmark) import this file: generate() and
flags() make the inputs, run_fearless() runs fearless on one with an 8 MiB stack.
"""
import argparse
import resource
import subprocess
import sys
import time

PRELUDE = "#include <pthread.h>\n#include <stddef.h>\n\n"


def flat_expr(n):
    """x + x + ... + x: one left-nested binary tree of N operands."""
    terms = " + ".join("x" for _ in range(n))
    return "int flat_expr(int x)\n{\n    return " + terms + ";\n}\n"


def or_cond(n):
    """if (x == 0 || x == 1 || ...): a condition of N operands."""
    ops = " || ".join(f"x == {i}" for i in range(n))
    return "void hit(void);\n\nvoid or_cond(int x)\n{\n    if (" + ops + ")\n        hit();\n}\n"


def and_value(n):
    """int v = x > 0 && x > 1 && ...: a logical chain of N operands used as a value."""
    ops = " && ".join(f"x > {i}" for i in range(n))
    return "int and_value(int x)\n{\n    int v = " + ops + ";\n    return v;\n}\n"


def ternary_chain(n):
    """x == 0 ? 0 : x == 1 ? 1 : ...: a right-nested conditional of depth N."""
    parts = "".join(f"x == {i} ? {i} : " for i in range(n))
    return "int ternary_chain(int x)\n{\n    return " + parts + "-1;\n}\n"


def assign_chain(n):
    """a0 = a1 = ... = x: a right-nested assignment of depth N."""
    decls = "".join(f"    int a{i};\n" for i in range(n))
    chain = " = ".join(f"a{i}" for i in range(n))
    return "int assign_chain(int x)\n{\n" + decls + "    " + chain + " = x;\n    return a0;\n}\n"


def unary_chain(n):
    """- ~ - ~ ... x: N nested prefix operators."""
    ops = " ".join("-~"[i % 2] for i in range(n))
    return "int unary_chain(int x)\n{\n    return " + ops + " x;\n}\n"


def cast_chain(n):
    """(int)(long)(int)... x: N nested casts."""
    casts = "".join("(int)" if i % 2 else "(long)" for i in range(n))
    return "int cast_chain(int x)\n{\n    return " + casts + "x;\n}\n"


def paren_nest(n):
    """((((x)))): N nested parentheses (needs -fbracket-depth above N)."""
    return "int paren_nest(int x)\n{\n    return " + "(" * n + "x" + ")" * n + ";\n}\n"


def member_chain(n):
    """p->next->next->...->v: a member chain N long."""
    return ("struct node { struct node *next; int v; };\n\n"
            "int member_chain(struct node *p)\n{\n    return p" + "->next" * n + "->v;\n}\n")


def call_nest(n):
    """f(f(f(...x))): N nested calls."""
    return "int f(int);\n\nint call_nest(int x)\n{\n    return " + "f(" * n + "x" + ")" * n + ";\n}\n"


def lines(head, line, n, tail):
    """head, then `line` formatted for i = 0 .. n-1, then tail. In `line`, {i} is the index, {k}
    the next one, {j} the next one wrapping to 0, {e} "else " after the first line; C braces
    are doubled."""
    return head + "".join(line.format(i=i, k=i + 1, j=(i + 1) % n, e="else " if i else "")
                          for i in range(n)) + tail


def else_if(n):
    """if (x == 0) ... else if (x == 1) ...: an else-if chain N long (N nested if statements)."""
    return lines("void hit(int);\n\nvoid else_if(int x)\n{\n",
                 "    {e}if (x == {i})\n        hit({i});\n", n, "}\n")


def nest(n):
    """if (x > 0) { if (x > 1) { ... } }: N nested blocks (needs -fbracket-depth above N)."""
    return lines("void hit(int);\n\nvoid nest(int x)\n{\n", "if (x > {i}) {{ hit({i});\n", n,
                 "}" * n + "\n}\n")


def blocks(n):
    """N sequential `if (x > i) y += i;` statements: about 2N basic blocks in one function."""
    return lines("int blocks(int x)\n{\n    int y = 0;\n", "    if (x > {i})\n        y += {i};\n", n,
                 "    return y;\n}\n")


def switch_cases(n):
    """switch (x) with N cases."""
    return lines("int switch_cases(int x)\n{\n    int y = 0;\n    switch (x) {\n",
                 "    case {i}:\n        y = {i};\n        break;\n", n,
                 "    default:\n        y = -1;\n    }\n    return y;\n}\n")


def statements(n):
    """N assignments in one block: a long straight-line function."""
    return lines("int statements(int x)\n{\n    int y = 0;\n", "    y = y * 3 + x + {i};\n", n,
                 "    return y;\n}\n")


def lock_pairs(n):
    """N lock/unlock pairs of one mutex in one function."""
    return lines("static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;\nstatic int counter;\n\n"
                 "void lock_pairs(void)\n{\n",
                 "    pthread_mutex_lock(&mu);\n    counter++;\n    pthread_mutex_unlock(&mu);\n", n, "}\n")


def mutexes(n):
    """N mutexes of an array, each locked and unlocked in turn in one function."""
    return lines(f"static pthread_mutex_t mu[{n}];\nstatic int counter[{n}];\n\nvoid mutexes(void)\n{{\n",
                 "    pthread_mutex_lock(&mu[{i}]);\n    counter[{i}]++;\n    pthread_mutex_unlock(&mu[{i}]);\n",
                 n, "}\n")


def mutex_globals(n):
    """N distinct global mutexes (separate variables), nested two by two in one function."""
    return (lines("", "static pthread_mutex_t m{i} = PTHREAD_MUTEX_INITIALIZER;\n", n, "")
            + lines("static int shared;\n\nvoid mutex_globals(void)\n{\n",
                    "    pthread_mutex_lock(&m{i});\n    pthread_mutex_lock(&m{j});\n    shared++;\n"
                    "    pthread_mutex_unlock(&m{j});\n    pthread_mutex_unlock(&m{i});\n", n, "}\n"))


def spawns(n):
    """N pthread_create/pthread_join pairs in one function."""
    return lines("static int shared;\n\nstatic void *worker(void *arg)\n{\n    (void)arg;\n"
                 "    shared++;\n    return NULL;\n}\n\nvoid spawns(void)\n{\n    pthread_t t;\n    int arg = 0;\n",
                 "    pthread_create(&t, NULL, worker, &arg);\n    pthread_join(t, NULL);\n", n, "}\n")


def functions(n):
    """N small functions calling each other in a chain."""
    return "int fn0(int x) { return x; }\n" + lines("", "int fn{k}(int x) {{ return fn{i}(x) + {k}; }}\n", n - 1, "")


def init_list(n):
    """A static table of N initializers (a long flat initializer list)."""
    vals = ", ".join(str(i) for i in range(n))
    return (f"int table[{n}] = {{{vals}}};\n\n"
            f"int init_list(int i)\n{{\n    int local[{n}] = {{{vals}}};\n    return local[i] + table[i];\n}}\n")


SHAPES = {
    "flat-expr": flat_expr,
    "or-cond": or_cond,
    "and-value": and_value,
    "ternary-chain": ternary_chain,
    "assign-chain": assign_chain,
    "unary-chain": unary_chain,
    "cast-chain": cast_chain,
    "paren-nest": paren_nest,
    "member-chain": member_chain,
    "call-nest": call_nest,
    "else-if": else_if,
    "nest": nest,
    "blocks": blocks,
    "switch": switch_cases,
    "statements": statements,
    "lock-pairs": lock_pairs,
    "mutexes": mutexes,
    "mutex-globals": mutex_globals,
    "spawns": spawns,
    "functions": functions,
    "init-list": init_list,
}

# Shapes that nest brackets N deep: clang's default limit is 256.
BRACKET_DEEP = {"paren-nest", "nest", "call-nest"}


def flags(shape, n):
    """The compiler flags a shape of size n needs, as a list."""
    out = ["-std=gnu11"]
    if shape in BRACKET_DEEP:
        out.append(f"-fbracket-depth={n + 64}")
    return out


def generate(shape, n):
    """The C text of shape at size n."""
    return PRELUDE + SHAPES[shape](n)


STACK_BYTES = 8 << 20  # the usual default: what a user's shell gives fearless


def _stack_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    if hard == resource.RLIM_INFINITY or hard >= STACK_BYTES:
        resource.setrlimit(resource.RLIMIT_STACK, (STACK_BYTES, hard))


def run_fearless(fearless, path, cflags, timeout, options=()):
    """Run fearless on one file with an 8 MiB stack.

    Returns (status, seconds, stderr): status is the exit code, -N for death by signal N, or
    None when it did not finish within `timeout` seconds (it is killed)."""
    cmd = [fearless, "--format=short", *options, path, "--", *cflags]
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout,
                           preexec_fn=_stack_limit)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start, ""
    return p.returncode, time.monotonic() - start, p.stderr.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description="Generate C files of pathological shapes.")
    ap.add_argument("shape", nargs="?", help="one of --list")
    ap.add_argument("n", nargs="?", type=int, help="the size")
    ap.add_argument("-o", "--output", help="write here instead of stdout")
    ap.add_argument("--list", action="store_true", help="list the shapes and exit")
    ap.add_argument("--flags", action="store_true", help="print the compiler flags SHAPE N needs and exit")
    args = ap.parse_args()
    if args.list:
        for name, fn in SHAPES.items():
            print(f"{name:14} {fn.__doc__}")
        return 0
    if args.shape not in SHAPES or args.n is None or args.n < 1:
        ap.error("need SHAPE (see --list) and N >= 1")
    if args.flags:
        print(" ".join(flags(args.shape, args.n)))
        return 0
    text = generate(args.shape, args.n)
    if args.output:
        with open(args.output, "w", encoding="ascii") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
