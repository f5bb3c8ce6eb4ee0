#!/usr/bin/env python3
"""Write the example class sheets in Examples/ (one per bundled instrument).

Standard library only, deterministic.  Every cell is a valid answer except ONE
deliberate mistake in Examples/klimov-ddo-7a.csv (the cell «аб»), so that a new
user sees what a diagnostic looks like.  Examples/README.md is written too, with
the line and column of that cell computed here.

    python3 Tests/Tools/make_examples.py
"""

import csv
import io
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Examples")
SEED = 7011

NAMES = [
    "Абрамов Даниил", "Белова Ульяна", "Воронин Матвей", "Гаврилова Олеся",
    "Дмитриев Роман", "Егорова Вера", "Жуков Платон", "Захарова Милана",
    "Исаев Тимур", "Калинина Таисия", "Лапин Арсений", "Макарова Злата",
    "Никитин Савелий", "Осипова Алиса", "Панов Марк", "Рябова Кира",
    "Степанов Фёдор", "Титова Василиса", "Устинов Ярослав", "Филиппова Ника",
    "Харитонов Илья", "Цветкова Мирослава", "Чернов Лука", "Шарова Есения",
    "Юдин Всеволод",
]

KLIMOV_TYPE = {}
for _t, _opts in [("nature", "1а 3б 6а 10а 11а 13б 16а 20а"),
                  ("technology", "1б 4а 7б 9а 11б 14а 17б 19а"),
                  ("people", "2а 4б 6б 8а 12а 14б 16б 18а"),
                  ("sign", "2б 5а 9б 10б 12б 15а 19б 20б"),
                  ("art", "3а 5б 7а 8б 13а 15б 17а 18б")]:
    for _o in _opts.split():
        KLIMOV_TYPE[(_o[:-1], _o[-1])] = _t

RIASEC = "RIASEC"
ONET_LETTER = {}
for _l, _items in zip(RIASEC, ["1 2 13 14 25 26 37 38 49 50", "3 4 15 16 27 28 39 40 51 52",
                               "5 6 17 18 29 30 41 42 53 54", "7 8 19 20 31 32 43 44 55 56",
                               "9 10 21 22 33 34 45 46 57 58", "11 12 23 24 35 36 47 48 59 60"]):
    for _i in _items.split():
        ONET_LETTER[_i] = _l


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def write(path, rows, codec, bom, delim, eol):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator=eol).writerows(rows)
    with open(path, "wb") as f:
        f.write(bom + buf.getvalue().encode(codec))


def people(rng, klass, n):
    names = NAMES[:]
    rng.shuffle(names)
    return [("%s-%02d" % (klass, k + 1), names[k], klass) for k in range(n)]


