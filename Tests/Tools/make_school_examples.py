#!/usr/bin/env python3
"""Write the example school data for group reports (`profscore report` / `merge`).

Standard library only, deterministic.  Writes

    Examples/school1/klimov-ddo-7b.csv, -8a, -9a, -9b   ДДО class sheets of «Школа № 1»
    Examples/school1/roster.csv                          one row per student (7А…9Б)
    Examples/school1/roster-classes.csv                  one row per class (counts)
    Examples/school2/klimov-ddo-8v.csv, -9v              ДДО class sheets of «Лицей № 2»
    Examples/school2/roster.csv                          one row per student (8В, 9В)
    Examples/targets.csv                                 targets by indicator, band, year
    Examples/school1/EXPECTED.md                         coverage counted by hand
    Examples/README.md                                   its section «Example school …»
                                                         (everything above the section is
                                                         left byte-identical)

Class 7А of «Школа № 1» is the existing Examples/klimov-ddo-7a.csv (written by
make_examples.py, one unreadable cell for 7А-07); it is read, never written here.

The coverage in EXPECTED.md is NOT taken from the generator's own lists: after
writing, every file is read back from disk (decoded, split, each answer cell
checked) and the students are counted the way a deputy head would count them
with the roster and the sheets on the desk.  The generator's intentions are
then asserted against that count.  ProfScore is not run.

    python3 Tests/Tools/make_school_examples.py
"""

import codecs
import csv
import io
import os
import random
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
EX = os.path.join(ROOT, "Examples")
SEED = 2025

SCHOOL1 = "Школа № 1"
SCHOOL2 = "Лицей № 2"
YEAR = "2025/26"
BANDS = [(5, 9), (7, 9)]

BOM = b"\xef\xbb\xbf"
ITEMS = [str(i) for i in range(1, 21)]

KLIMOV_TYPE = {}
for _t, _opts in [("nature", "1а 3б 6а 10а 11а 13б 16а 20а"),
                  ("technology", "1б 4а 7б 9а 11б 14а 17б 19а"),
                  ("people", "2а 4б 6б 8а 12а 14б 16б 18а"),
                  ("sign", "2б 5а 9б 10б 12б 15а 19б 20б"),
                  ("art", "3а 5б 7а 8б 13а 15б 17а 18б")]:
    for _o in _opts.split():
        KLIMOV_TYPE[(_o[:-1], _o[-1])] = _t
TYPES = ("nature", "technology", "people", "sign", "art")

# Fictitious names (surnames in -ов/-ев/-ин, so the feminine form adds «а»).
SURNAMES = [
    "Агапов", "Алексеев", "Андреев", "Афанасьев", "Баранов", "Беляев", "Блинов",
    "Богданов", "Борисов", "Быстров", "Васильев", "Виноградов", "Власов", "Гладков",
    "Голубев", "Горбунов", "Григорьев", "Гусев", "Денисов", "Ершов", "Ефимов",
    "Журавлёв", "Зайцев", "Зимин", "Зуев", "Игнатьев", "Ильин", "Казаков",
    "Карпов", "Киселёв", "Ковалёв", "Колесников", "Комаров", "Кондратьев",
    "Королёв", "Крылов", "Кудрявцев", "Кузьмин", "Куликов", "Лаврентьев",
    "Лебедев", "Логинов", "Лукин", "Максимов", "Медведев", "Мельников",
    "Миронов", "Морозов", "Наумов", "Новиков", "Носов", "Орлов", "Павлов",
    "Пестов", "Петухов", "Поляков", "Пономарёв", "Прохоров", "Родионов",
    "Романов", "Русаков", "Савин", "Самойлов", "Селезнёв", "Сидоров", "Симонов",
    "Смирнов", "Соболев", "Соколов", "Сорокин", "Суханов", "Тарасов", "Тимофеев",
    "Трофимов", "Уваров", "Фадеев", "Фомин", "Фролов", "Хохлов", "Чижов",
    "Шилов", "Широков", "Щукин", "Яковлев",
]
MALE = ["Александр", "Алексей", "Андрей", "Артём", "Богдан", "Вадим", "Виктор",
        "Владимир", "Глеб", "Григорий", "Давид", "Денис", "Дмитрий", "Егор",
        "Елисей", "Иван", "Игорь", "Кирилл", "Константин", "Лев", "Леонид",
        "Максим", "Мирон", "Михаил", "Никита", "Николай", "Олег", "Павел",
        "Пётр", "Родион", "Святослав", "Семён", "Сергей", "Степан", "Тихон",
        "Филипп", "Эмиль", "Юрий", "Ян"]
