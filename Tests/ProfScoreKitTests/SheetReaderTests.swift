import Foundation
import Testing
@testable import ProfScoreKit

/// The answer-sheet reader: encodings, delimiters, quoting, streaming and the
/// diagnostics of cells it cannot read.
@Suite struct SheetReaderTests {
    static let scorer = Scorer(instrument: try! Instrument.bundled("klimov-ddo"))

    /// A ДДО sheet: header `id<d>ФИО<d>1…20`, then rows of answers.
    static func sheet(_ delimiter: String, rows: [(String, String, [String])], newline: String = "\n") -> String {
        var lines = [(["id", "ФИО"] + (1...20).map(String.init)).joined(separator: delimiter)]
        for (id, name, answers) in rows { lines.append(([id, name] + answers).joined(separator: delimiter)) }
        return lines.joined(separator: newline) + newline
    }

    /// All «а»: nature 6, technology 4, people 4, sign 2, art 4 (published key).
    static let allA = Array(repeating: "а", count: 20)
    /// All «б»: nature 2, technology 4, people 4, sign 6, art 4.
    static let allB = Array(repeating: "б", count: 20)

    struct DelimiterCase: Sendable {
        var delimiter: String
        var expected: Character
    }

    @Test(arguments: [DelimiterCase(delimiter: ",", expected: ","), DelimiterCase(delimiter: ";", expected: ";"),
                      DelimiterCase(delimiter: "\t", expected: "\t")])
    func delimiterIsDetected(_ testCase: DelimiterCase) throws {
        let file = TemporaryFile(Self.sheet(testCase.delimiter, rows: [("1", "Аня", Self.allA), ("2", "Боря", Self.allB)]))
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(reader?.delimiter == testCase.expected)
        #expect(diagnostics.isEmpty)
        #expect(rows.map(\.score.scores) == [[6, 4, 4, 2, 4], [2, 4, 4, 6, 4]])
        #expect(rows.map(\.row.info) == [["1", "Аня"], ["2", "Боря"]])
    }

    @Test func excelSepLineNamesTheDelimiter() throws {
        let file = TemporaryFile("sep=,\r\n" + Self.sheet(",", rows: [("1", "Аня; Ивановна", Self.allA)], newline: "\r\n"))
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(diagnostics.isEmpty)
        #expect(rows.first?.row.info == ["1", "Аня; Ивановна"])
        #expect(rows.first?.row.line == 3)
    }

