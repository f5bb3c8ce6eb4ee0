"""Peer of profscore for Benchmarks/ProfScoreBenchmarks: scores an answer-sheet
file the way a pandas user would — read_csv, vectorised scale sums, groupby —
and writes per class the number of sheets and the sum of every scale.

    python3 pandas_score.py klimov-ddo|onet-interest-profiler-60 SHEETS.csv OUT.csv

klimov-ddo: Windows-1251, ';', columns id;класс;1;…;20, answers «а»/«б» or the
  Latin a/b; a type's score is the number of its 8 keyed options chosen.
onet-interest-profiler-60: UTF-8, ',', columns id,класс,1,…,60, codes 1–5
  scored 0–4; an area's score is the sum of its 10 items.
OUT: UTF-8 CSV with the columns class,n,<scale ids>. On standard output:
read_seconds=… and score_seconds=… (reading; scoring and grouping), timed in
the script after Python has started and imported pandas.
Exits with an error on any answer outside the key (the generated data has none).
"""
import sys
import time

import numpy as np
import pandas as pd

# The published keys (docs: /work/shared/reference/instrument-keys.md).
DDO_KEYS = {
    "nature": "1a 3b 6a 10a 11a 13b 16a 20a",
    "technology": "1b 4a 7b 9a 11b 14a 17b 19a",
    "people": "2a 4b 6b 8a 12a 14b 16b 18a",
    "sign": "2b 5a 9b 10b 12b 15a 19b 20b",
    "art": "3a 5b 7a 8b 13a 15b 17a 18b",
}
ONET_KEYS = {
    "realistic": "1 2 13 14 25 26 37 38 49 50",
    "investigative": "3 4 15 16 27 28 39 40 51 52",
    "artistic": "5 6 17 18 29 30 41 42 53 54",
    "social": "7 8 19 20 31 32 43 44 55 56",
    "enterprising": "9 10 21 22 33 34 45 46 57 58",
    "conventional": "11 12 23 24 35 36 47 48 59 60",
}
# Cyrillic «а»/«б» and their Latin look-alikes → the option letter.
DDO_ANSWERS = {"\u0430": "a", "a": "a", "\u0431": "b", "b": "b"}


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: pandas_score.py klimov-ddo|onet-interest-profiler-60 SHEETS.csv OUT.csv")
    instrument, path, out = sys.argv[1:]
    t0 = time.perf_counter()
    if instrument == "klimov-ddo":
        sheets = pd.read_csv(path, sep=";", encoding="cp1251", dtype=str, keep_default_na=False)
        t1 = time.perf_counter()
        chosen = {}
        for item in range(1, 21):
            option = sheets[str(item)].str.strip().map(DDO_ANSWERS)
            if option.isna().any():
                bad = sheets[str(item)][option.isna()].iloc[0]
                sys.exit(f"item {item}: unreadable answer «{bad}»")
            chosen[item] = option.to_numpy()
        scores = pd.DataFrame({
            scale: sum((chosen[int(key[:-1])] == key[-1]).astype(np.int64) for key in keys.split())
            for scale, keys in DDO_KEYS.items()
        })
    elif instrument == "onet-interest-profiler-60":
        sheets = pd.read_csv(path, encoding="utf-8")
        t1 = time.perf_counter()
        items = sheets[[str(i) for i in range(1, 61)]]
        if items.isna().any().any() or not items.isin([1, 2, 3, 4, 5]).all().all():
            sys.exit("an answer is not one of the codes 1-5")
        values = items - 1
        scores = pd.DataFrame({
            scale: values[keys.split()].sum(axis=1) for scale, keys in ONET_KEYS.items()
        })
    else:
        sys.exit(f"unknown instrument {instrument}")
    scores.insert(0, "class", sheets.iloc[:, 1].to_numpy())
    groups = scores.groupby("class", sort=True)
    result = groups.sum()
    result.insert(0, "n", groups.size())
    t2 = time.perf_counter()
    result.to_csv(out, encoding="utf-8")
    print(f"read_seconds={t1 - t0:.3f}\nscore_seconds={t2 - t1:.3f}")


if __name__ == "__main__":
    main()
