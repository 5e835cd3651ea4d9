#!/usr/bin/env bash
# CertDeck developer entry point (Debian 12).
#   scripts/dev.sh run   install what is missing, build, start the console on its embedded inventory
#   scripts/dev.sh test  install what is missing, build, run the whole test suite, then fuzz the parsers for a
#                        bounded time (scripts/fuzz.sh; CERTDECK_FUZZ_SECONDS per target, default 20, 0 skips it)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

install_packages() {
    local wanted missing=()
    mapfile -t wanted < <(grep -v -e '^#' -e '^$' scripts/debian-packages.txt)
    # "a|b": either package will do (kubectl comes as kubernetes-client from Debian or as kubectl from Google's
    # repository, which conflict); the first is installed when neither is.
    local line pkg satisfied
    for line in "${wanted[@]}"; do
        satisfied=0
        for pkg in ${line//|/ }; do
            dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' && satisfied=1
        done
        [ "$satisfied" -eq 1 ] || missing+=("${line%%|*}")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "certdeck: these Debian packages are missing: ${missing[*]}" >&2
        echo "certdeck: run this script as root (or: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "certdeck: installing ${missing[*]}"
    # Packaged services (nginx, apache2, postgresql) must not start on this machine's ports:
    # the tests start their own instances on loopback high ports.
    local policy=/usr/sbin/policy-rc.d created_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && created_policy=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
    [ "$created_policy" -eq 1 ] && rm -f "$policy"
    return 0
}

build() {
    # Relative paths in the cache key: a fresh clone elsewhere reuses the same cache entries.
    export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true
    cmake --preset default >/dev/null
    cmake --build --preset default -j "$(nproc)"
}

case "${1:-}" in
run)
    install_packages
    build
    shift
    exec build/bin/certdeck "$@"
    ;;
test)
    install_packages
    build
    shift
    # One private D-Bus session with an unlocked Secret Service for the whole suite.
    summary=$(mktemp)
    trap 'rm -f "$summary"' EXIT
    ctest_status=0
    tests/support/with-keyring.sh ctest --preset default -j "$(nproc)" "$@" | tee "$summary" || ctest_status=$?
    fuzz_status=0
    if [ "${CERTDECK_FUZZ_SECONDS:-20}" != 0 ]; then
        scripts/fuzz.sh "${CERTDECK_FUZZ_SECONDS:-20}" || fuzz_status=$?
    fi
    # ctest's summary stays the closing line of the run.
    grep -E '^[0-9]+% tests passed' "$summary" || true
    [ "$ctest_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
    ;;
*)
    echo "usage: scripts/dev.sh run|test" >&2
    exit 2
    ;;
esac
