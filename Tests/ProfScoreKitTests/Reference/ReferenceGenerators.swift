// Random instruments and answer sheets for the differential tests and the
// fuzz target (not part of the scorer itself). Driven by any
// RandomNumberGenerator: SplitMix64 with a seed in the tests, the fuzz
// input's bytes in the fuzz target.
import Foundation

/// SplitMix64: small, fast and reproducible from its seed.
struct RefSplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random numbers taken from a fuzz input, byte by byte; once it is used up,
/// from a SplitMix64 seeded by its length. (Not zeros: the standard library
/// draws a uniform number below a bound by rejection, which never ends when
/// every number is 0.)
struct RefByteSource: RandomNumberGenerator {
    var bytes: [UInt8]
    var offset = 0
    private var rest: RefSplitMix64
    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        rest = RefSplitMix64(seed: UInt64(bytes.count))
    }
    mutating func next() -> UInt64 {
        guard offset < bytes.count else { return rest.next() }
        var value: UInt64 = 0
        for _ in 0..<8 {
            value = value << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0)
            offset += 1
        }
        return value
    }
}

enum RefGenerators {
    static func pick<T, R: RandomNumberGenerator>(_ array: [T], _ rng: inout R) -> T {
        array[Int(rng.next() % UInt64(array.count))]
    }

    static func chance<R: RandomNumberGenerator>(_ percent: Int, _ rng: inout R) -> Bool {
        Int(rng.next() % 100) < percent
    }

    static func int<R: RandomNumberGenerator>(_ range: ClosedRange<Int>, _ rng: inout R) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    // MARK: - Instruments

    struct GeneratedFormat {
        var id: String
        var kind: String
        var codes: [String]
        var tokens: [[String]]
        var values: [Double]?
        var blank: String? = nil
        /// Cells that mean "no answer" (`missing`).
        var missing: [String] = []
    }

