#!/usr/bin/env python3
"""Write the hand-scored fixture classes of ProfScore.

For each bundled instrument this script writes, to
Tests/ProfScoreKitTests/Fixtures/handscored/<instrument-id>/:

  class-excel-1251.csv     Windows-1251, ';', CRLF   (Russian Excel "CSV")
  class-forms-utf8bom.csv  UTF-8 with BOM, ',', LF    (form-service export)
  class-unicode.txt        UTF-16LE with BOM, TAB, CRLF (Excel "Unicode text")
  expected.csv             UTF-8, ',', LF: the scores worked out from the key

The three class files hold the same 12 students with the same answers; only the
spelling of the answers (Cyrillic/Latin letters, case, digits, dashes, labels,
surrounding spaces, blanks where a blank means "-") differs between students
and files.

The expected scores are computed here from the PUBLISHED keys, written out below
as in shared/reference/instrument-keys.md, and from the project decisions in
docs/bundled-ids.md (ids, missing-answer rules, leading-type minimum, Holland
code, the authored readiness key).  Nothing is read from Instruments/*.json or
from the Swift sources: these fixtures are an independent check of both.

Standard library only; deterministic (fixed seeds).  Run from anywhere:

    python3 Tests/Tools/make_handscored.py
"""

import csv
import io
import os
import random
import sys
from fractions import Fraction
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Tests", "ProfScoreKitTests", "Fixtures", "handscored")

SEED = 20241125

NBSP = "\u00a0"
MINUS = "\u2212"   # minus sign (not in Windows-1251)
EN = "\u2013"      # en dash
EM = "\u2014"      # em dash


# ---------------------------------------------------------------------------
# Published keys, written out independently
# ---------------------------------------------------------------------------

# Klimov, ДДО (instrument-keys.md, table "type | options"); scale ids from
# bundled-ids.md.  "1а" = item 1, option «а» (Cyrillic).
KLIMOV_KEY = [
    ("nature",     "1а 3б 6а 10а 11а 13б 16а 20а"),
    ("technology", "1б 4а 7б 9а 11б 14а 17б 19а"),
    ("people",     "2а 4б 6б 8а 12а 14б 16б 18а"),
    ("sign",       "2б 5а 9б 10б 12б 15а 19б 20б"),
    ("art",        "3а 5б 7а 8б 13а 15б 17а 18б"),
]
KLIMOV = [(sid, [(o[:-1], o[-1]) for o in opts.split()]) for sid, opts in KLIMOV_KEY]
KLIMOV_ITEMS = [str(i) for i in range(1, 21)]

# Golomshtok, «Карта интересов»: scale k = items k, k+29, ..., k+145.
GOLOMSHTOK_IDS = [
    "biology", "geography", "geology", "medicine", "food-industry", "physics",
    "chemistry", "technology", "electronics", "metalwork", "woodwork",
    "construction", "transport", "aviation-marine", "military", "history",
    "literature", "journalism", "public-activity", "pedagogy", "law",
    "services", "mathematics", "economics", "languages", "fine-arts",
    "performing-arts", "music", "sport",
]
GOLOMSHTOK = [(sid, [str(k + 29 * j) for j in range(6)])
              for k, sid in enumerate(GOLOMSHTOK_IDS, start=1)]
GOLOMSHTOK_ITEMS = [str(i) for i in range(1, 175)]

# Rezapkina, «Профиль»: scale k = items k, k+10, k+20, k+30, k+40.
REZAPKINA_IDS = [
    "phys-math", "chem-bio", "radio-electronics", "mechanics", "geo",
    "lit-arts", "history-politics", "pedagogy-medicine", "business-home",
    "sport-military",
]
REZAPKINA = [(sid, [str(k + 10 * j) for j in range(5)])
             for k, sid in enumerate(REZAPKINA_IDS, start=1)]
REZAPKINA_ITEMS = [str(i) for i in range(1, 51)]

# O*NET Interest Profiler Short Form: items as published.
ONET_KEY = [
    ("realistic",     "R", "1 2 13 14 25 26 37 38 49 50"),
    ("investigative", "I", "3 4 15 16 27 28 39 40 51 52"),
    ("artistic",      "A", "5 6 17 18 29 30 41 42 53 54"),
    ("social",        "S", "7 8 19 20 31 32 43 44 55 56"),
    ("enterprising",  "E", "9 10 21 22 33 34 45 46 57 58"),
    ("conventional",  "C", "11 12 23 24 35 36 47 48 59 60"),
]
ONET = [(sid, items.split()) for sid, _, items in ONET_KEY]
RIASEC_LETTERS = {sid: letter for sid, letter, _ in ONET_KEY}
ONET_ITEMS = [str(i) for i in range(1, 61)]

# IIP RIASEC Markers: R1-R8 ... C8.
IIP = [(sid, ["%s%d" % (letter, n) for n in range(1, 9)]) for sid, letter, _ in ONET_KEY]
IIP_ITEMS = [item for _, items in IIP for item in items]

# Readiness (authored for ProfScore, docs/bundled-ids.md): scale k = items
# k, k+6, k+12, k+18; items 19-24 reverse-keyed (1..5 -> 5..1); mean.
READINESS_IDS = ["awareness", "motivation", "activity", "planning",
                 "alternatives", "self-knowledge"]
