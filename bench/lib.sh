# shellcheck shell=bash
# bench/lib.sh - what the corpus set-up scripts share (sourced, not run).
#
# The caller defines log() (its own prefix) and sets `tag` (its name in messages).

# Install the packages of "$@" that are not installed yet (apt-get, as root); exit 2 when some
# are missing and this is not root.
need_packages() {
    local need=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' \
            || need+=("$p")
    done
    [ ${#need[@]} -eq 0 ] && return 0
    log "installing: ${need[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "${tag:-bench}: need root to apt-get install ${need[*]}" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}"
}

# The number of entries of a compile database.
count_entries() {
    python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$1"
}
