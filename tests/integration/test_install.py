#!/usr/bin/env python3
"""Installation, tried for real (ctest: integration/install, integration/pre-commit).

    test_install.py --cmake cmake --build-dir build --source-dir .              # install
    test_install.py --cmake cmake --build-dir build --source-dir . --pre-commit # the hook

install: `cmake --install` into a temporary prefix puts the binary, fearless.h, the man page
fearless(1), fearless.pc and the CMake package there; pkg-config finds the header through the
.pc; a small CMake project (install_project/) uses find_package(fearless), the
fearless::annotations target and fearless_enable(): its good target builds, its bad target's
build fails on fearless's finding.

--pre-commit: `pre-commit try-repo` runs the hook of .pre-commit-hooks.yaml from this source
tree on a bad and a good file (skipped when pre-commit or git is not installed).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def sh(cmd, cwd=None, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def install(cmake, build, prefix):
    rc, out = sh([cmake, "--install", build, "--prefix", prefix])
    if rc != 0:
        raise SystemExit("FAIL: cmake --install: " + out)


def test_install(a, tmp, failures):
    prefix = os.path.join(tmp, "prefix")
    install(a.cmake, a.build_dir, prefix)

    def expect(name, ok, detail=""):
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else "\n    " + detail.replace("\n", "\n    ")))
        if not ok:
            failures.append(name)

    files = ["bin/fearless", "include/fearless.h", "share/man/man1/fearless.1", "share/pkgconfig/fearless.pc",
             "share/cmake/fearless/fearlessConfig.cmake", "share/cmake/fearless/fearlessConfigVersion.cmake"]
    missing = [f for f in files if not os.path.isfile(os.path.join(prefix, f))]
    expect("every file is installed", not missing, "missing: %s" % missing)
    if missing:
        return
    rc, out = sh([os.path.join(prefix, "bin/fearless"), "--version"])
    expect("the installed binary runs", rc == 0 and out.startswith("fearless "), out)
    man = open(os.path.join(prefix, "share/man/man1/fearless.1"), encoding="utf-8").read()
    expect("the man page has its sections and the options of the guide",
           all(s in man for s in (".TH FEARLESS 1", ".SH OPTIONS", ".SH CHECKS", ".SH EXIT STATUS",
                                  "\\-\\-baseline", "thread\\-borrow")), man[:300])
    if shutil.which("man"):
        rc, out = sh(["man", "-l", os.path.join(prefix, "share/man/man1/fearless.1")],
                     env=dict(os.environ, MANWIDTH="80", MANPAGER="cat", PAGER="cat"))
        expect("man renders it", rc == 0 and "--write-baseline" in out, out[:500])
    if shutil.which("pkg-config"):
        env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "share/pkgconfig"))
        rc, out = sh(["pkg-config", "--cflags", "fearless"], env=env)
        inc = out.strip()[2:] if out.startswith("-I") else ""
        expect("pkg-config gives the header's folder", rc == 0 and os.path.isfile(os.path.join(inc, "fearless.h")), out)
        rc, out = sh(["pkg-config", "--modversion", "fearless"], env=env)
        expect("pkg-config knows the version", rc == 0 and out.strip().count(".") == 2, out)
    else:
        print("note: pkg-config not installed, .pc not tried")

    proj = os.path.join(tmp, "project-build")
    rc, out = sh([a.cmake, "-S", os.path.join(HERE, "install_project"), "-B", proj, "-DCMAKE_PREFIX_PATH=" + prefix,
                  "-DCMAKE_C_COMPILER=" + a.cc])
    expect("find_package(fearless) configures", rc == 0, out)
    if rc != 0:
        return
    rc, out = sh([a.cmake, "--build", proj, "--target", "good"])
    expect("fearless_enable: a correct target builds", rc == 0, out)
    rc, out = sh([a.cmake, "--build", proj, "--target", "bad"])
    expect("fearless_enable: a finding fails the build", rc != 0 and "[use-after-move]" in out, out)


def test_pre_commit(a, tmp, failures):
    tool, git = shutil.which("pre-commit"), shutil.which("git")
    if not tool or not git:
        print("SKIPPED: pre-commit or git not installed (apt-get install pre-commit)")
        return
    prefix = os.path.join(tmp, "prefix")
    install(a.cmake, a.build_dir, prefix)
    repo = os.path.join(tmp, "repo")
    os.makedirs(repo)
    shutil.copy(os.path.join(HERE, "install_project", "bad.c"), repo)
    with open(os.path.join(repo, "good.c"), "w") as f:  # no flags without a database: no fearless.h
        f.write("#include <stdlib.h>\nint main(void)\n{\n    int *p = malloc(4);\n    free(p);\n    return 0;\n}\n")
    env = dict(os.environ, PATH=os.path.join(prefix, "bin") + os.pathsep + os.environ.get("PATH", ""),
               PRE_COMMIT_HOME=os.path.join(tmp, "pre-commit-home"), GIT_CONFIG_GLOBAL=os.devnull,
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@e", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@e")
    sh([git, "init", "-q", "."], cwd=repo, env=env)
    sh([git, "add", "."], cwd=repo, env=env)
    for name, f, want_fail in (("the hook fails on a finding", "bad.c", True),
                               ("the hook passes a correct file", "good.c", False)):
        rc, out = sh([tool, "try-repo", a.source_dir, "fearless", "--files", f], cwd=repo, env=env)
        ok = (rc != 0 and "[use-after-move]" in out) if want_fail else (rc == 0 and "Passed" in out)
        print(("ok   " if ok else "FAIL ") + name + ("" if ok else "\n    " + out.replace("\n", "\n    ")))
        if not ok:
            failures.append(name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--pre-commit", action="store_true")
    a = ap.parse_args()
    a.build_dir, a.source_dir = os.path.abspath(a.build_dir), os.path.abspath(a.source_dir)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        (test_pre_commit if a.pre_commit else test_install)(a, tmp, failures)
    print("%d failed" % len(failures) if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
