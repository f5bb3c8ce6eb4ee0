#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and ThreadSanitizer.
#
#   scripts/sanitizers.sh [address|thread]...   (default: both)
#
# Each sanitizer builds into its own folder (.build-asan, .build-tsan), so the
# normal .build is left alone. The end-to-end tests run the profscore built
# with the same sanitizer, so the binary is checked too. A report from a
# sanitizer makes the test or the run fail. Prints one line per sanitizer and
# exits with 0 when all passed, 1 otherwise. Not run by CI: a run takes
# several minutes on the 2-core machine (see docs/reliability.md).
set -uo pipefail
cd "$(dirname "$0")/.."
sanitizers=("$@")
[[ ${#sanitizers[@]} -gt 0 ]] || sanitizers=(address thread)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
# Mutex is not seen by ThreadSanitizer on Linux: see scripts/tsan-suppressions.txt.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1 suppressions=$PWD/scripts/tsan-suppressions.txt}
failed=0
for sanitizer in "${sanitizers[@]}"; do
    case $sanitizer in
        address) folder=.build-asan ;;
        thread) folder=.build-tsan ;;
        *) echo "unknown sanitizer '$sanitizer'; use address or thread" >&2; exit 2 ;;
    esac
    mkdir -p "$folder"
    log=$folder/sanitizer.log
    start=$(date +%s)
    swift build --build-tests --sanitize="$sanitizer" --scratch-path "$folder" >"$log" 2>&1 &&
        swift test --skip-build --sanitize="$sanitizer" --scratch-path "$folder" >>"$log" 2>&1
    code=$?
    summary=$(grep -E "Test run with|Executed [0-9]+ tests" "$log" | tail -1)
    reports=$(grep -cE "^(==[0-9]+==ERROR: AddressSanitizer|WARNING: ThreadSanitizer)" "$log")
    echo "$sanitizer: exit $code in $(( $(date +%s) - start )) s; sanitizer reports: $reports; ${summary:-no test summary} (log: $log)"
    [[ $code -eq 0 && $reports -eq 0 ]] || failed=1
done
exit $failed
