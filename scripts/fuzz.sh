#!/usr/bin/env bash
# Fuzzes CertDeck's parsers with libFuzzer for a bounded time (see tests/fuzz/README.md).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# SECONDS per target (default 20); TARGET names such as nginx-config or pkcs12 (default: every target).
# Builds the "fuzz" preset (clang-16, ASan + UBSan) with ccache, runs each target on a work corpus in a temp dir
# seeded from tests/fuzz/corpus/<target>/, tests/fuzz/regressions/<target>/ and tests/fuzz/seed-dirs.txt, and prints
# one line per target. Exits non-zero when a target crashed, hung or ran out of memory; the input that did it and
# the sanitizer's report are kept in build-fuzz/fuzz-findings/<target>/ (once fixed, copy the input to
# tests/fuzz/regressions/<target>/ so the ctest replayer keeps proving it).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-20}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS per target, default 20] [TARGET...]" >&2
    exit 2
fi
[ $# -gt 0 ] && shift

work=$(mktemp -d "${TMPDIR:-/tmp}/certdeck-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Relative paths in the cache key, as in scripts/dev.sh: a fresh clone elsewhere reuses the same cache entries.
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache} CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=true
started=$(date +%s)
if ! { cmake --preset fuzz && cmake --build --preset fuzz -j "$(nproc)"; } >"$work/build.log" 2>&1; then
    tail -40 "$work/build.log" >&2
    echo "fuzz: the fuzz build failed (cmake --preset fuzz && cmake --build --preset fuzz)" >&2
    exit 1
fi
echo "fuzz: built the targets in $(($(date +%s) - started)) s; ${seconds} s per target"

bin_dir=build-fuzz/tests/fuzz
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(find "$bin_dir" -maxdepth 1 -type f -executable -name 'certdeck-fuzz-*' -printf '%f\n' |
        sed 's/^certdeck-fuzz-//' | sort)
fi
if [ ${#targets[@]} -eq 0 ]; then
    echo "fuzz: no fuzz target was built in $bin_dir" >&2
    exit 1
fi

# Seed directories of a target: its corpus and regressions, plus the lines of seed-dirs.txt that name it.
seed_dirs() {
    local target=$1 name dir
    for dir in "tests/fuzz/corpus/$target" "tests/fuzz/regressions/$target"; do
        [ -d "$dir" ] && echo "$dir"
    done
    while read -r name dir; do
        [ "$name" = "$target" ] && [ -d "$dir" ] && echo "$dir"
    done < <(grep -v -e '^#' -e '^$' tests/fuzz/seed-dirs.txt)
    return 0
}

# The last value libFuzzer printed for "key: value" (cov, ft) or "stat::key: value".
last_value() {
    grep -oE "$1:? +[0-9]+" "$2" | tail -1 | grep -oE '[0-9]+$' || echo '?'
}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
printf '%-24s %10s %8s %8s %12s  %s\n' target 'exec/s' cov ft corpus crashes
failed=0
passed=0
for target in "${targets[@]}"; do
    binary=$bin_dir/certdeck-fuzz-$target
    if [ ! -x "$binary" ]; then
        echo "fuzz: no target \"$target\" (built: $(ls "$bin_dir" | grep -v _autogen | grep '^certdeck-fuzz-' |
            sed 's/^certdeck-fuzz-//' | tr '\n' ' '))" >&2
        exit 2
    fi
    findings=build-fuzz/fuzz-findings/$target
    rm -rf "$findings" && mkdir -p "$findings" "$work/$target"
    mapfile -t seeds < <(seed_dirs "$target")
    log=$work/$target.log
    status=0
    # The first directory is the work corpus libFuzzer adds to; the seed directories are only read.
    "$binary" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$findings/" "$work/$target" "${seeds[@]}" >"$log" 2>&1 || status=$?
    corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
    mapfile -t found < <(find "$findings" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
        -o -name 'leak-*' \) -printf '%f\n')
    crashes=${#found[@]}
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then
        crashes="exit $status"
    fi
    printf '%-24s %10s %8s %8s %12s  %s\n' "$target" "$(last_value stat::average_exec_per_sec "$log")" \
        "$(last_value cov "$log")" "$(last_value ft "$log")" "${corpus:-?}" "$crashes"
    if [ "$status" -ne 0 ]; then
        failed=$((failed + 1))
        cp "$log" "$findings/libfuzzer.log"
        grep -E -A40 '^==[0-9]+==|runtime error|ERROR: libFuzzer' "$log" | head -60 >&2 || tail -40 "$log" >&2
        for input in "${found[@]}"; do
            echo "fuzz: $target: the input is in $findings/$input (replay: $binary $findings/$input)" >&2
        done
    else
        passed=$((passed + 1))
    fi
done
echo "fuzz: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
