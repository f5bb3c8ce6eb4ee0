/// Reads the answer sheets of one instrument from a CSV or TSV file, or from
/// standard input, one row at a time.
///
/// The encoding (UTF-8 with or without BOM, Windows-1251, UTF-16 with BOM) and
/// the delimiter (`,` `;` tab) are detected. Columns whose header is an item id
/// are items; every other column is respondent information, the first being
/// the respondent id. Memory stays the same whatever the number of rows.
public final class SheetReader {
    /// The file's name in diagnostics.
    public var displayName: String { table.displayName }
    /// The detected encoding.
    public var encoding: SheetEncoding { table.encoding }
    /// The detected delimiter.
    public var delimiter: Character { Character(Unicode.Scalar(table.delimiter)) }
    /// The detected delimiter's byte.
    var delimiterByte: UInt8 { table.delimiter }
    /// Names of the respondent columns, in the sheet's order.
    public private(set) var infoColumnNames: [String] = []
    /// The names in ``infoColumnNames``, for finding a repeated name in O(1)
    /// while the header is read (emptied afterwards).
    var usedInfoColumnNames: Set<String> = []
    /// Per repeated name: the next counter to try for « (N)», so that the
    /// thousandth column of the same name does not try 2…999 again.
    var nextRenameCounter: [String: Int] = [:]
    /// Which respondent columns rows need (by position in ``infoColumnNames``);
    /// the others are empty in every row read after this is set, which saves
    /// making strings nobody reads. `nil` (the default): all of them. Set it
    /// before the first row when every row must carry the same columns.
    public var neededInfoColumns: [Bool]? {
        didSet { setUpFastPath() }
    }

    /// Whether a row carries respondent column `index` (the one rule for
    /// both ways of reading a row): yes unless `needed` says no.
    static func isNeeded(_ index: Int, _ needed: [Bool]?) -> Bool {
        guard let needed, index < needed.count else { return true }
        return needed[index]
    }

    let scorer: Scorer
    let table: TextTableReader
    /// Per field of a record: the item index, or -1 for a respondent column, -2 for an ignored column.
    private(set) var fieldRole: [Int] = []
    private(set) var headerFieldCount = 0
    /// The header's cells as bytes, to recognise the header repeated further down.
    var headerCells: [[UInt8]] = []
    /// The first and last item columns (for a quick test of a repeated header).
    var itemFieldRange: ClosedRange<Int>?
    /// Data rows returned so far.
    var rowsRead = 0
    private var normalized: [UInt8] = []
    /// What short raw cells resolve to (per answer format).
    private let cache: CellCache
    /// The fast path for simple records; made once the header is read.
    private var resolver: SimpleRowResolver?
    /// Whether simple records take the fast path (tests compare with the general path).
    var usesFastPath = true {
        didSet { setUpFastPath() }
    }
    /// The current record was saved with another delimiter: none of its cells is an answer.
    var answersNotRead = false
    /// Item fields that need the slow path in the current row.
    private var slowFields: [Int] = []

    /// The line where data rows start (after the header).
    public private(set) var dataStartLine = 2
    /// The line of the header row.
    public private(set) var headerLine = 1

    /// The size of the chunks the file is read in.
    static var chunkSize: Int { TextTableReader.chunkSize }

    /// Opens a sheet and reads its header.
    /// - Parameters:
    ///   - path: the file's path, or `-` for standard input.
    ///   - displayName: the name in diagnostics (default: the path).
    ///   - scorer: the instrument's scorer, which says what the item columns are.
    ///   - report: receives warnings about the header (missing or repeated item columns).
    /// - Throws: ``ProfScoreError/io(path:reason:)`` when the file cannot be
    ///   read, ``ProfScoreError/unreadableSheet(_:)`` when it has no header or no item column.
    public init(path: String, displayName: String? = nil, scorer: Scorer, report: (Diagnostic) -> Void) throws(ProfScoreError) {
        self.scorer = scorer
        cache = CellCache(formats: scorer.lookups.count)
        table = try TextTableReader(path: path, displayName: displayName)
        try readHeader(report: report)
        dataStartLine = table.scanner.line
        setUpFastPath()
    }

    /// What a reader of a part of this file takes over from this reader of
    /// its header: a value, so that it can be handed to other threads.
    var layout: SheetLayout {
        SheetLayout(scorer: scorer, displayName: displayName, encoding: encoding, delimiter: table.delimiter,
                    fieldRole: fieldRole, headerFieldCount: headerFieldCount, infoColumnNames: infoColumnNames,
                    neededInfoColumns: neededInfoColumns, usesFastPath: usesFastPath, headerCells: headerCells,
                    itemFieldRange: itemFieldRange)
    }