    @Test func quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws {
        let text = "id,ФИО," + (1...20).map(String.init).joined(separator: ",") + "\r\n"
            + "1,\"Иванова, Анна\"," + Self.allA.joined(separator: ",") + "\r\n"
            + "2,\"Ким \"\"Витя\"\"\nвторая строка\"," + Self.allB.joined(separator: ",") + "\r\n"
            + "3,Петя," + Self.allA.dropLast().joined(separator: ",") + ",\"в\"\r\n"
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(rows.map(\.row.info) == [["1", "Иванова, Анна"], ["2", "Ким \"Витя\"\nвторая строка"], ["3", "Петя"]])
        #expect(rows.map(\.row.line) == [2, 3, 5])
        // Respondent 3's item 20 («в») is on line 5, column 22 (id, ФИО, then items 1…20).
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 5)
        #expect(diagnostics.first?.column == 22)
        #expect(diagnostics.first?.message.english.contains("item 20, respondent 3: cannot read «в»; allowed answers: а (1); б (b, 2)") == true)
        // Item 20: а → nature, б → sign; both invalid for respondent 3, the rest scored.
        #expect(rows[2].score.scores == [nil, 4, 4, nil, 4])
    }

    @Test func lineEndingsCRLFAndLoneCR() throws {
        for newline in ["\r\n", "\r", "\n"] {
            let file = TemporaryFile(Self.sheet(";", rows: [("1", "a", Self.allA), ("2", "b", Self.allB)], newline: newline))
            let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
            #expect(diagnostics.isEmpty)
            #expect(rows.map(\.row.line) == [2, 3], "newline \(newline.unicodeScalars.map(\.value))")
        }
    }

    @Test func encodingsAreDetected() throws {
        let text = Self.sheet(";", rows: [("7А-01", "Юлия", ["А", "a", "Б", "b"] + Array(repeating: "а", count: 16))])
        // Items 1а 2а 3б 4б then а: nature 1а,3б,6а,10а,11а,16а,20а = 7 (13 is а → art); technology 9а,14а,19а = 3;
        // people 2а,4б,8а,12а,18а = 5; sign 5а,15а = 2; art 7а,13а,17а = 3.
        let expected: [Double?] = [7, 3, 5, 2, 3]
        let windows1251: [UInt8] = text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0..<0x80: UInt8(scalar.value)
            case 0x0410...0x044F: UInt8(scalar.value - 0x0410 + 0xC0)
            default: fatalError("not in the test's alphabet")
            }
        }
        let utf16le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let utf16be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let cases: [(SheetEncoding, [UInt8])] = [
            (.utf8, Array(text.utf8)), (.utf8BOM, [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
            (.windows1251, windows1251), (.utf16LE, utf16le), (.utf16BE, utf16be),
        ]
        for (encoding, bytes) in cases {
            let file = TemporaryFile(bytes)
            let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
            #expect(reader?.encoding == encoding)
            #expect(diagnostics.isEmpty, "\(encoding): \(diagnostics)")
            #expect(rows.first?.row.info == ["7А-01", "Юлия"], "\(encoding)")
            #expect(rows.first?.score.scores == expected, "\(encoding)")
        }
    }

    @Test func windows1251TableMatchesTheStandard() {
        // Spot checks against the code page (Microsoft's cp1251 table).
        #expect(Transcoder.windows1251[0xA8 - 0x80] == 0x0401)  // Ё
        #expect(Transcoder.windows1251[0xB8 - 0x80] == 0x0451)  // ё
        #expect(Transcoder.windows1251[0xB9 - 0x80] == 0x2116)  // №
        #expect(Transcoder.windows1251[0x96 - 0x80] == 0x2013)  // en dash
        #expect(Transcoder.windows1251[0xC0 - 0x80] == 0x0410)  // А
        #expect(Transcoder.windows1251[0xFF - 0x80] == 0x044F)  // я
        #expect(Transcoder.windows1251.count == 128)
    }

    @Test func everyWindows1251ByteBecomesTheUTF8OfItsCharacter() {
        // All 256 bytes in one stream (and again shifted, so that each lands at
        // other offsets), against the table's characters encoded by Swift's String.
        let bytes = (0...255).map(UInt8.init)
        for shift in 0..<3 {
            var transcoder = Transcoder(encoding: .windows1251)
            var output: [UInt8] = Array(repeating: 0x2E, count: shift)
            bytes.withUnsafeBufferPointer { transcoder.append($0, to: &output) }
            let expected = String(repeating: ".", count: shift) + String(String.UnicodeScalarView(bytes.map { byte in
                byte < 0x80 ? Unicode.Scalar(byte) : Unicode.Scalar(Transcoder.windows1251[Int(byte) - 0x80])!
            }))
            #expect(output == Array(expected.utf8), "shift \(shift)")
        }
    }

    @Test func recordsAcrossChunkBoundariesAndMemoryStaysBounded() throws {
        // More than two 1 MiB chunks, with a quoted multi-line name in every row so
        // that some quoted line break falls on a chunk boundary.
        var text = Self.sheet(",", rows: [])
        let rowCount = 40_000
        for index in 0..<rowCount {
            let answers = index % 2 == 0 ? Self.allA : Self.allB
            text += "\(index),\"Фамилия \(index),\nИмя\"," + answers.joined(separator: ",") + "\n"
        }
        #expect(text.utf8.count > 2 * SheetReader.chunkSize)
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(diagnostics.isEmpty)
        #expect(rows.count == rowCount)
        // Row i starts on line 2 + 2i (each row spans two lines).
        #expect(rows.enumerated().allSatisfy { $0.element.row.line == 2 + 2 * $0.offset })
        #expect(rows.enumerated().allSatisfy { $0.element.row.info == ["\($0.offset)", "Фамилия \($0.offset),\nИмя"] })
        #expect(rows.enumerated().allSatisfy { $0.element.score.scores[0] == ($0.offset % 2 == 0 ? 6 : 2) })
    }

    @Test func utf16SplitAtAnOddByteAcrossChunks() throws {
        // UTF-16 text of odd-aligned length before the chunk boundary.
        var text = Self.sheet("\t", rows: [])
        var count = 0
        while (text.utf16.count * 2 + 2) < SheetReader.chunkSize + 1001 {
            text += "\(count)\tЁжик 😀\t" + Self.allA.joined(separator: "\t") + "\r\n"
            count += 1
        }
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let file = TemporaryFile(bytes, suffix: ".txt")
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(diagnostics.isEmpty)
        #expect(rows.count == count)
        #expect(rows.allSatisfy { $0.row.info[1] == "Ёжик 😀" && $0.score.scores[0] == 6 })
    }

    @Test func missingItemColumnsAreAWarningAndTheirScalesMissing() throws {
        // No column for item 20 (а → nature, б → sign).
        let text = "id;" + (1...19).map(String.init).joined(separator: ";") + "\n1;" + Self.allA.dropLast().joined(separator: ";") + "\n"
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.line == 1)
        #expect(diagnostics.first?.message.english.contains("no column for item(s) 20") == true)
        #expect(rows.first?.score.scores == [nil, 4, 4, nil, 4])
    }

    @Test func headerWithoutItemColumnsIsRefused() throws {
        let file = TemporaryFile("фамилия;имя\nИванов;Иван\n")
        #expect {
            _ = try scoreSheet(path: file.path, scorer: Self.scorer)
        } throws: { error in
            guard case .unreadableSheet(let diagnostic) = error as? ProfScoreError else { return false }
            return diagnostic.line == 1 && diagnostic.message.english.contains("name the answer columns by the item numbers: 1, 2, 3, …, 20")
        }
    }

    @Test func emptyFileIsRefusedAndHeaderOnlyHasNoRows() throws {
        let empty = TemporaryFile("")
        #expect(throws: ProfScoreError.self) { _ = try scoreSheet(path: empty.path, scorer: Self.scorer) }
        let headerOnly = TemporaryFile(Self.sheet(",", rows: []))
        let (rows, diagnostics, _) = try scoreSheet(path: headerOnly.path, scorer: Self.scorer)
        #expect(rows.isEmpty)
        // Not silent: one warning that nothing was scored.
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.first?.message.english.hasPrefix("the sheet has a header but no answer rows") == true)
    }

    @Test func blankRowsAreSkippedAndExtraCellsReported() throws {
        let text = Self.sheet(";", rows: [("1", "a", Self.allA)]) + ";;;\n\n" + "2;b;" + Self.allB.joined(separator: ";") + ";лишнее\n"
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(rows.map(\.row.line) == [2, 5])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning && diagnostics.first?.line == 5 && diagnostics.first?.column == 23)
    }

    @Test func unclosedQuoteIsReportedAndNothingCrashes() throws {
        let text = Self.sheet(",", rows: [("1", "a", Self.allA)]) + "2,\"Незакрытая," + Self.allB.joined(separator: ",") + "\n3,c," + Self.allA.joined(separator: ",") + "\n"
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(rows.count == 2)
        #expect(diagnostics.contains { $0.line == 3 && $0.column == 2 && $0.message.english.contains("never closed") })
    }

    @Test func duplicateRespondentIdsAreFlaggedOnTheLaterSheet() throws {
        let file = TemporaryFile(Self.sheet(",", rows: [("7", "a", Self.allA), ("8", "b", Self.allA), ("7", "c", Self.allB)]))
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(rows.map { $0.score.flags.contains(.duplicateID) } == [false, false, true])
        #expect(diagnostics.count == 1 && diagnostics[0].line == 4 && diagnostics[0].message.english.contains("already appeared at \(file.path):2"))
    }

    @Test func invalidUTF8InAUTF8FileIsAnUnreadableCell() throws {
        // Valid UTF-8 for the first chunk (so the file is taken as UTF-8), then a stray byte.
        let goodRows = SheetReader.chunkSize / 60
        var bytes = Array(Self.sheet(",", rows: (0..<goodRows).map { ("\($0)", "имя", Self.allA) }).utf8)
        #expect(bytes.count > SheetReader.chunkSize)
        bytes += Array("last,x,".utf8) + [0xFF] + Array(("," + Self.allA.dropFirst().joined(separator: ",") + "\n").utf8)
        let file = TemporaryFile(bytes)
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(reader?.encoding == .utf8)
        #expect(rows.count == goodRows + 1)
        #expect(diagnostics.count == 1 && diagnostics[0].line == goodRows + 2 && diagnostics[0].column == 3, "\(diagnostics)")
        #expect(diagnostics.first?.message.english.contains("not valid text in UTF-8") == true)
    }

    // MARK: R's row names

    struct RowNamesCase: Sendable, CustomTestStringConvertible {
        /// The first header cell: R writes `""`; nothing at all is read the same.
        var firstCell: String
        var testDescription: String { firstCell.isEmpty ? "nothing" : firstCell }
    }

    /// R's `write.csv` heads its row names with an empty cell; that column is
    /// named `id` and holds the ids (answer-sheets.md), through the library's entry point.
    @Test(arguments: [RowNamesCase(firstCell: "\"\""), RowNamesCase(firstCell: "")])
    func anEmptyFirstHeaderCellIsTheIdColumn(_ testCase: RowNamesCase) throws {
        let header = ([testCase.firstCell] + (1...20).map { "\"\($0)\"" }).joined(separator: ",")
        let rows = [("7А-01", Self.allA), ("7А-02", Self.allB)].map { id, answers in
            (["\"\(id)\""] + answers.map { "\"\($0)\"" }).joined(separator: ",")
        }
        let file = TemporaryFile(([header] + rows).joined(separator: "\n") + "\n")
        let run = ScoringRun(instrument: Self.scorer.instrument, inputs: [file.path])
        #expect(run.columns == ["id"])
        var scored: [(info: [String], scores: [Double?])] = []
        var diagnostics: [Diagnostic] = []
        run.forEachRow(report: { diagnostics.append($0) }) { scored.append(($0.row.info, $0.score.scores)) }
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(scored.map(\.info) == [["7А-01"], ["7А-02"]])
        #expect(scored.map(\.scores) == [[6, 4, 4, 2, 4], [2, 4, 4, 6, 4]])
    }

    /// Only the first cell: an empty header elsewhere keeps its `column N`
    /// name, and a later `id` column is a second `id`.
    @Test func anEmptyHeaderCellElsewhereIsNotTheIdColumn() throws {
        let items = (1...20).map(String.init).joined(separator: ",")
        let laterEmpty = TemporaryFile("id,,\(items)\n7А-01,x,\(Self.allA.joined(separator: ","))\n")
        #expect(ScoringRun(instrument: Self.scorer.instrument, inputs: [laterEmpty.path]).columns == ["id", "column 2"])
        let secondID = TemporaryFile(",id,\(items)\n1,7А-01,\(Self.allA.joined(separator: ","))\n")
        var diagnostics: [Diagnostic] = []
        let run = ScoringRun(instrument: Self.scorer.instrument, inputs: [secondID.path])
        run.forEachRow(report: { diagnostics.append($0) }) { _ in }
        #expect(run.columns == ["id", "id (2)"])
        #expect(diagnostics.map(\.severity) == [.warning], "\(diagnostics)")
    }
}