def likert_row(rng, items, area_of, n_areas_means, reverse=(), lo=1, hi=5):
    while True:
        row = []
        for i in items:
            x = clamp(int(round(n_areas_means[area_of(i)] + rng.gauss(0, 0.9))), lo, hi)
            row.append(str(6 - x if i in reverse else x))
        if len(set(row)) > 1:          # no same-answer sheets in the examples
            return row


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(SEED)
    files = []

    # --- klimov-ddo-7a.csv: Windows-1251, ';', CRLF, one mistyped cell -------
    items = [str(i) for i in range(1, 21)]
    rows = [["id", "ФИО", "класс"] + items]
    for n, (sid, name, klass) in enumerate(people(rng, "7А", 22)):
        w = {t: rng.uniform(0.5, 3.0) for t in ("nature", "technology", "people", "sign", "art")}
        latin = n in (3, 11, 17)        # some sheets typed with Latin a/b: they look the same
        row = []
        for i in items:
            wa, wb = w[KLIMOV_TYPE[(i, "а")]], w[KLIMOV_TYPE[(i, "б")]]
            a = rng.random() < wa / (wa + wb)
            row.append(("a" if latin else "а") if a else ("b" if latin else "б"))
        rows.append([sid, name, klass] + row)
    mistake_row, mistake_item = 7, "12"            # 7th student, item 12
    col = 3 + items.index(mistake_item)            # 0-based field index
    rows[mistake_row][col] = "аб"
    mistake = {"line": mistake_row + 1, "column": col + 1, "id": rows[mistake_row][0],
               "name": rows[mistake_row][1], "item": mistake_item,
               "prev_item": str(int(mistake_item) - 1)}
    write(os.path.join(OUT, "klimov-ddo-7a.csv"), rows, "cp1251", b"", ";", "\r\n")
    files.append(("klimov-ddo-7a.csv", "klimov-ddo", 22))

    # --- golomshtok-interest-map-8b.csv: UTF-8 BOM, ';', CRLF ----------------
    items = [str(i) for i in range(1, 175)]
    spell = {2: "++", 1: "+", 0: "0", -1: "-", -2: "--"}
    rows = [["id", "ФИО", "класс"] + items]
    for sid, name, klass in people(rng, "8Б", 18):
        lat = [rng.gauss(-0.4, 0.7) for _ in range(29)]
        for k in rng.sample(range(29), 3):
            lat[k] = rng.uniform(0.8, 1.7)
        row = [spell[clamp(int(round(lat[(int(i) - 1) % 29] + rng.gauss(0, 0.8))), -2, 2)]
               for i in items]
        rows.append([sid, name, klass] + row)
    write(os.path.join(OUT, "golomshtok-interest-map-8b.csv"), rows, "utf-8", b"\xef\xbb\xbf", ";", "\r\n")
    files.append(("golomshtok-interest-map-8b.csv", "golomshtok-interest-map", 18))

    # --- rezapkina-profile-9a.csv: plain UTF-8, ',', LF; blank = «-» ---------
    items = [str(i) for i in range(1, 51)]
    rows = [["id", "ФИО", "класс"] + items]
    for n, (sid, name, klass) in enumerate(people(rng, "9А", 20)):
        p = [rng.uniform(0.1, 0.5) for _ in range(10)]
        for k in rng.sample(range(10), 2):
            p[k] = rng.uniform(0.6, 0.95)
        minus = "" if n % 3 else "-"     # most pupils only mark «+»; some write «-» too
        row = ["+" if rng.random() < p[(int(i) - 1) % 10] else minus for i in items]
        rows.append([sid, name, klass] + row)
    write(os.path.join(OUT, "rezapkina-profile-9a.csv"), rows, "utf-8", b"", ",", "\n")
    files.append(("rezapkina-profile-9a.csv", "rezapkina-profile", 20))

    # --- onet-interest-profiler-60-10a.csv: UTF-8 BOM, ',', LF, codes 1-5 ----
    items = [str(i) for i in range(1, 61)]
    rows = [["id", "ФИО", "класс"] + items]
    for sid, name, klass in people(rng, "10А", 24):
        means = {l: rng.uniform(1.6, 4.4) for l in RIASEC}
        rows.append([sid, name, klass] + likert_row(rng, items, ONET_LETTER.get, means))
    write(os.path.join(OUT, "onet-interest-profiler-60-10a.csv"), rows, "utf-8", b"\xef\xbb\xbf", ",", "\n")
    files.append(("onet-interest-profiler-60-10a.csv", "onet-interest-profiler-60", 24))

    # --- iip-riasec-48-10b.csv: plain UTF-8, ',', LF, codes 1-5 --------------
    items = ["%s%d" % (l, n) for l in RIASEC for n in range(1, 9)]
    rows = [["id", "ФИО", "класс"] + items]
    for sid, name, klass in people(rng, "10Б", 16):
        means = {l: rng.uniform(1.6, 4.4) for l in RIASEC}
        rows.append([sid, name, klass] + likert_row(rng, items, lambda i: i[0], means))
    write(os.path.join(OUT, "iip-riasec-48-10b.csv"), rows, "utf-8", b"", ",", "\n")
    files.append(("iip-riasec-48-10b.csv", "iip-riasec-48", 16))

    # --- readiness-self-determination-9b.csv: UTF-8 BOM, ';', CRLF -----------
    items = [str(i) for i in range(1, 25)]
    rows = [["id", "ФИО", "класс"] + items]
    reverse = {str(i) for i in range(19, 25)}
    for sid, name, klass in people(rng, "9Б", 19):
        level = rng.uniform(2.0, 4.3)
        means = {k: level + rng.uniform(-0.6, 0.6) for k in range(6)}
        rows.append([sid, name, klass] +
                    likert_row(rng, items, lambda i: (int(i) - 1) % 6, means, reverse=reverse))
    write(os.path.join(OUT, "readiness-self-determination-9b.csv"), rows, "utf-8", b"\xef\xbb\xbf", ";", "\r\n")
    files.append(("readiness-self-determination-9b.csv", "readiness-self-determination", 19))

    # --- read the mistake back from the file, to be sure of line and column --
    raw = open(os.path.join(OUT, "klimov-ddo-7a.csv"), "rb").read().decode("cp1251")
    lines = raw.split("\r\n")
    assert lines[mistake["line"] - 1].split(";")[mistake["column"] - 1] == "аб"
    assert sum(1 for l in lines[1:] for c in l.split(";")[3:] if c not in ("а", "б", "a", "b")) == 1

    readme = README.format(**mistake)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(readme)
    print("wrote", OUT)


