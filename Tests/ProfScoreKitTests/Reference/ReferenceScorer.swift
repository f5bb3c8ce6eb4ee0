// The reference scorer (test oracle), part 4: the header's columns, rows,
// scores, levels, leading type, study profile, Holland code, flags and
// diagnostics (docs/answer-sheets.md, docs/score-output.md,
// docs/instrument-format.md).
import Foundation

/// The leading type of one respondent, by scale ids.
enum RefLeading: Equatable, Sendable, CustomStringConvertible {
    /// The instrument has no leading-type rule.
    case notApplicable
    /// A compared scale is not scored.
    case undetermined
    /// The highest score is below the minimum («no pronounced interest»).
    case none
    /// The scales sharing the highest score, in the rule's order.
    case types([String])

    var description: String {
        switch self {
        case .notApplicable: "n/a"
        case .undetermined: "undetermined"
        case .none: "none"
        case .types(let ids): ids.joined(separator: "+")
        }
    }
}

/// One scored row.
struct RefRow: Equatable, Sendable {
    var line: Int
    var info: [String]
    var scores: [Double?]
    /// Level index per scale (nil: not scored or no levels; -1: the docs leave it open).
    var levels: [Int?]
    var leading: RefLeading
    var profile: [String]
    var holland: String?
    var flags: Set<String>
    var id: String { info.first ?? "" }
}

/// One diagnostic, without its message. The `checks…` say which parts the
/// docs define (the others are not compared).
struct RefDiagnostic: Equatable, Sendable, CustomStringConvertible {
    var severity: String
    var line: Int?
    var column: Int?
    /// What it is about (the reference's own name, for failure messages).
    var kind: String
    var checksLine = true
    var checksColumn = false
    var checksSeverity = true

    var description: String { "\(severity) \(line.map(String.init) ?? "-"):\(column.map(String.init) ?? "-") \(kind)" }
}

/// What the reference makes of one sheet.
struct RefSheetResult: Sendable {
    /// The file cannot be scored at all (empty, no item column, not a sheet).
    var refused = false
    var encoding: RefEncoding?
    var delimiter: UInt32 = 0x2C
    var infoColumnNames: [String] = []
    /// Respondent columns whose name the docs leave open (an empty header).
    var openColumnNames: Set<Int> = []
    var rows: [RefRow] = []
    var diagnostics: [RefDiagnostic] = []
    /// Situations where the docs leave the result open (see `// Docs:`).
    var ambiguities: [String] = []
    /// Known production bugs the sheet runs into (whole-sheet ones).
    var knownIssues: [String] = []
    /// Lines of rows whose scores and flags depend on an open reading.
    var ambiguousRowLines: Set<Int> = []
    /// Lines whose diagnostics depend on an open reading (not compared).
    var openDiagnosticLines: Set<Int> = []
    /// Lines of rows saved with another delimiter (scored as blank).
    var otherDelimiterRowLines: [Int] = []
}

/// The reference scorer: one instance per run (duplicate ids are checked
/// across the sheets of a run).
struct RefScorer {
    let instrument: RefInstrument
    /// Respondent id → line of its first row, over the run.
    var seenIDs: [String: Int] = [:]

    init(instrument: RefInstrument) {
        self.instrument = instrument
    }

    enum Cell: Equatable {
        case missing, unreadable, option(Int)
    }

    // MARK: - A sheet