READINESS = [(sid, [str(k + 6 * j) for j in range(4)])
             for k, sid in enumerate(READINESS_IDS, start=1)]
READINESS_ITEMS = [str(i) for i in range(1, 25)]
READINESS_REVERSED = {str(i) for i in range(19, 25)}


# ---------------------------------------------------------------------------
# Scoring by hand rules.  Answers are semantic: Klimov 'а'/'б'; Golomshtok
# -2..2; Rezapkina True ('+') / False ('-'); Likert the code 1..5.  None = blank.
# A scale result is an int / Fraction, or None when the scale is invalid.
# ---------------------------------------------------------------------------

def score_klimov(ans):
    out = {}
    for sid, opts in KLIMOV:
        items = {item for item, _ in opts}
        if any(ans[i] is None for i in items):          # maxMissing 0
            out[sid] = None
        else:
            out[sid] = sum(1 for item, opt in opts if ans[item] == opt)
    return out


def score_golomshtok(ans):
    out = {}
    for sid, items in GOLOMSHTOK:
        missing = sum(1 for i in items if ans[i] is None)
        if missing > 1:                                 # maxMissing 1, no prorating
            out[sid] = None
        else:
            out[sid] = sum(ans[i] for i in items if ans[i] is not None)
    return out


def score_rezapkina(ans):
    # blank means «-»: nothing is ever missing
    return {sid: sum(1 for i in items if ans[i] is True) for sid, items in REZAPKINA}


def score_onet(ans):
    out = {}
    for sid, items in ONET:
        if any(ans[i] is None for i in items):          # maxMissing 0
            out[sid] = None
        else:
            out[sid] = sum(ans[i] - 1 for i in items)   # codes 1..5 -> 0..4
    return out


def score_iip(ans):
    out = {}
    for sid, items in IIP:
        if any(ans[i] is None for i in items):          # maxMissing 0
            out[sid] = None
        else:
            out[sid] = sum(ans[i] for i in items)       # codes 1..5 -> 1..5
    return out


def readiness_value(item, code):
    return 6 - code if item in READINESS_REVERSED else code


def readiness_mean(ans, items, max_missing):
    answered = [i for i in items if ans[i] is not None]
    if len(items) - len(answered) > max_missing:
        return None
    return Fraction(sum(readiness_value(i, ans[i]) for i in answered), len(answered))


def score_readiness(ans):
    out = {sid: readiness_mean(ans, items, 1) for sid, items in READINESS}
    out["total"] = readiness_mean(ans, READINESS_ITEMS, 3)
    return out


def leading(scores, order, minimum):
    """'' if a compared scale is invalid; 'none' below the minimum; else ids joined by '+'."""
    if any(scores[s] is None for s in order):
        return ""
    top = max(scores[s] for s in order)
    if minimum is not None and top < minimum:
        return "none"
    return "+".join(s for s in order if scores[s] == top)


def holland(scores, order):
    """Three highest letters; tied letters the code needs in brackets, in RIASEC order."""
    if any(scores[s] is None for s in order):
        return ""
    code, taken = "", 0
    for value in sorted({scores[s] for s in order}, reverse=True):
        group = [RIASEC_LETTERS[s] for s in order if scores[s] == value]
        code += group[0] if len(group) == 1 else "(" + "".join(group) + ")"
        taken += len(group)
        if taken >= 3:
            break
    return code


def fmt(v):
    if v is None:
        return ""
    if isinstance(v, Fraction):
        if v.denominator == 1:
            return str(v.numerator)
        d = (Decimal(v.numerator) / Decimal(v.denominator)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP)
        return format(d.normalize(), "f")
    return str(v)


# ---------------------------------------------------------------------------
# Spellings of answers
# ---------------------------------------------------------------------------

KLIMOV_SPELLINGS = {
    # style -> (spellings of «а», spellings of «б»)
    "cyr":    (["а"], ["б"]),                 # Cyrillic
    "lat":    (["a"], ["b"]),                 # Latin look-alikes
    "caps":   (["А", "A"], ["Б", "B"]),       # Cyrillic and Latin capitals
    "digits": (["1"], ["2"]),
    "mixed":  (["а", "a", "А", "A", "1"], ["б", "b", "Б", "B", "2"]),
}

GOLOMSHTOK_SPELLINGS = {
    # style -> value -> spellings
    "plain": {2: ["++"], 1: ["+"], 0: ["0"], -1: ["-"], -2: ["--"]},
    "typo": {2: ["++"], 1: ["+"], 0: ["0", "О", "o"], -1: ["-", MINUS, EN],
             -2: ["--", MINUS + MINUS, EN + EN]},
    "signed": {2: ["+2"], 1: ["+1"], 0: ["0"], -1: ["-1", MINUS + "1", EN + "1"],
               -2: ["-2", MINUS + "2", EN + "2"]},
    "mixed": {2: ["++", "+2", " ++"], 1: ["+", "+1"], 0: ["0", "О", "O", " 0"],
              -1: ["-", MINUS, EN, EM, "-1", EN + "1", MINUS + "1"],
              -2: ["--", MINUS + MINUS, EN + EN, "-2", MINUS + "2", EN + "2"]},
}

