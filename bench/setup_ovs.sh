#!/usr/bin/env bash
# Prepare the benchmark corpus: Open vSwitch's lib/ with a compile database.
#
# Idempotent: each step is skipped when its result is already there, so the
# script can be re-run after an interruption (or by CI on a fresh machine).
# Result: bench/work/ovs/compile_commands.json (one entry per lib/ unit that
# clang-19 compiled; a handful of OVS files fail with clang and that's fine).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work="$here/work"
ovs="$work/ovs"
db="$ovs/compile_commands.json"
jobs=${BENCH_JOBS:-2}

log() { printf '[setup_ovs] %s\n' "$*"; }
tag=setup_ovs
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

# --- 1. packages (as root, only what is missing) ---------------------------
# openvswitch-source ships the tarball; bear records the compile database;
# autoconf/automake/libtool only matter if the tarball has no configure script
# or make decides to regenerate it; python3 runs OVS's code generators.
need_packages openvswitch-source bear clang-19 autoconf automake libtool python3 make

cc=clang-19
command -v "$cc" >/dev/null || cc=clang

# --- 2. database already there? ---------------------------------------------
have_lib=""
if [ -s "$db" ] && n=$(count_entries "$db" 2>/dev/null) && [ "$n" -gt 0 ]; then
    log "compile database already present: $db"
    log "entries: $n"
    have_lib=1
fi

if [ -z "$have_lib" ]; then
# --- 3. unpack ----------------------------------------------------------------
mkdir -p "$work"
if [ ! -f "$ovs/configure.ac" ]; then
    tarball=$(find /usr/src -maxdepth 2 -path '/usr/src/openvswitch*/openvswitch*.tar.*' \
        2>/dev/null | head -n1)
    if [ -z "$tarball" ]; then
        echo "setup_ovs: no tarball under /usr/src/openvswitch*/" >&2
        exit 2
    fi
    log "unpacking $tarball"
    rm -rf "$ovs" "$work/unpack"
    mkdir -p "$work/unpack"
    tar -xf "$tarball" -C "$work/unpack"
    # The tarball's top directory name varies with the package version.
    top=$(find "$work/unpack" -mindepth 1 -maxdepth 1 -type d | head -n1)
    mv "$top" "$ovs"
    rm -rf "$work/unpack"
fi

# --- 4. configure ------------------------------------------------------------
cd "$ovs"
if [ ! -x configure ]; then
    log "no configure script: running ./boot.sh"
    ./boot.sh
fi
if [ ! -f Makefile ]; then
    log "configure CC=$cc"
    ./configure CC="$cc" >"$work/configure.log" 2>&1 || {
        echo "setup_ovs: configure failed, see $work/configure.log" >&2
        tail -n 20 "$work/configure.log" >&2
        exit 2
    }
fi

# --- 5. generated sources ----------------------------------------------------
# lib/ includes headers that make generates (include/odp-netlink.h, the OVSDB
# IDL headers). They are BUILT_SOURCES, which automake builds only for `make
# all`, not as prerequisites of lib/libopenvswitch.la: without this step about
# half of lib/ fails with "'odp-netlink.h' file not found".
# shellcheck disable=SC2016  # $(BUILT_SOURCES) is for make, not the shell
printf 'fl-print-built-sources:\n\t@echo $(BUILT_SOURCES)\n' >"$work/built_sources.mk"
built=$(make -s -f Makefile -f "$work/built_sources.mk" fl-print-built-sources)
log "generating: $built"
# shellcheck disable=SC2086  # a list of make targets
make -k -j"$jobs" $built >"$work/generate.log" 2>&1 \
    || log "some generated sources failed, see $work/generate.log"

# --- 6. build lib/ under bear ----------------------------------------------
# bear records only the commands that run, so objects left by an interrupted
# earlier run would be missing from the database: start from none.
rm -rf lib/*.o lib/*.lo lib/.libs lib/libopenvswitch.la
# -k: a few OVS files do not build with clang (or need optional libraries);
# we want every unit that does.
log "bear -- make -k -j$jobs lib/libopenvswitch.la (log: $work/make.log)"
bear --output "$db" -- make -k -j"$jobs" lib/libopenvswitch.la \
    >"$work/make.log" 2>&1 || log "make reported failures (expected with -k)"

if [ ! -s "$db" ]; then
    echo "setup_ovs: bear produced no database, see $work/make.log" >&2
    exit 2
fi
log "compile database: $db"
log "entries: $(count_entries "$db")"
fi
cd "$ovs"

# --- 7. ovs-vswitchd: ofproto/ and vswitchd/ on top of lib/ --------------------
# The daemon links lib/, ofproto/ and vswitchd/: a whole program, with its main and its
# threads (handlers, revalidators, the monitor). Its database is lib/'s entries plus those
# that building the daemon adds. Skipped with BENCH_NO_VSWITCHD=1.
if [ -z "${BENCH_NO_VSWITCHD:-}" ]; then
    vdb="$work/ovs-vswitchd/compile_commands.json"
    if [ -s "$vdb" ]; then
        log "vswitchd compile database already present: $vdb"
    else
        mkdir -p "$work/ovs-vswitchd"
        rm -rf ofproto/*.o ofproto/*.lo ofproto/.libs ofproto/libofproto.la vswitchd/*.o vswitchd/ovs-vswitchd
        log "bear -- make -k -j$jobs vswitchd/ovs-vswitchd (log: $work/make-vswitchd.log)"
        bear --output "$work/ovs-vswitchd/added.json" -- make -k -j"$jobs" vswitchd/ovs-vswitchd \
            >"$work/make-vswitchd.log" 2>&1 || log "make reported failures (expected with -k)"
        python3 -c 'import json,sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
seen = {(e["file"], e.get("output")) for e in a}
json.dump(a + [e for e in b if (e["file"], e.get("output")) not in seen], open(sys.argv[3], "w"), indent=1)' \
            "$db" "$work/ovs-vswitchd/added.json" "$vdb"
        log "vswitchd compile database: $vdb ($(count_entries "$vdb") entries)"
    fi
fi
