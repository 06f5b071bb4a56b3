#!/usr/bin/env python3
"""Inputs handled as clang-tidy handles them, through the real binary.

    test_inputs.py --fearless build/fearless

On a project made in a temporary folder, whose compile_commands.json holds C files that need
their flags (`-DHAVE_CONFIG` and an include path), an assembly file and a C++ file, and uses
a GCC-only warning flag:
* the assembly and C++ entries are skipped (a note under --verbose), not parsed as C;
* a file, or a header, missing from the database gets the flags of the nearest entry;
* a missing file among several is reported and the others are still analyzed (exit 2);
* clang's warning about `-Wlogical-op` is shown once, with a file name, never on stderr;
* on a terminal, a progress line `[k/n] file` is on stderr while the units are parsed, cleared
  before the report; none with --quiet, for one unit, or when stderr is not a terminal;
* clang's internal `-cc1` commands that a build recorder lists beside the real ones (a
  Makefile's `-MM` step) are passed over for the compiler command line of the same file; a file
  with nothing else is named in one warning;
* an error in a unit's command line names the unit.
"""
import json
import os
import pty
import subprocess
import sys
import tempfile

from harness import Harness, write

NEEDS_FLAGS = """#ifndef HAVE_CONFIG
#error "built without its flags"
#endif
#include "config.h"
#include <stdlib.h>
"""

BUG = "int %s(int *p)\n{\n    free(p);\n    return *p + CONFIG_VALUE;\n}\n"