    mutating func score(sheet bytes: [UInt8]) -> RefSheetResult {
        var result = RefSheetResult()
        let decoded = RefText.decode(bytes)
        result.ambiguities = decoded.ambiguities
        result.knownIssues = decoded.knownIssues
        result.encoding = decoded.encoding
        if decoded.refusal != nil {
            result.refused = true
            return result
        }
        let units = decoded.units
        let (delimiter, start, firstLine) = RefSheet.delimiter(units, ambiguities: &result.ambiguities)
        result.delimiter = delimiter
        let records = RefSheet.records(units, from: start, firstLine: firstLine, delimiter: delimiter)
        if records.contains(where: { $0.unclosedQuote }) {
            // Docs: a quote never closed "is reported at the line where it opened";
            // the severity, the column and what becomes of the row are not given.
            result.ambiguities.append("unclosed-quote")
        }
        if records.contains(where: { $0.fields.contains { $0.oddQuoting } }) { result.ambiguities.append("odd-quoting") }

        // The header: the first record that is not an empty line.
        guard let headerIndex = records.firstIndex(where: { !$0.isEmptyLine }) else {
            // reliability.md: a file with nothing to read is an error at 1:1, and not scored.
            result.refused = true
            result.diagnostics.append(RefDiagnostic(severity: "error", line: 1, column: 1, kind: "empty file"))
            return result
        }
        let header = records[headerIndex]
        if header.allCellsEmpty { result.ambiguities.append("header-of-empty-cells") }
        let headerTexts = header.fields.map { $0.text }
        if headerTexts.contains(where: { $0 == nil }) { result.ambiguities.append("unreadable-header") }
        if headerTexts.contains(where: { ($0 ?? "").unicodeScalars.contains { $0.value < 0x20 } }) { result.ambiguities.append("control-in-header") }

        // Columns: items by normalised id; every other column is respondent information.
        var itemColumn = [Int?](repeating: nil, count: instrument.items.count)
        var infoColumns: [Int] = []
        var infoNames: [String] = []
        var numberLike = false
        for (column, text) in headerTexts.enumerated() {
            let name = text ?? ""
            let key = RefText.normalize(name)
            if let item = instrument.items.firstIndex(where: { RefText.normalize($0.id) == key })
                ?? formQuestionItem(key) {
                if itemColumn[item] == nil {
                    itemColumn[item] = column
                } else {
                    // Docs: "A second column for the same item is reported and ignored":
                    // the severity is not given, and "ignored" is read as "neither an
                    // item nor a respondent column".
                    result.diagnostics.append(RefDiagnostic(severity: "error", line: header.line, column: column + 1,
                                                            kind: "second column for item \(instrument.items[item].id)",
                                                            checksColumn: true, checksSeverity: false))
                }
                continue
            }
            // answer-sheets.md: one to four digits once normalised.
            if (1...4).contains(key.unicodeScalars.count) && key.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) { numberLike = true }
            // answer-sheets.md: "A header whose first cell is empty (`""` or nothing,
            // as R's write.csv writes above its row names) names that column `id`".
            let named = column == 0 && text == "" ? "id" : name
            // Two respondent columns with the same header: the second is «NAME (2)».
            // Docs: "the same header" is read as the same text; headers equal only
            // after normalisation are marked.
            var unique = named
            if infoNames.contains(named) {
                var k = 2
                while infoNames.contains("\(named) (\(k))") { k += 1 }
                unique = "\(named) (\(k))"
                result.diagnostics.append(RefDiagnostic(severity: "warning", line: header.line, column: column + 1,
                                                        kind: "repeated respondent column «\(named)»"))
                if named.isEmpty { result.ambiguities.append("repeated-empty-header") }
            } else if infoNames.contains(where: { RefText.normalize($0) == RefText.normalize(named) }) {
                result.ambiguities.append("headers-equal-after-normalisation")
            }
            if infoNames.contains(unique) { result.ambiguities.append("renamed-header-clash") }
            if named.isEmpty {
                // Docs: what a respondent column with an empty header is called is
                // not said, but for the first column (`id`, above).
                result.openColumnNames.insert(infoNames.count)
            }
            infoColumns.append(column)
            infoNames.append(unique)
        }
        result.infoColumnNames = infoNames
        if itemColumn.allSatisfy({ $0 == nil }) {
            // A header without any item column: the file is not scored.
            // Docs: whether this also comes as a diagnostic is not said.
            result.refused = true
            return result
        }
        if Self.headerFitsAnotherInstrument(headerTexts, instrument: instrument) {
            result.refused = true
            return result
        }
        if itemColumn.contains(where: { $0 == nil }) {
            result.diagnostics.append(RefDiagnostic(severity: "warning", line: header.line, column: nil, kind: "items without a column"))
        }
        if numberLike {
            result.diagnostics.append(RefDiagnostic(severity: "warning", line: header.line, column: nil, kind: "number-like respondent columns"))
        }
        if infoColumns.isEmpty {
            result.diagnostics.append(RefDiagnostic(severity: "warning", line: header.line, column: nil, kind: "no respondent column"))
        }

