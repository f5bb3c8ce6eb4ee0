#!/usr/bin/env python3
"""Turn an instrument file and an answer sheet into plain tables for R.

Written independently of ProfScoreKit (standard library only), so that the
psych check does not read the data with the code it checks.

    prepare.py INSTRUMENT.json SHEET OUT_DIR

writes into OUT_DIR:
  answers.csv  one row per respondent, one column per item (named by the item
               id), holding the option code chosen; empty where there is no
               usable answer (an empty cell of a format without "blank", or a
               cell that matches no option). An empty cell of a format with
               "blank" holds the blank option's code.
  key.csv      one row per (scale, item, option): the scale's combine rule,
               whether the item is reverse-keyed, whether the entry is keyed by
               value, the option's value, the format's smallest and largest
               value, and the keyed item score of that option, computed from
               the key as docs/instrument-format.md defines it.
"""

import csv
import io
import json
import os
import sys
import unicodedata

LOOKALIKES = str.maketrans({"а": "a", "е": "e", "к": "k", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ё": "e",
                            "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " "})


def normalise(text):
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").strip()
    text = " ".join(text.split())
    return text.lower().translate(LOOKALIKES)


def decode(data):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def main():
    instrument_path, sheet_path, out = sys.argv[1:4]
    instrument = json.load(open(instrument_path, encoding="utf-8"))
    formats = {f["id"]: f for f in instrument["answerFormats"]}
    items = {i["id"]: formats[i["format"]] for i in instrument["items"]}

    # key.csv
    key_rows = [["scale", "combine", "item", "reversed", "by_value", "code", "value", "low", "high", "score"]]
    for scale in instrument["scales"]:
        combine = scale.get("combine", "sum")
        order, entries = [], {}
        for entry in scale["key"]:
            if entry["item"] not in entries:
                order.append(entry["item"])
                entries[entry["item"]] = []
            entries[entry["item"]].append(entry)
        for item in order:
            fmt = items[item]
            values = [o["value"] for o in fmt["options"] if "value" in o]
            low, high = (min(values), max(values)) if values else ("", "")
            reversed_ = any(e.get("reverse", False) for e in entries[item])
            by_value = any("option" not in e for e in entries[item])
            for option in fmt["options"]:
                score = 0.0
                for e in entries[item]:
                    if "option" in e:
                        if normalise(e["option"]) in [normalise(s) for s in [option["code"]] + option.get("tokens", [])]:
                            score += e.get("points", 1)
                    else:
                        score += (low + high - option["value"]) if e.get("reverse", False) else option["value"]
                key_rows.append([scale["id"], combine, item, int(reversed_), int(by_value), option["code"],
                                 option.get("value", ""), low, high, repr(float(score))])

    # answers.csv
    text = decode(open(sheet_path, "rb").read())
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = records[0]
    by_key = {normalise(i): i for i in items}
    columns = {}
    for index, name in enumerate(header):
        item = by_key.get(normalise(name))
        if item is not None and item not in columns.values():
            columns[index] = item
    spellings = {}
    for item, fmt in items.items():
        table = {}
        for option in fmt["options"]:
            for s in [option["code"]] + option.get("tokens", []):
                table.setdefault(normalise(s), option["code"])
        spellings[item] = table
    item_ids = [i["id"] for i in instrument["items"]]
    answer_rows = [item_ids]
    for record in records[1:]:
        if all(cell.strip() == "" for cell in record):
            continue
        row = {item: "" for item in item_ids}
        for index, item in columns.items():
            cell = normalise(record[index]) if index < len(record) else ""
            if cell == "":
                row[item] = items[item].get("blank", "")
            else:
                row[item] = spellings[item].get(cell, "")
        answer_rows.append([row[i] for i in item_ids])

    os.makedirs(out, exist_ok=True)
    for name, rows in (("key.csv", key_rows), ("answers.csv", answer_rows)):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)


if __name__ == "__main__":
    main()