REZAPKINA_SPELLINGS = {
    # style -> (spellings of «+», spellings of «-»); "" is a blank (= «-»)
    "plus":      (["+"], ["-"]),
    "plus-only": (["+"], [""]),
    "words":     (["да", "Да", "ДА"], ["нет"]),
    "dashes":    (["+"], [MINUS, EN, "-"]),
    "mixed":     (["+", "да", "Да", "yes", "y", "1", "д" + "a"],      # last: Latin a
                  ["-", "нет", "no", "n", "0", "", "н" + "e" + "т", EN]),  # Latin e
}

ONET_EN = ["Strongly Dislike", "Dislike", "Unsure", "Like", "Strongly Like"]
ONET_RU = ["Очень не нравится", "Не нравится", "Не уверен", "Нравится", "Очень нравится"]


def likert_spellings(style, code, labels=False):
    d = str(code)
    if style == "digits":
        return [d]
    if style == "spaces":
        return [d, " " + d, d + " ", " " + d + " ", NBSP + d]
    if style == "en":
        lab = ONET_EN[code - 1]
        return [lab, lab.lower(), lab.upper()]
    if style == "ru":
        return [ONET_RU[code - 1]]
    if style == "mixed":
        s = [d, " " + d, d + " "]
        if labels:
            s += [ONET_EN[code - 1], ONET_EN[code - 1].lower(), ONET_RU[code - 1]]
        return s
    raise ValueError(style)


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------

FILES = [
    # name, encoding (codec, bom), delimiter, line terminator
    ("class-excel-1251.csv", "cp1251", b"", ";", "\r\n"),
    ("class-forms-utf8bom.csv", "utf-8", b"\xef\xbb\xbf", ",", "\n"),
    ("class-unicode.txt", "utf-16-le", b"\xff\xfe", "\t", "\r\n"),
]


def encodable(s, codec):
    try:
        s.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def write_table(path, rows, codec, bom, delim, eol):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=eol, quotechar='"',
                   quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    data = bom + buf.getvalue().encode(codec)   # strict: fails on an unencodable cell
    with open(path, "wb") as f:
        f.write(data)


NAMES = [
    "Иванова, Анна", "Петров Пётр", "Смирнова Мария", "Кузнецов Алексей",
    'Ким Виктор "Витя"', "Королёв Семён", "Ахмедова Лейла", "Васильев Иван",
    "Новикова Дарья", "Морозов Егор", "Фёдорова Алёна", "Соколов Артём",
    "Лебедева Ксения", "Орлов Максим", "Гусейнова Амина", "Белов Никита",
    "Зайцева Полина", "Тихонов Глеб", "Ершова Вероника", "Шевченко Богдан",
    "Павлова Софья", "Григорьев Лев", "Мельникова Ева", "Сорокин Тимофей, мл.",
]


def roster(rng, klass):
    names = NAMES[:]
    rng.shuffle(names)
    names = names[:12]
    # every class has a name with a comma and one with quotes
    if not any("," in n for n in names):
        names[3] = "Иванова, Анна"
    if not any('"' in n for n in names):
        names[8] = 'Ким Виктор "Витя"'
    return [("%s-%02d" % (klass, n + 1), names[n]) for n in range(12)]


# ---------------------------------------------------------------------------
# Generators of students
# ---------------------------------------------------------------------------

def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def search(rng, make, ok, what, tries=200000):
    for _ in range(tries):
        a = make()
        if ok(a):
            return a
    raise SystemExit("could not generate: " + what)


# ---- Klimov ---------------------------------------------------------------

KLIMOV_OPTION_TYPE = {}
for _sid, _opts in KLIMOV:
    for _item, _opt in _opts:
        KLIMOV_OPTION_TYPE[(_item, _opt)] = _sid


def klimov_typical(rng, weights):
    ans = {}
    for i in KLIMOV_ITEMS:
        wa = weights.get(KLIMOV_OPTION_TYPE[(i, "а")], 1.0)
        wb = weights.get(KLIMOV_OPTION_TYPE[(i, "б")], 1.0)
        ans[i] = "а" if rng.random() < wa / (wa + wb) else "б"
    return ans


def klimov_class(rng):
    ids = [s for s, _ in KLIMOV]
    S = score_klimov

    def ntop(a):
        v = sorted(S(a).values(), reverse=True)
        return sum(1 for x in v if x == v[0])

    st = []
    st.append(("typical sheet",
               klimov_typical(rng, {"sign": 3, "technology": 2})))
    st.append(("typical sheet",
               klimov_typical(rng, {"nature": 4, "people": 1.5})))
    st.append(("tie for the leading type between two types",
               search(rng, lambda: klimov_typical(rng, {"people": 3, "art": 3}),
                      lambda a: ntop(a) == 2, "klimov 2-tie")))
    st.append(("three-way tie for the leading type",
               search(rng, lambda: klimov_typical(rng, {"nature": 2, "technology": 2, "sign": 2}),
                      lambda a: ntop(a) == 3, "klimov 3-tie")))
    a = klimov_typical(rng, {"art": 3})
    a["7"] = None
    st.append(("one blank pair (item 7: 7а art / 7б technology): with maxMissing 0 "
               "art and technology are invalid, the other three are scored, no leading type", a))
    a = klimov_typical(rng, {"people": 2})
    for i in ("2", "11", "19"):
        a[i] = None
    st.append(("three blank pairs (2, 11, 19): nature, technology, people, sign invalid; "
               "only art scored; no leading type", a))
    st.append(("every pair answered «а», spelled with Cyrillic and Latin letters, "
               "capitals and 1 mixed in every file",
               {i: "а" for i in KLIMOV_ITEMS}))
    st.append(("every pair answered «б» (spellings б/b/Б/B/2 vary by file)",
               {i: "б" for i in KLIMOV_ITEMS}))
    a = klimov_typical(rng, {})
    for item, opt in dict(KLIMOV)["people"]:
        a[item] = opt
    st.append(("all eight «people» options chosen: people = 8 (top of the range)", a))
    st.append(("typical sheet",
               search(rng, lambda: klimov_typical(rng, {"technology": 3}),
                      lambda a: ntop(a) == 1, "klimov typical")))
    st.append(("typical sheet",
               search(rng, lambda: klimov_typical(rng, {"art": 3, "people": 1.5}),
                      lambda a: ntop(a) == 1, "klimov typical")))
    st.append(("typical sheet",
               search(rng, lambda: klimov_typical(rng, {}),
                      lambda a: ntop(a) == 1, "klimov typical")))
    return st