    /// A reader of a part of a file whose header another reader read: same
    /// columns, encoding and delimiter (its cell cache starts empty).
    /// - Parameters:
    ///   - header: the layout of the reader of the header.
    ///   - byteRange: the bytes to read, starting at the beginning of a line.
    ///   - firstLine: the line number at the start of the range.
    init(continuing header: SheetLayout, path: String, byteRange: Range<Int>, firstLine: Int) throws(ProfScoreError) {
        scorer = header.scorer
        cache = CellCache(formats: header.scorer.lookups.count)
        fieldRole = header.fieldRole
        headerFieldCount = header.headerFieldCount
        infoColumnNames = header.infoColumnNames
        neededInfoColumns = header.neededInfoColumns
        usesFastPath = header.usesFastPath
        dataStartLine = firstLine
        // Checks of SheetReader+Checks: compare with the same header; only the
        // reader of the file's beginning says that a sheet has no rows.
        headerCells = header.headerCells
        itemFieldRange = header.itemFieldRange
        rowsRead = 1
        table = try TextTableReader(path: path, displayName: header.displayName, byteRange: byteRange, firstLine: firstLine,
                                    encoding: header.encoding, delimiter: header.delimiter)
        setUpFastPath()
    }

    /// Makes the fast path for the header read and the respondent columns needed.
    private func setUpFastPath() {
        guard usesFastPath else {
            resolver = nil
            return
        }
        guard !fieldRole.isEmpty else { return }
        let resolver = self.resolver ?? SimpleRowResolver(
            fieldRole: fieldRole, formatOfItem: scorer.itemLookup, itemCount: scorer.plan.itemCount, headerCells: headerCells,
            infoCount: infoColumnNames.count, delimiter: table.delimiter, cache: cache)
        resolver.setNeededInfoColumns(neededInfoColumns)
        self.resolver = resolver
    }