README = """# Example class sheets

One class sheet per bundled instrument, to try ProfScore on. All pupils are
fictitious and the answers are random. Each file has one row per pupil and the
columns `id`, `ФИО`, `класс`, then one column per item, headed by the item's
number as printed on the form (`1`…`20`; `R1`…`C8` for the IIP). Line 1 is the
header; the pupil in row *n* of the class is on line *n*+1. Score a file with
the instrument whose id starts its name (`--instrument klimov-ddo` and so on).

These files were generated by `Tests/Tools/make_examples.py`.

| file | instrument | pupils | encoding | delimiter | line end | answers written as |
|---|---|---|---|---|---|---|
| `klimov-ddo-7a.csv` | `klimov-ddo` (Климов, ДДО) | 22 | Windows-1251, no BOM (as Excel with Russian regional settings saves «CSV») | `;` | CRLF | «а»/«б»; three pupils (`7А-04`, `7А-12`, `7А-18`) typed the Latin look-alikes `a`/`b`, which are read the same. **One deliberate mistake**, see below. |
| `golomshtok-interest-map-8b.csv` | `golomshtok-interest-map` (Голомшток, «Карта интересов») | 18 | UTF-8 with BOM (Excel «CSV UTF-8») | `;` | CRLF | `++`, `+`, `0`, `-`, `--` (hyphen) |
| `rezapkina-profile-9a.csv` | `rezapkina-profile` (Резапкина, «Профиль») | 20 | UTF-8, no BOM | `,` | LF | `+`; an empty cell means «−» as in the published key (pupils `9А-01`, `9А-04`, … every third one also wrote `-`) |
| `onet-interest-profiler-60-10a.csv` | `onet-interest-profiler-60` (O*NET Interest Profiler, Short Form) | 24 | UTF-8 with BOM | `,` | LF | codes `1`…`5` (1 = Strongly Dislike … 5 = Strongly Like) |
| `iip-riasec-48-10b.csv` | `iip-riasec-48` (IIP RIASEC Markers) | 16 | UTF-8, no BOM | `,` | LF | codes `1`…`5` (1 = Dislike … 5 = Enjoy) |
| `readiness-self-determination-9b.csv` | `readiness-self-determination` (demonstration questionnaire, no norms) | 19 | UTF-8 with BOM | `;` | CRLF | codes `1`…`5` (1 = совсем не согласен … 5 = полностью согласен) |

## The deliberate mistake

`klimov-ddo-7a.csv` has exactly one cell that is not a valid answer: pupil
`{id}` ({name}) answered item {item} with «аб» (both options). It is on
**line {line}, column {column}** of the file (1-based; column {column} is the
field after `id`, `ФИО`, `класс` and items 1…{prev_item}, i.e. the item-{item}
column). ProfScore reports the cell it cannot read, and — because the ДДО allows
no missing answers — the two types that item {item} scores for (its option «а» is
Человек–человек, `people`; its option «б» is Человек–знаковая система, `sign`)
are invalid for that pupil, and no leading type is reported for that pupil. Every other
cell of every example file is a valid answer, and no Likert sheet repeats one
answer throughout, so this is the only unreadable cell in the examples (ties
between leading types and «no pronounced interest» results may still occur:
they are results, not mistakes).
Correct the cell to «а» or «б» and score again to see the full class.
"""

if __name__ == "__main__":
    main()