def on_terminal(fearless, args, cwd):
    """(exit code, stdout, what fearless wrote to stderr) with stderr on a pseudo-terminal."""
    master, slave = pty.openpty()
    p = subprocess.run([fearless, "--color=never"] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=slave,
                       timeout=120)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal is closed once everything was read
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    return p.returncode, p.stdout.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def main():
    h = Harness(__doc__.splitlines()[0])
    expect = h.expect

    def run(args, cwd):
        return h.run(["--format=short"] + args, cwd)

    with tempfile.TemporaryDirectory() as root:
        write(root, "include/config.h", "#define CONFIG_VALUE 1\n")
        write(root, "src/net/a.c", NEEDS_FLAGS + BUG % "a_bug")
        write(root, "src/net/b.c", NEEDS_FLAGS + BUG % "b_bug")
        write(root, "src/net/new.c", NEEDS_FLAGS + BUG % "new_bug")
        write(root, "src/net/net.h", NEEDS_FLAGS + "static inline " + BUG % "header_bug")
        write(root, "src/start.S", ".globl start\nstart:\n    ret\n")
        write(root, "src/util.cpp", "namespace util { int f() { return 1; } }\n")
        flags = ["-DHAVE_CONFIG", "-I" + os.path.join(root, "include"), "-Wall", "-Wlogical-op"]
        entries = [
            {"directory": os.path.join(root, "src"), "file": "start.S", "arguments": ["cc", "-c", "start.S"]},
            {"directory": os.path.join(root, "src/net"), "file": "a.c",
             "arguments": ["cc"] + flags + ["-c", "a.c", "-o", "a.o"]},
            {"directory": os.path.join(root, "src/net"), "file": "b.c",
             "arguments": ["cc"] + flags + ["-c", "b.c", "-o", "b.o"]},
            {"directory": os.path.join(root, "src"), "file": "util.cpp", "arguments": ["c++", "-c", "util.cpp"]},
        ]
        write(root, "build/compile_commands.json", json.dumps(entries, indent=1))

        rc, out, err = run(["-p", "build", "--verbose"], root)
        expect("the whole database: C analyzed, .S and C++ skipped", rc == 1 and
               "a.c:9:13: error" in out and "b.c:9:13: error" in out and "error:" not in out.replace(
                   "a.c:9:13: error", "").replace("b.c:9:13: error", ""), out + err)
        expect("--verbose says what was skipped",
               "skipped 'src/start.S': not a C source file" in out
               and "util.cpp': not a C source file" in out, out)
        warn = [l for l in out.splitlines() if "-Wlogical-op" in l]
        expect("the GCC-only flag is reported once, with a file name, never on stderr",
               len(warn) == 1 and warn[0].startswith("src/net/a.c:1:1: warning:") and "-Wlogical-op" not in err
               and "the same for 1 more file" in out, out + err)

        rc, out, err = run(["-p", "build", "--verbose", "src/net/new.c"], root)
        expect("a file missing from the database borrows the nearest entry's flags",
               rc == 1 and "new.c:9:13: error" in out and
               "'src/net/new.c' is not in the compilation database: analyzed with the flags of 'src/net/a.c'" in out,
               out + err)
        rc, out, err = run(["-p", "build", "src/net/net.h"], root)
        expect("so does a header", rc == 1 and "net.h:9:13: error" in out, out + err)

        rc, out, err = run(["-p", "build", "src/net/a.c", "src/net/gone.c", "src/net/b.c"], root)
        expect("a missing file is reported, the others still analyzed, exit 2",
               rc == 2 and "no such file or directory: 'src/net/gone.c'" in out + err
               and "a.c:9:13: error" in out and "b.c:9:13: error" in out, out + err)

        rc, out, err = run(["src/start.S", "src/net/a.c", "--"] + flags, root)
        expect("an assembly file named on the command line is skipped",
               rc == 1 and "start.S" not in out + err and "a.c:9:13: error" in out, out + err)

        rc, out, err = run(["src/net/a.c", "--", "-DHAVE_CONFIG", "-I" + os.path.join(root, "include"), "-Wall"], root)
        expect("no flag warning when every flag is known", rc == 1 and "warning" not in out + err, out + err)

        rc, out, err = on_terminal(h.fearless, ["--format=short", "-p", "build"], root)
        expect("on a terminal, a progress line per unit, cleared at the end",
               rc == 1 and "\r\033[K[1/2] src/net/a.c" in err and "\r\033[K[2/2] src/net/b.c" in err
               and err.endswith("\r\033[K") and "a.c:9:13: error" in out and "[1/2]" not in out, repr(err) + out)
        rc, out, err = on_terminal(h.fearless, ["--format=short", "-p", "build", "--quiet"], root)
        expect("--quiet: no progress line", rc == 1 and "[1/2]" not in err and "a.c:9:13: error" in out, repr(err))
        rc, out, err = on_terminal(h.fearless, ["--format=short", "src/net/a.c", "--"] + flags, root)
        expect("one unit: no progress line", rc == 1 and "[1/" not in err, repr(err))
        rc, out, err = run(["-p", "build"], root)
        expect("stderr not a terminal: no progress line", rc == 1 and "[1/2]" not in err, repr(err))

    with tempfile.TemporaryDirectory() as root:
        write(root, "include/config.h", "#define CONFIG_VALUE 1\n")
        write(root, "src/a.c", NEEDS_FLAGS + BUG % "a_bug")
        write(root, "src/b.c", NEEDS_FLAGS + BUG % "b_bug")
        write(root, "src/c.c", NEEDS_FLAGS + BUG % "c_bug")
        src = os.path.join(root, "src")
        flags = ["-DHAVE_CONFIG", "-I" + os.path.join(root, "include")]
        cc1 = ["/usr/lib/llvm-19/bin/clang", "-cc1", "-triple", "x86_64-pc-linux-gnu", "-Eonly"]
        entries = [
            {"directory": src, "file": "a.c", "arguments": cc1 + flags + ["a.c"]},
            {"directory": src, "file": "a.c", "arguments": ["cc"] + flags + ["-c", "a.c", "-o", "a.o"]},
            {"directory": src, "file": "b.c", "arguments": ["cc"] + flags + ["-c", "b.c", "-o", "b.o"]},
            {"directory": src, "file": "b.c", "arguments": cc1 + flags + ["b.c"]},
            {"directory": src, "file": "c.c", "arguments": cc1 + flags + ["c.c"]},
        ]
        write(root, "build/compile_commands.json", json.dumps(entries, indent=1))
        rc, out, err = run(["-p", "build"], root)
        expect("-cc1 entries give way to the compiler command line of the same file",
               rc == 1 and "a.c:9:13: error" in out and "b.c:9:13: error" in out and "-cc1'" not in out
               and "c.c:9" not in out, out + err)
        expect("a file with only -cc1 entries is named in one warning",
               out.count("internal `-cc1` commands") == 1 and "'src/c.c' has only clang's internal" in out, out)

        entries = [{"directory": src, "file": "a.c", "arguments": ["cc", "-fno-such-flag-at-all", "-c", "a.c"]}]
        write(root, "build/compile_commands.json", json.dumps(entries, indent=1))
        rc, out, err = run(["-p", "build"], root)
        expect("an error in a unit's command line names the unit",
               rc == 2 and "unknown argument" in out and "note: in the command line of `src/a.c`" in out, out + err)

    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