    /// A small valid instrument (docs/instrument-format.md) as JSON text.
    static func instrument<R: RandomNumberGenerator>(_ rng: inout R, name: String) -> String {
        let catalogue: [GeneratedFormat] = [
            GeneratedFormat(id: "ab", kind: "choice", codes: ["а", "б", "в"], tokens: [["1"], ["b", "2"], ["3"]], values: nil),
            GeneratedFormat(id: "l5", kind: "likert", codes: ["1", "2", "3", "4", "5"], tokens: [["нет"], [], ["?"], [], ["да"]], values: [1, 2, 3, 4, 5]),
            GeneratedFormat(id: "l4", kind: "likert", codes: ["0", "1", "2", "3"], tokens: [[], [], [], []], values: [0, 1, 2, 3],
                            missing: ["99", "нет ответа"]),
            GeneratedFormat(id: "pm", kind: "signed", codes: ["++", "+", "0", "-", "--"], tokens: [["+2"], ["+1"], ["o"], ["-1"], ["-2"]], values: [2, 1, 0, -1, -2]),
            GeneratedFormat(id: "yn", kind: "yesno", codes: ["+", "-"], tokens: [["да", "y"], ["нет", "n"]], values: [1, 0], blank: "-",
                            missing: ["NA"]),
            GeneratedFormat(id: "half", kind: "likert", codes: ["a", "b", "c"], tokens: [["x"], ["y"], ["z"]], values: [0.5, 1, 2.5]),
        ]
        var formats: [GeneratedFormat] = []
        for _ in 0..<int(1...2, &rng) {
            let format = pick(catalogue, &rng)
            if !formats.contains(where: { $0.id == format.id }) { formats.append(format) }
        }
        let itemCount = int(3...9, &rng)
        let prefix = pick(["", "", "Q", "r"], &rng)
        let itemIDs = (1...itemCount).map { "\(prefix)\($0)" }
        let itemFormats = itemIDs.map { _ in pick(formats, &rng) }
        let scaleCount = int(2...4, &rng)
        // Each item in at least one scale; some in two.
        var scaleItems = [[Int]](repeating: [], count: scaleCount)
        for item in 0..<itemCount {
            scaleItems[item % scaleCount].append(item)
            if chance(25, &rng) {
                let other = int(0...(scaleCount - 1), &rng)
                if !scaleItems[other].contains(item) { scaleItems[other].append(item) }
            }
        }
        let letters = ["R", "I", "A", "S", "E", "C"]
        // A Holland code needs three compared scales (loading refuses fewer).
        let holland = chance(40, &rng) && scaleCount >= 3
        var scalesJSON: [String] = []
        for scale in 0..<scaleCount {
            var entries: [String] = []
            var low = 0.0, high = 0.0
            var integer = true
            let isMean = chance(25, &rng)
            let prorate = !isMean && chance(25, &rng)
            for item in scaleItems[scale] {
                let format = itemFormats[item]
                if let values = format.values, chance(70, &rng) {
                    let reverse = chance(25, &rng)
                    entries.append(reverse ? "{\"item\": \"\(itemIDs[item])\", \"reverse\": true}" : "{\"item\": \"\(itemIDs[item])\"}")
                    low += values.min()!
                    high += values.max()!
                    if values.contains(where: { $0.rounded() != $0 }) { integer = false }
                } else {
                    // Option-keyed: one or two options of the item score points.
                    var contributions = [Double](repeating: 0, count: format.codes.count)
                    let chosen = Array(Set([int(0...(format.codes.count - 1), &rng), int(0...(format.codes.count - 1), &rng)])).sorted()
                    for option in chosen {
                        let points = pick([1.0, 1.0, 2.0, 0.5], &rng)
                        if points.rounded() != points { integer = false }
                        contributions[option] += points
                        entries.append(points == 1 && chance(50, &rng)
                            ? "{\"item\": \"\(itemIDs[item])\", \"option\": \"\(format.codes[option])\"}"
                            : "{\"item\": \"\(itemIDs[item])\", \"option\": \"\(format.codes[option])\", \"points\": \(points)}")
                    }
                    low += contributions.min()!
                    high += contributions.max()!
                }
            }
            let count = Double(scaleItems[scale].count)
            if isMean { low /= count; high /= count; integer = false }
            if prorate { integer = false }
            let maxMissing = chance(50, &rng) || scaleItems[scale].count < 2 ? 0 : 1
            var levels = ""
            if high > low && chance(80, &rng) {
                if integer {
                    let middle = Int((low + high) / 2)
                    if Double(middle) >= low && Double(middle + 1) <= high {
                        levels = ", \"levels\": [{\"from\": \(low), \"to\": \(Double(middle)), \"label\": {\"ru\": \"н\", \"en\": \"low\"}}, {\"from\": \(Double(middle + 1)), \"to\": \(high), \"label\": {\"ru\": \"в\", \"en\": \"high\"}}]"
                    }
                } else {
                    let middle = ((low + high) / 2 * 4).rounded() / 4
                    if middle > low && middle < high {
                        levels = ", \"levels\": [{\"from\": \(low), \"to\": \(middle), \"label\": {\"ru\": \"н\", \"en\": \"low\"}}, {\"from\": \(middle), \"to\": \(high), \"label\": {\"ru\": \"в\", \"en\": \"high\"}}]"
                    }
                }
            }
            let letter = holland ? ", \"letter\": \"\(letters[scale])\"" : ""
            scalesJSON.append("""
                {"id": "s\(scale)", "title": {"ru": "шкала \(scale)", "en": "scale \(scale)"}\(letter), "combine": "\(isMean ? "mean" : "sum")", \
                "key": [\(entries.joined(separator: ", "))], "missing": {"maxMissing": \(maxMissing), "prorate": \(prorate)}\(levels)}
                """)
        }
        var leading = ""
        if chance(80, &rng) {
            var parts: [String] = []
            if chance(30, &rng) && scaleCount > 2 { parts.append("\"scales\": [\"s\(scaleCount - 1)\", \"s0\", \"s1\"]") }
            if chance(40, &rng) { parts.append("\"minimum\": \(pick([1, 2, 3], &rng))") }
            if holland { parts.append("\"hollandCode\": true") }
            leading = ", \"leadingType\": {\(parts.joined(separator: ", "))}"
        }
        var profiles = ""
        if chance(70, &rng) {
            let map = (0..<scaleCount).compactMap { scale -> String? in
                let categories = ["\"c0\"", "\"c1\"", "\"c0\", \"c1\""]
                return chance(70, &rng) ? "\"s\(scale)\": [\(pick(categories, &rng))]" : nil
            }
            profiles = ", \"profiles\": {\"categories\": [{\"id\": \"c0\", \"title\": {\"ru\": \"к0\", \"en\": \"c0\"}}, {\"id\": \"c1\", \"title\": {\"ru\": \"к1\", \"en\": \"c1\"}}], \"map\": {\(map.joined(separator: ", "))}}"
        }
        let formatsJSON = formats.map { format in
            let options = format.codes.indices.map { k in
                let tokens = format.tokens[k].isEmpty ? "" : ", \"tokens\": [\(format.tokens[k].map { "\"\($0)\"" }.joined(separator: ", "))]"
                let value = format.values.map { ", \"value\": \($0[k])" } ?? ""
                return "{\"code\": \"\(format.codes[k])\"\(tokens)\(value)}"
            }
            let blank = format.blank.map { ", \"blank\": \"\($0)\"" } ?? ""
            let missing = format.missing.isEmpty ? "" : ", \"missing\": [" + format.missing.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
            return "{\"id\": \"\(format.id)\", \"kind\": \"\(format.kind)\", \"options\": [\(options.joined(separator: ", "))]\(blank)\(missing)}"
        }
        let itemsJSON = itemIDs.indices.map { "{\"id\": \"\(itemIDs[$0])\", \"format\": \"\(itemFormats[$0].id)\"}" }
        return """
            {"formatVersion": 1, "id": "\(name)", "version": "1.0.0", "title": {"ru": "тест", "en": "test"},
             "source": {"authors": "generated", "citation": "none", "licence": "test"},
             "answerFormats": [\(formatsJSON.joined(separator: ", "))],
             "items": [\(itemsJSON.joined(separator: ", "))],
             "scales": [\(scalesJSON.joined(separator: ",\n"))]\(leading)\(profiles)}
            """
    }

    // MARK: - Sheets

    /// What a generated sheet has in it.
    struct SheetOptions {
        var encoding: RefEncoding = .utf8
        var delimiter: String = ";"
        var lineEnd: String = "\n"
        var rows: Int = 30
        /// Percent of mischief: bad cells, odd rows, quoting.
        var mischief: Int = 20
        /// Whether the header may be odd (missing, repeated or extra columns).
        var oddHeader: Bool = true
        var strayBytes: Bool = false
        var sepLine: Bool = false
        var unclosedQuoteAllowed: Bool = false
        /// No quote anywhere after the header (production then scores the file in parts).
        var noQuotes: Bool = false
        /// School, grade and class columns under the names of docs/privacy.md,
        /// with several classes, grades and schools (and empty or odd cells).
        var groupColumns: Bool = false
    }

    /// The sheet an input of the fuzz target `reference` stands for
    /// (Fuzz/ReferenceDifferentialFuzz.swift): when the first byte is odd, the
    /// rest is the sheet itself; when it is even, the rest drives ``sheet(for:_:_:)``.
    static func fuzzSheet(for instrument: RefInstrument, input: [UInt8]) -> [UInt8] {
        guard let first = input.first else { return [] }
        if first & 1 == 1 { return Array(input.dropFirst()) }
        var rng = RefByteSource(Array(input.dropFirst()))
        var options = SheetOptions()
        options.encoding = pick([.utf8, .utf8BOM, .windows1251, .utf16LE, .utf16BE], &rng)
        options.delimiter = pick([";", ",", "\t"], &rng)
        options.lineEnd = pick(["\n", "\r\n", "\r"], &rng)
        options.rows = int(0...12, &rng)
        options.mischief = int(0...80, &rng)
        options.oddHeader = chance(50, &rng)
        options.strayBytes = options.encoding == .utf8 && chance(30, &rng)
        options.sepLine = chance(10, &rng)
        options.noQuotes = chance(40, &rng)
        options.unclosedQuoteAllowed = true
        return sheet(for: instrument, options, &rng)
    }

    /// One row's school, grade and class cells (with `groupColumns`).
    struct GroupCells {
        var school = "", grade = "", className = ""
    }

    /// A sheet's spellings of its classes: one spelling per class in a sheet,
    /// odd ones included («7 а», «7а», «7-А»), and cells with no grade in them.
    static func classSpellings<R: RandomNumberGenerator>(_ rng: inout R) -> [String] {
        var classes = ["7А", "7Б", "8В", "9А", "10Б", "11А", "5Г"].map { name -> String in
            switch int(0...9, &rng) {
            case 0: return name.lowercased()
            case 1: return String(name.dropLast()) + " " + String(name.last!).lowercased()
            case 2: return String(name.dropLast()) + "-" + String(name.last!)
            default: return name
            }
        }
        classes.removeLast(int(0...3, &rng))
        return classes + ["", "", "=1+1", "Б7", "кружок"]
    }

    /// Random school, grade and class cells for a row.
    static func groupCells<R: RandomNumberGenerator>(_ classes: [String], _ rng: inout R) -> GroupCells {
        var cells = GroupCells()
        cells.className = pick(classes, &rng)
        cells.school = pick(["Школа № 1", "Школа № 1", "Школа № 2", "Лицей «Вектор»", ""], &rng)
        let digits = String(cells.className.prefix { $0.isASCII && $0.isNumber })
        switch int(0...99, &rng) {
        case 0..<5: cells.grade = String(int(5...11, &rng))    // the grade column says otherwise
        case 5: cells.grade = ""                              // an empty grade cell
        default: cells.grade = digits.isEmpty ? pick(["", "8"], &rng) : digits
        }
        return cells
    }

    /// Private-use character written as one invalid UTF-8 byte (0xFF).
    static let strayMarker: Character = "\u{E000}"

    /// Spellings of an option a person might type.
    static func spelling<R: RandomNumberGenerator>(_ option: RefInstrument.Option, _ rng: inout R) -> String {
        var text = chance(75, &rng) || option.tokens.isEmpty ? option.code : pick(option.tokens, &rng)
        switch int(0...9, &rng) {
        case 0: text = text.uppercased()
        case 1: text = " " + text + " "
        case 2: text = "\u{00A0}" + text
        case 3:
            // Look-alike letters both ways, dashes of every kind.
            let swaps: [Character: Character] = ["а": "a", "a": "а", "е": "e", "e": "е", "о": "o", "o": "о", "с": "c", "c": "с",
                                                 "р": "p", "х": "x", "у": "y", "к": "k", "-": "−"]
            text = String(text.map { swaps[$0] ?? $0 })
        case 4: text = text.replacingOccurrences(of: "-", with: pick(["–", "—", "‐", "−"], &rng))
        case 5: text = text.replacingOccurrences(of: "е", with: "ё")
        default: break
        }
        return text
    }

    /// Writes a field, quoting it when needed (or at random).
    static func field<R: RandomNumberGenerator>(_ text: String, delimiter: String, _ rng: inout R, mischief: Int) -> String {
        let needs = text.contains(delimiter) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            || text.hasPrefix("\u{FEFF}")
        if needs || chance(mischief / 3, &rng) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    /// A random answer sheet for an instrument, as the bytes of a file.
    static func sheet<R: RandomNumberGenerator>(for instrument: RefInstrument, _ options: SheetOptions, _ rng: inout R) -> [UInt8] {
        let d = options.delimiter
        // Header: info columns and item columns in any order.
        var infoNames = ["id"]
        if chance(70, &rng) { infoNames.append("ФИО") }
        if chance(60, &rng) { infoNames.append("класс") }
        var itemHeaders = instrument.items.map { item -> String in
            var id = item.id
            if options.oddHeader && chance(15, &rng) { id = id.lowercased() == id ? id.uppercased() : id.lowercased() }
            if options.oddHeader && chance(10, &rng) { id = " " + id }
            return id
        }
        if options.oddHeader && chance(30, &rng) && itemHeaders.count > 2 {
            itemHeaders.remove(at: int(0...(itemHeaders.count - 1), &rng))   // an item without a column
        }
        if options.oddHeader && chance(15, &rng) { itemHeaders.append(pick(instrument.items, &rng).id) }   // a second column
        if options.groupColumns {
            // Under any of their names (compared as answers are), in any order.
            if chance(70, &rng) { infoNames.append(pick(["школа", "Школа", "school", "ОО", "Образовательная организация", "учреждение"], &rng)) }
            if chance(40, &rng) { infoNames.append(pick(["параллель", "Параллель", "grade", "год обучения", "Класс (параллель)"], &rng)) }
            let name = pick(["класс", "класс", "Класс", "class", "группа", "КЛАСС"], &rng)
            if let k = infoNames.firstIndex(of: "класс") { infoNames[k] = name } else if chance(90, &rng) { infoNames.append(name) }
            if infoNames.count > 2 && chance(50, &rng) { infoNames.swapAt(1, infoNames.count - 1) }
        }
        let classSpellings = options.groupColumns ? classSpellings(&rng) : []
        if options.oddHeader && chance(10, &rng) { infoNames[0] = "" }                                     // R's row names
        if options.oddHeader && chance(20, &rng) { infoNames.append("99") }                               // number-like
        if options.oddHeader && chance(15, &rng) { infoNames.append("класс") }                            // repeated name
        if options.oddHeader && !options.noQuotes && chance(10, &rng) { infoNames.append("примечание;\"x\"") }   // needs quoting
        if options.oddHeader && chance(5, &rng) { infoNames.removeAll() }                                  // no respondent column
        var columns: [(name: String, item: Int?)] = infoNames.map { ($0, nil) }
        for header in itemHeaders {
            let item = instrument.items.firstIndex { RefText.normalize($0.id) == RefText.normalize(header) }
            columns.append((header, item))
        }
        // Shuffle a little: an info column may come after some items.
        if chance(40, &rng) && columns.count > 3 {
            let moved = columns.remove(at: 1)
            columns.insert(moved, at: int(1...(columns.count), &rng))
        }
        // Or a respondent column last, where short rows lose it.
        if chance(30, &rng) && columns.count > 3 && columns[1].item == nil {
            columns.append(columns.remove(at: 1))
        }
        let headerLine = columns.map { field($0.name, delimiter: d, &rng, mischief: 0) }.joined(separator: d)
        var lines: [String] = []
        if options.sepLine { lines.append("sep=\(d)") }
        if chance(10, &rng) { lines.append("") }   // a blank line before the header
        lines.append(headerLine)
        let groupRoles = columns.map { options.groupColumns && $0.item == nil ? RefGroups.role(of: $0.name) : nil }
        var ids: [String] = []
        let names = options.noQuotes
            ? ["Иванов Иван", "Петрова Анна", "Ёлкина Алёна", "", "Ли Мин", "Ян"]
            : ["Иванов Иван", "Петрова Анна", "Ёлкина Алёна", "O'Brien, Pat", "Сидоров \"Сид\"", "Имя\nФамилия", "Фёдор; Кузьмин", ""]
        // (A control character only outside Windows-1251, where it counts against the encoding.)
        // (NA, 99 and «нет ответа»: no answer in some formats, unreadable in others.)
        let bad = ["в", "ab", "7", "x y", "?!", "аб", "++ +", "—?", "0.5", "да нет", "NA", "na", "99", "Нет ответа"] + (options.encoding == .windows1251 ? [] : ["\u{1}"])
        for index in 0..<options.rows {
            let m = options.mischief
            // Odd rows.
            if chance(m / 4, &rng) { lines.append(""); continue }
            if chance(m / 6, &rng) { lines.append(String(repeating: d, count: columns.count - 1)); continue }
            if chance(m / 8, &rng) { lines.append(headerLine); continue }
            var id = "S\(index + 1)"
            if !ids.isEmpty && chance(m / 3, &rng) { id = pick(ids, &rng) }
            if chance(m / 10, &rng) { id = "" }
            ids.append(id)
            var cells: [String] = []
            let group = options.groupColumns ? groupCells(classSpellings, &rng) : GroupCells()
            for (k, column) in columns.enumerated() {
                if let item = column.item {
                    let format = instrument.formats[instrument.items[item].format]
                    let roll = int(0...99, &rng)
                    if roll < m / 2 {
                        cells.append(pick(bad, &rng))
                    } else if roll < m {
                        cells.append(pick(["", "", " "], &rng))
                    } else {
                        cells.append(spelling(pick(format.options, &rng), &rng))
                    }
                } else if column.name == "id" {
                    cells.append(id)
                } else if column.name == "ФИО" {
                    cells.append(pick(names, &rng))
                } else if let role = groupRoles[k] {
                    switch role {
                    case .school: cells.append(group.school)
                    case .grade: cells.append(group.grade)
                    case .className: cells.append(group.className)
                    }
                } else {
                    cells.append(pick(["7А", "7 а", "", "10Б", "=1+1"], &rng))
                }
            }
            // Same answer on every item now and then (the same-answer flag).
            if chance(m / 4, &rng), let first = instrument.items.first {
                let option = pick(instrument.formats[first.format].options, &rng)
                for (k, column) in columns.enumerated() where column.item != nil {
                    let format = instrument.formats[instrument.items[column.item!].format]
                    if let same = format.options.first(where: { $0.code == option.code }) { cells[k] = same.code }
                }
            }
            if options.strayBytes && chance(m / 4, &rng), let k = columns.indices.filter({ columns[$0].item != nil }).randomElement(using: &rng) {
                cells[k] = "а" + String(strayMarker)
            }
            var fields = cells.map { field($0, delimiter: d, &rng, mischief: options.noQuotes ? 0 : m) }
            switch int(0...99, &rng) {
            case 0..<3 where m > 0: fields.append("лишнее")                             // extra cells
            case 3..<6 where m > 0: fields.removeLast(int(1...min(3, fields.count - 1), &rng))   // short row
            case 6..<8 where m > 0 && fields.count > 2:                                  // a short row saved with another delimiter
                let other = pick([";", ",", "\t"].filter { $0 != d }, &rng)
                let joined = cells.prefix(chance(90, &rng) ? cells.count : cells.count - 1).map { $0.replacingOccurrences(of: ";", with: " ").replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "\n", with: " ") }
                lines.append(joined.joined(separator: other))
                continue
            case 8 where m > 0: fields[0] = "\u{FEFF}" + fields[0]                        // a BOM inside
            default: break
            }
            lines.append(fields.joined(separator: d))
        }
        if options.unclosedQuoteAllowed && chance(5, &rng) { lines.append("\"open" + d + "а") }
        var text = lines.joined(separator: options.lineEnd)
        if chance(80, &rng) { text += options.lineEnd }
        return encode(text, options.encoding)
    }

    /// Encodes a text; in Windows-1251, characters it lacks become `?`.
    static func encode(_ text: String, _ encoding: RefEncoding) -> [UInt8] {
        switch encoding {
        case .utf8, .utf8BOM:
            var bytes: [UInt8] = encoding == .utf8BOM ? [0xEF, 0xBB, 0xBF] : []
            for scalar in text.unicodeScalars {
                if scalar == strayMarker.unicodeScalars.first! { bytes.append(0xFF) } else { bytes += Array(String(scalar).utf8) }
            }
            return bytes
        case .utf16LE, .utf16BE:
            var bytes: [UInt8] = encoding == .utf16LE ? [0xFF, 0xFE] : [0xFE, 0xFF]
            for unit in text.utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                bytes += encoding == .utf16LE ? pair : pair.reversed()
            }
            return bytes
        case .windows1251:
            var table: [UInt32: UInt8] = [:]
            for byte in 0x80...0xFF { table[RefText.windows1251(UInt8(byte))] = UInt8(byte) }
            return text.unicodeScalars.map { scalar in
                if scalar.value < 0x80 { return UInt8(scalar.value) }
                if scalar.value == 0x2212 || scalar.value == 0x2010 { return 0x2D }
                return table[scalar.value] ?? 0x3F
            }
        }
    }
}
