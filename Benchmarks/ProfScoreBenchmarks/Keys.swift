/// The scoring keys, written as in /work/shared/reference/instrument-keys.md
/// (and, identically, in Benchmarks/peers/psych.R and pandas_score.py). The
/// generator uses them to compute the expected per-class sums — the ground truth
/// that profscore, R and pandas are each checked against — independently of
/// ProfScoreKit.
enum Keys {
    /// Klimov's ДДО: the options (item + «а»/«б», written a/b) that give a type one point.
    static let ddoScales: [(id: String, options: String)] = [
        ("nature", "1a 3b 6a 10a 11a 13b 16a 20a"),
        ("technology", "1b 4a 7b 9a 11b 14a 17b 19a"),
        ("people", "2a 4b 6b 8a 12a 14b 16b 18a"),
        ("sign", "2b 5a 9b 10b 12b 15a 19b 20b"),
        ("art", "3a 5b 7a 8b 13a 15b 17a 18b"),
    ]

    /// O*NET Interest Profiler Short Form: the items of each RIASEC area (scored 0–4, codes 1–5).
    static let onetScales: [(id: String, items: String)] = [
        ("realistic", "1 2 13 14 25 26 37 38 49 50"),
        ("investigative", "3 4 15 16 27 28 39 40 51 52"),
        ("artistic", "5 6 17 18 29 30 41 42 53 54"),
        ("social", "7 8 19 20 31 32 43 44 55 56"),
        ("enterprising", "9 10 21 22 33 34 45 46 57 58"),
        ("conventional", "11 12 23 24 35 36 47 48 59 60"),
    ]

    /// For each ДДО item (0-based), the scale that option «а» and option «б» score for.
    static let ddoOptionScales: (a: [Int], b: [Int]) = {
        var a = [Int](repeating: -1, count: 20), b = [Int](repeating: -1, count: 20)
        for (scale, entry) in ddoScales.enumerated() {
            for option in entry.options.split(separator: " ") {
                let item = Int(option.dropLast())! - 1
                if option.last == "a" { a[item] = scale } else { b[item] = scale }
            }
        }
        precondition(!a.contains(-1) && !b.contains(-1), "the ДДО key must cover all 40 options")
        return (a, b)
    }()

    /// For each O*NET item (0-based), its RIASEC area.
    static let onetItemScales: [Int] = {
        var scales = [Int](repeating: -1, count: 60)
        for (scale, entry) in onetScales.enumerated() {
            for item in entry.items.split(separator: " ") { scales[Int(item)! - 1] = scale }
        }
        precondition(!scales.contains(-1), "the O*NET key must cover all 60 items")
        return scales
    }()
}