def klimov_render(rng, fileno, studentno, ans, codec):
    styles = ["cyr", "lat", "caps", "digits", "mixed"]
    if studentno == 6:              # the «all а» sheet: always mixed
        style = "mixed"
    else:
        style = styles[(studentno + 2 * fileno) % len(styles)]
    sa, sb = KLIMOV_SPELLINGS[style]
    row = []
    for i in KLIMOV_ITEMS:
        v = ans[i]
        if v is None:
            row.append("")
            continue
        cell = rng.choice(sa if v == "а" else sb)
        if fileno > 0 and rng.random() < 0.04:
            cell = " " + cell + " "
        row.append(cell)
    return row


# ---- Golomshtok -----------------------------------------------------------

def golomshtok_typical(rng, latent, noise=0.9):
    ans = {}
    for i in GOLOMSHTOK_ITEMS:
        sid = GOLOMSHTOK_IDS[(int(i) - 1) % 29]
        ans[i] = clamp(int(round(latent.get(sid, -0.3) + rng.gauss(0, noise))), -2, 2)
    return ans


def golomshtok_mod5(values):
    """Item i gets values[i % 5]: scale k = sum(values) + values[k % 5]."""
    return {i: values[int(i) % 5] for i in GOLOMSHTOK_ITEMS}


def golomshtok_class(rng):
    ids = GOLOMSHTOK_IDS
    S = score_golomshtok

    def ntop(a):
        v = sorted(S(a).values(), reverse=True)
        return sum(1 for x in v if x == v[0]), v[0]

    def latent(strong, base=-0.4):
        d = {s: base + rng.uniform(-0.6, 0.6) for s in ids}
        d.update(strong)
        return d

    st = []
    st.append(("typical sheet",
               search(rng, lambda: golomshtok_typical(rng, latent({"biology": 1.6, "medicine": 1.2, "chemistry": 0.9})),
                      lambda a: ntop(a)[0] == 1 and ntop(a)[1] >= 5, "g typical")))
    st.append(("typical sheet",
               search(rng, lambda: golomshtok_typical(rng, latent({"technology": 1.5, "transport": 1.3, "physics": 0.8})),
                      lambda a: ntop(a)[0] == 1 and ntop(a)[1] >= 5, "g typical")))
    st.append(("tie for the leading type between two scales above the minimum",
               search(rng, lambda: golomshtok_typical(rng, latent({"literature": 1.4, "journalism": 1.4})),
                      lambda a: ntop(a)[0] == 2 and ntop(a)[1] >= 7, "g 2-tie")))
    st.append(("highest score 4, below the minimum 5: leading «none» "
               "(item i answered ++ when i is a multiple of 5, else 0)",
               golomshtok_mod5([2, 0, 0, 0, 0])))
    st.append(("five-way tie at exactly the minimum 5 (item i: ++ if i%5==0, + if i%5==1, "
               "else 0): food-industry, metalwork, military, pedagogy, languages",
               golomshtok_mod5([2, 1, 0, 0, 0])))
    def with_blank16(a):
        a["16"] = None      # one blank in «history» (items 16 45 74 103 132 161): tolerated
        return a
    a = search(rng, lambda: with_blank16(golomshtok_typical(rng, latent({"history": 1.5, "law": 1.0}))),
               lambda a: ntop(a)[0] == 1 and max(S(a).values()) == S(a)["history"] >= 5, "g blank")
    st.append(("one blank (item 16, history) is tolerated (maxMissing 1): history is "
               "the sum of its five answers and is the leading type", a))
    a = golomshtok_typical(rng, latent({"mathematics": 1.5, "economics": 1.2}))
    a["8"] = None
    a["37"] = None          # two blanks in «technology» -> invalid
    a["100"] = None         # one blank in «transport» (13 42 71 100 129 158): tolerated
    st.append(("two blanks in «technology» (items 8, 37) make it invalid; one blank in "
               "«transport» (item 100) is tolerated; no leading type", a))
    st.append(("spelling variety: +2/+1/-1/-2 forms, minus sign, en dash, letter О for zero",
               search(rng, lambda: golomshtok_typical(rng, latent({"sport": 1.6, "military": 1.0})),
                      lambda a: ntop(a)[0] == 1, "g spelling")))
    a = {i: (2 if (int(i) - 1) % 29 == 27 else -2) for i in GOLOMSHTOK_ITEMS}
    st.append(("every item «--» except the six music items «++»: music +12, all others -12", a))
    st.append(("typical sheet",
               search(rng, lambda: golomshtok_typical(rng, latent({"fine-arts": 1.4, "performing-arts": 1.0, "music": 0.9})),
                      lambda a: ntop(a)[0] == 1, "g typical")))
    st.append(("typical sheet",
               search(rng, lambda: golomshtok_typical(rng, latent({"languages": 1.5, "pedagogy": 1.1})),
                      lambda a: ntop(a)[0] == 1, "g typical")))
    st.append(("typical sheet",
               search(rng, lambda: golomshtok_typical(rng, latent({"economics": 1.3, "services": 1.0}, base=0.0)),
                      lambda a: ntop(a)[0] == 1, "g typical")))
    return st


