#!/usr/bin/env python3
"""No static mutable state in facts/ and checks/: facts are built once per unit and owned by it,
and checks are consumers of facts, so neither may keep anything in a writable static variable
(a cache that outlives a unit, a tracker between calls). The test reads the symbol tables of the
library's objects for the .c files of those folders: every object symbol must live in a
read-only section (.rodata, or .data.rel.ro for tables of pointers), never in .data, .bss or
thread-local storage.

    test_static_state.py LIBFEARLESS_CORE.a SOURCE_DIR
"""
import os
import re
import subprocess
import sys


def main():
    lib, src = sys.argv[1], sys.argv[2]
    watched = {}
    for folder in ("analyzer/facts", "analyzer/checks"):
        for f in os.listdir(os.path.join(src, folder)):
            if f.endswith(".c"):
                watched[f + ".o"] = os.path.join(folder, f)
    out = subprocess.run(["objdump", "-t", lib], stdout=subprocess.PIPE, check=True, text=True).stdout
    member, seen, problems = None, set(), []
    for line in out.splitlines():
        m = re.match(r"^(\S+\.o):\s+file format", line)
        if m:
            member = m.group(1)
            continue
        if member not in watched:
            continue
        seen.add(member)
        # e.g. "0000000000000000 l     O .data.rel.ro.local	0000000000000030 names.0"
        f = line.split()
        if len(f) >= 6 and "O" in f[1:3]:
            section = f[3] if f[2] == "O" else f[2]
            name = f[-1]
            # what a sanitizer or coverage instrumentation adds to every object is not the code's
            if name.startswith(("__asan", "___asan", "__ubsan", "__sancov", "__odr_asan", "__llvm")):
                continue
            if not (section.startswith(".rodata") or section.startswith(".data.rel.ro")):
                problems.append("%s: `%s` is in %s: writable static state" % (watched[member], name, section))
    missing = sorted(set(watched) - seen)
    if missing:
        problems.append("objects not found in %s: %s" % (lib, ", ".join(missing)))
    for p in problems:
        print("FAIL " + p)
    print("%d objects checked, %d problems" % (len(seen), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
