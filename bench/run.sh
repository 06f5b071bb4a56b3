#!/usr/bin/env bash
# Benchmark fearless over a real compile database (default: Open vSwitch lib/,
# prepared by bench/setup_ovs.sh).
#
#   bench/run.sh [path-to-fearless] [db-dir]
#   BENCH_RUNS=N (default 3): best of N for each measurement.
#   BENCH_CLANG=clang-19: the compiler for the -fsyntax-only baseline.
#
# Measures (a) one `fearless -p <db> -j 1 --no-cache --time-report` process over the whole
# database: libclang parse seconds, fearless's own analysis seconds (both from
# the time report) and the process wall time; (b) `clang -fsyntax-only` run per
# file, sequentially, with each entry's own flags (bench/cdb_syntax_only.py).
# Targets: analysis overhead (parse+analysis)/parse <= 1.15, and fearless wall
# < syntax-only wall. Always exits 0: a benchmark measures, it does not assert.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${BENCH_RUNS:-3}
clang=${BENCH_CLANG:-clang-19}
command -v "$clang" >/dev/null 2>&1 || clang=clang

fearless=${1:-}
if [ -z "$fearless" ]; then
    for c in "$root/build/fearless" "$root"/build-*/fearless; do
        if [ -x "$c" ]; then fearless=$c; break; fi
    done
fi
db=${2:-$here/work/ovs}
out=$here/work/results/$(basename "$(cd "$db" 2>/dev/null && pwd || echo "$db")")
mkdir -p "$out"

if [ -z "$fearless" ] || [ ! -x "$fearless" ]; then
    echo "run.sh: no fearless binary (build it, or pass its path as the first argument)" >&2
    fearless=""
fi
if [ ! -s "$db/compile_commands.json" ]; then
    echo "run.sh: no $db/compile_commands.json (run bench/setup_ovs.sh first)" >&2
    exit 0
fi

now() { date +%s.%N; }
# Floating point via awk: bash has none.
calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }
lt() { awk "BEGIN { exit !($1 < $2) }"; }

echo "database:  $db/compile_commands.json"
echo "fearless:  ${fearless:-<none>}"
echo "runs:      $runs (best of)"
echo

# --- (a) fearless, in one process -------------------------------------------
f_units="" f_failed="" b_parse="" b_anal="" b_total="" b_wall="" crashed=0
if [ -n "$fearless" ]; then
    for ((r = 1; r <= runs; r++)); do
        t0=$(now)
        "$fearless" -p "$db" -j 1 --no-cache --time-report --format=short \
            >"$out/fearless.out" 2>"$out/fearless.err"
        rc=$?
        t1=$(now)
        wall=$(calc "$t1 - $t0")
        if [ $rc -gt 2 ]; then
            # A crash is the one result that matters more than any timing.
            crashed=1
            echo "fearless run $r: CRASHED (exit $rc); stderr tail:"
            tail -n 15 "$out/fearless.err" | sed 's/^/    /'
            echo "    (find the unit with: $here/find_crash.sh $fearless $db)"
            break
        fi
        rep=$out/fearless.err
        units=$(sed -n 's/^ *units: \([0-9]*\) parsed, \([0-9]*\) failed.*/\1 \2/p' "$rep")
        parse=$(sed -n 's/^ *parse (libclang): *\([0-9.]*\) s.*/\1/p' "$rep")
        anal=$(sed -n 's/^ *analysis (fearless): *\([0-9.]*\) s.*/\1/p' "$rep")
        if [ -z "$parse" ] || [ -z "$anal" ]; then
            echo "fearless run $r: exit $rc, no time report in $rep"
            tail -n 5 "$rep" | sed 's/^/    /'
            break
        fi
        f_units=${units% *} f_failed=${units#* }
        total=$(calc "$parse + $anal")
        diags=$(grep -c ': error' "$out/fearless.out" || true)
        echo "fearless run $r: exit $rc, units $f_units parsed / $f_failed failed," \
             "parse $parse s, analysis $anal s, wall $wall s, $diags error lines"
        [ "$rc" -eq 2 ] && [ "$r" -eq 1 ] && \
            echo "    exit 2: $f_failed unit(s) failed to parse (see $out/fearless.out)"
        # Best run = lowest in-process total; its parse/analysis go together.
        if [ -z "$b_total" ] || lt "$total" "$b_total"; then
            b_total=$total b_parse=$parse b_anal=$anal
        fi
        if [ -z "$b_wall" ] || lt "$wall" "$b_wall"; then b_wall=$wall; fi
    done
    echo
fi

# --- (b) clang -fsyntax-only, one process per file -----------------------------
python3 "$here/cdb_syntax_only.py" --clang "$clang" --runs "$runs" "$db" \
    >"$out/syntax_only.out" 2>&1
sed 's/^/  /' "$out/syntax_only.out" | grep -v '^  failed:' || true
so_line=$(grep '^syntax-only:' "$out/syntax_only.out" || true)
so_units=$(sed -n 's/.*units=\([0-9]*\).*/\1/p' <<<"$so_line")
so_failed=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$so_line")
so_wall=$(sed -n 's/.*best_wall=\([0-9.]*\).*/\1/p' <<<"$so_line")
echo

# --- table ------------------------------------------------------------------
row() { printf '  %-44s %s\n' "$1" "$2"; }
echo "=== fearless benchmark ==="
if [ -n "$b_total" ]; then
    ratio=$(calc "$b_total / $b_parse")
    row "units (parsed / failed)" "$f_units / $f_failed"
    row "parse, libclang in process (s)" "$b_parse"
    row "fearless analysis (s)" "$b_anal"
    row "total (s)" "$b_total"
    row "ratio total/parse (target <= 1.15)" "$ratio"
    row "fearless wall, whole run (s)" "$b_wall"
fi
row "clang -fsyntax-only per file, wall (s)" "${so_wall:-n/a} (${so_units:-?} units, ${so_failed:-?} failed)"
if [ -n "$b_total" ] && [ -n "$so_wall" ]; then
    wr=$(calc "$b_wall / $so_wall")
    row "ratio fearless wall / syntax-only wall (< 1)" "$wr"
fi
echo
if [ "$crashed" -eq 1 ]; then
    echo "OVER BUDGET: fearless crashed (no figure)"
elif [ -z "$b_total" ]; then
    echo "NO FIGURE: fearless did not run"
elif lt 1.15 "$ratio"; then
    echo "OVER BUDGET: analysis overhead ${ratio}x parse > 1.15x"
else
    echo "WITHIN BUDGET: analysis overhead ${ratio}x parse <= 1.15x"
fi
if [ -n "${wr:-}" ]; then
    if lt "$wr" 1; then echo "fearless wall < syntax-only wall (${wr}x)"
    else echo "fearless wall NOT below syntax-only wall (${wr}x)"; fi
fi
echo "outputs: $out/"
exit 0
