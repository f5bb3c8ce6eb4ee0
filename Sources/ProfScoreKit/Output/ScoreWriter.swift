/// Writes scored respondents as CSV, JSON or a terminal table.
///
/// CSV and JSON are streamed row by row; the table is aligned at the end, so
/// it is meant for a class, not a region. Plain CSV and JSON are for
/// programs: scales, types, categories and flags by their ids. The table and
/// CSV for Excel (`excel`) are for people: wholly in the chosen language,
/// with the scales' and categories' short names and the flags' labels.
public final class ScoreWriter {
    private let instrument: Instrument
    private let format: ScoreFormat
    private let precision: ScorePrecision
    private let language: Language
    private let excel: Bool
    private let idColumn: String
    private let otherInfoColumns: [String]
    private let sink: OutputSink
    private var out: [UInt8] = []
    /// CSV rows being formatted (the header and other formats use ``out``).
    private var rows = ByteBuffer(capacity: 1 << 17)
    /// Bytes passed to the sink so far.
    private var bytesFlushed = 0
    private var rowsWritten = 0
    /// CSV: where the last row's `duplicate-id` flag would go (see ``duplicateFlagPatch(_:)``).
    public private(set) var duplicateFlagToken = 0
    private var tableRows: [[String]] = []
    private let delimiter: UInt8

    /// Creates a writer.
    /// - Parameters:
    ///   - instrument: the instrument scored.
    ///   - infoColumns: names of the respondent columns; the first is the id.
    ///   - format: the output format.
    ///   - precision: how many decimals scores and percentile ranks are written with.
    ///   - language: language of level labels and table headings.
    ///   - excel: CSV for Russian Excel: UTF-8 with BOM, `;`, decimal comma.
    ///   - sink: where the bytes go.
    public init(instrument: Instrument, infoColumns: [String], format: ScoreFormat, precision: ScorePrecision = .fourDecimals,
                language: Language, excel: Bool, sink: OutputSink) {
        self.instrument = instrument
        self.format = format
        self.precision = precision
        self.language = language
        self.excel = excel
        self.idColumn = infoColumns.first ?? "id"
        self.otherInfoColumns = Array(infoColumns.dropFirst())
        self.sink = sink
        let delimiter: UInt8 = excel ? 0x3B : 0x2C
        self.delimiter = delimiter
        levelCells = instrument.scales.map { scale in
            scale.levels.map { Self.csvBytes($0.label.text(in: language), delimiter: delimiter) }
        }
        // For Excel, names for people; otherwise ids for programs.
        scaleIDBytes = instrument.scales.map { Array((excel ? $0.name(in: language) : $0.id).utf8) }
        categoryIDBytes = (instrument.profiles?.categories ?? []).map { Array((excel ? $0.name(in: language) : $0.id).utf8) }
        flagNameBytes = QualityFlags.named.map { ($0.flag, Array((excel ? $0.label.text(in: language) : $0.name).utf8)) }
        joiner = excel ? Array(" + ".utf8) : [0x2B]
        flagSeparator = excel ? Array(", ".utf8) : [0x20]
        noneCell = excel ? Array(Self.noPronouncedInterest.text(in: language).utf8) : Array("none".utf8)
        hasHolland = instrument.leadingType?.hollandCode == true
        hasLeading = instrument.leadingType != nil
        hasProfiles = instrument.profiles != nil
        hasNorms = instrument.norms != nil
        normedScales = instrument.scales.indices.filter { index in
            instrument.norms?.groups.contains { $0.tables[index] != nil } == true
        }
    }

    private let hasHolland: Bool
    private let hasLeading: Bool
    private let hasProfiles: Bool
    private let hasNorms: Bool
    /// The scales with a norm table in some norm group: they get percentile and sten columns.
    private let normedScales: [Int]

