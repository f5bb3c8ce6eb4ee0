#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of an answer sheet's shape that catch what tired people and other
/// programs do to CSV files: columns named twice, a header repeated where two
/// files were joined (often behind a byte-order mark), rows saved with another
/// delimiter, rows too long to be answers, a header and nothing else.
///
/// Each check costs a comparison or two per row on good sheets.
extension SheetReader {
    /// The name of a new respondent column: a name used before gets « (2)»,
    /// « (3)»… so that its values are not written under the other column.
    /// An empty header cell is named `id` when it is the row's first cell
    /// (R's `write.csv` heads its row names so, and the first respondent
    /// column is the id anyway), `column N` elsewhere.
    /// - Complexity: amortised O(length of the name): names used are kept in
    ///   a set, and each repeated name remembers the counter it reached.
    func infoColumnName(_ name: String, field: Int, report: (Diagnostic) -> Void) -> String {
        let line = table.scanner.fields[field].line
        var unique = name.isEmpty ? (field == 0 ? "id" : "column \(field + 1)") : name
        if !usedInfoColumnNames.insert(unique).inserted {
            var counter = nextRenameCounter[unique] ?? 2
            while usedInfoColumnNames.contains("\(unique) (\(counter))") { counter += 1 }
            nextRenameCounter[unique] = counter + 1
            let renamed = "\(unique) (\(counter))"
            usedInfoColumnNames.insert(renamed)
            report(Diagnostic(.warning, file: displayName, line: line, column: field + 1, Message(
                en: "the header «\(unique)» appears in more than one column; this one is written as «\(renamed)» — give the columns different names",
                ru: "заголовок «\(unique)» встречается в нескольких столбцах; этот записан как «\(renamed)» — дайте столбцам разные имена")))
            unique = renamed
        }
        return unique
    }

    /// Keeps what the row checks compare with, and warns when the sheet has
    /// no respondent column.
    func rememberHeader(line: Int, report: (Diagnostic) -> Void) {
        usedInfoColumnNames = []
        nextRenameCounter = [:]
        headerCells = (0..<headerFieldCount).map { field in table.withField(field) { Array($0) } }
        if let first = fieldRole.firstIndex(where: { $0 >= 0 }), let last = fieldRole.lastIndex(where: { $0 >= 0 }) {
            itemFieldRange = first...last
        }
        // Respondent columns named like item numbers: a sheet of another instrument, or a typo.
        // (Read as item columns are: after the one normalisation of cells, so « 22» is 22.)
        let numberLike = (0..<headerFieldCount).filter { field in
            fieldRole[field] == -1 && Self.looksLikeItemNumber(TokenNormalizer.normalize(String(decoding: headerCells[field], as: UTF8.self)))
        }
        if let first = numberLike.first {
            let items = scorer.instrument.items
            let names = numberLike.prefix(5).map { "«" + String(decoding: headerCells[$0], as: UTF8.self) + "»" }.joined(separator: ", ")
                + (numberLike.count > 5 ? " (+\(numberLike.count - 5))" : "")
            report(Diagnostic(.warning, file: displayName, line: line, column: first + 1, Message(
                en: "column(s) \(names) look like item numbers, but '\(scorer.instrument.id)' has no such item (its items are \(items.first!.id)…\(items.last!.id)); they are carried through as respondent information — check that the sheet is for this instrument",
                ru: "столбцы \(names) похожи на номера пунктов, но в «\(scorer.instrument.id)» таких пунктов нет (пункты \(items.first!.id)…\(items.last!.id)); они перенесены как сведения о респонденте — проверьте, что бланк для этого инструмента")))
        }
        if infoColumnNames.isEmpty {
            report(Diagnostic(.warning, file: displayName, line: line, column: 1, Message(
                en: "the header has no respondent column (every column is an item); rows are known only by their line — add an id column first",
                ru: "в заголовке нет столбца респондента (все столбцы — пункты); строки различаются только номером строки — добавьте первым столбец с кодом")))
        }
    }

