#!/usr/bin/env bash
# test.sh - build fearless and run every test: unit, UI, annotations, docs (README command 2);
# then build it again with clang under AddressSanitizer and UndefinedBehaviorSanitizer
# (FEARLESS_SANITIZE) and run the whole suite once more, where any sanitizer report fails the
# test that caused it, with five minutes of the fuzz target (FEARLESS_FUZZ, ctest label `fuzz`)
# beside it. The exit status is nonzero if either pass failed.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
status=0
ctest --test-dir build --output-on-failure -j2 || status=$?

# The sanitizer pass. clang's UBSan also checks arguments declared nonnull (qsort(NULL, 0, ...)).
# ASan's frames are several times larger than plain ones: give its pass the stack depth the plain
# pass tests with 8 MiB, so that it looks for memory errors and leaves stack depth to the first.
# It also runs a few times slower: the unit tests' Check timeouts are tripled.
echo "test.sh: the whole suite again under ASan and UBSan, and five minutes of fuzzing (build-sanitize/)"
CC=clang-19 cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFEARLESS_FUZZ=ON
cmake --build build-sanitize -j"$(nproc)"
(ulimit -s 65536 && CK_TIMEOUT_MULTIPLIER=3 ctest --test-dir build-sanitize --output-on-failure -j2) || status=$?
exit "$status"