    /// Writes the header (CSV) or the document's opening (JSON).
    public func begin() {
        switch format {
        case .csv:
            if excel { out.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            appendCSVRow((excel ? excelHeader() : csvHeader()).map { .text($0) })
        case .json:
            out.append(contentsOf: "{\"format\":\"profscore-scores\",\"formatVersion\":1,\"instrument\":{\"id\":".utf8)
            JSONText.appendString(instrument.id, to: &out)
            out.append(contentsOf: ",\"version\":".utf8)
            JSONText.appendString(instrument.version, to: &out)
            out.append(contentsOf: ",\"title\":".utf8)
            JSONText.appendString(instrument.title.text(in: language), to: &out)
            out.append(contentsOf: "},\"scales\":[".utf8)
            for (index, scale) in instrument.scales.enumerated() {
                if index > 0 { out.append(0x2C) }
                out.append(contentsOf: "{\"id\":".utf8)
                JSONText.appendString(scale.id, to: &out)
                out.append(contentsOf: ",\"title\":".utf8)
                JSONText.appendString(scale.title.text(in: language), to: &out)
                out.append(0x7D)
            }
            out.append(contentsOf: "],\"respondents\":[".utf8)
        case .table:
            var heading = [idColumn] + instrument.scales.map { $0.name(in: language) }
            if instrument.norms != nil {
                heading += normedScales.map { (language == .russian ? "стен: " : "sten: ") + instrument.scales[$0].name(in: language) }
            }
            if hasLeading { heading.append(language == .russian ? "ведущий тип" : "leading type") }
            if hasProfiles { heading.append(language == .russian ? "профиль" : "profile") }
            heading += (hasHolland ? [language == .russian ? "код Холланда" : "Holland"] : [])
            heading += [language == .russian ? "отметки" : "flags"]
            if instrument.norms != nil { heading.append(language == .russian ? "нормативная группа" : "norm group") }
            tableRows.append(heading)
        }
        // CSV rows are formatted in their own buffer: the header goes first.
        if format == .csv { flush() } else { flushIfNeeded() }
    }

    private enum Cell {
        case text(String)
        case number(Double?)
    }

    /// «No pronounced interest», where the leading type would be.
    static let noPronouncedInterest = LocalizedText(ru: "интерес не выражен", en: "no pronounced interest")

    /// The header of plain CSV: ids (docs/score-output.md).
    private func csvHeader() -> [String] {
        var names = [idColumn] + instrument.scales.map(\.id) + instrument.scales.map { "level_\($0.id)" }
        if instrument.norms != nil {
            names += normedScales.map { "pr_" + instrument.scales[$0].id } + normedScales.map { "sten_" + instrument.scales[$0].id }
            names.append("norm_group")
        }
        names += (hasLeading ? ["leading"] : []) + (hasProfiles ? ["profile"] : []) + (hasHolland ? ["holland"] : [])
        return names + ["flags", "file", "line"] + otherInfoColumns
    }

    /// The header of CSV for Excel: the same columns, named for people in the chosen language.
    private func excelHeader() -> [String] {
        let ru = language == .russian
        let scales = instrument.scales.map { $0.name(in: language) }
        var names = [idColumn] + scales + scales.map { (ru ? "уровень: " : "level: ") + $0 }
        if instrument.norms != nil {
            names += normedScales.map { (ru ? "ПР: " : "PR: ") + scales[$0] } + normedScales.map { (ru ? "стен: " : "sten: ") + scales[$0] }
            names.append(ru ? "нормативная группа" : "norm group")
        }
        names += (hasLeading ? [ru ? "ведущий тип" : "leading type"] : []) + (hasProfiles ? [ru ? "профиль" : "study profile"] : [])
        names += hasHolland ? [ru ? "код Холланда" : "Holland code"] : []
        return names + [ru ? "отметки" : "flags", ru ? "файл" : "file", ru ? "строка" : "line"] + otherInfoColumns
    }

    private func appendCSVRow(_ cells: [Cell]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(delimiter) }
            switch cell {
            case .text(let text): CSVCell.appendText(text, delimiter: delimiter, to: &out)
            case .number(let value?): CSVCell.appendNumber(value, decimalComma: excel, to: &out)
            case .number(nil): break
            }
        }
        out.append(contentsOf: excel ? [0x0D, 0x0A] : [0x0A])
    }

    /// A score or percentile rank as text, with the writer's precision.
    private func number(_ value: Double) -> String {
        ScoreFormatting.text(value, precision: precision)
    }

    /// The leading type for the table: the scales' names.
    private func leadingNames(_ result: RespondentScore) -> String {
        switch result.leading {
        case .types(let types): types.map { instrument.scales[$0].name(in: language) }.joined(separator: " + ")
        case .noPronouncedInterest: Self.noPronouncedInterest.text(in: language)
        case .undetermined, .notApplicable: ""
        }
    }

    /// The study profile for the table: the categories' names.
    private func categoryNames(_ result: RespondentScore) -> [String] {
        result.categories.compactMap { instrument.profiles?.categories[$0].name(in: language) }
    }

    /// Writes one respondent.
    /// - Parameters:
    ///   - info: values of the respondent columns given to ``init``, id first.
    ///   - file: the sheet's file name; `line`: the row's line.
    ///   - norm: with an instrument that has norms, the respondent's norm
    ///     group or why there is none (``Norms/match(info:columns:)``); their
    ///   percentile ranks and stens are written from it.
    public func write(info: [String], file: String, line: Int, result: RespondentScore, norm: NormMatch? = nil) {
        switch format {
        case .csv:
            appendCSV(info: info, file: file, line: line, result: result, norm: norm)
            return
        case .json:
            appendJSON(info: info, file: file, line: line, result: result, norm: norm)
        case .table:
            var row = [info.first ?? ""] + result.scores.map { $0.map(number) ?? "—" }
            if instrument.norms != nil {
                row += normedScales.map { scale in normRow(result, scale: scale, norm: norm).map { "\($0.sten)" } ?? "—" }
            }
            if hasLeading { row.append(leadingNames(result)) }
            if hasProfiles { row.append(categoryNames(result).joined(separator: ", ")) }
            if hasHolland { row.append(result.hollandCode ?? "") }
            row.append(result.flags.labels(in: language).joined(separator: ", "))
            if let norms = instrument.norms { row.append(norm.map { $0.label(in: norms) } ?? "") }
            tableRows.append(row)
        }
        rowsWritten += 1
        flushIfNeeded()
    }

    /// Cells that are the same from row to row, as CSV bytes, made once.
    private let levelCells: [[[UInt8]]]
    private let scaleIDBytes: [[UInt8]]
    private let categoryIDBytes: [[UInt8]]
    private let flagNameBytes: [(QualityFlags, [UInt8])]
    /// Between the types of a tie and the categories of a profile; between flags.
    private let joiner: [UInt8]
    private let flagSeparator: [UInt8]
    private let noneCell: [UInt8]
    private var fileCell: (name: String, bytes: [UInt8]) = ("", [])

    /// Whether a cell starting with this byte would be run by Excel as a formula (`-`, `=`, `@`).
    private static func startsFormula(_ byte: UInt8) -> Bool {
        byte == 0x2D || byte == 0x3D || byte == 0x40
    }

    private func csvBytes(_ text: String) -> [UInt8] {
        Self.csvBytes(text, delimiter: delimiter)
    }

    private static func csvBytes(_ text: String, delimiter: UInt8) -> [UInt8] {
        var bytes: [UInt8] = []
        CSVCell.appendText(text, delimiter: delimiter, to: &bytes)
        return bytes
    }

    /// One CSV row, written straight into the output buffer: the cells that
    /// repeat (level labels, ids, flags, the file name) are made once.
    /// - Complexity: O(row length), no allocation for whole-number scores.
    private func appendCSV(info: [String], file: String, line: Int, result: RespondentScore, norm: NormMatch?) {
        // The buffer as a local for the row: appending to a property of a
        // class would check exclusive access at every byte.
        var out = rows
        defer { rows = out }
        CSVCell.appendText(info.first ?? "", delimiter: delimiter, to: &out)
        for score in result.scores {
            out.append(delimiter)
            if let score { CSVCell.appendNumber(score, decimalComma: excel, precision: precision, to: &out) }
        }
        for (index, level) in result.levels.enumerated() {
            out.append(delimiter)
            if let level { out.append(contentsOf: levelCells[index][level]) }
        }
        if hasNorms, let norms = instrument.norms { appendNormCells(result, norm: norm, norms: norms, to: &out) }
        if hasLeading {
            out.append(delimiter)
            switch result.leadingState {
            case .types:
                let start = out.count
                for (position, scale) in result.leadingTypes.enumerated() {
                    if position > 0 { out.append(contentsOf: joiner) }
                    out.append(contentsOf: scaleIDBytes[scale])
                }
                if out.count > start, Self.startsFormula(out[start]) { out.insert(0x27, at: start) }
            case .noPronouncedInterest:
                out.append(contentsOf: noneCell)
            case .undetermined, .notApplicable:
                break
            }
        }
        if hasProfiles {
            out.append(delimiter)
            let start = out.count
            for (position, category) in result.categories.enumerated() {
                if position > 0 { out.append(contentsOf: joiner) }
                out.append(contentsOf: categoryIDBytes[category])
            }
            if out.count > start, Self.startsFormula(out[start]) { out.insert(0x27, at: start) }
        }
        if hasHolland {
            out.append(delimiter)
            if let code = result.hollandCode { CSVCell.appendText(code, delimiter: delimiter, to: &out) }
        }
        out.append(delimiter)
        var firstFlag = true
        var slot = out.count, slotHasFlagBefore = false
        for (flag, name) in flagNameBytes {
            if flag == .duplicateID {
                slot = out.count
                slotHasFlagBefore = !firstFlag
            }
            guard result.flags.contains(flag) else { continue }
            if !firstFlag { out.append(contentsOf: flagSeparator) }
            out.append(contentsOf: name)
            firstFlag = false
        }
        let slotHasFlagAfter = out.count > slot
        let flushed = bytesFlushed
        duplicateFlagToken = (flushed + slot) << 2 | (slotHasFlagBefore ? 1 : slotHasFlagAfter ? 2 : 0)
        out.append(delimiter)
        if fileCell.name != file { fileCell = (file, csvBytes(file)) }
        out.append(contentsOf: fileCell.bytes)
        out.append(delimiter)
        CSVCell.appendInteger(line, to: &out)
        for value in info.dropFirst() {
            out.append(delimiter)
            CSVCell.appendText(value, delimiter: delimiter, to: &out)
        }
        if excel { out.append(0x0D) }
        out.append(0x0A)
        if out.count >= 1 << 16 {
            sink.write(out.bytes)
            bytesFlushed = flushed + out.count
            out.removeAll()
        }
    }

    private func appendJSON(info: [String], file: String, line: Int, result: RespondentScore, norm: NormMatch?) {
        if rowsWritten > 0 { out.append(0x2C) }
        out.append(contentsOf: "\n{\"id\":".utf8)
        JSONText.appendString(info.first ?? "", to: &out)
        out.append(contentsOf: ",\"file\":".utf8)
        JSONText.appendString(file, to: &out)
        out.append(contentsOf: ",\"line\":\(line),\"info\":{".utf8)
        for (index, name) in otherInfoColumns.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendString(name, to: &out)
            out.append(0x3A)
            JSONText.appendString(index + 1 < info.count ? info[index + 1] : "", to: &out)
        }
        out.append(contentsOf: "},\"scores\":{".utf8)
        for (index, scale) in instrument.scales.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendString(scale.id, to: &out)
            out.append(0x3A)
            out.append(contentsOf: (result.scores[index].map(number) ?? "null").utf8)
        }
        out.append(contentsOf: "},\"levels\":{".utf8)
        for (index, scale) in instrument.scales.enumerated() {
            if index > 0 { out.append(0x2C) }
            JSONText.appendString(scale.id, to: &out)
            out.append(0x3A)
            if let level = result.levels[index] {
                JSONText.appendString(scale.levels[level].label.text(in: language), to: &out)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        out.append(0x7D)
        if hasLeading {
            out.append(contentsOf: ",\"leading\":".utf8)
            switch result.leading {
            case .types(let types): JSONText.appendStrings(types.map { instrument.scales[$0].id }, to: &out)
            case .noPronouncedInterest: out.append(contentsOf: "\"none\"".utf8)
            case .undetermined, .notApplicable: out.append(contentsOf: "null".utf8)
            }
        }
        if hasProfiles {
            out.append(contentsOf: ",\"profile\":".utf8)
            JSONText.appendStrings(result.categories.compactMap { instrument.profiles?.categories[$0].id }, to: &out)
        }
        if hasHolland {
            out.append(contentsOf: ",\"holland\":".utf8)
            if let code = result.hollandCode { JSONText.appendString(code, to: &out) } else { out.append(contentsOf: "null".utf8) }
        }
        out.append(contentsOf: ",\"flags\":".utf8)
        JSONText.appendStrings(result.flags.names, to: &out)
        if let norms = instrument.norms { appendNormJSON(result, norm: norm, norms: norms) }
        out.append(0x7D)
    }

    // MARK: - Norms

    /// The norm-table row of a scale's score in the respondent's norm group.
    private func normRow(_ result: RespondentScore, scale: Int, norm: NormMatch?) -> Norms.Row? {
        guard let group = norm?.groupIndex, let norms = instrument.norms, let score = result.scores[scale] else { return nil }
        return norms.groups[group].row(scale: scale, raw: score)
    }

    /// The cells `pr_<scale>`…, `sten_<scale>`…, `norm_group`, each after a delimiter.
    private func appendNormCells<Out: ByteAppending>(_ result: RespondentScore, norm: NormMatch?, norms: Norms, to out: inout Out) {
        let rows = normedScales.map { normRow(result, scale: $0, norm: norm) }
        for row in rows {
            out.append(delimiter)
            if let row { CSVCell.appendNumber(row.percentile, decimalComma: excel, precision: precision, to: &out) }
        }
        for row in rows {
            out.append(delimiter)
            if let row { CSVCell.appendInteger(row.sten, to: &out) }
        }
        out.append(delimiter)
        if let norm { CSVCell.appendText(norm.label(in: norms), delimiter: delimiter, to: &out) }
    }

    /// `,"norm":{"group":…,"n":…,"pr":{…},"sten":{…}}`, or with no group `{"group":null,"reason":…}`.
    private func appendNormJSON(_ result: RespondentScore, norm: NormMatch?, norms: Norms) {
        out.append(contentsOf: ",\"norm\":{\"group\":".utf8)
        guard let norm, let group = norm.groupIndex else {
            out.append(contentsOf: "null,\"reason\":".utf8)
            JSONText.appendString(norm?.label(in: norms) ?? "not matched", to: &out)
            out.append(0x7D)
            return
        }
        JSONText.appendString(norms.groups[group].values.label, to: &out)
        out.append(contentsOf: ",\"n\":\(norms.groups[group].n),\"pr\":{".utf8)
        let rows = normedScales.map { normRow(result, scale: $0, norm: norm) }
        for (position, scale) in normedScales.enumerated() {
            if position > 0 { out.append(0x2C) }
            JSONText.appendString(instrument.scales[scale].id, to: &out)
            out.append(contentsOf: (":" + (rows[position].map { number($0.percentile) } ?? "null")).utf8)
        }
        out.append(contentsOf: "},\"sten\":{".utf8)
        for (position, scale) in normedScales.enumerated() {
            if position > 0 { out.append(0x2C) }
            JSONText.appendString(instrument.scales[scale].id, to: &out)
            out.append(contentsOf: (":" + (rows[position].map { "\($0.sten)" } ?? "null")).utf8)
        }
        out.append(contentsOf: "}}".utf8)
    }

    /// Writes the end of the document (JSON) or the aligned table.
    public func end() {
        switch format {
        case .csv: break
        case .json: out.append(contentsOf: "\n]}\n".utf8)
        case .table:
            var widths = [Int](repeating: 0, count: tableRows.first?.count ?? 0)
            for row in tableRows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
            for (rowIndex, row) in tableRows.enumerated() {
                let line = row.enumerated().map { index, cell in
                    let padding = String(repeating: " ", count: widths[index] - cell.count)
                    // Numbers right-aligned, texts left-aligned.
                    let numeric = instrument.scales.count + (instrument.norms != nil ? normedScales.count : 0)
                    return (index >= 1 && index <= numeric) ? padding + cell : cell + padding
                }.joined(separator: "  ")
                out.append(contentsOf: line.trimmingTrailingSpaces().utf8)
                out.append(0x0A)
                if rowIndex == 0 {
                    out.append(contentsOf: widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ").utf8)
                    out.append(0x0A)
                }
            }
            // A legend of the short names used in the table.
            out.append(0x0A)
            for scale in instrument.scales where scale.label != nil {
                out.append(contentsOf: "\(scale.name(in: language)): \(scale.title.text(in: language))\n".utf8)
            }
            for category in instrument.profiles?.categories ?? [] where category.label != nil {
                out.append(contentsOf: "\(category.name(in: language)): \(category.title.text(in: language))\n".utf8)
            }
            out.append(contentsOf: (language == .russian
                ? "«интерес не выражен» — ни одна шкала не достигает порога; «+» — равные баллы; «—» — шкала не подсчитана\n"
                : "'no pronounced interest' — no scale reaches the threshold; '+' — equal scores (a tie); '—' — scale not scored\n").utf8)
            if let norms = instrument.norms {
                out.append(contentsOf: (language == .russian
                    ? "стен — 1…10 по таблице нормативной группы ученика; нормативные группы: \(norms.groupList)\n"
                    : "sten — 1…10 from the table of the student's norm group; norm groups: \(norms.groupList)\n").utf8)
            }
            tableRows.removeAll()
        }
        flush()
    }

    /// Passes what is buffered to the sink.
    public func flush() {
        sink.write(out)
        bytesFlushed += out.count
        out.removeAll(keepingCapacity: true)
        sink.write(rows.bytes)
        bytesFlushed += rows.count
        rows.removeAll()
    }

    deinit {
        rows.deallocate()
    }

    private func flushIfNeeded() {
        if out.count >= 1 << 16 { flush() }
    }

    /// What to insert, and where in this writer's output, to add the
    /// `duplicate-id` flag to a CSV row written earlier: `token` is the
    /// row's ``duplicateFlagToken``.
    public func duplicateFlagPatch(_ token: Int) -> (offset: Int, bytes: [UInt8]) {
        let name = flagNameBytes.first { $0.0 == .duplicateID }!.1
        switch token & 3 {
        case 1: return (token >> 2, flagSeparator + name)
        case 2: return (token >> 2, name + flagSeparator)
        default: return (token >> 2, name)
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
