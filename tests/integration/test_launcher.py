#!/usr/bin/env python3
"""fearless-cc as the compiler launcher, then `fearless --link`, through the real binary.

One project of six C files (a race across three files, a use after free) built three ways:
CMake (CMAKE_C_COMPILER_LAUNCHER), Make (CC="fearless-cc gcc") and Meson (CC="fearless-cc gcc";
skipped, saying so, when meson or ninja is missing). Each time `fearless --link <build>` must
report what `fearless -p <build>` reports on the same build, having parsed nothing. Then, on the
Make build:
* the compiler's output and exit status pass through (a warning; an error: no tree written);
* code GCC compiles and libclang rejects (a nested function) warns and does not fail the build,
  unless FEARLESS_CC_STRICT=1;
* a source edited after the build makes --link fail (exit 2) and say to rebuild;
* linking steps and preprocessing are passed through and leave no tree.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Harness, write
import test_trees as src

FILES = {"wrap.c": src.WRAP, "locks.c": src.LOCKS, "worker.c": src.WORKER, "main.c": src.MAIN, "uaf.c": src.UAF,
         "plain.c": src.PLAIN}

CMAKE = """cmake_minimum_required(VERSION 3.13)
project(demo C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_executable(demo src/wrap.c src/locks.c src/worker.c src/main.c src/uaf.c src/plain.c)
target_link_libraries(demo pthread)
"""
MAKEFILE = """CFLAGS = -Wall -O2
SRCS = src/wrap.c src/locks.c src/worker.c src/main.c src/uaf.c src/plain.c
OBJS = $(SRCS:src/%.c=obj/%.o)
demo: $(OBJS)
\t$(CC) -o $@ $(OBJS) -lpthread
obj/%.o: src/%.c
\t@mkdir -p obj
\t$(CC) $(CFLAGS) -c $< -o $@
"""
MESON = """project('demo', 'c')
executable('demo', 'src/wrap.c', 'src/locks.c', 'src/worker.c', 'src/main.c', 'src/uaf.c', 'src/plain.c',
           dependencies: dependency('threads'))
"""
NESTED = "int outer(int x)\n{\n    int inner(int y) { return y + 1; }\n    return inner(x);\n}\n"


def sh(cmd, cwd, env=None):
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def project(root):
    write(root, "src/shared.h", src.SHARED_H)
    for name, text in FILES.items():
        write(root, "src/" + name, text)


def parsed(err):
    m = re.search(r"units: (\d+) parsed", err)
    t = re.search(r"trees: (\d+) read back", err)
    return (int(m.group(1)), int(t.group(1))) if m and t else None


def main():
    h = Harness(__doc__.splitlines()[0])
    cc = os.path.join(os.path.dirname(h.fearless), "fearless-cc")
    h.expect("fearless-cc is built beside fearless", os.path.exists(cc), cc)

    def same_as_p(name, root, build):
        """--link over the build reports what -p reports on its database, parsing nothing."""
        rc1, ref, err1 = h.run(["-p", build, "--no-cache", "--format=short"], root)
        rc2, got, err2 = h.run(["--link", build, "--format=short", "--time-report"], root)
        h.expect(name + ": --link reports what -p reports, parsing nothing",
                 rc1 == rc2 == 1 and got == ref and "[data-race]" in got and "[use-after-move]" in got
                 and parsed(err2) == (0, 6), "-p:\n%s%s\n--link:\n%s%s" % (ref, err1, got, err2))

    with tempfile.TemporaryDirectory() as root:
        # ---- CMake ----
        if shutil.which("cmake"):
            d = os.path.join(root, "cmake")
            project(d)
            write(d, "CMakeLists.txt", CMAKE)
            rc, out, err = sh(["cmake", "-S", ".", "-B", "build", "-DCMAKE_C_COMPILER_LAUNCHER=" + cc], d)
            rc2, out2, err2 = sh(["cmake", "--build", "build"], d)
            h.expect("cmake: builds with fearless-cc", rc == 0 and rc2 == 0, out + err + out2 + err2)
            same_as_p("cmake", d, "build")
        else:
            print("SKIPPED: cmake (not installed)")

        # ---- Make ----
        d = os.path.join(root, "make")
        project(d)
        write(d, "Makefile", MAKEFILE)
        rc, out, err = sh(["make", "CC=%s gcc" % cc], d)
        h.expect("make: builds with fearless-cc", rc == 0 and os.path.exists(os.path.join(d, "demo")), out + err)
        trees = sorted(f for f in os.listdir(os.path.join(d, "obj")) if f.endswith(".fltree"))
        h.expect("make: a tree beside each object, none for the link step", len(trees) == 6
                 and not os.path.exists(os.path.join(d, "demo.fltree")), str(trees))
        entries = [{"directory": d, "file": "src/" + f, "arguments": ["gcc", "-Wall", "-O2", "-c", "src/" + f, "-o",
                                                                      "obj/" + f[:-2] + ".o"]} for f in FILES]
        write(d, "compile_commands.json", json.dumps(entries))
        same_as_p("make", d, ".")

        # the compiler's output and status pass through
        write(d, "src/warn.c", "int warned(void) { int unused; return 0; }\n")
        rc, out, err = sh([cc, "gcc", "-Wall", "-c", "src/warn.c", "-o", "obj/warn.o"], d)
        h.expect("a compiler warning passes through, exit 0", rc == 0 and "unused" in err
                 and os.path.exists(os.path.join(d, "obj/warn.o.fltree")), err)
        os.remove(os.path.join(d, "obj/warn.o.fltree"))
        write(d, "src/bad.c", "int bad(void) { return 1 + ; }\n")
        rc, out, err = sh([cc, "gcc", "-c", "src/bad.c", "-o", "obj/bad.o"], d)
        h.expect("a compiler error passes through with its status, no tree", rc != 0 and "error" in err
                 and "fearless-cc" not in err and not os.path.exists(os.path.join(d, "obj/bad.o.fltree")), err)
        rc, out, err = sh([cc, "no-such-compiler-here", "-c", "src/warn.c"], d)
        h.expect("a compiler that cannot run: exit 127, said on stderr", rc == 127 and "cannot run" in err, err)

        # GCC's nested functions: libclang cannot parse them; the build goes on
        write(d, "src/nested.c", NESTED)
        rc, out, err = sh([cc, "gcc", "-c", "src/nested.c", "-o", "obj/nested.o"], d)
        h.expect("what libclang cannot parse: one warning, the build goes on", rc == 0 and
                 "fearless-cc: warning: libclang cannot parse `src/nested.c`" in err, err)
        rc, out, err = sh([cc, "gcc", "-c", "src/nested.c", "-o", "obj/nested.o"], d, {"FEARLESS_CC_STRICT": "1"})
        h.expect("... unless FEARLESS_CC_STRICT=1: the step fails", rc == 1, err)

        # preprocessing, and compiling two files at once, leave no tree
        rc, out, err = sh([cc, "gcc", "-E", "src/plain.c", "-o", "obj/plain.i"], d)
        h.expect("-E: passed through, no tree", rc == 0 and not os.path.exists(os.path.join(d, "obj/plain.i.fltree")),
                 err)

        # an edit after the build: the tree no longer stands for the code
        os.remove(os.path.join(d, "src/warn.c"))
        os.remove(os.path.join(d, "src/bad.c"))
        st = os.stat(os.path.join(d, "src/plain.c"))
        os.utime(os.path.join(d, "src/plain.c"), ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        rc, out, err = h.run(["--link", ".", "--format=short"], d)
        h.expect("an edit since the build: --link fails and says to rebuild", rc == 2 and "plain.c` changed" in out
                 and "build again with fearless-cc" in h.run(["--link", "."], d)[1], out + err)
        rc, out, err = h.run(["--link", os.path.join(d, "src"), "--format=short"], d)
        h.expect("a folder without trees: an error that says how to make them", rc == 2 and
                 "CMAKE_C_COMPILER_LAUNCHER=fearless-cc" in out, out + err)
        rc, out, err = h.run(["--link", ".", "-p", "."], d)
        h.expect("--link with -p: a usage error", rc == 2 and "--link" in err, err)

        # ---- Meson ----
        if shutil.which("meson") and shutil.which("ninja"):
            d = os.path.join(root, "meson")
            project(d)
            write(d, "meson.build", MESON)
            rc, out, err = sh(["meson", "setup", "build"], d, {"CC": "%s gcc" % cc})
            rc2, out2, err2 = sh(["ninja", "-C", "build"], d)
            h.expect("meson: builds with fearless-cc", rc == 0 and rc2 == 0, out + err + out2 + err2)
            same_as_p("meson", d, "build")
        else:
            print("SKIPPED: meson (meson or ninja not installed)")
    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
