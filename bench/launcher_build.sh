#!/usr/bin/env bash
# A CMake project built twice from scratch, plainly and with fearless-cc as the compiler
# launcher, then `fearless --link` on the second build against `fearless -p` on it.
#
#   bench/launcher_build.sh <cmake source dir> [path-to-fearless] [cmake args...]
#   BENCH_JOBS=N (default: the cores): the build's parallelism.
#
# Prints both build wall times and their ratio (issue 12's target: the launcher build at most
# 1.1x the plain one), the --link wall time, and whether --link reported what -p reported.
# Always exits 0: a benchmark measures, it does not assert.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "${1:?usage: launcher_build.sh <cmake source dir> [fearless] [cmake args...]}" && pwd)
fearless=$(cd "$(dirname "${2:-$here/../build/fearless}")" && pwd)/fearless
shift $(($# >= 2 ? 2 : 1))
cc=$(dirname "$fearless")/fearless-cc
jobs=${BENCH_JOBS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

build() { # build <dir> [extra cmake args]: configure (not timed), then the timed build
    local dir=$1; shift
    cmake -S "$src" -B "$dir" -G "Unix Makefiles" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "$@" >/dev/null 2>&1 || return 1
    local t0; t0=$(now)
    cmake --build "$dir" -j "$jobs" >"$dir.log" 2>&1 || return 1
    calc "$(now) - $t0"
}

t_plain=$(build "$work/plain" "$@") || { echo "plain build failed"; exit 0; }
t_cc=$(build "$work/cc" -DCMAKE_C_COMPILER_LAUNCHER="$cc" "$@") || { echo "launcher build failed"; exit 0; }
trees=$(find "$work/cc" -name '*.fltree' | wc -l)
t0=$(now)
"$fearless" --link "$work/cc" --format=short --quiet >"$work/link.out" 2>"$work/link.err"
t_link=$(calc "$(now) - $t0")
"$fearless" -p "$work/cc" --format=short --quiet --no-cache >"$work/p.out" 2>/dev/null
same=no
cmp -s "$work/link.out" "$work/p.out" && same=yes

echo "project: $src ($trees units with a tree), make -j $jobs"
printf '  %-36s %8s s\n' "plain build" "$t_plain"
printf '  %-36s %8s s  %sx plain (target <= 1.1)\n' "build with fearless-cc" "$t_cc" "$(calc "$t_cc / $t_plain")"
printf '  %-36s %8s s  (%s findings lines; the same as -p: %s)\n' "fearless --link" "$t_link" \
    "$(wc -l <"$work/link.out")" "$same"
exit 0
