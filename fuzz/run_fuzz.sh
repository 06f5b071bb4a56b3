#!/usr/bin/env bash
# run_fuzz.sh - run the fuzz target from seeds gathered out of the repository's own C files.
#
#   run_fuzz.sh FUZZER SECONDS WORKDIR [libFuzzer options...]
#       Copy testcases/**/*.c and examples/**/*.c into WORKDIR/seeds (fresh each run: the seeds
#       are never committed), keep the corpus the fuzzer grows in WORKDIR/corpus (kept between
#       runs), and fuzz for SECONDS. Crashes, sanitizer reports, leaks, timeouts (30 s an input)
#       and inputs over 2 GB end the run with a nonzero status and leave the input in
#       WORKDIR/artifacts/. This is the ctest fuzz/short and the release run (docs/hardening.md).
#   run_fuzz.sh --replay FUZZER DIR
#       Run every file of DIR but its README.md through the target once (the committed
#       regressions).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
export LIBCLANG_DISABLE_CRASH_RECOVERY=1
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

if [ "${1:-}" = "--replay" ]; then
    fuzzer="$2" dir="$3"
    shopt -s nullglob
    files=()
    for f in "$dir"/*; do
        [ "$(basename "$f")" = README.md ] || files+=("$f")
    done
    if [ ${#files[@]} -eq 0 ]; then
        echo "run_fuzz.sh: no regression inputs in $dir"
        exit 0
    fi
    exec "$fuzzer" -rss_limit_mb=4096 "${files[@]}"
fi

fuzzer="$1" seconds="$2" work="$3"
shift 3
mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$work/seeds"
mkdir -p "$work/seeds"
n=0
while IFS= read -r -d '' f; do
    # one flat folder: the path, slashes made dashes, is the name
    rel="${f#"$root"/}"
    cp "$f" "$work/seeds/${rel//\//-}"
    n=$((n + 1))
done < <(find "$root/testcases" "$root/examples" -name '*.c' -type f -print0)
echo "run_fuzz.sh: $n seeds from testcases/ and examples/, fuzzing for ${seconds}s"
exec "$fuzzer" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -dict="$here/c.dict" -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" \
    "$work/corpus" "$work/seeds"
