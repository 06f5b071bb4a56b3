"""Shared by the integration tests: run the real binary, write project files, tally checks."""
import argparse
import os
import subprocess


class Harness:
    """`h = Harness()` parses --fearless; h.run(...) runs it; h.expect(name, ok, detail) tallies."""

    def __init__(self, description=None):
        ap = argparse.ArgumentParser(description=description)
        ap.add_argument("--fearless", required=True)
        self.fearless = os.path.abspath(ap.parse_args().fearless)
        self.failures = []

    def run(self, args, cwd, merge_stderr=False):
        """(exit code, stdout, stderr) of fearless with --color=never and args, in cwd."""
        p = subprocess.run([self.fearless, "--color=never"] + args, cwd=cwd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE, timeout=120)
        err = "" if merge_stderr else p.stderr.decode("utf-8", "replace")
        return p.returncode, p.stdout.decode("utf-8", "replace"), err

    def expect(self, name, ok, detail=""):
        if ok:
            print("ok   " + name)
        else:
            self.failures.append(name)
            print("FAIL " + name + ("\n    " + detail.replace("\n", "\n    ") if detail else ""))

    def finish(self):
        """Print the tally; the exit status for sys.exit."""
        print("%d failed" % len(self.failures) if self.failures else "all passed")
        return 1 if self.failures else 0


def write(root, rel, text):
    """Write text to root/rel, making its folders."""
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
