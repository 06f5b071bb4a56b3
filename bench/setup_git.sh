#!/usr/bin/env bash
# Prepare the second benchmark corpus: git (Debian 12's `git` source package, 2.39)
# with a compile database.
#
# Idempotent: each step is skipped when its result is already there, so the
# script can be re-run after an interruption (or by CI on a fresh machine).
# Result: bench/work/git/compile_commands.json (one entry per C unit that
# `make all` compiles with clang-19: libgit.a, xdiff/, reftable/, the builtins,
# the git binary and the other programs, t/helper/).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work="$here/work"
src="$work/git"
db="$src/compile_commands.json"
jobs=${BENCH_JOBS:-2}

log() { printf '[setup_git] %s\n' "$*"; }
tag=setup_git
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

# --- 1. packages (as root, only what is missing) ---------------------------
# bear records the compile database; dpkg-dev gives `apt-get source` its
# dpkg-source; python3 counts the entries. The rest are the libraries a plain
# `make` of git links by default: curl (http.c, remote-curl.c, http-*.c),
# expat (http-push.c), zlib (everywhere), OpenSSL (imap-send.c); pcre2 is
# optional (`git grep -P`, USE_LIBPCRE2 below) and gettext gives msgfmt for po/.
need_packages bear clang-19 make dpkg-dev python3 \
         libcurl4-gnutls-dev libexpat1-dev zlib1g-dev libpcre2-dev libssl-dev gettext

cc=clang-19
command -v "$cc" >/dev/null || cc=clang

# --- 2. database already there? ---------------------------------------------
if [ -s "$db" ] && n=$(count_entries "$db" 2>/dev/null) && [ "$n" -gt 0 ]; then
    log "compile database already present: $db"
    log "entries: $n"
    exit 0
fi

# --- 3. source: apt-get source git ---------------------------------------------
# apt-get source downloads the .dsc and its tarballs and unpacks them with
# dpkg-source -x (which applies Debian's own patches); nothing else is applied.
mkdir -p "$work"
if [ ! -f "$src/Makefile" ] || [ ! -f "$src/git.c" ]; then
    tmp="$work/git-src.tmp"
    rm -rf "$src" "$tmp"
    mkdir -p "$tmp"
    log "apt-get source git (in $tmp)"
    # Needs deb-src lines in /etc/apt/sources.list*; refresh the lists once if
    # the first try finds no source package.
    if ! (cd "$tmp" && apt-get source -qq git) >"$work/git-source.log" 2>&1; then
        log "apt-get source failed; apt-get update and retry"
        if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; fi
        (cd "$tmp" && apt-get source -qq git) >"$work/git-source.log" 2>&1 || {
            echo "setup_git: apt-get source git failed (deb-src lines configured?), see $work/git-source.log" >&2
            tail -n 20 "$work/git-source.log" >&2
            exit 2
        }
    fi
    # The unpacked directory's name carries the package version (git-2.39.5).
    top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'git-*' | head -n1)
    if [ -z "$top" ] || [ ! -f "$top/git.c" ]; then
        echo "setup_git: no unpacked git tree under $tmp" >&2
        exit 2
    fi
    log "unpacked $(basename "$top") -> $src"
    mv "$top" "$src"
    rm -rf "$tmp"
fi

# --- 4. build everything under bear -------------------------------------------
# Knobs: no Tcl/Tk (gitk, git-gui), no Perl or Python scripts (none of them is
# C); pthreads stay on (git's default on Linux). Generated headers
# (command-list.h, config-list.h, hook-list.h) are prerequisites of the objects
# that include them, so `make all` builds them first.
knobs=(NO_TCLTK=YesPlease NO_PERL=YesPlease NO_PYTHON=YesPlease USE_LIBPCRE2=YesPlease)
cd "$src"
# bear records only the commands that run, so objects left by an interrupted
# earlier run would be missing from the database: start from none.
find . -name '*.o' -type f -delete
rm -f "$db"
log "bear -- make -k -j$jobs CC=$cc ${knobs[*]} all (log: $work/git-make.log)"
start=$SECONDS
bear --output "$db" -- make -k -j"$jobs" CC="$cc" "${knobs[@]}" all \
    >"$work/git-make.log" 2>&1 || log "make reported failures (see $work/git-make.log)"
log "build took $((SECONDS - start)) s"

if [ ! -s "$db" ]; then
    echo "setup_git: bear produced no database, see $work/git-make.log" >&2
    exit 2
fi
log "compile database: $db"
log "entries: $(count_entries "$db")"