FEMALE = ["Алина", "Анастасия", "Анна", "Арина", "Валерия", "Варвара", "Вероника",
          "Виктория", "Дарья", "Диана", "Евгения", "Екатерина", "Елизавета",
          "Зоя", "Ирина", "Камила", "Ксения", "Лидия", "Любовь", "Маргарита",
          "Мария", "Марина", "Надежда", "Наталья", "Оксана", "Полина", "Регина",
          "Софья", "Стефания", "Таисия", "Ульяна", "Эвелина", "Юлия", "Яна"]

# --- what the generator intends (checked against the re-count at the end) ----
#
# Each class: the sheet file and its format, how many students have a sheet,
# how many more the roster lists without a sheet, the ОВЗ students (by number),
# which pupils typed Latin a/b throughout and which mixed Latin and Cyrillic.
SCHOOL1_CLASSES = [
    # 7А: the existing sheet; roster adds 7А-23, 7А-24.
    dict(klass="7А", file=None, sheets=22, extra=2, ovz=(7, 15)),
    dict(klass="7Б", file="klimov-ddo-7b.csv", codec="cp1251", bom=b"", delim=";", eol="\r\n",
         sheets=23, extra=2, ovz=(25,), latin=(4, 17), mixed=(11,)),
    dict(klass="8А", file="klimov-ddo-8a.csv", codec="utf-8", bom=BOM, delim=",", eol="\r\n",
         sheets=22, extra=3, ovz=(5, 24), latin=(2, 9, 20), mixed=(14,),
         stranger=26),    # 8А-26 has a sheet but is not in the roster (came after it was printed)
    dict(klass="9А", file="klimov-ddo-9a.csv", codec="cp1251", bom=b"", delim=";", eol="\r\n",
         sheets=20, extra=3, ovz=(12,), latin=(6,), mixed=(3, 18)),
    dict(klass="9Б", file="klimov-ddo-9b.csv", codec="utf-8", bom=BOM, delim=";", eol="\r\n",
         sheets=19, extra=2, ovz=(3, 21), latin=(8, 15), mixed=(1,),
         guest="9А-08"),  # 9А-08 also sat the test with 9Б: a second sheet in this file
]
SCHOOL2_CLASSES = [
    dict(klass="8В", file="klimov-ddo-8v.csv", codec="cp1251", bom=b"", delim=";", eol="\r\n",
         sheets=21, extra=2, ovz=(10,), latin=(5, 13), mixed=(19,)),
    dict(klass="9В", file="klimov-ddo-9v.csv", codec="utf-8", bom=BOM, delim=",", eol="\r\n",
         sheets=18, extra=2, ovz=(4, 19), latin=(7,), mixed=(12, 16)),
]


def sid(klass, n):
    return "%s-%02d" % (klass, n)


def write_rows(path, rows, codec, bom, delim, eol):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator=eol).writerows(rows)
    data = bom + buf.getvalue().encode(codec)
    with open(path, "wb") as f:
        f.write(data)


class NamePool:
    def __init__(self, rng, taken):
        self.rng = rng
        self.taken = set(taken)

    def next(self):
        while True:
            surname = self.rng.choice(SURNAMES)
            if self.rng.random() < 0.5:
                name = "%s %s" % (surname, self.rng.choice(MALE))
            else:
                name = "%sа %s" % (surname, self.rng.choice(FEMALE))
            if name not in self.taken:
                self.taken.add(name)
                return name


def answers(rng, style):
    """20 ДДО answers; style 'cyr', 'lat' (Latin a/b) or 'mix' (both, per cell)."""
    w = {t: rng.uniform(0.5, 3.0) for t in TYPES}
    row = []
    for i in ITEMS:
        wa, wb = w[KLIMOV_TYPE[(i, "а")]], w[KLIMOV_TYPE[(i, "б")]]
        a = rng.random() < wa / (wa + wb)
        latin = style == "lat" or (style == "mix" and rng.random() < 0.5)
        row.append(("a" if latin else "а") if a else ("b" if latin else "б"))
    if style == "mix":      # make sure the row really mixes the two alphabets
        if all(c in "ab" for c in row):
            row[0] = {"a": "а", "b": "б"}[row[0]]
        if all(c in "аб" for c in row):
            row[1] = {"а": "a", "б": "b"}[row[1]]
    return row


