#!/usr/bin/env bash
# bootstrap.sh - install what building and testing fearless need (Debian 12 / Ubuntu).
#
# Does nothing when everything is already installed. As root it installs the missing packages
# with apt-get; otherwise it prints the command to run and exits 1.
set -euo pipefail

# Package -> what it provides: build tools, libcheck + pkg-config for the unit tests, python3 for
# the UI and doc tests, libclang/LLVM 19 for the analyzer, clang-19 for the annotation tests and
# the sanitizer pass of scripts/test.sh, whose ASan, UBSan and libFuzzer runtimes are in
# libclang-rt-19-dev, and clang-tools-19 for clang-apply-replacements (integration/suggest applies
# the --export-fixes YAML with it).
PACKAGES=(cmake make gcc pkg-config check python3 libclang-19-dev llvm-19-dev clang-19 libclang-rt-19-dev
          clang-tools-19)

installed() {
    # dpkg -s succeeds for removed-but-configured packages too; require "install ok installed".
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "bootstrap: not a Debian/Ubuntu system (no dpkg); install by hand: ${PACKAGES[*]}" >&2
    echo "bootstrap: (cmake >= 3.16, a C11 compiler, pkg-config, libcheck, python3, libclang >= 17 with headers)" >&2
    exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
    installed "$p" || missing+=("$p")
done

# Optional: pre-commit and meson (Debian) and Microsoft's SARIF validator (npm), for the ctest
# tests integration/pre-commit, integration/meson and integration/sarif-multitool, which are
# skipped without them.
# Never fatal: a machine without them or the registries still builds and tests.
optional_tools() {
    if [ "$(id -u)" -eq 0 ] && ! command -v pre-commit >/dev/null 2>&1; then
        # for ctest integration/pre-commit, skipped without it
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends pre-commit >/dev/null 2>&1 \
            && echo "bootstrap: installed pre-commit" \
            || echo "bootstrap: could not install pre-commit; its test will be skipped"
    fi
    if [ "$(id -u)" -eq 0 ] && ! command -v meson >/dev/null 2>&1; then
        # for ctest integration/meson (a Meson project and its clang-tidy target), skipped without it
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends meson ninja-build >/dev/null 2>&1 \
            && echo "bootstrap: installed meson" \
            || echo "bootstrap: could not install meson; its test will be skipped"
    fi
    if command -v sarif-multitool >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" -eq 0 ] && command -v npm >/dev/null 2>&1; then
        if timeout 600 npm install -g --no-fund --no-audit @microsoft/sarif-multitool >/dev/null 2>&1; then
            echo "bootstrap: installed sarif-multitool (npm)"
        else
            echo "bootstrap: could not install sarif-multitool with npm; its test will be skipped"
        fi
    else
        echo "bootstrap: sarif-multitool not installed (npm install -g @microsoft/sarif-multitool); its test will be skipped"
    fi
}

if [ ${#missing[@]} -eq 0 ]; then
    echo "bootstrap: all build and test dependencies are installed"
    optional_tools
    exit 0
fi

echo "bootstrap: missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: not root; install them with:" >&2
    echo "    sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"
echo "bootstrap: installed ${missing[*]}"
optional_tools