def golomshtok_render(rng, fileno, studentno, ans, codec):
    if studentno == 7:
        style = ["signed", "mixed", "mixed"][fileno]
    else:
        style = ["plain", "typo", "mixed", "signed"][(studentno + fileno) % 4]
    sp = GOLOMSHTOK_SPELLINGS[style]
    row = []
    for i in GOLOMSHTOK_ITEMS:
        v = ans[i]
        if v is None:
            row.append("")
            continue
        choices = [c for c in sp[v] if encodable(c, codec)]
        row.append(rng.choice(choices))
    return row


# ---- Rezapkina ------------------------------------------------------------

def rezapkina_typical(rng, p):
    return {i: rng.random() < p.get(REZAPKINA_IDS[(int(i) - 1) % 10], 0.35)
            for i in REZAPKINA_ITEMS}


def rezapkina_class(rng):
    ids = REZAPKINA_IDS
    S = score_rezapkina

    def tops(a):
        v = sorted(S(a).values(), reverse=True)
        return sum(1 for x in v if x == v[0]), v[0]

    st = []
    st.append(("typical sheet",
               search(rng, lambda: rezapkina_typical(rng, {"phys-math": 0.85, "radio-electronics": 0.6}),
                      lambda a: tops(a)[0] == 1 and tops(a)[1] >= 3, "r typical")))
    st.append(("typical sheet",
               search(rng, lambda: rezapkina_typical(rng, {"lit-arts": 0.85, "history-politics": 0.6}),
                      lambda a: tops(a)[0] == 1 and tops(a)[1] >= 3, "r typical")))
    st.append(("tie for the leading type: two scales share the highest score 4",
               search(rng, lambda: rezapkina_typical(rng, {"chem-bio": 0.75, "pedagogy-medicine": 0.75}),
                      lambda a: tops(a) == (2, 4), "r tie")))
    st.append(("highest score 2, below the minimum 3: leading «none»",
               search(rng, lambda: rezapkina_typical(rng, {}),
                      lambda a: tops(a)[1] == 2, "r none")))
    st.append(("exactly one scale at the minimum 3, the rest at most 2",
               search(rng, lambda: rezapkina_typical(rng, {"geo": 0.6}),
                      lambda a: tops(a) == (1, 3), "r min")))
    a = search(rng, lambda: rezapkina_typical(rng, {"business-home": 0.8}),
               lambda a: tops(a)[0] == 1 and tops(a)[1] >= 3, "r blanks")
    for i in ("9", "19", "4", "33"):
        a[i] = None
    st.append(("four blank cells (9, 19, 4, 33), read as «-» (blank = -); all scales valid", a))
    a = search(rng, lambda: rezapkina_typical(rng, {"sport-military": 0.9}),
               lambda a: tops(a)[0] == 1, "r plus-only")
    a = {i: (True if a[i] else None) for i in REZAPKINA_ITEMS}
    st.append(("only «+» written, every other cell blank (blank = -): many blanks, "
               "still no scale invalid (this instrument has no invalid-by-blanks case)", a))
    st.append(("every item «+»: all ten scales 5, ten-way tie",
               {i: True for i in REZAPKINA_ITEMS}))
    st.append(("all five «mechanics» items «+»: mechanics 5 (pronounced)",
               search(rng, lambda: _force(rezapkina_typical(rng, {}), REZAPKINA[3][1]),
                      lambda a: tops(a) == (1, 5), "r five")))
    st.append(("spelling variety: да/нет/yes/no/1/0, Latin look-alikes in «дa»/«нeт», dashes",
               search(rng, lambda: rezapkina_typical(rng, {"history-politics": 0.8}),
                      lambda a: tops(a)[0] == 1, "r words")))
    st.append(("typical sheet",
               search(rng, lambda: rezapkina_typical(rng, {"radio-electronics": 0.8, "mechanics": 0.5}),
                      lambda a: tops(a)[0] == 1, "r typical")))
    st.append(("typical sheet",
               search(rng, lambda: rezapkina_typical(rng, {"pedagogy-medicine": 0.85}),
                      lambda a: tops(a)[0] == 1, "r typical")))
    return st


def _force(a, items):
    for i in items:
        a[i] = True
    return a


