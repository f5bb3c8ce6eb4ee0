#!/usr/bin/env bash
# Load check: a 1,000,000-row answer sheet with 1 % bad rows.
#
#   scripts/load-check.sh [WORK_DIR]
#
# Builds profscore (release), writes a ДДО (klimov-ddo) sheet of 1,000,000
# students in WORK_DIR (default: a new temporary folder) where every 100th row
# has one unreadable cell ("x", on a different item each time), scores it with
# --output and --diagnostics, and checks, with Python's standard library and
# the instrument's key read from Instruments/klimov-ddo.json (not with
# ProfScore's code):
#   - every one of the 1,000,000 rows is in the output, in order, with its line;
#   - every good row has the five scores the key gives;
#   - every bad row has exactly the scales of its bad item unscored, the others
#     scored, and the flag unreadable;
#   - the diagnostics file has exactly the 10,000 expected lines
#     (FILE:LINE:COLUMN, item, respondent, the cell), standard error shows 20 of
#     them and one line saying where the rest are.
# It prints the time and peak memory of the run (and of `report` on the same
# sheet). Exit code 0 when every check passes, 1 when one fails, 2 when a tool
# or the build is missing. Not run by CI: it takes about a minute.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d /tmp/profscore-load.XXXXXX)}
mkdir -p "$work"
command -v python3 >/dev/null || { echo "python3 is needed" >&2; exit 2; }
echo "building profscore (release) …" >&2
(cd "$root" && swift build -c release --product profscore >/dev/null) || { echo "build failed" >&2; exit 2; }
bin=$(cd "$root" && swift build -c release --show-bin-path)/profscore

rows=1000000
echo "writing $work/sheet.csv ($rows rows) …" >&2
python3 - "$work/sheet.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8", newline="\n") as out:
    out.write("id;класс;" + ";".join(str(i) for i in range(1, 21)) + "\n")
    for r in range(1, rows + 1):
        # Answer pattern: item k gets «а» when (k * 7 + r) % 3 != 0, else «б».
        cells = ["а" if (k * 7 + r) % 3 else "б" for k in range(1, 21)]
        if r % 100 == 0:
            cells[(r // 100) % 20] = "x"
        out.write(f"R{r};{r % 11 + 1}А;" + ";".join(cells) + "\n")
PY

measure() {  # measure NAME COMMAND...: runs it (stderr to NAME.stderr), prints seconds and peak RSS
    local name=$1; shift
    local start end code=0
    start=$(date +%s.%N)
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f "%M" -o "$work/$name.rss" "$@" 2> "$work/$name.stderr" || code=$?
    else
        "$@" 2> "$work/$name.stderr" || code=$?
        echo "?" > "$work/$name.rss"
    fi
    end=$(date +%s.%N)
    echo "$name: $(python3 -c "print(f'{$end - $start:.2f}')") s, peak RSS $(cat "$work/$name.rss") KiB, exit $code" >&2
    return $code
}

cd "$work"
measure score "$bin" score --instrument klimov-ddo sheet.csv --output scores.csv --diagnostics diagnostics.txt --lang en \
    || { echo "FAIL: score did not exit with 0" >&2; exit 1; }
measure report "$bin" report --instrument klimov-ddo sheet.csv --format json --output summary.json --lang en || true

python3 - "$root/Instruments/klimov-ddo.json" "$rows" <<'PY'
import csv, json, sys
key_path, rows = sys.argv[1], int(sys.argv[2])
inst = json.load(open(key_path, encoding="utf-8"))
scales = [s["id"] for s in inst["scales"]]
# Option-keyed: scale gets `points` (default 1) when item `item` has option `option`.
key = {s["id"]: [(e["item"], e["option"], e.get("points", 1)) for e in s["key"]] for s in inst["scales"]}
items_of = {s: {item for item, _, _ in key[s]} for s in scales}
failures = 0
def fail(message):
    global failures
    failures += 1
    if failures <= 10:
        print("FAIL:", message, file=sys.stderr)

expected_diagnostics = []
with open("scores.csv", encoding="utf-8", newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    col = {name: i for i, name in enumerate(header)}
    r = 0
    for row in reader:
        r += 1
        if row[col["id"]] != f"R{r}" or row[col["line"]] != str(r + 1):
            fail(f"row {r}: id {row[col['id']]}, line {row[col['line']]}")
            continue
        answers = {str(k): ("а" if (k * 7 + r) % 3 else "б") for k in range(1, 21)}
        bad = None
        if r % 100 == 0:
            bad = str((r // 100) % 20 + 1)
            answers[bad] = "x"
            expected_diagnostics.append(f"sheet.csv:{r + 1}:{int(bad) + 2}: error: item {bad}, respondent R{r}: cannot read «x»")
        for s in scales:
            if bad is not None and bad in items_of[s]:
                want = ""
            else:
                want = str(sum(p for item, option, p in key[s] if answers[item] == option))
            if row[col[s]] != want:
                fail(f"row {r}: {s} = {row[col[s]]!r}, the key gives {want!r}")
        flags = row[col["flags"]].split()
        if (bad is not None) != ("unreadable" in flags):
            fail(f"row {r}: flags {flags}")
if r != rows:
    fail(f"{r} rows in the output, {rows} expected")
lines = open("diagnostics.txt", encoding="utf-8").read().splitlines()
if len(lines) != len(expected_diagnostics):
    fail(f"{len(lines)} diagnostics, {len(expected_diagnostics)} expected")
for got, want in zip(lines, expected_diagnostics):
    if not got.startswith(want):
        fail(f"diagnostic {got!r}, expected to start with {want!r}")
stderr = open("score.stderr", encoding="utf-8").read().splitlines()
shown = [l for l in stderr if l.startswith("sheet.csv:")]
if shown != lines[:20]:
    fail(f"standard error shows {len(shown)} diagnostics, not the first 20")
summary = f"… and {len(expected_diagnostics) - 20} more diagnostic(s) not shown ({len(expected_diagnostics)} in all); the full list is in diagnostics.txt"
if summary not in stderr:
    fail(f"no summary line {summary!r} in {stderr[-3:]}")
print(f"rows checked: {r}; bad rows: {len(expected_diagnostics)}; diagnostics: {len(lines)}; failures: {failures}", file=sys.stderr)
sys.exit(1 if failures else 0)
PY
echo "PASS (files in $work)" >&2