def generate_school(rng, classes, names, existing=None):
    """Writes the class sheets; returns the roster rows [(id, name, class, ovz)]
    and, for the README, notes per class."""
    roster = []
    notes = {}
    sheet_rows_by_id = {}
    for spec in classes:
        klass = spec["klass"]
        if spec["file"] is None:
            people = existing[klass]       # [(id, name)] read from the existing file
        else:
            people = []
            for n in range(1, spec["sheets"] + 1):
                people.append((sid(klass, n), names.next()))
        assert len(people) == spec["sheets"], klass
        extra = [(sid(klass, spec["sheets"] + k), names.next()) for k in range(1, spec["extra"] + 1)]
        for n, (i, name) in enumerate(people + extra, start=1):
            assert i == sid(klass, n)
            roster.append((i, name, klass, n in spec["ovz"]))
        if spec["file"] is None:
            continue
        rows = [["id", "ФИО", "класс"] + ITEMS]
        for n, (i, name) in enumerate(people, start=1):
            style = "lat" if n in spec.get("latin", ()) else "mix" if n in spec.get("mixed", ()) else "cyr"
            row = [i, name, klass] + answers(rng, style)
            sheet_rows_by_id[i] = row
            rows.append(row)
        if "stranger" in spec:
            stranger = (sid(klass, spec["stranger"]), names.next())
            rows.append([stranger[0], stranger[1], klass] + answers(rng, "cyr"))
        if "guest" in spec:
            # the guest wrote his own class on the form; his answers differ from his first sheet
            gid = spec["guest"]
            first = sheet_rows_by_id[gid]
            rows.append([gid, first[1], first[2]] + answers(rng, "cyr"))
        write_rows(os.path.join(spec["dir"], spec["file"]), rows, spec["codec"], spec["bom"], spec["delim"], spec["eol"])
        notes[klass] = spec
    return roster


# --- reading back, as a person with the files would --------------------------

def decode(path):
    data = open(path, "rb").read()
    if data.startswith(BOM):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1251"), "Windows-1251"


def read_table(path):
    text, encoding = decode(path)
    header_line = text.splitlines()[0]
    delim = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    rows = [r for r in rows if any(c.strip() for c in r)]
    return rows[0], rows[1:], encoding, delim


READABLE = {"а", "б", "a", "b"}


def read_sheet(path):
    """[(line, id, class, readable?, bad cells)] of one class sheet."""
    header, rows, _, _ = read_table(path)
    assert header[:3] == ["id", "ФИО", "класс"] and header[3:] == ITEMS, path
    out = []
    for line, r in enumerate(rows, start=2):
        bad = [(ITEMS[k], c) for k, c in enumerate(r[3:]) if c.strip().lower() not in READABLE]
        assert len(r) == 23, (path, line)
        out.append((line, r[0], r[2], not bad, bad))
    return out


def read_roster(path):
    header, rows, _, _ = read_table(path)
    h = [c.strip().lower() for c in header]
    col = lambda *names: next(h.index(n) for n in names if n in h)
    ci, cs, cc = col("код", "id"), col("школа", "school"), col("класс", "class")
    co = col("овз", "ovz")
    students = []
    for r in rows:
        klass = r[cc].strip()
        flag = r[co].strip().lower()
        assert flag in ("да", "нет", "1", "0"), flag
        students.append(dict(id=r[ci].strip(), school=r[cs].strip(), klass=klass,
                             grade=int(klass[:-1]), ovz=flag in ("да", "1")))
    return students


def count(roster_path, sheet_paths):
    """Hand count: which roster students have at least one fully readable sheet."""
    students = read_roster(roster_path)
    in_roster = {s["id"] for s in students}
    sheets = {}                 # id -> [(file, line, readable, bad)]
    for p in sheet_paths:
        for line, i, klass, ok, bad in read_sheet(p):
            sheets.setdefault(i, []).append((os.path.relpath(p, ROOT), line, klass, ok, bad))
    diagnosed = {i for i, ss in sheets.items() if i in in_roster and any(s[3] for s in ss)}
    unreadable = {i: ss for i, ss in sheets.items() if not any(s[3] for s in ss)}
    twice = {i: ss for i, ss in sheets.items() if len(ss) > 1}
    stranger = {i: ss for i, ss in sheets.items() if i not in in_roster}
    return dict(students=students, sheets=sheets, diagnosed=diagnosed, unreadable=unreadable,
                twice=twice, stranger=stranger)


def tally(students, diagnosed):
    en = [s["id"] for s in students]
    dg = [i for i in en if i in diagnosed]
    ov = [s["id"] for s in students if s["ovz"]]
    ovd = [i for i in ov if i in diagnosed]
    return dict(enrolled=len(en), diagnosed=len(dg), ovz=len(ov), ovz_diagnosed=len(ovd),
                ovz_ids=ov, ovz_diag_ids=ovd, missing=[i for i in en if i not in diagnosed])