def rezapkina_render(rng, fileno, studentno, ans, codec):
    if studentno == 9:
        style = "mixed"
    elif studentno == 6:
        style = "plus-only"
    else:
        style = ["plus", "words", "dashes", "mixed", "plus-only"][(studentno + fileno) % 5]
    sp, sm = REZAPKINA_SPELLINGS[style]
    row = []
    for i in REZAPKINA_ITEMS:
        v = ans[i]
        if v is None:
            row.append("")
            continue
        choices = [c for c in (sp if v else sm) if encodable(c, codec)]
        row.append(rng.choice(choices))
    return row


# ---- Likert (O*NET, IIP) --------------------------------------------------

def likert_typical(rng, key, means, default=2.6, noise=0.9):
    ans = {}
    for sid, items in key:
        for i in items:
            ans[i] = clamp(int(round(means.get(sid, default) + rng.gauss(0, noise))), 1, 5)
    return ans


def riasec_class(rng, key, items_order, score, name):
    ids = [s for s, _ in key]

    def sv(a):
        s = score(a)
        return sorted((s[x] for x in ids), reverse=True)

    def m(**kw):
        return lambda: likert_typical(rng, key, kw)

    st = []
    st.append(("typical sheet",
               search(rng, m(investigative=4.2, realistic=3.4),
                      lambda a: len(set(sv(a)[:4])) == 4, name + " typical")))
    st.append(("typical sheet",
               search(rng, m(social=4.3, artistic=3.7),
                      lambda a: len(set(sv(a)[:4])) == 4, name + " typical")))
    st.append(("tie for the leading type between two areas: {holland}",
               search(rng, m(artistic=4.0, enterprising=4.0),
                      lambda a: sv(a)[0] == sv(a)[1] > sv(a)[2] > sv(a)[3], name + " tie")))
    code = 3 if name == "onet" else 5
    st.append(("every answer the same (code %d): all six areas equal, six-way tie, "
               "Holland code (RIASEC); the sheet is also flagged same-answer" % code,
               {i: code for i in items_order}))
    a = search(rng, m(conventional=4.0), lambda a: len(set(sv(a)[:4])) == 4, name + " blank")
    blank = key[5][1][3]
    a[blank] = None
    st.append(("one blank (item %s, conventional): maxMissing 0 makes conventional "
               "invalid; no leading type, no Holland code" % blank, a))
    a = likert_typical(rng, key, {"realistic": 3.8})
    blanks = [key[0][1][0], key[0][1][5], key[2][1][2], key[4][1][7]]
    for b in blanks:
        a[b] = None
    st.append(("four blanks (%s): realistic, artistic, enterprising invalid; the other "
               "three scored" % ", ".join(blanks), a))
    st.append(("Holland code with a tie for second place: {holland}",
               search(rng, m(social=4.4, artistic=3.5, investigative=3.5),
                      lambda a: sv(a)[0] > sv(a)[1] == sv(a)[2] > sv(a)[3], name + " 2nd tie")))
    st.append(("Holland code with a tie for third place that the code needs: {holland}",
               search(rng, m(enterprising=4.3, conventional=3.8),
                      lambda a: sv(a)[0] > sv(a)[1] > sv(a)[2] == sv(a)[3], name + " 3rd tie")))
    st.append(("answers written %s" % ("as the English labels (Like, strongly like, UNSURE...)"
                                          if name == "onet" else "with surrounding spaces and no-break spaces"),
               search(rng, m(realistic=4.0, conventional=3.5),
                      lambda a: len(set(sv(a)[:4])) == 4, name + " labels")))
    st.append(("answers written %s" % ("as the Russian labels (Нравится, Не уверен...)"
                                          if name == "onet" else "as digits with spaces around some"),
               search(rng, m(enterprising=4.1, social=3.6),
                      lambda a: len(set(sv(a)[:4])) == 4, name + " ru")))
    st.append(("typical sheet",
               search(rng, lambda: likert_typical(rng, key, {}, default=1.8),
                      lambda a: sv(a)[0] > sv(a)[1], name + " low")))
    st.append(("typical sheet",
               search(rng, m(investigative=3.9, artistic=3.9, conventional=1.5),
                      lambda a: sv(a)[0] > sv(a)[1], name + " mixed")))
    return st


def onet_render(rng, fileno, studentno, ans, codec):
    if studentno == 8:
        style = "en"
    elif studentno == 9:
        style = "ru"
    else:
        style = ["digits", "spaces", "mixed", "en"][(studentno + fileno) % 4]
    row = []
    for i in ONET_ITEMS:
        v = ans[i]
        row.append("" if v is None else rng.choice(likert_spellings(style, v, labels=True)))
    return row


def iip_render(rng, fileno, studentno, ans, codec):
    if studentno in (8, 9):
        style = "spaces"
    else:
        style = ["digits", "spaces", "mixed"][(studentno + fileno) % 3]
    row = []
    for i in IIP_ITEMS:
        v = ans[i]
        row.append("" if v is None else rng.choice(likert_spellings(style, v)))
    return row


# ---- Readiness ------------------------------------------------------------

def readiness_typical(rng, level, spread=0.8, offsets=None):
    offsets = offsets or {}
    ans = {}
    for k, sid in enumerate(READINESS_IDS, start=1):
        for j in range(4):
            i = str(k + 6 * j)
            x = clamp(int(round(level + offsets.get(sid, 0) + rng.gauss(0, spread))), 1, 5)
            ans[i] = 6 - x if i in READINESS_REVERSED else x   # reverse-keyed item
    return ans


