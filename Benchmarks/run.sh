#!/usr/bin/env bash
# The benchmark of issue 5 in one command: installs what is missing (R and psych
# from Debian's packages, pandas from PyPI), builds profscore and the benchmark
# in release mode, and runs the benchmark with the arguments given here, e.g.
#
#   Benchmarks/run.sh                                   # full run (about 15 minutes)
#   Benchmarks/run.sh --markdown benchmark-data/results.md
#   Benchmarks/run.sh --no-peers --runs 3               # profscore only
#   Benchmarks/run.sh --ddo-sizes 100000 --onet-rows 20000 --runs 2   # a quick look
#   Benchmarks/run.sh --help                            # every option
#
# Data sets (about 400 MB) are generated once into benchmark-data/ (git-ignored)
# and reused. With --no-peers nothing is installed. Exit status: that of the
# benchmark (0 done, 1 error, 2 the tools disagree), 3 when installing or
# building failed.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
say() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: ERROR: $*" >&2; exit 3; }

peers=1
for argument in "$@"; do
  case "$argument" in
    --no-peers) peers=0 ;;
    -h|--help) peers=0 ;;
  esac
done

if [ "$peers" = 1 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo: install r-base-core, r-cran-psych and pandas by hand, or pass --no-peers"
    SUDO=sudo
  fi
  if ! command -v Rscript >/dev/null || ! Rscript --vanilla -e 'suppressPackageStartupMessages(library(psych))' >/dev/null 2>&1; then
    command -v apt-get >/dev/null || die "R with psych is missing and there is no apt-get; install them or pass --no-peers"
    say "installing r-base-core and r-cran-psych from Debian's packages…"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
    $SUDO apt-get install -y -qq r-base-core r-cran-psych >/dev/null || die "apt-get install r-base-core r-cran-psych failed"
  fi
  python=${PYTHON:-python3}
  command -v "$python" >/dev/null || die "$python not found (set PYTHON), or pass --no-peers"
  if ! "$python" -c 'import pandas' >/dev/null 2>&1; then
    say "installing pandas from PyPI…"
    if [ "$(id -u)" = 0 ] || [ -n "${VIRTUAL_ENV:-}" ]; then
      "$python" -m pip install --quiet pandas || die "pip install pandas failed"
    else
      "$python" -m pip install --quiet --user pandas || die "pip install --user pandas failed"
    fi
  fi
  set -- --python "$python" "$@"
fi

say "building profscore and ProfScoreBenchmarks (release)…"
log="${TMPDIR:-/tmp}/profscore-benchmark-build.log"
for product in profscore ProfScoreBenchmarks; do
  # swift build prints compiler errors on standard output: keep both in the log.
  swift build -c release --product "$product" >"$log" 2>&1 \
    || { tail -30 "$log" >&2; die "swift build -c release --product $product failed (log: $log)"; }
done
bin=$(swift build -c release --show-bin-path)

exec "$bin/ProfScoreBenchmarks" --profscore "$bin/profscore" "$@"
