#!/usr/bin/env bash
# Fuzzes one of ProfScore's parsers with the toolchain's libFuzzer (Linux).
#
#   scripts/fuzz.sh sheet|instrument|reference SECONDS [extra libFuzzer options]
#
# Builds Fuzz/<Target>Fuzz.swift together with the sources of ProfScoreKit
# (for `reference`: Fuzz/ReferenceDifferentialFuzz.swift with the reference
# scorer Tests/ProfScoreKitTests/Reference/*.swift and ReferenceHarness.swift)
# (-sanitize=fuzzer,address, optimised, with debug info) into
# .build-fuzz/<target>, seeds a corpus from the bad-input corpus of the tests,
# the example sheets and the bundled instruments, and runs for SECONDS seconds
# at lower priority (FUZZ_NICE, default 10). Crashing inputs are written to
# .build-fuzz/artifacts/<target>-crash-…; the corpus grown so far is kept in
# .build-fuzz/corpus-<target> and reused by the next run. Exit code: 0 when no
# crash was found, 1 when libFuzzer found one, 2 for a usage or build problem.
#
# Not run by CI or `swift test`: this is a manual check, see docs/reliability.md.
set -euo pipefail

usage() { echo "usage: $0 sheet|instrument|reference SECONDS [libFuzzer options]" >&2; exit 2; }
[[ $# -ge 2 ]] || usage
target=$1 seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage
case $target in
    sheet) source=Fuzz/SheetReaderFuzz.swift; max_len=${FUZZ_MAX_LEN:-65536} ;;
    instrument) source=Fuzz/InstrumentLoaderFuzz.swift; max_len=${FUZZ_MAX_LEN:-262144} ;;
    reference) source=Fuzz/ReferenceDifferentialFuzz.swift; max_len=${FUZZ_MAX_LEN:-16384} ;;
    *) usage ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=.build-fuzz
mkdir -p "$work/artifacts" "$work/corpus-$target"
binary=$work/$target

# The reference target also compiles the reference scorer and the harness of the tests.
extra=()
if [[ $target == reference ]]; then
    mapfile -t extra < <(find Tests/ProfScoreKitTests/Reference -name '*.swift' | sort)
    extra+=(Tests/ProfScoreKitTests/ReferenceHarness.swift)
fi

# Rebuild when a source is newer than the binary.
if [[ ! -x $binary ]] || [[ -n $(find Sources/ProfScoreKit "$source" "${extra[@]}" -name '*.swift' -newer "$binary" | head -1) ]]; then
    echo "building $binary …" >&2
    mapfile -t sources < <(find Sources/ProfScoreKit -name '*.swift' | sort)
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name ProfScoreFuzz \
        "${sources[@]}" "${extra[@]}" "$source" -o "$binary"; then
        echo "build failed" >&2
        exit 2
    fi
fi

# Seeds: copied afresh, so that a seed file edited in the tree is used as it is now.
seeds=$work/seeds-$target
rm -rf "$seeds"
mkdir -p "$seeds"
if [[ $target == sheet || $target == reference ]]; then
    find Tests/ProfScoreCLITests/Fixtures/hostile/sheets Examples Tests/ProfScoreKitTests/Fixtures/handscored \
        -type f \( -name '*.csv' -o -name '*.txt' -o -name '*.tsv' \) -size -64k -exec cp -t "$seeds" --backup=numbered {} + 2>/dev/null || true
else
    find Tests/ProfScoreCLITests/Fixtures/hostile/instruments Instruments Tests/ProfScoreCLITests/Fixtures \
        -maxdepth 1 -type f -name '*.json' -size -256k -exec cp -t "$seeds" --backup=numbered {} + 2>/dev/null || true
fi

log=$work/$target-$(date -u +%Y%m%dT%H%M%SZ).log
echo "fuzzing $target for $seconds s; log: $log" >&2
status=0
SWIFT_BACKTRACE=enable=no nice -n "${FUZZ_NICE:-10}" "$binary" "$work/corpus-$target" "$seeds" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" "$@" >"$log" 2>&1 || status=$?
grep -E '^(#[0-9]+ +(INITED|DONE)|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|Done [0-9]+ runs)' "$log" >&2 || true
grep -E 'cov: ' "$log" | tail -1 >&2 || true
if [[ $status -ne 0 ]]; then
    echo "libFuzzer stopped with status $status; see $log" >&2
    ls -1 "$work/artifacts/$target-"* 2>/dev/null >&2 || true
    exit 1
fi
echo "no crash in $seconds s" >&2
