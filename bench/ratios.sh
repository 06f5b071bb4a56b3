#!/usr/bin/env bash
# Issue 12's ratios, in one run, against the floor (bench/parse_floor: libclang parsing every
# unit of the database in one process, with fearless's own parse options, and nothing else).
#
#   bench/ratios.sh [path-to-fearless] [db-dir]
#   BENCH_RUNS=N (default 2): best of N for each measurement.
#   BENCH_TOUCH=<file>: the source touched for "one file touched" (default: the database's first).
#
# Measures, as wall times of whole processes:
#   floor         parse_floor <db>
#   cold -j 1     fearless -p <db> -j 1, empty cache        target <= 1.05x floor
#   cold -j 2     the same with -j 2                         target <= 0.6x cold -j 1
#   warm          again, cache full (default -j): the last   target <= 0.05x cold -j 1
#                 run's report is replayed (cli/replay.h)
#   relink        again, with the report removed: every unit's tree read back, nothing parsed, the
#                 analysis and the link done again (what a run after an edit does besides parsing)
#   touched       one source touched (its mtime moved)       target <= 1.5x (floor of that unit + relink)
#   clang-tidy    clang-tidy -p <db> --checks=-*,concurrency-* on every file, one process (the peer)
# Always exits 0: a benchmark measures, it does not assert.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${BENCH_RUNS:-2}
fearless=${1:-$root/build/fearless}
db=$(cd "${2:-$here/work/ovs}" && pwd)
floor=$(dirname "$fearless")/bench/parse_floor
[ -x "$floor" ] || floor=$root/build/bench/parse_floor
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT

if [ ! -x "$fearless" ] || [ ! -x "$floor" ] || [ ! -s "$db/compile_commands.json" ]; then
    echo "ratios.sh: need $fearless, $floor and $db/compile_commands.json (bench/setup_ovs.sh)" >&2
    exit 0
fi
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
best() { # best of $runs wall seconds of "$@" (stdout and stderr dropped); $prep runs before each
    local b="" t0 t1 w
    for ((r = 1; r <= runs; r++)); do
        eval "${prep:-true}"
        t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
        w=$(calc "$t1 - $t0")
        if [ -z "$b" ] || awk "BEGIN { exit !($w < $b) }"; then b=$w; fi
    done
    echo "$b"
}

units=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$db/compile_commands.json")
touch_file=${BENCH_TOUCH:-$(python3 -c "
import json, os, sys
e = json.load(open(sys.argv[1]))[0]
print(os.path.join(e['directory'], e['file']))" "$db/compile_commands.json")}
echo "database: $db ($units entries); fearless: $fearless; best of $runs"

f=(-p "$db" --format=short --quiet --cache-dir="$cache")
prep=""
t_floor=$(best "$floor" "$db")
prep="rm -rf '$cache'/*"
t_cold1=$(best "$fearless" "${f[@]}" -j 1)
t_cold2=$(best "$fearless" "${f[@]}" -j 2)
prep=""
"$fearless" "${f[@]}" >/dev/null 2>&1 # fill the cache
t_warm=$(best "$fearless" "${f[@]}")
prep="rm -f '$cache'/*.flreport"
t_relink=$(best "$fearless" "${f[@]}")
orig=$(stat -c %Y "$touch_file")
prep="touch -m '$touch_file'"
t_touch=$(best "$fearless" "${f[@]}")
touch -m -d "@$orig" "$touch_file"
prep=""
t_unit=$(best "$floor" "$db" "$touch_file")
t_tidy=n/a
tidy=$(command -v clang-tidy-19 || command -v clang-tidy || true)
if [ -n "$tidy" ]; then
    mapfile -t files < <(python3 -c "
import json, os, sys
for e in json.load(open(sys.argv[1])):
    print(os.path.join(e['directory'], e['file']))" "$db/compile_commands.json")
    t_tidy=$(best "$tidy" -p "$db" --quiet --checks='-*,concurrency-*' "${files[@]}")
fi

row() { printf '  %-34s %10s s  %s\n' "$1" "$2" "$3"; }
echo
row "floor (parse_floor, 1 process)" "$t_floor" ""
row "fearless cold -j 1" "$t_cold1" "$(calc "$t_cold1 / $t_floor")x floor (target <= 1.05)"
row "fearless cold -j 2" "$t_cold2" "$(calc "$t_cold2 / $t_cold1")x cold -j 1 (target <= 0.6)"
row "fearless warm (nothing changed)" "$t_warm" "$(calc "$t_warm / $t_cold1")x cold -j 1 (target <= 0.05)"
row "fearless relink (no report kept)" "$t_relink" "$(calc "$t_relink / $t_cold1")x cold -j 1"
row "fearless, one file touched" "$t_touch" "$(calc "$t_touch / ($t_unit + $t_relink)")x (its parse $t_unit s + relink) (target <= 1.5)"
if [ "$t_tidy" != n/a ]; then
    row "clang-tidy concurrency-* (peer)" "$t_tidy" "$(calc "$t_tidy / $t_floor")x floor"
fi
echo "  touched: $touch_file"
exit 0