    private func readHeader(report: (Diagnostic) -> Void) throws(ProfScoreError) {
        guard try table.nextNonEmptyRecord() else {
            throw .unreadableSheet(Diagnostic(.error, file: displayName, line: 1, column: 1, Message(
                en: "the file is empty; expected a header row with the respondent columns and the item ids of '\(scorer.instrument.id)'",
                ru: "файл пуст; ожидалась строка заголовка со столбцами респондента и номерами пунктов «\(scorer.instrument.id)»")))
        }
        let line = table.scanner.recordLine
        headerLine = line
        if let skipped = table.skippedRecordLines.first {
            throw .unreadableSheet(oversizedRecord(line: skipped, isHeader: true))
        }
        headerFieldCount = table.scanner.fieldCount
        fieldRole = Array(repeating: -1, count: headerFieldCount)
        var columnOfItem: [Int: Int] = [:]
        for field in 0..<headerFieldCount {
            let name = table.string(field)
            let key = TokenNormalizer.normalize(name)
            if let item = FormHeader.itemKey(key, isItem: { scorer.itemIndex(normalizedID: $0) != nil }).flatMap(scorer.itemIndex(normalizedID:)) {
                if let earlier = columnOfItem[item] {
                    report(Diagnostic(.error, file: displayName, line: table.scanner.fields[field].line, column: field + 1, Message(
                        en: "column \(field + 1) repeats item '\(scorer.instrument.items[item].id)' of column \(earlier + 1); this column is ignored — rename or delete it",
                        ru: "столбец \(field + 1) повторяет пункт «\(scorer.instrument.items[item].id)» из столбца \(earlier + 1); этот столбец не учитывается — переименуйте или удалите его")))
                    fieldRole[field] = -2
                } else {
                    columnOfItem[item] = field
                    fieldRole[field] = item
                }
            } else {
                infoColumnNames.append(infoColumnName(name, field: field, report: report))
            }
        }
        let items = scorer.instrument.items
        guard !columnOfItem.isEmpty else {
            let problem = Message(
                en: "no column of the header row is named after an item of '\(scorer.instrument.id)'",
                ru: "ни один столбец строки заголовка не назван номером пункта «\(scorer.instrument.id)»")
            let expected = items.prefix(3).map(\.id).joined(separator: ", ") + (items.count > 3 ? ", …, \(items.last!.id)" : "")
            let advice = SheetFit.noItemColumnAdvice(names: (0..<headerFieldCount).map { TokenNormalizer.normalize(table.string($0)) }, instrument: scorer.instrument) ?? Message(
                en: "name the answer columns by the item numbers: \(expected)",
                ru: "назовите столбцы ответов номерами пунктов: \(expected)")
            throw .unreadableSheet(Diagnostic(.error, file: displayName, line: line, column: 1, Message(
                en: problem.english + "; " + advice.english, ru: problem.russian + "; " + advice.russian)))
        }
        let missing = items.indices.filter { columnOfItem[$0] == nil }.map { items[$0].id }
        if !missing.isEmpty {
            let list = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? " (+\(missing.count - 10))" : "")
            report(Diagnostic(.warning, file: displayName, line: line, column: nil, Message(
                en: "the header has no column for item(s) \(list); these answers are treated as missing — add the columns if the sheet has them",
                ru: "в заголовке нет столбцов для пунктов \(list); эти ответы считаются пропущенными — добавьте столбцы, если они есть на бланке")))
        }
        rememberHeader(line: line, report: report)
    }

    /// Reads the next respondent's row.
    /// - Parameters:
    ///   - row: receives the row; its storage is reused between calls.
    ///   - report: receives a diagnostic for every cell that cannot be read.
    /// - Returns: `false` at the end of the file.
    /// - Complexity: O(length of the row); no allocation per row beyond the respondent columns' strings.
    public func nextRow(_ row: inout SheetRow, report: (Diagnostic) -> Void) throws(ProfScoreError) -> Bool {
        if takeSimpleRow(&row) {
            rowsRead += 1
            return true
        }
        while true {
            let more = try table.nextNonEmptyRecord()
            if !table.skippedRecordLines.isEmpty || !table.readingProblems.isEmpty { reportSkippedRecords(report) }
            guard more else {
                if rowsRead == 0 { reportNoRows(report) }
                return false
            }
            guard checkRecord(report: report) else { continue }
            fill(&row, report: report)
            rowsRead += 1
            return true
        }
    }

    /// The fast path: the next record when it is simple (see ``SimpleRowResolver``).
    /// - Returns: `false`, with the reader where it was, when the general path must read it.
    private func takeSimpleRow(_ row: inout SheetRow) -> Bool {
        guard let resolver else { return false }
        if row.codes.count != resolver.itemCount { row.codes = Array(repeating: ScoringPlan.missing, count: resolver.itemCount) }
        if row.info.count != infoColumnNames.count { row.info = Array(repeating: "", count: infoColumnNames.count) }
        let line = table.scanner.line
        let taken = table.takeLine { bytes in
            guard row.codes.withUnsafeMutableBufferPointer({ resolver.resolve(bytes, codes: $0.baseAddress!) }) else { return false }
            // A respondent cell that is not valid text: the general path reports it.
            return resolver.fillInfo(bytes, into: &row.info)
        }
        guard taken else { return false }
        row.line = line
        row.hasUnreadableCells = false
        return true
    }

    private func fill(_ row: inout SheetRow, report: (Diagnostic) -> Void) {
        let itemCount = scorer.plan.itemCount
        if row.codes.count != itemCount {
            row.codes = Array(repeating: ScoringPlan.missing, count: itemCount)
        } else {
            for i in 0..<itemCount { row.codes[i] = ScoringPlan.missing }
        }
        row.info.removeAll(keepingCapacity: true)
        row.line = table.scanner.recordLine
        row.hasUnreadableCells = false
        let fieldCount = table.scanner.fieldCount
        var infoIndex = 0
        for field in 0..<min(fieldCount, headerFieldCount) where fieldRole[field] == -1 {
            if !Self.isNeeded(infoIndex, neededInfoColumns) {
                row.info.append("")
            } else {
                let (text, valid) = table.withField(field, Self.infoText)
                row.info.append(text)
                if !valid { report(invalidInfoCell(field: field, column: infoColumnNames[infoIndex], text: text)) }
            }
            infoIndex += 1
        }
        while row.info.count < infoColumnNames.count { row.info.append("") }
        if let open = table.scanner.unclosedQuote {
            report(Diagnostic(.error, file: displayName, line: open.line, column: open.field, Message(
                en: "a quote opened here is never closed, so the rest of the file was read as one cell; close the quote",
                ru: "открытая здесь кавычка не закрыта, и остаток файла прочитан как одна ячейка; закройте кавычку")))
        }
        if fieldCount > headerFieldCount {
            report(Diagnostic(.warning, file: displayName, line: row.line, column: headerFieldCount + 1, Message(
                en: "the row has \(fieldCount) cells but the header only \(headerFieldCount); the extra cells are ignored",
                ru: "в строке \(fieldCount) ячеек, а в заголовке \(headerFieldCount); лишние ячейки не учитываются")))
        }
        // Fast path: short unquoted cells resolved through the per-format cache.
        slowFields.removeAll(keepingCapacity: true)
        let usable = answersNotRead ? 0 : min(fieldCount, headerFieldCount)
        let scanner = table.scanner
        scanner.buffer.withUnsafeBufferPointer { bytes in
            for field in 0..<usable {
                let item = fieldRole[field]
                guard item >= 0 else { continue }
                let span = scanner.fields[field]
                var start = span.start, end = span.end
                if span.quoted { slowFields.append(field); continue }
                while start < end && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
                while end > start && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
                if start == end { continue }
                guard end - start <= 8 else { slowFields.append(field); continue }
                let key = CellCache.pack(bytes, from: start, to: end)
                if let value = cache.value(key, length: end - start, format: scorer.itemLookup[item]), value != ScoringPlan.unreadable {
                    row.codes[item] = value
                } else {
                    slowFields.append(field)
                }
            }
        }
        for field in slowFields {
            let item = fieldRole[field]
            let format = scorer.itemLookup[item]
            let lookup = scorer.lookups[format]
            let valid = table.withField(field) { TokenNormalizer.normalize($0, into: &normalized) }
            let value = valid ? lookup.code(normalized: normalized) : ScoringPlan.unreadable
            if !table.scanner.fields[field].quoted {
                table.withField(field) { raw in
                    var start = 0, end = raw.count
                    while start < end && (raw[start] == 0x20 || raw[start] == 0x09) { start += 1 }
                    while end > start && (raw[end - 1] == 0x20 || raw[end - 1] == 0x09) { end -= 1 }
                    if end - start <= 8 && end > start {
                        cache.insert(CellCache.pack(raw, from: start, to: end), length: end - start, format: format, value: value)
                    }
                }
            }
            row.codes[item] = value
            if value == ScoringPlan.unreadable {
                row.hasUnreadableCells = true
                report(unreadableCell(field: field, item: item, respondent: row.id, valid: valid))
            }
        }
    }

    private func unreadableCell(field: Int, item: Int, respondent: String, valid: Bool) -> Diagnostic {
        // The id column may not have been read (`neededInfoColumns`): the message still names the respondent.
        let respondent = respondent.isEmpty ? respondentIDOfRecord() : respondent
        let instrument = scorer.instrument
        let format = instrument.answerFormats[instrument.items[item].format]
        let allowed = format.options.map { option in
            option.tokens.isEmpty ? option.code : "\(option.code) (\(option.tokens.joined(separator: ", ")))"
        }.joined(separator: "; ")
        var text = table.string(field)
        if text.count > 40 { text = String(text.prefix(40)) + "…" }
        text = Self.visible(text)
        let scaleList = scorer.scalesOfItem(item).map { instrument.scales[$0] }
        let scales = scaleList.map { "«\($0.name(in: .english))»" }.joined(separator: ", ")
        let scalesRu = scaleList.map { "«\($0.name(in: .russian))»" }.joined(separator: ", ")
        let itemID = instrument.items[item].id
        let who = respondent.isEmpty ? "" : ", respondent \(respondent)"
        let whoRu = respondent.isEmpty ? "" : ", респондент \(respondent)"
        let en = valid
            ? "item \(itemID)\(who): cannot read «\(text)»; allowed answers: \(allowed). Correct the cell; until then scale(s) \(scales) of this respondent are not scored"
            : "item \(itemID)\(who): the cell is not valid text in \(encoding.rawValue); save the file as UTF-8 or Windows-1251. Scale(s) \(scales) of this respondent are not scored"
        let ru = valid
            ? "пункт \(itemID)\(whoRu): не удаётся прочитать «\(text)»; допустимые ответы: \(allowed). Исправьте ячейку; пока шкалы \(scalesRu) этого респондента не подсчитаны"
            : "пункт \(itemID)\(whoRu): в ячейке недопустимый для \(encoding.rawValue) текст; сохраните файл в UTF-8 или Windows-1251. Шкалы \(scalesRu) этого респондента не подсчитаны"
        return Diagnostic(.error, file: displayName, line: table.scanner.fields[field].line, column: field + 1, Message(en: en, ru: ru))
    }
}
