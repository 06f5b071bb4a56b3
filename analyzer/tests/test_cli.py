#!/usr/bin/env python3
"""End-to-end tests of fearless's strict inputs and outputs, on the real binary (ctest cli/strict).

What a script or a CI job relies on: usage errors are errors (exit 2, on stderr, and a JSON
object under --format=json), stdout carries only the diagnostics, a malformed
compile_commands.json is an error at its line and column, lost output is an error, file names
come out byte-exact, nothing blocks on a FIFO, and each parse failure says why.

    test_cli.py --fearless build/fearless [-v]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import unittest

FEARLESS = None
BAD = ('#include <pthread.h>\n'
       'static void *run(void *arg) { return arg; }\n'
       'int start(void)\n{\n    int local = 0;\n    pthread_t t;\n'
       '    pthread_create(&t, NULL, run, &local);\n    return pthread_detach(t);\n}\n')


def run(args, cwd=None, timeout=60, stdout=subprocess.PIPE):
    return subprocess.run([FEARLESS, *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                          timeout=timeout)


def json_lines(data):
    """Every line of stdout parsed as JSON (the test fails on anything else)."""
    return [json.loads(line) for line in data.decode("utf-8", "surrogateescape").splitlines()]


class Tmp(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fl_cli_")
        self.dir = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(os.fsencode(self.dir), os.fsencode(name))
        with open(path, "wb") as f:
            f.write(text.encode() if isinstance(text, str) else text)
        return path


class Checks(Tmp):
    def test_checks_that_enable_nothing_are_a_usage_error(self):
        self.write("a.c", BAD)
        # a misspelt name is named, with the check it most likely means
        p = run(["--checks=-*,thread-borow", "a.c"], cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"unknown check `thread-borow` in --checks; did you mean `thread-borrow`?", p.stderr)
        # globs that match no check at all
        p = run(["--checks=-*", "a.c"], cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"enables no check", p.stderr)

    def test_a_code_in_checks_names_its_checks(self):
        p = run(["--checks=E0277", "--list-checks"])
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"unknown check `E0277` in --checks; did you mean 'not-send' or 'not-sync'?", p.stderr)


class JsonStdout(Tmp):
    def test_usage_error_is_one_json_object_on_stdout_and_text_on_stderr(self):
        for args in (["--format=json", "--frob", "a.c"], ["--frob", "--format=json"], ["--format=json"],
                     ["--format=json", "--checks=-*"], ["--format=json", "--explain", "nope"]):
            p = run(args, cwd=self.dir)
            self.assertEqual(p.returncode, 2, args)
            objs = json_lines(p.stdout)
            self.assertEqual(len(objs), 1, args)
            self.assertEqual(objs[0]["level"], "error")
            self.assertIsNone(objs[0]["code"])
            self.assertEqual(objs[0]["spans"], [])
            self.assertIn(b"error: " + objs[0]["message"].encode(), p.stderr)

    def test_usage_error_goes_to_stderr_in_human_format(self):
        p = run(["--frob"])
        self.assertEqual((p.returncode, p.stdout), (2, b""))
        self.assertIn(b"error: unknown option '--frob'", p.stderr)

    def test_dumps_go_to_stderr(self):
        self.write("a.c", BAD)
        p = run(["--format=json", "--dump-ast", "--dump-cfg", "a.c"], cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(all(o["check"] for o in json_lines(p.stdout)))
        self.assertIn(b"func start", p.stderr)
        self.assertIn(b"cfg start", p.stderr)


class CompileDatabase(Tmp):
    def db(self, text):
        self.write("a.c", BAD)
        self.write("compile_commands.json", text.replace("DIR", self.dir))
        return run(["-p", ".", "--format=short"], cwd=self.dir)

    def test_malformed_databases_are_errors_at_their_line_and_column(self):
        entry = '{"directory": "DIR", "command": "cc -c a.c", "file": "a.c"}'
        cases = {
            "[\n  " + entry + ",\n": "compile_commands.json:2:81: error: malformed compilation database: "
                                     "unexpected end of the file",
            "[\n  " + entry + "\n]\n}\n": "compile_commands.json:4:1: error: malformed compilation database: "
                                          "trailing characters",
            "- directory: DIR\n  command: cc -c a.c\n  file: a.c\n":
                "compile_commands.json:1:1: error: malformed compilation database: a compilation database "
                "is a JSON array",
        }
        for text, want in cases.items():
            p = self.db(text)
            self.assertEqual(p.returncode, 2, text)
            self.assertTrue(p.stdout.decode().startswith(want), p.stdout)
            self.assertNotIn(b"LIBCLANG", p.stderr)

    def test_a_command_compiling_two_files_says_so(self):
        self.write("b.c", "int b;\n")
        p = self.db('[{"directory": "DIR", "command": "cc -c a.c b.c", "file": "a.c"}]')
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"its compile command compiles 2 files ('b.c' too)", p.stdout)


class LostOutput(Tmp):
    def test_dev_full_is_an_error(self):
        self.write("a.c", BAD)
        with open("/dev/full", "wb") as full:
            p = run(["a.c"], cwd=self.dir, stdout=full)
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"cannot write the output: No space left on device", p.stderr)

    def test_closed_pipe_is_an_error(self):
        self.write("a.c", BAD)
        p = subprocess.Popen([FEARLESS, "a.c"], cwd=self.dir, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        p.stdout.close()  # before fearless has parsed anything, so before it writes
        err = p.stderr.read()
        p.stderr.close()
        self.assertEqual(p.wait(timeout=60), 2)
        self.assertIn(b"cannot write the output: Broken pipe", err)


class FileNames(Tmp):
    def test_a_tab_in_a_name_is_quoted_in_short_and_human(self):
        self.write("a\tb.c", BAD)
        p = run(["--format=short", "a\tb.c"], cwd=self.dir)
        self.assertEqual(p.returncode, 1)
        self.assertTrue(p.stdout.startswith(b'"a\\tb.c":7:'), p.stdout)
        p = run(["a\tb.c"], cwd=self.dir)
        self.assertIn(b' --> "a\\tb.c":7:', p.stdout)

    def test_a_byte_that_is_not_utf8_round_trips_through_json(self):
        name = b"caf\xe9.c"  # Latin-1
        self.write(name, BAD)
        p = subprocess.run([os.fsencode(FEARLESS), b"--format=json", name], cwd=self.dir,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 1)
        self.assertIn(b'"file":"caf\\udce9.c"', p.stdout)
        spans = json_lines(p.stdout)[0]["spans"]
        self.assertEqual(os.fsencode(spans[0]["file"]), name)


class Inputs(Tmp):
    def test_a_fifo_is_refused_not_waited_on(self):
        os.mkfifo(os.path.join(self.dir, "pipe.c"))
        p = run(["pipe.c"], cwd=self.dir, timeout=20)
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"'pipe.c' is a FIFO (named pipe), not a source file", p.stdout)

    def test_an_unknown_extension_says_so(self):
        self.write("a.txt", BAD)
        p = run(["--format=short", "a.txt"], cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"clang does not know the file extension '.txt'", p.stdout)
        self.assertNotIn(b"cannot read the AST file", p.stdout)

    def test_too_many_errors_comes_after_the_errors(self):
        self.write("e.c", "".join("int f%d(void) { return nope_%d; }\n" % (i, i) for i in range(30)))
        p = run(["--format=short", "e.c"], cwd=self.dir)
        self.assertEqual(p.returncode, 2)
        lines = p.stdout.decode().splitlines()
        self.assertEqual(lines[-1], "fearless: error: too many errors emitted, stopping now")
        self.assertTrue(lines[0].startswith("e.c:1:"), lines[0])


def main():
    global FEARLESS
    ap = argparse.ArgumentParser()
    ap.add_argument("--fearless", required=True)
    ap.add_argument("-v", action="store_true")
    a, rest = ap.parse_known_args()
    FEARLESS = os.path.abspath(a.fearless)
    unittest.main(argv=[sys.argv[0], *(["-v"] if a.v else []), *rest])


if __name__ == "__main__":
    main()
