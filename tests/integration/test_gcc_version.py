#!/usr/bin/env python3
"""Code parsed as the database's own compiler builds it: GCC's __GNUC__, not clang's 4.2.

    test_gcc_version.py --fearless build/fearless

A file picks its relaxed load and store by the compiler's version, as libuv does: __atomic
builtins for GCC 4.7 and later, plain accesses otherwise. clang calls itself GCC 4.2, so parsed
as clang the two threads race on `cached`; built by GCC they do not. With `gcc` as the
database's compiler fearless reports nothing, with `clang` it reports the race, and with
FEARLESS_NO_GNUC_VERSION set (the version not asked) it reports it for `gcc` too.
"""
import json
import os
import subprocess
import sys
import tempfile

from harness import Harness, write

SOURCE = """#include <pthread.h>
#if defined(__GNUC__) && (__GNUC__ > 4 || (__GNUC__ == 4 && __GNUC_MINOR__ >= 7))
#define load_relaxed(p) __atomic_load_n(p, __ATOMIC_RELAXED)
#define store_relaxed(p, v) __atomic_store_n(p, v, __ATOMIC_RELAXED)
#else
#define load_relaxed(p) (*(p))
#define store_relaxed(p, v) (*(p) = (v))
#endif

static int cached;

static void *worker(void *arg)
{
    if (!load_relaxed(&cached))
        store_relaxed(&cached, 1);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
"""


def main():
    h = Harness(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory() as root:
        write(root, "cache.c", SOURCE)

        def database(compiler):
            with open(os.path.join(root, "compile_commands.json"), "w") as f:
                json.dump([{"directory": root, "file": "cache.c",
                            "command": compiler + " -c cache.c -o cache.o"}], f)

        database("gcc")
        code, out, err = h.run(["--format=short", "--no-cache", "-p", root], root)
        h.expect("gcc: the __atomic branch, no race", code == 0 and "data-race" not in out, out + err)

        env = dict(os.environ, FEARLESS_NO_GNUC_VERSION="1")
        p = subprocess.run([h.fearless, "--color=never", "--format=short", "--no-cache", "-p", root], cwd=root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=120)
        out2 = p.stdout.decode()
        h.expect("gcc, version not asked: clang's 4.2, the plain branch races",
                 p.returncode == 1 and "data race on `cached`" in out2, out2)

        database("clang")
        code, out, err = h.run(["--format=short", "--no-cache", "-p", root], root)
        h.expect("clang: the plain branch races", code == 1 and "data race on `cached`" in out, out + err)
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
