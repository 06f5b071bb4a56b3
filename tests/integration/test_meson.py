#!/usr/bin/env python3
"""A Meson project, built for real (ctest: integration/meson; skipped without meson and ninja).

    test_meson.py --fearless build/fearless

* `meson setup` writes the compilation database; `fearless -p build` reads it and finds the race
  between the threads `main.c` starts through `workers.c`;
* Meson's `clang-tidy` target (made for a project with a `.clang-tidy`) runs `clang-tidy -p build <file>` on every C file and header of
  the project (in parallel): with a `clang-tidy` on PATH that is fearless, the target fails on
  the finding, passes on the fixed code, and the headers (not in the database) and the
  parallel runs sharing one summary cache never make it fail.
"""
import os
import shutil
import subprocess
import sys
import tempfile

from harness import Harness, write

MESON_BUILD = """project('counter', 'c', default_options: ['c_std=c11', 'warning_level=2'])
threads = dependency('threads')
executable('counter', 'src/main.c', 'src/workers.c', dependencies: threads)
"""

WORKERS_H = """#ifndef WORKERS_H
#define WORKERS_H
void start_workers(int n);
void stop_workers(void);
long hits_seen(void);
#endif
"""

MAIN_C = """#include <stdio.h>
#include "workers.h"

int main(void)
{
    start_workers(4);
    stop_workers();
    printf("%ld\\n", hits_seen());
    return 0;
}
"""

WORKERS_C = """#include <pthread.h>
#include "workers.h"

static pthread_t threads[8];
static int nthreads;
static long hits;
static pthread_mutex_t hits_mu = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        LOCK
        hits++;
        UNLOCK
    }
    return NULL;
}

void start_workers(int n)
{
    for (nthreads = 0; nthreads < n && nthreads < 8; nthreads++)
        pthread_create(&threads[nthreads], NULL, work, NULL);
}

void stop_workers(void)
{
    for (int i = 0; i < nthreads; i++)
        pthread_join(threads[i], NULL);
}

long hits_seen(void)
{
    return hits;
}
"""

RACY = WORKERS_C.replace("        LOCK\n", "").replace("        UNLOCK\n", "").replace(
    "static pthread_mutex_t hits_mu = PTHREAD_MUTEX_INITIALIZER;\n", "")
FIXED = WORKERS_C.replace("UNLOCK", "pthread_mutex_unlock(&hits_mu);").replace("LOCK", "pthread_mutex_lock(&hits_mu);")


def sh(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect
    meson, ninja = shutil.which("meson"), shutil.which("ninja") or shutil.which("ninja-build")
    if not meson or not ninja:
        print("SKIPPED: meson or ninja not installed (apt-get install meson ninja-build)")
        return 0

    with tempfile.TemporaryDirectory() as root:
        # Meson runs the `clang-tidy` it finds on PATH: make that fearless.
        shim = os.path.join(root, "shim")
        os.makedirs(shim)
        os.symlink(h.fearless, os.path.join(shim, "clang-tidy"))
        env = dict(os.environ, PATH=shim + os.pathsep + os.environ.get("PATH", ""), NO_COLOR="1")
        proj = os.path.join(root, "proj")
        write(proj, "meson.build", MESON_BUILD)
        # Meson makes its clang-tidy target only for a project with a .clang-tidy; fearless reads
        # the items of Checks that name its checks (here all of them) and leaves the rest alone.
        write(proj, ".clang-tidy", "Checks: '-*,bugprone-*,fearless-*'\n")
        write(proj, "src/workers.h", WORKERS_H)
        write(proj, "src/main.c", MAIN_C)
        write(proj, "src/workers.c", RACY)

        rc, out = sh([meson, "setup", "build"], proj, env)
        expect("meson setup writes the compilation database",
               rc == 0 and os.path.exists(os.path.join(proj, "build", "compile_commands.json")), out)
        rc, out, err = h.run(["--format=short", "-p", "build"], proj)
        expect("fearless -p build: the race on `hits`, in workers.c",
               rc == 1 and "workers.c" in out and "data race on `hits` [data-race]" in out, out + err)

        rc, out = sh([ninja, "-C", "build", "clang-tidy"], proj, env)
        expect("Meson's clang-tidy target runs fearless and fails on the race",
               rc != 0 and "data race on `hits`" in out and "error: no such file" not in out
               and "not in the compilation database" not in out, out)

        write(proj, "src/workers.c", FIXED)
        rc, out = sh([ninja, "-C", "build", "clang-tidy"], proj, env)
        expect("...and passes once the counter is locked (headers and all files, in parallel)",
               rc == 0 and "error" not in out, out)
        rc, out = sh([ninja, "-C", "build"], proj, env)
        expect("the project itself builds", rc == 0, out)

    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