def readiness_class(rng):
    st = []
    st.append(("typical sheet", readiness_typical(rng, 4.0)))
    st.append(("typical sheet",
               readiness_typical(rng, 2.3, offsets={"planning": -0.8})))
    a = readiness_typical(rng, 3.0)
    a["9"] = None
    st.append(("one blank (item 9, activity): tolerated, activity is the mean of its "
               "3 answers, total the mean of 23", a))
    a = readiness_typical(rng, 3.2)
    a["4"] = None
    a["16"] = None
    st.append(("two blanks in «planning» (items 4, 16): planning invalid; total still "
               "valid (2 of 24 missing, maxMissing 3)", a))
    a = readiness_typical(rng, 3.6)
    for i in ("1", "8", "15", "22"):
        a[i] = None
    st.append(("four blanks in four different scales (1, 8, 15, 22): every scale valid "
               "with one blank, total invalid (4 > maxMissing 3)", a))
    a = readiness_typical(rng, 2.7)
    for i in ("2", "9", "22"):
        a[i] = None
    st.append(("three blanks (2, 9, 22) in three scales: all valid, total valid at "
               "exactly maxMissing 3", a))
    st.append(("every answer 4 (same-answer): direct items 4, reversed 19-24 give 2; "
               "every scale (4+4+4+2)/4 = 3.5, total 84/24 = 3.5 (boundary: high)",
               {i: 4 for i in READINESS_ITEMS}))
    st.append(("every answer 1: scales (1+1+1+5)/4 = 2, total 48/24 = 2",
               {i: 1 for i in READINESS_ITEMS}))
    a = {}
    for k in range(1, 7):
        pat = [2, 3, 2, 3] if k <= 3 else [4, 3, 4, 3]
        for j in range(4):
            a[str(k + 6 * j)] = pat[j]
    st.append(("boundaries: scales 1-3 exactly 2.5 (2+3+2+rev 3), scales 4-6 exactly 3.5 "
               "(4+3+4+rev 3), total 72/24 = 3", a))
    st.append(("every answer 5 (same-answer): scales (5+5+5+1)/4 = 4, total 96/24 = 4",
               {i: 5 for i in READINESS_ITEMS}))
    st.append(("typical sheet", readiness_typical(rng, 3.4, spread=1.0)))
    st.append(("typical sheet",
               readiness_typical(rng, 2.9, offsets={"self-knowledge": 1.2})))
    return st


def readiness_render(rng, fileno, studentno, ans, codec):
    if studentno == 10:
        style = "spaces"
    else:
        style = ["digits", "spaces", "digits", "mixed"][(studentno + fileno) % 4]
    row = []
    for i in READINESS_ITEMS:
        v = ans[i]
        row.append("" if v is None else rng.choice(likert_spellings(style, v)))
    return row


# ---------------------------------------------------------------------------
# Instruments
# ---------------------------------------------------------------------------

INSTRUMENTS = [
    # id, class, item ids, scale ids, scorer, leading (order, minimum) or None,
    # holland?, class generator, renderer
    ("klimov-ddo", "8А", KLIMOV_ITEMS, [s for s, _ in KLIMOV], score_klimov,
     ([s for s, _ in KLIMOV], 3), False, klimov_class, klimov_render),
    ("golomshtok-interest-map", "9Б", GOLOMSHTOK_ITEMS, GOLOMSHTOK_IDS, score_golomshtok,
     (GOLOMSHTOK_IDS, 5), False, golomshtok_class, golomshtok_render),
    ("rezapkina-profile", "9А", REZAPKINA_ITEMS, REZAPKINA_IDS, score_rezapkina,
     (REZAPKINA_IDS, 3), False, rezapkina_class, rezapkina_render),
    ("onet-interest-profiler-60", "10А", ONET_ITEMS, [s for s, _ in ONET], score_onet,
     ([s for s, _ in ONET], None), True,
     lambda rng: riasec_class(rng, ONET, ONET_ITEMS, score_onet, "onet"), onet_render),
    ("iip-riasec-48", "10Б", IIP_ITEMS, [s for s, _ in IIP], score_iip,
     ([s for s, _ in IIP], None), True,
     lambda rng: riasec_class(rng, IIP, IIP_ITEMS, score_iip, "iip"), iip_render),
    ("readiness-self-determination", "9В", READINESS_ITEMS, READINESS_IDS + ["total"],
     score_readiness, None, False, readiness_class, readiness_render),
]


# ---------------------------------------------------------------------------
# Read-back check: every written cell, normalised as docs/instrument-format.md
# says, must select the intended answer -- under both plausible orders of the
# look-alike mapping and the case folding (so no fixture depends on that order).
# ---------------------------------------------------------------------------

LOOKALIKE_LOWER = dict(zip("аеорсух", "aeopcyx"))
LOOKALIKE_UPPER = dict(zip("АВЕКМНОРСТХ", "ABEKMHOPCTX"))
DASHES = {"\u2212": "-", "\u2010": "-", "\u2011": "-", EN: "-", EM: "-"}