    /// Whether a normalised header cell looks like an item number: one to
    /// four digits (the one rule for the warning above and for ``SheetFit``).
    static func looksLikeItemNumber(_ key: [UInt8]) -> Bool {
        !key.isEmpty && key.count <= 4 && key.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The header's cells, normalised as item ids are (for ``SheetFit``).
    var normalizedHeaderNames: [[UInt8]] {
        headerCells.map { TokenNormalizer.normalize(String(decoding: $0, as: UTF8.self)) }
    }

    /// A record longer than ``TextTableReader/maximumRecordLength`` bytes, skipped.
    func oversizedRecord(line: Int, isHeader: Bool) -> Diagnostic {
        guard isHeader else { return table.oversizedRecord(line: line) }
        let limit = TextTableReader.maximumRecordLength >> 20
        return Diagnostic(.error, file: displayName, line: line, column: 1, Message(
            en: "the first row is longer than \(limit) MiB, so it cannot be a header row; this is not an answer sheet, or a quote opened in it is never closed",
            ru: "первая строка длиннее \(limit) МиБ и не может быть строкой заголовка; это не бланк ответов, или открытая в ней кавычка не закрыта"))
    }

    func reportSkippedRecords(_ report: (Diagnostic) -> Void) {
        for line in table.skippedRecordLines { report(oversizedRecord(line: line, isHeader: false)) }
        table.skippedRecordLines.removeAll()
        table.readingProblems.forEach(report)
        table.readingProblems.removeAll()
    }

    /// The respondent id of the current record, read from the sheet (for
    /// messages, when the row's respondent columns were not all read).
    func respondentIDOfRecord() -> String {
        guard let field = fieldRole.firstIndex(of: -1), field < table.scanner.fieldCount else { return "" }
        return table.string(field)
    }

    /// The line the reader has reached.
    var currentLine: Int { table.scanner.line }

    /// Bytes of the file read so far, after the first chunk (for progress).
    var bytesRead: Int { table.bytesRead }

    func reportNoRows(_ report: (Diagnostic) -> Void) {
        report(noRowsDiagnostic(line: table.scanner.line))
    }

    /// The warning for a sheet with a header and no answer rows; `line` is the end of the file.
    func noRowsDiagnostic(line: Int) -> Diagnostic {
        Diagnostic(.warning, file: displayName, line: line, column: nil, Message(
            en: "the sheet has a header but no answer rows; nothing was scored from it — is this the right file?",
            ru: "в бланке есть заголовок, но нет строк с ответами; из него ничего не подсчитано — тот ли это файл?"))
    }

    /// Checks the current record before it is read as a respondent.
    /// - Returns: `false` for a record to skip (the header repeated).
    /// - Complexity: O(1) for a good row: a look at the first bytes and at
    ///   the first and last item cells.
    func checkRecord(report: (Diagnostic) -> Void) -> Bool {
        let scanner = table.scanner
        let fields = scanner.fields
        let line = scanner.recordLine
        let startsWithBOM = scanner.buffer.withUnsafeBufferPointer { bytes in
            let start = fields[0].start
            return fields[0].end - start >= 3 && bytes[start] == 0xEF && bytes[start + 1] == 0xBB && bytes[start + 2] == 0xBF
        }
        if isRepeatedHeader(skippingBOM: startsWithBOM) {
            report(Diagnostic(.warning, file: displayName, line: line, column: 1, Message(
                en: startsWithBOM
                    ? "a byte-order mark (BOM) and the header row again: two files were joined here; the repeated header is skipped and the rows after it are read"
                    : "the header row is repeated here (were two files joined?); it is skipped and the rows after it are read",
                ru: startsWithBOM
                    ? "метка порядка байтов (BOM) и снова строка заголовка: здесь склеены два файла; повторный заголовок пропущен, строки после него прочитаны"
                    : "строка заголовка повторяется (склеены два файла?); она пропущена, строки после неё прочитаны")))
            return false
        }
        if startsWithBOM {
            table.dropPrefix(ofField: 0, count: 3)
            report(Diagnostic(.warning, file: displayName, line: line, column: 1, Message(
                en: "a byte-order mark (BOM) in the middle of the file, at the start of this row: was another file pasted in here? It is ignored — check the rows around it",
                ru: "метка порядка байтов (BOM) в середине файла, в начале этой строки: не вставлен ли сюда другой файл? Она пропущена — проверьте строки рядом")))
        }
        // A row saved with another delimiter: its answers are not read (the
        // one cell it was read as is not an answer), as the error says.
        answersNotRead = fields.count < headerFieldCount && checkOtherDelimiter(report: report)
        return true
    }

    /// Whether the current record is the header again (optionally after a BOM).
    private func isRepeatedHeader(skippingBOM: Bool) -> Bool {
        guard let items = itemFieldRange, table.scanner.fields.count == headerFieldCount else { return false }
        func same(_ field: Int) -> Bool {
            table.withField(field) { cell in
                let skip = skippingBOM && field == 0 ? 3 : 0
                return cell.count - skip == headerCells[field].count && cell.dropFirst(skip).elementsEqual(headerCells[field])
            }
        }
        guard same(items.lowerBound), same(items.upperBound) else { return false }
        return (0..<headerFieldCount).allSatisfy(same)
    }

    /// A row with fewer cells than the header that holds another delimiter
    /// where the file's should be: it was saved by another program.
    /// - Returns: whether it was reported.
    private func checkOtherDelimiter(report: (Diagnostic) -> Void) -> Bool {
        let scanner = table.scanner
        let fields = scanner.fields
        let missing = headerFieldCount - fields.count
        let delimiter = table.delimiter
        // Tab, ';', ',' in this order of preference on a tie (as when the file's delimiter is detected).
        let candidates: [UInt8] = [0x09, 0x3B, 0x2C]
        var counts = [0, 0, 0]
        scanner.buffer.withUnsafeBufferPointer { bytes in
            for field in fields where !field.quoted {
                for i in field.start..<field.end where bytes[i] != delimiter {
                    if let index = candidates.firstIndex(of: bytes[i]) { counts[index] += 1 }
                }
            }
        }
        var best = 0
        for index in 1..<candidates.count where counts[index] > counts[best] { best = index }
        let other = candidates[best], count = counts[best]
        guard count >= missing, other != delimiter else { return false }
        func name(_ byte: UInt8) -> String { byte == 0x09 ? "tab" : "'\(Character(Unicode.Scalar(byte)))'" }
        func nameRu(_ byte: UInt8) -> String { byte == 0x09 ? "табуляция" : "«\(Character(Unicode.Scalar(byte)))»" }
        report(Diagnostic(.error, file: displayName, line: scanner.recordLine, column: 1, Message(
            en: "this row has \(fields.count) of the header's \(headerFieldCount) cells and is separated by \(name(other)), but the file by \(name(delimiter)): it was saved by another program, and its answers are not read — save the whole file with one delimiter",
            ru: "в этой строке \(fields.count) из \(headerFieldCount) ячеек заголовка, и она разделена знаком \(nameRu(other)), а файл — знаком \(nameRu(delimiter)): её сохранила другая программа, ответы не прочитаны — сохраните весь файл с одним разделителем")))
        return true
    }

    /// The text of a respondent cell (id, name, class…). A cell that is not
    /// valid UTF-8 (a stray byte of another encoding) keeps its valid
    /// characters and shows each invalid byte as `\xFF`, so that two ids that
    /// differ only in such bytes stay different; the caller reports it. The
    /// one rule for respondent cells, used by the fast path too.
    /// - Returns: the text, and whether the cell was valid.
    /// - Complexity: O(length of the cell); a valid cell is decoded once and
    ///   compared with its bytes (the decoder repairs what is not valid).
    static func infoText(_ cell: UnsafeBufferPointer<UInt8>) -> (text: String, valid: Bool) {
        let decoded = String(decoding: cell, as: UTF8.self)
        guard let base = cell.baseAddress else { return (decoded, true) }
        if decoded.utf8.count == cell.count,
           decoded.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, base, cell.count) == 0 }) ?? decoded.utf8.elementsEqual(cell) {
            return (decoded, true)
        }
        var text = ""
        var i = 0
        while i < cell.count {
            // The longest valid sequence starting here, if any.
            var length = 0
            for candidate in 1...4 where i + candidate <= cell.count {
                if String(validating: UnsafeBufferPointer(rebasing: cell[i..<(i + candidate)]), as: UTF8.self) != nil {
                    length = candidate
                    break
                }
            }
            if length > 0 {
                text += String(decoding: UnsafeBufferPointer(rebasing: cell[i..<(i + length)]), as: UTF8.self)
                i += length
            } else {
                let hex = String(cell[i], radix: 16, uppercase: true)
                text += "\\x" + (hex.count < 2 ? "0" : "") + hex
                i += 1
            }
        }
        return (text, false)
    }

    /// The error for a respondent cell that is not valid text.
    func invalidInfoCell(field: Int, column name: String, text: String) -> Diagnostic {
        Diagnostic(.error, file: displayName, line: table.scanner.fields[field].line, column: field + 1, Message(
            en: "column «\(name)»: the cell is not valid text in \(encoding.rawValue); it is written as «\(Self.visible(text))», each unreadable byte as \\xNN — save the file as UTF-8 or Windows-1251",
            ru: "столбец «\(name)»: в ячейке недопустимый для \(encoding.rawValue) текст; она записана как «\(Self.visible(text))», каждый нечитаемый байт — как \\xNN — сохраните файл в UTF-8 или Windows-1251"))
    }

    /// A cell's text for a message: control characters (NUL, stray BOMs…)
    /// shown as `\u{…}` instead of being sent to the terminal.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{FEFF}" }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{FEFF}" {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