def pct(a, b):
    if b == 0:
        return "—"
    x = Fraction(100 * a, b)
    tenths = (x * 10 + Fraction(1, 2)).__floor__()        # round half up, one decimal
    return "%d.%d %%" % (tenths // 10, tenths % 10)


def id_ranges(ids):
    """7А-01…7А-06, 7А-08 style runs of consecutive numbers of one class."""
    out, run = [], []
    def flush():
        if run:
            out.append(run[0] if len(run) == 1 else "%s…%s" % (run[0], run[-1]) if len(run) > 2 else "%s, %s" % (run[0], run[1]))
    for i in ids:
        if run and i.rsplit("-", 1)[0] == run[-1].rsplit("-", 1)[0] and int(i.rsplit("-", 1)[1]) == int(run[-1].rsplit("-", 1)[1]) + 1:
            run.append(i)
        else:
            flush()
            run = [i]
    flush()
    return ", ".join(out) if out else "—"


def table(rows):
    out = ["| group | enrolled | diagnosed | share | ОВЗ enrolled | ОВЗ diagnosed | ОВЗ share |",
           "|---|---:|---:|---:|---:|---:|---:|"]
    for label, t in rows:
        out.append("| %s | %d | %d | %s | %d | %d | %s |" % (
            label, t["enrolled"], t["diagnosed"], pct(t["diagnosed"], t["enrolled"]),
            t["ovz"], t["ovz_diagnosed"], pct(t["ovz_diagnosed"], t["ovz"])))
    return "\n".join(out)


def groups(students, diagnosed, school_label):
    """Rows per class, per grade, per band, and the school."""
    classes = sorted({s["klass"] for s in students}, key=lambda k: (int(k[:-1]), k))
    grades = sorted({s["grade"] for s in students})
    rows = [("class " + k, tally([s for s in students if s["klass"] == k], diagnosed)) for k in classes]
    rows += [("grade %d" % g, tally([s for s in students if s["grade"] == g], diagnosed)) for g in grades]
    rows += [("band %d-%d" % b, tally([s for s in students if b[0] <= s["grade"] <= b[1]], diagnosed)) for b in BANDS]
    rows += [(school_label, tally(students, diagnosed))]
    return rows


def main():
    rng = random.Random(SEED)
    d1, d2 = os.path.join(EX, "school1"), os.path.join(EX, "school2")
    os.makedirs(d1, exist_ok=True)
    os.makedirs(d2, exist_ok=True)

    # --- the existing 7А sheet, as it is on disk -----------------------------
    path7a = os.path.join(EX, "klimov-ddo-7a.csv")
    _, rows7a, enc7a, _ = read_table(path7a)
    assert enc7a == "Windows-1251"
    existing = {"7А": [(r[0], r[1]) for r in rows7a]}
    names = NamePool(rng, [r[1] for r in rows7a])

    # --- Школа № 1 ------------------------------------------------------------
    for spec in SCHOOL1_CLASSES:
        spec["dir"] = d1
    roster1 = generate_school(rng, SCHOOL1_CLASSES, names, existing)
    rows = [["код", "ФИО", "школа", "класс", "параллель", "ОВЗ"]]
    for i, name, klass, ovz in roster1:
        rows.append([i, name, SCHOOL1, klass, klass[:-1], "да" if ovz else "нет"])
    write_rows(os.path.join(d1, "roster.csv"), rows, "utf-8", BOM, ";", "\r\n")

    rows = [["школа", "класс", "параллель", "численность", "ОВЗ"]]
    for spec in SCHOOL1_CLASSES:
        members = [r for r in roster1 if r[2] == spec["klass"]]
        rows.append([SCHOOL1, spec["klass"], spec["klass"][:-1], str(len(members)), str(sum(r[3] for r in members))])
    write_rows(os.path.join(d1, "roster-classes.csv"), rows, "cp1251", b"", ";", "\r\n")

    # --- Лицей № 2 --------------------------------------------------------------
    for spec in SCHOOL2_CLASSES:
        spec["dir"] = d2
    roster2 = generate_school(rng, SCHOOL2_CLASSES, names)
    rows = [["id", "school", "class", "ovz"]]
    for i, name, klass, ovz in roster2:
        rows.append([i, SCHOOL2, klass, "1" if ovz else "0"])
    write_rows(os.path.join(d2, "roster.csv"), rows, "utf-8", b"", ",", "\n")

    # --- targets ----------------------------------------------------------------
    rows = [["indicator", "band", "year", "target"],
            ["diagnosed", "5-9", "2025/26", "80"],
            ["diagnosed", "9-11", "2025/26", "70"],
            ["diagnosed-ovz", "*", "*", "80"],
            ["profile", "*", "*", "99"],
            ["diagnosed", "5-9", "2024/25", "70"],
            ["diagnosed", "9-11", "2024/25", "60"]]
    write_rows(os.path.join(EX, "targets.csv"), rows, "utf-8", b"", ",", "\n")

    # --- the hand count, from the files on disk ---------------------------------
    sheets1 = [path7a] + [os.path.join(d1, s["file"]) for s in SCHOOL1_CLASSES if s["file"]]
    sheets2 = [os.path.join(d2, s["file"]) for s in SCHOOL2_CLASSES]
    c1 = count(os.path.join(d1, "roster.csv"), sheets1)
    c2 = count(os.path.join(d2, "roster.csv"), sheets2)
    g1 = groups(c1["students"], c1["diagnosed"], "**" + SCHOOL1 + "**")
    g2 = groups(c2["students"], c2["diagnosed"], "**" + SCHOOL2 + "**")
    both = c1["students"] + c2["students"]
    diag_both = c1["diagnosed"] | c2["diagnosed"]
    gm = [(SCHOOL1, tally(c1["students"], c1["diagnosed"])), (SCHOOL2, tally(c2["students"], c2["diagnosed"]))]
    gm += [("band %d-%d" % b, tally([s for s in both if b[0] <= s["grade"] <= b[1]], diag_both)) for b in BANDS]
    gm += [("**all (municipality)**", tally(both, diag_both))]

    # the generator's intentions must agree with the count from the files
    assert set(c1["unreadable"]) == {"7А-07"}, c1["unreadable"]
    assert set(c1["twice"]) == {"9А-08"} and set(c1["stranger"]) == {"8А-26"}
    assert not c2["unreadable"] and not c2["twice"] and not c2["stranger"]
    for spec, c in [(s, c1) for s in SCHOOL1_CLASSES] + [(s, c2) for s in SCHOOL2_CLASSES]:
        t = tally([s for s in c["students"] if s["klass"] == spec["klass"]], c["diagnosed"])
        expect_diag = spec["sheets"] - (1 if spec["klass"] == "7А" else 0)
        assert t["enrolled"] == spec["sheets"] + spec["extra"] and t["diagnosed"] == expect_diag, (spec["klass"], t)
        assert t["ovz"] == len(spec["ovz"])
        assert 18 <= spec["sheets"] + ("stranger" in spec) + ("guest" in spec) <= 26

    write_expected(os.path.join(d1, "EXPECTED.md"), c1, c2, g1, g2, gm, roster1)
    write_readme_section(c1, c2, g1)
    print("wrote", d1, d2, os.path.join(EX, "targets.csv"))
    for label, t in g1 + g2 + gm:
        print("%-28s %3d %3d %8s   ОВЗ %d %d %s" % (label, t["enrolled"], t["diagnosed"], pct(t["diagnosed"], t["enrolled"]),
                                                  t["ovz"], t["ovz_diagnosed"], pct(t["ovz_diagnosed"], t["ovz"])))


def class_detail(c, klass):
    students = [s for s in c["students"] if s["klass"] == klass]
    ids = [s["id"] for s in students]
    t = tally(students, c["diagnosed"])
    lines = ["**%s** — roster: %s (%d). " % (klass, id_ranges(ids), len(ids))]
    notes = []
    no_sheet = [i for i in ids if i not in c["sheets"]]
    if no_sheet:
        notes.append("no sheet: %s" % ", ".join(no_sheet))
    for i in ids:
        if i in c["unreadable"]:
            f, line, _, _, bad = c["unreadable"][i][0]
            notes.append("%s has a sheet with an unreadable answer (item %s «%s», `%s` line %d): not diagnosed"
                         % (i, bad[0][0], bad[0][1], f, line))
        if i in c["twice"]:
            where = "; ".join("`%s` line %d" % (f, line) for f, line, _, _, _ in c["twice"][i])
            notes.append("%s has two sheets (%s): counted once" % (i, where))
    lines.append("Diagnosed: %d = %s" % (t["diagnosed"], id_ranges([i for i in ids if i in c["diagnosed"]])))
    if notes:
        lines.append("; " + "; ".join(notes))
    lines.append(". ОВЗ: %s → diagnosed %s (%d of %d)." % (
        ", ".join(t["ovz_ids"]) or "none", ", ".join(t["ovz_diag_ids"]) or "none", t["ovz_diagnosed"], t["ovz"]))
    # sheets of this class file that are not counted for this class
    return "".join(lines)


def write_expected(path, c1, c2, g1, g2, gm, roster1):
    classes1 = [s["klass"] for s in SCHOOL1_CLASSES]
    stranger = c1["stranger"]["8А-26"][0]
    guest = c1["twice"]["9А-08"]
    s = []
    s.append("# «%s»: coverage counted by hand\n" % SCHOOL1)
    s.append("""These are the numbers a deputy head would count with the roster and the
answer sheets on the desk, for the school year %s. They were counted from the
files as written (re-read from disk by `Tests/Tools/make_school_examples.py`,
which writes this page), **not** by running ProfScore, so that ProfScore's
`report --roster` can be checked against them.

Rules of the count:

- **Enrolled**: the students listed in `Examples/school1/roster.csv` (one row
  per student; its `параллель` gives the grade).
- **Diagnosed**: an enrolled student with at least one ДДО sheet on which every
  one of the 20 answers is readable («а»/«б», also typed as the Latin look-alikes
  `a`/`b`). A student with two sheets counts once. A sheet whose id is not in
  the roster counts for nobody. A student in the roster without a sheet, or
  whose only sheet has an unreadable answer, is not diagnosed.
- **ОВЗ**: the students marked `да` in the roster's `ОВЗ` column; *ОВЗ
  diagnosed* is the same count restricted to them.
- **Share** = diagnosed / enrolled, in percent, rounded to one decimal.

Sheets: `Examples/klimov-ddo-7a.csv` (7А) and `Examples/school1/klimov-ddo-7b.csv`,
`-8a.csv`, `-9a.csv`, `-9b.csv`. Besides the students without a sheet, three
sheets need a decision:

- `7А-07`: one unreadable answer (item 12 answered «аб», `Examples/klimov-ddo-7a.csv`
  line 8): **not diagnosed** — the ДДО allows no missing answer.
- `8А-26`: a sheet in `%s` line %d, but `8А-26` is not in the roster (the pupil
  came after the roster was printed): **not counted** anywhere.
- `9А-08`: two sheets — %s (the pupil missed the class's session, sat the test with
  9Б, and again with 9А later; on both forms wrote «9А»): **counted once**, in
  9А, his class in the roster.
""" % (YEAR, stranger[0], stranger[1],
       " and ".join("`%s` line %d" % (f, line) for f, line, _, _, _ in guest)))

    s.append("## Who was counted, class by class\n")
    for k in classes1:
        s.append("- " + class_detail(c1, k))
    s.append("")
    s.append("## Coverage\n")
    s.append(table(g1))
    s.append("""
Grades 7–9 are all the school has among the example classes, so the bands 5-9
and 7-9 and the whole school are the same %d students. Grade 9 is also in the
band 9-11 (target 70 %% in %s), if you ask for that band.
""" % (g1[-1][1]["enrolled"], YEAR))
    s.append("Against `Examples/targets.csv` for %s:\n" % YEAR)
    band59 = dict(g1)["band 5-9"]
    band79 = dict(g1)["band 7-9"]
    s.append("| indicator | band | target | counted | reached? |")
    s.append("|---|---|---:|---:|---|")
    s.append("| diagnosed | 5-9 | 80 %% (line `diagnosed,5-9,2025/26,80`) | %s | %s |" % (
        pct(band59["diagnosed"], band59["enrolled"]), "yes" if 100 * band59["diagnosed"] >= 80 * band59["enrolled"] else "no"))
    s.append("| diagnosed | 7-9 | 80 %% (no line for 7-9: the `--target` default, 80) | %s | %s |" % (
        pct(band79["diagnosed"], band79["enrolled"]), "yes" if 100 * band79["diagnosed"] >= 80 * band79["enrolled"] else "no"))
    s.append("| diagnosed-ovz | 5-9, 7-9 | 80 %% (line `diagnosed-ovz,*,*,80`) | %s | %s |" % (
        pct(band59["ovz_diagnosed"], band59["ovz"]), "yes" if 100 * band59["ovz_diagnosed"] >= 80 * band59["ovz"] else "no"))
    s.append("""
The `profile` share (target 99 %%) depends on the instrument's mapping from
leading types to study profiles and is not counted here.

The notes ProfScore gives for the school's own use should name the same
students: without a counted sheet %s; not in the roster: 8А-26; a second sheet
not counted again: 9А-08 (`Examples/school1/klimov-ddo-9b.csv`).
""" % ", ".join(i for s_ in c1["students"] for i in [s_["id"]] if i not in c1["diagnosed"]))

    # --- per-class roster -------------------------------------------------------
    by_class = {}
    for i, ss in c1["sheets"].items():
        for f, line, klass, ok, _ in ss:
            if ok:
                by_class.setdefault(klass, set()).add(i)
    s.append("## With `roster-classes.csv` instead\n")
    s.append("""`Examples/school1/roster-classes.csv` gives only the number enrolled and the
number with ОВЗ per class (the same numbers as `roster.csv`). Without a list of
names, the diagnosed are the distinct ids with a fully readable sheet, in the
class written on the sheet — so `8А-26` now counts for 8А, and `9А-08` (who wrote
«9А» on both forms) still once for 9А. The sheets carry no ОВЗ mark, so the
number of ОВЗ students diagnosed cannot be counted (unknown).
""")
    s.append("| group | enrolled | diagnosed | share | ОВЗ enrolled | ОВЗ diagnosed |")
    s.append("|---|---:|---:|---:|---:|---:|")
    def row(label, ks):
        e = sum(1 for x in c1["students"] if x["klass"] in ks)
        o = sum(1 for x in c1["students"] if x["klass"] in ks and x["ovz"])
        dk = sum(len(by_class.get(k, ())) for k in ks)
        s.append("| %s | %d | %d | %s | %d | unknown |" % (label, e, dk, pct(dk, e), o))
    for k in classes1:
        row("class " + k, [k])
    for g in sorted({int(k[:-1]) for k in classes1}):
        row("grade %d" % g, [k for k in classes1 if int(k[:-1]) == g])
    for b in BANDS:
        row("band %d-%d" % b, [k for k in classes1 if b[0] <= int(k[:-1]) <= b[1]])
    row("**%s**" % SCHOOL1, classes1)
    s.append("")

    # --- Лицей № 2 and the merge --------------------------------------------------
    s.append("## «%s» and the municipal merge\n" % SCHOOL2)
    s.append("""`Examples/school2/roster.csv` (header `id, school, class, ovz`, grade taken
from the class name; ОВЗ written 1/0) and the sheets `Examples/school2/klimov-ddo-8v.csv`,
`-9v.csv`. Every sheet is readable, every sheet's id is in the roster, nobody
has two sheets.
""")
    for k in [x["klass"] for x in SCHOOL2_CLASSES]:
        s.append("- " + class_detail(c2, k))
    s.append("")
    s.append(table(g2))
    s.append("""
`profscore merge` of the two schools' JSON summaries should give the sums (its
grades and classes are those of each school, as in the two tables above):
""")
    s.append(table(gm))
    s.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(s))


