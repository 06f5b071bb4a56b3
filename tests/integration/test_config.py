#!/usr/bin/env python3
"""Configuration through the real binary: .fearless and .clang-tidy found by walking up from
each analyzed file, the nearest one winning; --config-file; and the errors for unknown check
names, keys and levels, with their "did you mean".

    test_config.py --fearless build/fearless
"""
import os
import sys
import tempfile

from harness import Harness, write

USE_AFTER_FREE = "#include <stdlib.h>\nint f(int *p)\n{\n    free(p);\n    return *p;\n}\n"


def main():
    h = Harness(__doc__.splitlines()[0])

    def expect(name, args, cwd, rc, contains=(), absent=()):
        got_rc, out, _ = h.run(["--format=short"] + args, cwd, merge_stderr=True)
        bad = [] if got_rc == rc else ["exit %d, expected %d" % (got_rc, rc)]
        bad += ["missing %r" % c for c in contains if c not in out]
        bad += ["unexpected %r" % a for a in absent if a in out]
        h.expect(name, not bad, "; ".join(bad) + "\noutput:\n" + out)

    with tempfile.TemporaryDirectory() as root:
        write(root, "src/deep/x.c", USE_AFTER_FREE)
        x = ["src/deep/x.c", "--"]
        expect("no configuration: an error", x, root, 1, ["x.c:5:13: error: use of freed value"])

        write(root, ".fearless", "# project settings\nuse-after-move = warning\n")
        expect("a .fearless two folders up applies", x, root, 0, ["x.c:5:13: warning: use of freed value"])

        write(root, "src/.fearless", "checks = *,-use-after-*\n")
        expect("the nearest .fearless wins", x, root, 0, absent=["use of freed value"])
        os.remove(os.path.join(root, "src/.fearless"))

        expect("--level overrides .fearless", ["--level=use-after-move=error"] + x, root, 1,
               ["x.c:5:13: error: use of freed value"])
        expect("--warnings-as-errors promotes the configured warning", ["--warnings-as-errors"] + x, root, 1,
               ["x.c:5:13: error: use of freed value"])
        os.remove(os.path.join(root, ".fearless"))

        write(root, ".clang-tidy", "Checks: '-*,clang-analyzer-*'\n")
        expect(".clang-tidy's `-*` is clang-tidy's, not fearless's", x, root, 1, ["error: use of freed value"])
        write(root, ".clang-tidy", "Checks: '-*,-fearless-use-after-move'\n")
        expect(".clang-tidy's fearless- items count", x, root, 0, absent=["use of freed value"])
        write(root, ".clang-tidy", "Checks: '-*,fearless-*'\nWarningsAsErrors: 'fearless-*'\n")
        write(root, "src/.fearless", "use-after-move = warning\nwarnings-as-errors = -*\n")
        expect(".fearless comes after .clang-tidy", x, root, 0, ["warning: use of freed value"])
        os.remove(os.path.join(root, "src/.fearless"))
        os.remove(os.path.join(root, ".clang-tidy"))

        write(root, "other.conf", "use-after-move = off\n")
        write(root, ".fearless", "use-after-move = warning\n")
        expect("--config-file replaces the files found", ["--config-file=other.conf"] + x, root, 0,
               absent=["use of freed value"])
        os.remove(os.path.join(root, ".fearless"))

        write(root, ".fearless", "checks = *\nuse-after-mvoe = off\ndata-race = warn\nstrict\n")
        expect("unknown key, bad level and a line without `=` are located errors", x, root, 2,
               [".fearless:2:1: error: unknown key `use-after-mvoe` in `.fearless`",
                "help: did you mean `use-after-move`?",
                ".fearless:3:1: error: invalid level `warn`",
                ".fearless:4:1: error: expected `key = value`"])
        write(root, ".fearless", "chekcs = *\n")
        expect("a misspelt key is suggested too", x, root, 2, ["did you mean `checks`?"])
        os.remove(os.path.join(root, ".fearless"))

        expect("unknown check in --checks", ["--checks=-*,data-rase"] + x, root, 2,
               ["error: unknown check `data-rase` in --checks; did you mean `data-race`?"])
        expect("unknown check in --warnings-as-errors", ["--warnings-as-errors=lock-leek"] + x, root, 2,
               ["did you mean `lock-leak`?"])
        expect("globs and fearless- prefixes are fine in --checks", ["--checks=-*,fearless-use-after-*"] + x,
               root, 1, ["error: use of freed value"])
        expect("unknown level in --level", ["--level=data-race=fatal"] + x, root, 2,
               ["invalid level `fatal` in --level"])
        expect("--level without a level", ["--level=data-race"] + x, root, 2, ["expected <checks>=<error|warning|off>"])
        expect("a missing --config-file", ["--config-file=nope.yaml"] + x, root, 2, ["cannot read --config-file"])

    return h.finish()


if __name__ == "__main__":
    sys.exit(main())
