#!/usr/bin/env python3
"""Write the simulated pilot sample of the example instrument:
Examples/custom/pilot-sample.csv (for Examples/custom/pilot-interests.json).

Standard library only, deterministic (fixed seed): running it again writes the
same bytes.

The simulation is the "truth" the analysis should recover.  Each pupil has
three latent interests (technology, people, creative work), standard normal
with modest correlations, shifted by sex and grade.  An item's answer is
round(3 + loading * interest + noise), clamped to 1..5; a negatively worded
item (5, 7, 9, 13, 14, 15) is written as 6 minus that answer, as a pupil
disagreeing with a negative statement would.  The instrument's key reverses
5, 7, 9, 13 and 14 but, deliberately, not 15: so `profscore analyze` should
find item 15 correlating negatively with the rest of its scale.

Six pupils left one item blank (listed in Examples/custom/README.md).

    python3 Tests/Tools/make_pilot_example.py
"""

import csv
import io
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Examples", "custom", "pilot-sample.csv")
SEED = 20250415

# item -> (area, negatively worded, loading)
ITEMS = {
    1: ("tech", False, 1.0), 4: ("tech", False, 0.9), 7: ("tech", True, 1.0), 10: ("tech", False, 0.8), 13: ("tech", True, 0.7),
    2: ("people", False, 0.9), 5: ("people", True, 0.8), 8: ("people", False, 1.0), 11: ("people", False, 0.7), 14: ("people", True, 0.6),
    3: ("creative", False, 1.0), 6: ("creative", False, 0.8), 9: ("creative", True, 0.9), 12: ("creative", False, 0.8),
    15: ("creative", True, 0.7),
}
CLASSES = ["8А", "8Б", "9А", "9Б", "10А", "10Б"]
PER_CLASS = 25
# (respondent number, item) left blank
BLANKS = [(7, 12), (23, 4), (58, 14), (91, 1), (117, 9), (140, 15)]


def latent(rng, sex, grade):
    """Three correlated standard normals, shifted by sex and grade."""
    z = [rng.gauss(0, 1) for _ in range(3)]
    tech = z[0]
    people = -0.1 * z[0] + math.sqrt(1 - 0.01) * z[1]
    creative = 0.1 * z[0] + 0.3 * z[1] + math.sqrt(1 - 0.01 - 0.09) * z[2]
    if sex == "м":
        tech += 0.4
        people -= 0.2
    else:
        people += 0.3
        creative += 0.2
    tech += 0.1 * (grade - 9)
    return {"tech": tech, "people": people, "creative": creative}


def answer(rng, interest, loading, negative):
    x = int(round(3 + 1.1 * loading * interest + rng.gauss(0, 0.8)))
    x = max(1, min(5, x))
    return 6 - x if negative else x


def main():
    rng = random.Random(SEED)
    items = sorted(ITEMS)
    rows = [["id", "класс", "параллель", "пол"] + [str(i) for i in items]]
    number = 0
    blanks = set(BLANKS)
    for klass in CLASSES:
        grade = int(klass[:-1])
        for _ in range(PER_CLASS):
            number += 1
            sex = rng.choice(["м", "ж"])
            theta = latent(rng, sex, grade)
            answers = []
            for i in items:
                area, negative, loading = ITEMS[i]
                a = answer(rng, theta[area], loading, negative)
                answers.append("" if (number, i) in blanks else str(a))
            rows.append(["P%03d" % number, klass, str(grade), sex] + answers)
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    print("wrote %s: %d respondents" % (os.path.relpath(OUT, ROOT), number))


if __name__ == "__main__":
    main()