MARKER = "\n## Example school: group reports and coverage\n"


def write_readme_section(c1, c2, g1):
    path = os.path.join(EX, "README.md")
    text = open(path, encoding="utf-8", newline="").read()
    k = text.find(MARKER)
    if k >= 0:
        text = text[:k]
    if not text.endswith("\n"):
        text += "\n"

    def fmt(spec):
        enc = {"cp1251": "Windows-1251", "utf-8": "UTF-8"}[spec["codec"]] + (" with BOM" if spec["bom"] else "")
        rows = spec["sheets"] + ("stranger" in spec) + ("guest" in spec)
        latin = ", ".join("`%s`" % sid(spec["klass"], n) for n in spec["latin"])
        mixed = ", ".join("`%s`" % sid(spec["klass"], n) for n in spec["mixed"])
        extra = ""
        if "stranger" in spec:
            extra = " Last row: `%s`, not in the roster." % sid(spec["klass"], spec["stranger"])
        if "guest" in spec:
            extra = " Last row: a second sheet of `%s`." % spec["guest"]
        return "| `%s/%s` | %s | %d | %s | `%s` | CRLF | Latin `a`/`b` throughout: %s; Latin and Cyrillic mixed in one row: %s.%s |" % (
            os.path.basename(spec["dir"]), spec["file"], spec["klass"], rows, enc, spec["delim"], latin, mixed, extra)

    school = g1[-1][1]
    sec = MARKER + """
Files for `profscore report` with a roster and for `profscore merge`: the
ДДО (`klimov-ddo`) sheets of two fictitious schools, their rosters, and targets.
All names are fictitious and the answers random. These files are written by
`Tests/Tools/make_school_examples.py` (which reads `klimov-ddo-7a.csv` but does
not change it, and rewrites only this section of this README).

«%s» has grades 7–9: class 7А is `klimov-ddo-7a.csv` above (with its one
unreadable cell, pupil `7А-07`), and 7Б, 8А, 9А, 9Б are in `school1/`. The class
sheets have the same columns as above (`id`, `ФИО`, `класс`, items `1`…`20`,
answers «а»/«б»); every cell of them is a valid answer. Their names all start
with `klimov-ddo-`, so that the glob `school1/klimov-ddo-*.csv` selects the
sheets and not the rosters.

| file | class | rows | encoding | delimiter | line end | notes |
|---|---|---:|---|---|---|---|
%s
| `school1/roster.csv` | 7А…9Б | %d | UTF-8 with BOM | `;` | CRLF | one row per student: `код`, `ФИО`, `школа`, `класс`, `параллель`, `ОВЗ` (`да`/`нет`). 2–3 students per class have no sheet; 1–2 per class have ОВЗ (with and without sheets; `7А-07`, whose sheet is unreadable, is one of them). |
| `school1/roster-classes.csv` | 7А…9Б | 5 | Windows-1251 | `;` | CRLF | one row per class: `школа`, `класс`, `параллель`, `численность`, `ОВЗ` (count) — the same numbers as `roster.csv`. |
| `school1/EXPECTED.md` | | | UTF-8 | | LF | the coverage counted by hand from these files, with the ids, to check the report against. |
%s
| `school2/roster.csv` | 8В, 9В | %d | UTF-8 | `,` | LF | English header `id`, `school`, `class`, `ovz` (1/0); no grade column: the grade is read from the class name. |
| `targets.csv` | | 6 | UTF-8 | `,` | LF | `indicator`, `band`, `year`, `target`: diagnosed 80 %% in 5-9 and 70 %% in 9-11 for 2025/26 (70 and 60 for 2024/25); diagnosed-ovz 80 %% and profile 99 %% for any band and year (`*`). A band without a line (such as 7-9) gets `--target` (default 80). |

Three sheets of «%s» need a decision when counting coverage:
`7А-07` has an unreadable answer (not diagnosed); `8А-26` has a sheet in
`school1/klimov-ddo-8a.csv` but is not in the roster (not counted); `9А-08` has
two sheets, in `klimov-ddo-9a.csv` and at the end of `klimov-ddo-9b.csv`
(counted once, in 9А). Counted by hand (`school1/EXPECTED.md`): %d of %d
students diagnosed (%s), %d of %d with ОВЗ (%s).

Try (from the package folder; the sheets of 7А come first, then 7Б…9Б):

```sh
swift run profscore report --instrument klimov-ddo Examples/klimov-ddo-7a.csv Examples/school1/klimov-ddo-*.csv \\
    --roster Examples/school1/roster.csv --bands 5-9,7-9 --targets Examples/targets.csv --year 2025/26
```

Do not pass `Examples/school1/*.csv`: that would read the rosters as answer
sheets. With `--roster Examples/school1/roster-classes.csv` instead, the counts
come from the class sizes (see the end of `EXPECTED.md`). Add `--format html
--output school1.html` for a page to print.

The municipal report: one JSON summary per school, then `merge` (the summaries
hold counts and distributions only, no ids or names):

```sh
swift run profscore report --instrument klimov-ddo Examples/klimov-ddo-7a.csv Examples/school1/klimov-ddo-*.csv \\
    --roster Examples/school1/roster.csv --bands 5-9,7-9 --targets Examples/targets.csv --year 2025/26 \\
    --format json --output school1.json
swift run profscore report --instrument klimov-ddo Examples/school2/klimov-ddo-*.csv \\
    --roster Examples/school2/roster.csv --bands 5-9,7-9 --targets Examples/targets.csv --year 2025/26 \\
    --format json --output school2.json
swift run profscore merge school1.json school2.json --targets Examples/targets.csv
```
""" % (SCHOOL1,
       "\n".join(fmt(sp) for sp in SCHOOL1_CLASSES if sp["file"]),
       len(c1["students"]),
       "\n".join(fmt(sp) for sp in SCHOOL2_CLASSES),
       len(c2["students"]),
       SCHOOL1,
       school["diagnosed"], school["enrolled"], pct(school["diagnosed"], school["enrolled"]),
       school["ovz_diagnosed"], school["ovz"], pct(school["ovz_diagnosed"], school["ovz"]))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text + sec)


if __name__ == "__main__":
    main()
