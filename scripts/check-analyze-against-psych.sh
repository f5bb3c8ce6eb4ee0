#!/usr/bin/env bash
# Checks `profscore analyze` against R's psych package: every number that
# `profscore analyze --format csv` writes (Cronbach's alpha raw and standardized,
# mean inter-item correlation, scale score mean and SD, item means, SDs, r.drop,
# alpha if dropped, answer frequencies, missing counts, complete cases) is
# computed again in R — with psych::alpha and psych::scoreItems — from the same
# answer sheets, and compared: counts must be equal, other numbers within 1e-6.
#
# Data: the example pilot sample (Examples/custom/pilot-sample.csv); a copy of it
# with about 8 % of the cells blanked, three unreadable cells and one item that
# everybody answered the same (generated here, deterministically); and the example
# class sheets of every bundled instrument in Examples/ (the ДДО's forced-choice
# scales get item means and SDs only, on both sides). The sheets are turned into
# plain tables for R by scripts/psych/prepare.py (standard-library Python,
# independent of ProfScoreKit); scripts/psych/check.R does the psych side.
#
# Installs r-base-core and r-cran-psych from Debian's packages when missing.
#
# Usage: scripts/check-analyze-against-psych.sh [WORK_DIR]   (default: a new temp folder)
# Exit status: 0 every number agrees, 1 a number differs or is missing on one side,
# 2 a tool could not be installed or profscore could not be built or run.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "check-analyze-against-psych: ERROR: $*" >&2; exit 2; }
say() { echo "check-analyze-against-psych: $*"; }

if [ $# -gt 1 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  [ $# -gt 1 ] && exit 2 || exit 0
fi
if [ $# -eq 1 ]; then
  mkdir -p "$1" || die "cannot create $1"
  work=$(cd "$1" && pwd)
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/profscore-psych.XXXXXX")
fi

# --- Tools -------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is needed"
if ! command -v Rscript >/dev/null || ! Rscript -e 'suppressPackageStartupMessages(library(psych))' >/dev/null 2>&1; then
  command -v apt-get >/dev/null || die "R with the psych package is missing and there is no apt-get to install it"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install r-base-core and r-cran-psych by hand"
    SUDO=sudo
  fi
  say "installing r-base-core and r-cran-psych from Debian's packages…"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >"$work/apt.log" 2>&1 || die "apt-get update failed (log: $work/apt.log)"
  $SUDO apt-get install -y -qq r-base-core r-cran-psych >>"$work/apt.log" 2>&1 \
    || die "apt-get install r-base-core r-cran-psych failed (log: $work/apt.log)"
fi
versions=$(Rscript -e 'cat(R.version.string, "; psych ", as.character(packageVersion("psych")), sep = "")' 2>/dev/null) \
  || die "Rscript does not run"
say "using $versions"

cd "$repo"
swift build --product profscore >"$work/build.log" 2>&1 || { tail -20 "$work/build.log" >&2; die "swift build failed (log: $work/build.log)"; }
profscore="$(swift build --show-bin-path)/profscore"
[ -x "$profscore" ] || die "no profscore executable at $profscore"

# --- Data ----------------------------------------------------------------------
# The pilot sample with holes: ~8 % of the answer cells blanked, three cells that
# cannot be read ('x', '7', '3,5'), and item 11 answered 3 by everybody.
python3 - "$repo/Examples/custom/pilot-sample.csv" "$work/pilot-holes.csv" <<'PY'
import random, sys
source, target = sys.argv[1:3]
lines = open(source, encoding="utf-8-sig", newline="").read().split("\r\n")
rng = random.Random(4711)
header = lines[0].split(";")
item11 = header.index("11")
out = [lines[0]]
for n, line in enumerate(l for l in lines[1:] if l):
    cells = line.split(";")
    for c in range(4, len(cells)):
        if rng.random() < 0.08:
            cells[c] = ""
    cells[item11] = "3"
    if n in (5, 50, 100):
        cells[6] = {5: "x", 50: "7", 100: '"3,5"'}[n]
    out.append(";".join(cells))
open(target, "w", encoding="utf-8").write("\n".join(out) + "\n")
PY

cases=(
  "pilot|$repo/Examples/custom/pilot-interests.json|$repo/Examples/custom/pilot-interests.json|$repo/Examples/custom/pilot-sample.csv"
  "pilot-with-holes|$repo/Examples/custom/pilot-interests.json|$repo/Examples/custom/pilot-interests.json|$work/pilot-holes.csv"
  "readiness|readiness-self-determination|$repo/Instruments/readiness-self-determination.json|$repo/Examples/readiness-self-determination-9b.csv"
  "onet-60|onet-interest-profiler-60|$repo/Instruments/onet-interest-profiler-60.json|$repo/Examples/onet-interest-profiler-60-10a.csv"
  "iip-48|iip-riasec-48|$repo/Instruments/iip-riasec-48.json|$repo/Examples/iip-riasec-48-10b.csv"
  "rezapkina|rezapkina-profile|$repo/Instruments/rezapkina-profile.json|$repo/Examples/rezapkina-profile-9a.csv"
  "golomshtok|golomshtok-interest-map|$repo/Instruments/golomshtok-interest-map.json|$repo/Examples/golomshtok-interest-map-8b.csv"
  "klimov-ddo|klimov-ddo|$repo/Instruments/klimov-ddo.json|$repo/Examples/klimov-ddo-7a.csv"
)

# --- Compare ------------------------------------------------------------------
failed=0
: >"$work/results.tsv"
for spec in "${cases[@]}"; do
  IFS='|' read -r label instrument json sheet <<<"$spec"
  dir="$work/$label"
  mkdir -p "$dir"
  status=0
  "$profscore" analyze --instrument "$instrument" "$sheet" --format csv --lang en \
    --output "$dir/profscore.csv" 2>"$dir/profscore.stderr" || status=$?
  [ "$status" = 0 ] || { cat "$dir/profscore.stderr" >&2; die "profscore analyze failed for $label (exit $status)"; }
  python3 "$repo/scripts/psych/prepare.py" "$json" "$sheet" "$dir" || die "prepare.py failed for $label"
  if Rscript "$repo/scripts/psych/check.R" "$dir" "$dir/profscore.csv" "$label" >"$dir/check.log" 2>&1; then
    grep -v '^RESULT' "$dir/check.log"
  else
    grep -v '^RESULT' "$dir/check.log" >&2
    echo "check-analyze-against-psych: $label: FAILED" >&2
    failed=1
  fi
  grep '^RESULT' "$dir/check.log" | cut -f2- >>"$work/results.tsv" || true
done

total=$(awk -F'\t' '{ n += $2 } END { print n + 0 }' "$work/results.tsv")
max=$(awk -F'\t' 'BEGIN { m = 0 } { if ($3 + 0 > m) m = $3 + 0 } END { printf "%.3g", m }' "$work/results.tsv")
if [ "$failed" = 0 ]; then
  say "PASS: $total numbers in ${#cases[@]} data sets agree with psych ($versions); max |difference| $max (tolerance 1e-6). Files in $work"
else
  say "FAIL: see the lines above; files in $work" >&2
  exit 1
fi