def normalise(s, order):
    s = s.strip(" \t" + NBSP)
    if order == "map-first":
        s = "".join(LOOKALIKE_UPPER.get(c, LOOKALIKE_LOWER.get(c, c)) for c in s).lower()
    else:
        s = "".join(LOOKALIKE_LOWER.get(c, c) for c in s.lower())
    s = s.replace("ё", "е").replace("\u0451", "е")
    return "".join(DASHES.get(c, c) for c in s)


# answer format tables from docs/bundled-ids.md: semantic answer -> code + tokens
FORMAT_TOKENS = {
    "klimov-ddo": {"а": ["а", "1"], "б": ["б", "b", "2"]},
    "golomshtok-interest-map": {2: ["++", "+2"], 1: ["+", "+1"], 0: ["0", "o"],
                                -1: ["-", "-1"], -2: ["--", "-2"]},
    "rezapkina-profile": {True: ["+", "да", "yes", "y", "1"],
                          False: ["-", "нет", "no", "n", "0"]},
    "onet-interest-profiler-60": {c: [str(c), ONET_EN[c - 1], ONET_RU[c - 1]] for c in range(1, 6)},
    "iip-riasec-48": {c: [str(c)] for c in range(1, 6)},
    "readiness-self-determination": {c: [str(c)] for c in range(1, 6)},
}


def read_back(iid, cell, order):
    n = normalise(cell, order)
    if n == "":
        return False if iid == "rezapkina-profile" else None     # blank = «-» there
    hits = [v for v, toks in FORMAT_TOKENS[iid].items()
            if any(normalise(t, order) == n for t in toks)]
    assert len(hits) == 1, (iid, cell, order, hits)
    return hits[0]


def verify(iid, items, students, d):
    for fname, codec, bom, delim, eol in FILES:
        raw = open(os.path.join(d, fname), "rb").read()
        assert raw.startswith(bom)
        text = raw[len(bom):].decode(codec)
        assert eol == "\r\n" or "\r" not in text
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
        assert rows[0] == ["id", "ФИО", "класс"] + items, fname
        assert len(rows) == 13
        for row, (_, ans) in zip(rows[1:], students):
            assert len(row) == 3 + len(items)
            for item, cell in zip(items, row[3:]):
                want = ans[item]
                if iid == "rezapkina-profile" and want is None:
                    want = False
                for order in ("map-first", "lower-first"):
                    assert read_back(iid, cell, order) == want, (fname, row[0], item, cell)


def main():
    readme = [
        "# Hand-scored fixture classes",
        "",
        "Generated by `Tests/Tools/make_handscored.py` (do not edit by hand; re-run the",
        "script). Expected scores come from the published keys written out in the",
        "script and the rules of `docs/bundled-ids.md`, never from `Instruments/`.",
        "",
        "Each folder holds the same 12 students three times:",
        "",
        "| file | encoding | delimiter | line end |",
        "|---|---|---|---|",
        "| `class-excel-1251.csv` | Windows-1251, no BOM | `;` | CRLF |",
        "| `class-forms-utf8bom.csv` | UTF-8 with BOM | `,` | LF |",
        "| `class-unicode.txt` | UTF-16LE with BOM | TAB | CRLF |",
        "",
        "Fields are quoted only where needed (a name containing the delimiter or a",
        "quote, e.g. `\"Иванова, Анна\"` in the comma file). `expected.csv` (UTF-8, `,`,",
        "LF) has `id`, one column per scale in the order of `docs/bundled-ids.md`",
        "(empty = invalid; readiness means rounded to 4 decimals), `leading` (ids",
        "joined with `+` on a tie; `none` below the minimum; empty when a compared",
        "scale is invalid or the instrument has no leading type) and, for the two",
        "RIASEC forms, `holland` (tied letters the code needs in brackets).",
        "",
    ]
    for n, (iid, klass, items, scale_ids, scorer, lead, has_holland, gen, render) in enumerate(INSTRUMENTS):
        rng = random.Random(SEED + 1000 * n)
        students = gen(rng)
        assert len(students) == 12, iid
        people = roster(rng, klass)
        d = os.path.join(OUT, iid)
        os.makedirs(d, exist_ok=True)

        header = ["id", "ФИО", "класс"] + items
        for fileno, (fname, codec, bom, delim, eol) in enumerate(FILES):
            frng = random.Random(SEED + 1000 * n + 17 * (fileno + 1))
            rows = [header]
            for sno, ((sid, name), (_, ans)) in enumerate(zip(people, students)):
                rows.append([sid, name, klass] + render(frng, fileno, sno, ans, codec))
            write_table(os.path.join(d, fname), rows, codec, bom, delim, eol)

        verify(iid, items, students, d)

        exp_header = ["id"] + scale_ids + ["leading"] + (["holland"] if has_holland else [])
        exp = [exp_header]
        readme += ["## %s (class %s)" % (iid, klass), "", "| id | case |", "|---|---|"]
        for (sid, _), (case, ans) in zip(people, students):
            sc = scorer(ans)
            row = [sid] + [fmt(sc[s]) for s in scale_ids]
            row.append(leading(sc, lead[0], lead[1]) if lead else "")
            if has_holland:
                row.append(holland(sc, lead[0]))
            exp.append(row)
            if has_holland:
                case = case.replace("{holland}", row[-1])
            readme.append("| %s | %s |" % (sid, case.replace("|", "\\|")))
        readme.append("")
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(exp)
        with open(os.path.join(d, "expected.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(buf.getvalue())

    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(readme))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
