#!/usr/bin/env bash
# Find which units of a compile database crash fearless, one process per unit,
# and print a gdb backtrace for each (when gdb is installed).
#
#   bench/find_crash.sh [path-to-fearless] [db-dir]
#
# run.sh runs the whole database in one process, so a crash there does not say
# which file; this does. Exit 0 if nothing crashed, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fearless=${1:-}
if [ -z "$fearless" ]; then
    for c in "$root/build/fearless" "$root"/build-*/fearless; do
        if [ -x "$c" ]; then fearless=$c; break; fi
    done
fi
db=${2:-$here/work/ovs}
[ -x "$fearless" ] || { echo "find_crash: no fearless binary" >&2; exit 2; }

mapfile -t files < <(python3 -c '
import json, os, sys
seen = set()
for e in json.load(open(os.path.join(sys.argv[1], "compile_commands.json"))):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    if f not in seen:
        seen.add(f); print(f)' "$db")

crashes=0
for f in "${files[@]}"; do
    "$fearless" -p "$db" --format=short "$f" >/dev/null 2>&1
    rc=$?
    if [ $rc -gt 2 ]; then
        crashes=$((crashes + 1))
        echo "CRASH (exit $rc): $f"
        if command -v gdb >/dev/null; then
            gdb -q -batch -ex run -ex bt --args "$fearless" -p "$db" --format=short "$f" \
                2>&1 | sed -n '/^Program received/,$p' | sed 's/^/    /' | head -n 40
        fi
    fi
done
echo "find_crash: ${#files[@]} units, $crashes crashed"
[ $crashes -eq 0 ]
