#!/usr/bin/env bash
# demo.sh - build fearless and run it on the shipped examples (README command 1).
#
# The examples contain real thread-borrow bugs, so fearless is expected to exit 1 here; this
# script exits 0 after showing its findings, and non-zero if the build fails or fearless
# reports an input error (exit 2: a file it could not read or parse).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"

echo
echo "\$ build/fearless examples/*.c"
status=0
build/fearless examples/*.c || status=$?
echo
case $status in
    0) echo "demo: fearless found nothing (exit 0)" ;;
    1) echo "demo: fearless reported the bugs planted in examples/ (exit 1, as expected)" ;;
    *) echo "demo: fearless failed with exit status $status" >&2
       exit "$status" ;;
esac
