// The reference scorer (test oracle), part 1: the instrument.
//
// Written only from docs/instrument-format.md, docs/bundled-ids.md and the
// instrument files, deliberately simple (Foundation's JSONSerialization,
// plain arrays and dictionaries). It assumes a file that production has
// already accepted as valid: it does not repeat the checks of loading.
// Compiled both into the test target and into the fuzz binary
// (scripts/fuzz.sh reference), so it imports Foundation only and every name
// starts with `Ref` (the fuzz binary is one module with ProfScoreKit).
import Foundation

/// An instrument as the reference scorer sees it.
struct RefInstrument: Sendable {
    struct Option: Sendable {
        var code: String
        var tokens: [String]
        var value: Double?
    }

    struct Format: Sendable {
        var id: String
        var kind: String
        var options: [Option]
        /// Index of the option an empty cell means, if any.
        var blank: Int?
        /// Cells read as an empty cell (normalised): the format's `missing`,
        /// and `NA` when every option code is a number (answer-sheets.md).
        var noAnswer: Set<String> = []
    }

    struct Item: Sendable {
        var id: String
        var format: Int
    }

    struct Entry: Sendable {
        var item: Int
        /// Option-keyed entry: the option index; value-keyed: nil.
        var option: Int?
        var points: Double
        var reverse: Bool
    }

    struct Level: Sendable {
        var from: Double
        var to: Double
    }

    struct Scale: Sendable {
        var id: String
        var letter: String?
        var isMean: Bool
        var entries: [Entry]
        var maxMissing: Int
        var prorate: Bool
        var levels: [Level]
        /// The distinct items of the key, in the order they first appear.
        var items: [Int] {
            var seen: [Int] = []
            for entry in entries where !seen.contains(entry.item) { seen.append(entry.item) }
            return seen
        }
    }

    struct LeadingRule: Sendable {
        var scales: [Int]
        var minimum: Double?
        var hollandCode: Bool
    }

    var id: String
    /// instrument-format.md: `grades`, the school grades it is meant for.
    var grades: ClosedRange<Int>?
    var formats: [Format]
    var items: [Item]
    var scales: [Scale]
    var leading: LeadingRule?
    var categories: [String]
    /// Scale index → category indices it points to (in the map's order).
    var profileMap: [Int: [Int]]

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses an instrument file (UTF-8 JSON).
    init(json: [UInt8]) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(json), options: []) as? [String: Any] else {
            throw ParseError(description: "not a JSON object")
        }
        func string(_ any: Any?) -> String? { any as? String }
        func number(_ any: Any?) -> Double? {
            // (A valid file has no `true` where a number goes; on Linux an NSNumber
            // of 0 or 1 also casts to Bool, so Bool is not tested for here.)
            if let n = any as? NSNumber { return n.doubleValue }
            if let d = any as? Double { return d }
            if let i = any as? Int { return Double(i) }
            return nil
        }
        func array(_ any: Any?) -> [Any] { any as? [Any] ?? [] }
        func object(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }

        id = string(root["id"]) ?? ""
        let gradesObject = object(root["grades"])
        if let from = number(gradesObject["from"]), let to = number(gradesObject["to"]), from <= to {
            grades = Int(from)...Int(to)
        }
        formats = array(root["answerFormats"]).map { any in
            let o = object(any)
            let options = array(o["options"]).map { optionAny -> Option in
                let option = object(optionAny)
                return Option(code: string(option["code"]) ?? "",
                              tokens: array(option["tokens"]).compactMap { $0 as? String },
                              value: number(option["value"]))
            }
            var blank: Int?
            if let code = string(o["blank"]) {
                // Docs: `blank` names an option by its code; compared after normalisation.
                blank = options.firstIndex { RefText.normalize($0.code) == RefText.normalize(code) }
            }
            // Docs: "NA in a numeric format — one whose every option code is a number".
            let numeric = options.allSatisfy { Double($0.code) != nil }
            let tokens = array(o["missing"]).compactMap { $0 as? String } + (numeric ? ["NA"] : [])
            return Format(id: string(o["id"]) ?? "", kind: string(o["kind"]) ?? "", options: options, blank: blank,
                          noAnswer: Set(tokens.map(RefText.normalize)))
        }
        let formats = self.formats
        items = array(root["items"]).map { any in
            let o = object(any)
            let formatID = string(o["format"]) ?? ""
            return Item(id: string(o["id"]) ?? "", format: formats.firstIndex { $0.id == formatID } ?? 0)
        }
        let items = self.items
        func itemIndex(_ id: String) -> Int? {
            items.firstIndex { $0.id == id } ?? items.firstIndex { RefText.normalize($0.id) == RefText.normalize(id) }
        }
        scales = array(root["scales"]).map { any in
            let o = object(any)
            let entries: [Entry] = array(o["key"]).compactMap { entryAny in
                let e = object(entryAny)
                guard let item = itemIndex(string(e["item"]) ?? "") else { return nil }
                var option: Int?
                if let code = string(e["option"]) {
                    let format = formats[items[item].format]
                    // Docs: an option-keyed entry names the option by its code; compared after normalisation.
                    option = format.options.firstIndex { $0.code == code }
                        ?? format.options.firstIndex { RefText.normalize($0.code) == RefText.normalize(code) }
                }
                return Entry(item: item, option: option, points: number(e["points"]) ?? 1, reverse: (e["reverse"] as? Bool) ?? false)
            }
            let missing = object(o["missing"])
            let levels = array(o["levels"]).map { levelAny -> Level in
                let l = object(levelAny)
                return Level(from: number(l["from"]) ?? 0, to: number(l["to"]) ?? 0)
            }
            return Scale(id: string(o["id"]) ?? "", letter: string(o["letter"]),
                         isMean: string(o["combine"]) == "mean", entries: entries,
                         maxMissing: Int(number(missing["maxMissing"]) ?? 0),
                         prorate: (missing["prorate"] as? Bool) ?? false, levels: levels)
        }
        let scales = self.scales
        if let rule = root["leadingType"] as? [String: Any] {
            let ids = (rule["scales"] as? [Any])?.compactMap { $0 as? String }
            let indices = ids.map { ids in ids.compactMap { id in scales.firstIndex { $0.id == id } } } ?? Array(scales.indices)
            leading = LeadingRule(scales: indices, minimum: number(rule["minimum"]), hollandCode: (rule["hollandCode"] as? Bool) ?? false)
        } else {
            leading = nil
        }
        let profiles = object(root["profiles"])
        categories = array(profiles["categories"]).map { string(object($0)["id"]) ?? "" }
        var map: [Int: [Int]] = [:]
        let categories = self.categories
        for (scaleID, targets) in object(profiles["map"]) {
            guard let scale = scales.firstIndex(where: { $0.id == scaleID }) else { continue }
            map[scale] = array(targets).compactMap { target in categories.firstIndex { $0 == (target as? String) } }
        }
        profileMap = map
    }

    /// Whether a scale is an "integer scale": a sum without prorating whose
    /// points and values are all whole numbers (instrument-format.md, levels).
    func isIntegerScale(_ scale: Scale) -> Bool {
        if scale.isMean || scale.prorate { return false }
        for entry in scale.entries {
            if entry.option != nil {
                if entry.points.rounded() != entry.points { return false }
            } else {
                for option in formats[items[entry.item].format].options {
                    if let value = option.value, value.rounded() != value { return false }
                }
            }
        }
        return true
    }
}
