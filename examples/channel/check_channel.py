#!/usr/bin/env python3
"""ctest checks of the channel example that need more than an exit code.

    check_channel.py clean   --fearless F FILE... -- CLANG_ARGS...
        fearless exits 0 and prints nothing on FILE... (analyzed in one run).

    check_channel.py catches --fearless F --check NAME --at REGEX FILE -- CLANG_ARGS...
        fearless --format=short exits 1 and reports exactly one error, of check NAME, on the line
        of FILE whose text matches REGEX (the line is looked up in the source, not hard-coded).

    check_channel.py output  --exe PRODUCER_CONSUMER
        producer_consumer prints the book's output: the first producer's four words in order,
        then the two producers' eight words, each producer's in its order, interleaved any way.
"""
import argparse
import re
import subprocess
import sys

GREETING = ["hi", "from", "the", "thread"]
MORE = ["more", "messages", "for", "you"]


def run(cmd, timeout=120):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def fail(msg, out="", err=""):
    print("FAIL: " + msg)
    for text in (out, err):
        sys.stdout.write("".join("    " + l + "\n" for l in text.splitlines()))
    return 1


def cmd_clean(a, clang_args):
    cmd = [a.fearless, "--color=never"] + a.files + ["--"] + clang_args
    print("$ " + " ".join(cmd))
    rc, out, err = run(cmd)
    if rc != 0 or out or err:
        return fail("expected exit 0 and no output, got exit %d" % rc, out, err)
    print("ok: exit 0, no output")
    return 0


def cmd_catches(a, clang_args):
    (path,) = a.files
    with open(path, encoding="utf-8") as f:
        lines = [i + 1 for i, l in enumerate(f) if re.search(a.at, l)]
    if len(lines) != 1:
        return fail("%r matches %d lines of %s, expected 1" % (a.at, len(lines), path))
    want_line = lines[0]
    cmd = [a.fearless, "--format=short", "--color=never", path, "--"] + clang_args
    print("$ " + " ".join(cmd))
    rc, out, err = run(cmd)
    sys.stdout.write(out + err)
    errors = re.findall(r"^(.+?):(\d+):(\d+): error: (.*) \[([\w-]+)\]$", out, re.M)
    if rc != 1:
        return fail("expected exit 1, got %d" % rc)
    if len(errors) != 1:
        return fail("expected exactly 1 error, got %d" % len(errors))
    file, line, _col, _msg, check = errors[0]
    if check != a.check or not file.endswith(path.rsplit("/", 1)[-1]) or int(line) != want_line:
        return fail("expected [%s] at %s:%d, got [%s] at %s:%s" % (a.check, path, want_line,
                                                                  check, file, line))
    print("ok: [%s] at line %d" % (check, want_line))
    return 0


def in_order(got, words):
    return [w for w in got if w in words] == words


def cmd_output(a):
    rc, out, err = run([a.exe], timeout=60)
    if rc != 0 or err:
        return fail("expected exit 0 and nothing on stderr, got exit %d" % rc, out, err)
    sys.stdout.write(out)
    lines = out.splitlines()
    try:
        i = lines.index("-- one producer --")
        j = lines.index("-- two producers --")
    except ValueError:
        return fail("section headers missing")
    one, two = lines[i + 1:j], lines[j + 1:]
    if one != ["Got: " + w for w in GREETING]:
        return fail("one producer: expected %s in order" % GREETING)
    words = [l[len("Got: "):] for l in two if l.startswith("Got: ")]
    if len(words) != len(two) or sorted(words) != sorted(GREETING + MORE):
        return fail("two producers: expected each of %s once" % (GREETING + MORE))
    if not in_order(words, GREETING) or not in_order(words, MORE):
        return fail("two producers: a producer's messages arrived out of order")
    print("ok: both parts as in the book")
    return 0


def main():
    argv = sys.argv[1:]
    clang_args = []
    if "--" in argv:
        k = argv.index("--")
        argv, clang_args = argv[:k], argv[k + 1:]
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["clean", "catches", "output"])
    ap.add_argument("--fearless")
    ap.add_argument("--check")
    ap.add_argument("--at")
    ap.add_argument("--exe")
    ap.add_argument("files", nargs="*")
    a = ap.parse_intermixed_args(argv)
    if a.mode == "clean":
        return cmd_clean(a, clang_args)
    if a.mode == "catches":
        return cmd_catches(a, clang_args)
    return cmd_output(a)


if __name__ == "__main__":
    sys.exit(main())