        // Rows.
        let others = RefSheet.candidates.filter { $0 != delimiter }
        var scoredRows = 0
        // answer-sheets.md, "A sheet of another instrument": non-empty answer cells, and those that cannot be read.
        var filledCells = 0, unreadableCells = 0
        // The class column: the first respondent column named класс/class/группа (or
        // параллель/grade/год обучения for a grade column), case ignored.
        let gradeNames = ["grade", "параллель", "год обучения", "класс (параллель)"]
        let classNames = ["class", "класс", "группа"]
        func firstInfo(_ names: [String]) -> Int? {
            infoNames.firstIndex { name in names.contains { RefText.normalize($0) == RefText.normalize(name) } }
        }
        let gradeColumn = firstInfo(gradeNames) ?? firstInfo(classNames)
        var outsideGrades: [Int: Int] = [:]
        for record in records[(headerIndex + 1)...] {
            var fields = record.fields
            // Rows with every cell empty (blank lines, Excel's `;;;;`) are skipped.
            if fields.allSatisfy({ $0.units.isEmpty }) { continue }
            if fields.allSatisfy({ ($0.text ?? "x").allSatisfy(\.isWhitespace) }) {
                // Docs: a row whose cells hold only white space (spaces, tabs) is not
                // said to be blank or not (production skips at least some of them).
                result.ambiguities.append("row-of-spaces")
            }
            // A byte-order mark at the start of a row is removed (with a warning).
            var hadBOM = false
            if fields[0].units.first == 0xFEFF {
                fields[0].units.removeFirst()
                hadBOM = true
                if fields[0].units.first == RefSheet.quote { result.ambiguities.append("bom-before-quote") }
            }
            let texts = fields.map { $0.text }
            // The header again (two files joined): skipped with a warning.
            // Docs: "the header row again" is read as the same cells, exactly.
            if texts.count == headerTexts.count && zip(texts, headerTexts).allSatisfy({ $0 == $1 && $0 != nil }) {
                result.diagnostics.append(RefDiagnostic(severity: "warning", line: record.line, column: nil, kind: "repeated header"))
                continue
            }
            if texts.count == headerTexts.count
                && zip(texts, headerTexts).allSatisfy({ RefText.normalize($0 ?? "\u{1}") == RefText.normalize($1 ?? "\u{2}") }) {
                result.ambiguities.append("row-like-header")
            }
            if hadBOM {
                result.diagnostics.append(RefDiagnostic(severity: "warning", line: record.line, column: nil, kind: "byte-order mark in a row"))
            }
            var rowDiagnostics: [RefDiagnostic] = []
            if fields.count > headerTexts.count {
                rowDiagnostics.append(RefDiagnostic(severity: "warning", line: record.line, column: nil, kind: "extra cells"))
                if fields[headerTexts.count...].allSatisfy({ $0.units.isEmpty }) {
                    // Docs: empty extra cells (a trailing delimiter) — still "more cells"?
                    result.ambiguities.append("empty-extra-cells")
                }
            }
            // Respondent information, as in the sheet.
            var info: [String] = []
            for column in infoColumns {
                if column < texts.count {
                    if let text = texts[column] {
                        info.append(text)
                    } else {
                        // Docs: an unreadable respondent cell: what is reported and carried is not given.
                        result.ambiguities.append("unreadable-info-cell")
                        info.append("")
                    }
                } else {
                    info.append("")
                }
            }
            // A short row holding another delimiter: an error, scored as blank.
            // answer-sheets.md: the other delimiter is the one of tab, `;`, `,`
            // found most often outside quoted cells (on a tie, in that order);
            // the row holds it "where the file's should be" when it is found at
            // least as many times as the row has cells fewer than the header.
            var mixed = false
            if fields.count < headerTexts.count {
                let counts = others.map { other in
                    fields.filter { !$0.quoted }.reduce(0) { $0 + $1.units.filter { $0 == other }.count }
                }
                if let most = counts.max(), most > 0, most >= headerTexts.count - fields.count {
                    mixed = true
                    result.otherDelimiterRowLines.append(record.line)
                    rowDiagnostics.append(RefDiagnostic(severity: "error", line: record.line, column: nil, kind: "another delimiter"))
                }
            }
            var cells = [Cell](repeating: .missing, count: instrument.items.count)
            // Whether some cell of the row names an option (not an empty cell that the format's `blank` gives a meaning).
            var anyWrittenOption = false
            if !mixed {
                for (item, column) in itemColumn.enumerated() {
                    let format = instrument.formats[instrument.items[item].format]
                    guard let column else {
                        // Docs: an item without a column is "treated as unanswered"; with
                        // a format whose `blank` says what an empty cell means, that is
                        // read as an empty cell (instrument-format.md: "an item whose
                        // format has a blank option is never unanswered").
                        cells[item] = format.blank.map { .option($0) } ?? .missing
                        continue
                    }
                    guard column < fields.count else {
                        // A short row: the cells it lacks are empty.
                        cells[item] = format.blank.map { .option($0) } ?? .missing
                        continue
                    }
                    guard let text = texts[column] else {
                        filledCells += 1
                        unreadableCells += 1
                        cells[item] = .unreadable
                        rowDiagnostics.append(RefDiagnostic(severity: "error", line: fields[column].line, column: column + 1,
                                                            kind: "unreadable cell (encoding), item \(instrument.items[item].id)", checksColumn: true))
                        continue
                    }
                    // LINE is the line of the file where the cell is (a quoted line
                    // break earlier in the row moves it down).
                    let key = RefText.normalize(text)
                    if key.isEmpty {
                        // Docs: an empty cell is taken to include a cell of spaces only
                        // (it is empty after normalisation).
                        cells[item] = format.blank.map { .option($0) } ?? .missing
                        continue
                    }
                    if let option = format.options.firstIndex(where: { option in
                        RefText.normalize(option.code) == key || option.tokens.contains { RefText.normalize($0) == key }
                    }) ?? (format.noAnswer.contains(key) ? nil : Self.optionWithWording(key, format: format)) {
                        filledCells += 1
                        anyWrittenOption = true
                        cells[item] = .option(option)
                    } else if format.noAnswer.contains(key) {
                        // Docs: a cell that means "no answer" is read exactly as an empty cell
                        // (so it is not one of the file's non-empty answer cells either);
                        // an option's own spelling stays that option (checked first).
                        cells[item] = format.blank.map { .option($0) } ?? .missing
                    } else {
                        filledCells += 1
                        unreadableCells += 1
                        cells[item] = .unreadable
                        rowDiagnostics.append(RefDiagnostic(severity: "error", line: fields[column].line, column: column + 1,
                                                            kind: "cannot read «\(text)», item \(instrument.items[item].id)", checksColumn: true))
                    }
                }
            }
            var row = scoreRow(cells: cells, anyWrittenOption: anyWrittenOption, line: record.line, info: info, ambiguousLines: &result.ambiguousRowLines)
            // Duplicate ids, over the run. Docs: compared as they are written; empty ids are not checked.
            let id = row.id
            if !id.isEmpty {
                if seenIDs[id] != nil {
                    row.flags.insert("duplicate-id")
                    rowDiagnostics.append(RefDiagnostic(severity: "warning", line: record.line, column: nil, kind: "repeated id \(id)"))
                } else {
                    seenIDs[id] = record.line
                    if seenIDs.keys.contains(where: { $0 != id && RefText.normalize($0) == RefText.normalize(id) }) {
                        result.ambiguities.append("ids-equal-after-normalisation")
                    }
                }
            }
            result.diagnostics += rowDiagnostics
            result.rows.append(row)
            scoredRows += 1
            // answer-sheets.md: the grade from the grade column or the number the class name starts with.
            if let grades = instrument.grades, let gradeColumn, gradeColumn < info.count,
               let grade = Self.leadingNumber(info[gradeColumn]), !grades.contains(grade) {
                outsideGrades[grade, default: 0] += 1
            }
        }
        // More than half of the non-empty answer cells, and at least 10, cannot be read: refused.
        if unreadableCells >= 10 && unreadableCells * 2 > filledCells {
            result.refused = true
            return result
        }
        if !outsideGrades.isEmpty {
            // instrument-format.md, `grades`: one warning per file. Docs: its line is not given.
            result.diagnostics.append(RefDiagnostic(severity: "warning", line: nil, column: nil,
                                                    kind: "respondents outside grades \(outsideGrades.keys.sorted())", checksLine: false))
        }
        if scoredRows == 0 {
            // Docs: the line of the "no answer rows" warning is not given.
            result.diagnostics.append(RefDiagnostic(severity: "warning", line: nil, column: nil, kind: "a header and no rows", checksLine: false))
        }
        return result
    }

    // MARK: - A sheet of another instrument

    /// The bundled instruments (`Instruments/*.json`): id and item ids, normalised.
    static let bundled: [(id: String, keys: Set<String>)] = {
        // The repository's Instruments/, found from this file (Tests/ProfScoreKitTests/Reference/):
        // the fuzz target is built without the tests' support code.
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Instruments").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.contains("schema") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: folder + "/" + name),
                  let instrument = try? RefInstrument(json: Array(data)) else { return nil }
            return (instrument.id, Set(instrument.items.map { RefText.normalize($0.id) }))
        }
    }()

    /// answer-sheets.md, "A sheet of another instrument": more than half of the
    /// items without a column, or a bundled instrument that has most of its
    /// items and fewer than half as many misfitting columns (its items without
    /// a column plus number-like columns that are none of its items).
    static func headerFitsAnotherInstrument(_ headerTexts: [String?], instrument: RefInstrument) -> Bool {
        let names = Set(headerTexts.map { RefText.normalize($0 ?? "") }.filter { !$0.isEmpty })
        func numberLike(_ key: String) -> Bool {
            (1...4).contains(key.unicodeScalars.count) && key.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
        }
        // A header names an item by its id or as a form numbers it (`1. …`, `Вопрос 12`).
        func measure(_ keys: Set<String>) -> (present: Int, misfit: Int) {
            let ids = Array(keys)
            var matched: Set<String> = []
            var stray = 0
            for name in names {
                if keys.contains(name) {
                    matched.insert(name)
                } else if let index = formQuestionItem(name, ids: ids) {
                    matched.insert(ids[index])
                } else if numberLike(name) {
                    stray += 1
                }
            }
            return (matched.count, keys.count - matched.count + stray)
        }
        let ownKeys = Set(instrument.items.map { RefText.normalize($0.id) })
        let own = measure(ownKeys)
        if (ownKeys.count - own.present) * 2 > ownKeys.count { return true }
        return bundled.contains { other in
            guard other.id != instrument.id else { return false }
            let fit = measure(other.keys)
            return fit.present * 2 > other.keys.count && fit.misfit * 2 < own.misfit
        }
    }

    /// The number a cell starts with (spaces before it skipped), as a grade.
    static func leadingNumber(_ text: String) -> Int? {
        let digits = text.drop { $0 == " " }.prefix { ("0"..."9").contains($0) }
        return digits.isEmpty ? nil : Int(digits.prefix(3))
    }

    // MARK: - Online forms

    /// answer-sheets.md, Columns: a header that is no item id names the item
    /// it is numbered by: the id followed by `)`, `:`, a space, or `.` and a
    /// space (or nothing after the mark), or `Вопрос 12`, `Вопрос №12`,
    /// `Question 12`. Returns the item's index.
    /// Docs: when two ids fit («1» and «1 2» in «1 2) …»), which one is not
    /// said; the shortest is taken.
    func formQuestionItem(_ key: String) -> Int? {
        Self.formQuestionItem(key, ids: instrument.items.map { RefText.normalize($0.id) })
    }

    /// ``formQuestionItem(_:)`` against normalised ids; returns an index into `ids`.
    static func formQuestionItem(_ key: String, ids: [String]) -> Int? {
        var text = Substring(key)
        for word in ["вопрос", "question"].map(RefText.normalize) where text.hasPrefix(word) {
            var rest = text.dropFirst(word.count)
            if rest.hasPrefix(" ") { rest = rest.dropFirst() }
            if rest.hasPrefix("№") { rest = rest.dropFirst() }
            if rest.hasPrefix(" ") { rest = rest.dropFirst() }
            if let exact = ids.firstIndex(where: { $0 == rest }) { return exact }
            text = rest
            break
        }
        let fits = ids.indices.filter { index in
            let id = ids[index]
            guard !id.isEmpty, text.hasPrefix(id) else { return false }
            var after = text.dropFirst(id.count)
            if after.hasPrefix(" ") && after.dropFirst().first.map({ ")" == $0 || ":" == $0 || "." == $0 }) == true { after = after.dropFirst() }
            return after.hasPrefix(")") || after.hasPrefix(":") || after.hasPrefix(" ") || after == "." || after.hasPrefix(". ")
        }
        return fits.min { ids[$0].count < ids[$1].count }
    }

    /// answer-sheets.md, Exports of online forms: an answer that is an
    /// option's code or spelling followed by `)`, or by `.` and a space or
    /// nothing, then any text, is that option.
    /// Docs: a space between the code and the mark is not mentioned; the
    /// normalised cell is cut at the first mark and the code compared trimmed.
    static func optionWithWording(_ key: String, format: RefInstrument.Format) -> Int? {
        guard let mark = key.firstIndex(where: { $0 == ")" || $0 == "." }), mark > key.startIndex else { return nil }
        let after = key[key.index(after: mark)...]
        if key[mark] == "." && !(after.isEmpty || after.hasPrefix(" ")) { return nil }
        let code = key[..<mark].trimmingCharacters(in: .whitespaces)
        return format.options.firstIndex { option in
            RefText.normalize(option.code) == code || option.tokens.contains { RefText.normalize($0) == code }
        }
    }

    // MARK: - A row

    /// Scores one row given the option (or none) chosen for each item, and
    /// whether any of them was written in a cell.
    func scoreRow(cells: [Cell], anyWrittenOption: Bool, line: Int, info: [String], ambiguousLines: inout Set<Int>) -> RefRow {
        var row = RefRow(line: line, info: info, scores: [], levels: [], leading: .notApplicable, profile: [], holland: nil, flags: [])
        // score-output.md: `blank` — no answer cell of the row names an option;
        // an empty cell that the format's `blank` gives a meaning is no answer
        // written (an empty row of Rezapkina's «Профиль» is a blank sheet, not 50 «−»).
        let answered = anyWrittenOption
        let anyUnreadable = cells.contains(.unreadable)
        if anyUnreadable { row.flags.insert("unreadable") }
        if !answered {
            // «blank: No item was answered; nothing is scored.»
            // Docs: which other flags a blank sheet gets is not said. Taken
            // literally, `incomplete` applies (the compared scales are not scored)
            // and so would `missing`; the reference takes "nothing is scored" as
            // the reason and adds `incomplete` but not `missing`. `unreadable`
            // stays when a cell could not be read.
            row.flags.insert("blank")
            row.scores = Array(repeating: nil, count: instrument.scales.count)
            row.levels = Array(repeating: nil, count: instrument.scales.count)
            row.leading = instrument.leading == nil ? .notApplicable : .undetermined
            if instrument.leading != nil { row.flags.insert("incomplete") }
            if anyUnreadable { ambiguousLines.insert(line) }
            return row
        }
        for scale in instrument.scales {
            let items = scale.items
            if items.contains(where: { cells[$0] == .unreadable }) {
                row.scores.append(nil)
                continue
            }
            let missing = items.filter { cells[$0] == .missing }.count
            if missing > scale.maxMissing {
                row.flags.insert("missing")
                row.scores.append(nil)
                continue
            }
            var sum = 0.0
            for entry in scale.entries {
                guard case .option(let chosen) = cells[entry.item] else { continue }
                if let option = entry.option {
                    if option == chosen { sum += entry.points }
                } else {
                    let options = instrument.formats[instrument.items[entry.item].format].options
                    guard let value = options[chosen].value else { continue }
                    if entry.reverse {
                        let values = options.compactMap(\.value)
                        sum += values.min()! + values.max()! - value
                    } else {
                        sum += value
                    }
                }
            }
            let answeredItems = items.count - missing
            var score = sum
            if answeredItems == 0 {
                // Docs: a scale with no answered item but within maxMissing is not covered.
                ambiguousLines.insert(line)
                row.scores.append(nil)
                continue
            }
            if scale.isMean {
                score = sum / Double(answeredItems)
            } else if scale.prorate && missing > 0 {
                score = sum * Double(items.count) / Double(answeredItems)
            }
            row.scores.append(score)
        }
        // Levels: the band holding the score; on a shared boundary the upper band.
        for (index, scale) in instrument.scales.enumerated() {
            guard let score = row.scores[index], !scale.levels.isEmpty else {
                row.levels.append(nil)
                continue
            }
            var level: Int?
            for (k, band) in scale.levels.enumerated() where band.from <= score + 1e-9 { level = k }
            if level == nil || score > scale.levels[level!].to + 1e-9 {
                // Docs: a score outside every band (possible when missing answers are
                // allowed without prorating: the sum of fewer items can fall below the
                // range the bands cover) has no documented level: -1, not compared.
                level = -1
            }
            // On an integer scale every score is whole, so the rule above is the
            // "next band starts one above" rule too.
            row.levels.append(level)
        }
        // Same answer: every Likert answer the same option (five or more answers).
        var likert: [(format: Int, option: Int)] = []
        for (item, cell) in cells.enumerated() {
            guard case .option(let option) = cell else { continue }
            let format = instrument.items[item].format
            if instrument.formats[format].kind == "likert" { likert.append((format, option)) }
        }
        if likert.count >= 5 {
            let codes = Set(likert.map { RefText.normalize(instrument.formats[$0.format].options[$0.option].code) })
            // Docs: with several Likert formats "the same option" is read as the same code.
            if Set(likert.map(\.format)).count > 1 { ambiguousLines.insert(line) }
            if codes.count == 1 { row.flags.insert("same-answer") }
        }
        // Leading type, profile and Holland code.
        guard let rule = instrument.leading else {
            row.leading = .notApplicable
            return row
        }
        let compared = rule.scales
        if compared.contains(where: { row.scores[$0] == nil }) {
            row.leading = .undetermined
            row.flags.insert("incomplete")
            return row
        }
        let scores = compared.map { row.scores[$0]! }
        let highest = scores.max()!
        if let minimum = rule.minimum, highest < minimum {
            // Docs: a tie below the minimum is not flagged `tie` (no leading type is given).
            row.leading = .none
            if scores.filter({ $0 == highest }).count > 1 { ambiguousLines.insert(line) }
        } else {
            let leaders = compared.filter { row.scores[$0]! == highest }
            row.leading = .types(leaders.map { instrument.scales[$0].id })
            if leaders.count > 1 { row.flags.insert("tie") }
            var categories = Set<Int>()
            for scale in leaders { categories.formUnion(instrument.profileMap[scale] ?? []) }
            row.profile = instrument.categories.indices.filter { categories.contains($0) }.map { instrument.categories[$0] }
        }
        if rule.hollandCode {
            // The three highest, highest first; a tied group the code reaches is
            // written in brackets in the order of `scales`.
            let values = Array(Set(scores)).sorted(by: >)
            var code = ""
            var written = 0
            var tied = false
            for value in values where written < 3 {
                let group = compared.filter { row.scores[$0]! == value }
                let letters = group.map { instrument.scales[$0].letter ?? "?" }.joined()
                if group.count == 1 {
                    code += letters
                } else {
                    code += "(" + letters + ")"
                    tied = true
                }
                written += group.count
            }
            row.holland = code
            if tied { row.flags.insert("tie") }
        }
        return row
    }
}
