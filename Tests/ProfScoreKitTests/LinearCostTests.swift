import Foundation
import Testing
@testable import ProfScoreKit

/// Inputs that once cost far more than their size (cubic, quadratic) or
/// were silently misread: each case is sized so that the old code took
/// minutes, and checks what is read, not only how fast.
@Suite struct LinearCostTests {
    static let scorer = Scorer(instrument: try! Instrument.bundled("klimov-ddo"))
    static let items = (1...20).map(String.init).joined(separator: ";")
    /// All «а»: nature 6, technology 4, people 4, sign 2, art 4 (published key).
    static let answersA = Array(repeating: "а", count: 20).joined(separator: ";")

    // MARK: - Header

    @Test(.timeLimit(.minutes(1)))
    func fourThousandColumnsOfOneNameAreNumberedInOnePass() throws {
        // id, 4,000 columns all named «x», then the items: the old renaming
        // tried « (2)» … « (k)» against every name so far for column k (cubic).
        let count = 4_000
        let file = TemporaryFile("id;" + Array(repeating: "x", count: count).joined(separator: ";") + ";" + Self.items + "\n"
            + "S1;" + Array(repeating: "v", count: count).joined(separator: ";") + ";" + Self.answersA + "\n")
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        let expected = ["id", "x"] + (2...count).map { "x (\($0))" }
        #expect(reader?.infoColumnNames == expected)
        #expect(diagnostics.count == count - 1)
        #expect(diagnostics.last?.column == count + 1)
        #expect(diagnostics.last?.message.english.contains("this one is written as «x (\(count))»") == true)
        #expect(rows.map(\.score.scores) == [[6, 4, 4, 2, 4]])
        #expect(rows.first?.row.info.count == count + 1)
    }

    @Test func aColumnNamedLikeARenamedOneIsRenamedToo() throws {
        // «x (2)» is taken by the third column, so the second «x» after it gets «x (3)».
        let file = TemporaryFile("x;x;x (2);x;" + Self.items + "\n1;2;3;4;" + Self.answersA + "\n")
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(reader?.infoColumnNames == ["x", "x (2)", "x (2) (2)", "x (3)"])
        #expect(diagnostics.map(\.column) == [2, 3, 4])
        #expect(rows.first?.row.info == ["1", "2", "3", "4"])
    }

    @Test(.timeLimit(.minutes(1)))
    func twoHundredThousandEmptyHeaderCells() throws {
        // The items, then 200,000 empty header cells («column 22» …): the old
        // reader looked each new name up in the list of all names so far.
        let empty = 200_000
        let file = TemporaryFile("id;" + Self.items + String(repeating: ";", count: empty) + "\nS1;" + Self.answersA + "\n")
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(reader?.infoColumnNames.count == empty + 1)
        #expect(reader?.infoColumnNames.last == "column \(21 + empty)")
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3))")
        #expect(rows.map(\.row.id) == ["S1"])
        #expect(rows.map(\.score.scores) == [[6, 4, 4, 2, 4]])
    }

    // MARK: - Records

    @Test(.timeLimit(.minutes(1)))
    func aQuotedCellOverTheLimitIsSkippedWholeNotReadAsRows() throws {
        // S2's id is a quoted cell of 1,500,000 lines «a» (3 MB, over the 1 MiB
        // limit). The old reader gave up the record and started again at the
        // next line end, inside the quotes: 1,500,000 respondents «a».
        let lines = 1_500_000
        let text = "id;" + Self.items + "\nS1;" + Self.answersA + "\n\"S2" + String(repeating: "\na", count: lines) + "\";"
            + Self.answersA + "\nS3;" + Self.answersA + "\n"
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        // S2 starts on line 3 and its cell holds 1,500,000 line breaks: S3 is on line 1,500,004.
        #expect(rows.map(\.row.id) == ["S1", "S3"])
        #expect(rows.map(\.row.line) == [2, 3 + lines + 1])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 3 && diagnostics.first?.column == 1)
        #expect(diagnostics.first?.message.english.contains("this row is longer than 1 MiB") == true)
    }

    @Test func aQuoteNeverClosedInABigFileSaysTheRestOfTheFileIsSkipped() throws {
        // S2's id opens a quote that never closes; 30,000 rows (1.4 MB) follow.
        var text = "id;" + Self.items + "\nS1;" + Self.answersA + "\n\"S2;" + Self.answersA + "\n"
        for index in 3...30_000 { text += "S\(index);" + Self.answersA + "\n" }
        let file = TemporaryFile(text)
        let (rows, diagnostics, _) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(rows.map(\.row.id) == ["S1"])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 3)
        #expect(diagnostics.first?.message.english.contains("a quote opened in it is never closed: everything from here to the end of the file") == true)
    }

    // MARK: - Bytes

    @Test(arguments: [true, false])
    func respondentCellsWithInvalidBytesAreReportedAndStayApart(fastPath: Bool) throws {
        // Two ids that differ only in a stray byte (0xFF, 0xFE), a valid one,
        // and a name with a stray byte; enough Cyrillic for the file to be UTF-8.
        var bytes = Array(("id;ФИО;" + Self.items + "\n").utf8)
        bytes += Array("S".utf8) + [0xFF] + Array(("1;Аня;" + Self.answersA + "\n").utf8)
        bytes += Array("S".utf8) + [0xFE] + Array(("1;Боря;" + Self.answersA + "\n").utf8)
        bytes += Array("S2;Ве".utf8) + [0xD0] + Array((";" + Self.answersA + "\n").utf8)
        let file = TemporaryFile(bytes)
        let batch = BatchScorer(scorer: Self.scorer)
        var rows: [(SheetRow, RespondentScore)] = []
        var diagnostics: [Diagnostic] = []
        batch.usesFastPath = fastPath
        let sheet = try batch.open(path: file.path, name: file.path, prepare: { _ in nil }, report: { diagnostics.append($0) })
        #expect(sheet.reader.encoding == .utf8)
        try batch.scoreWhole(sheet, checksDuplicates: true, report: { diagnostics.append($0) }) { rows.append(($0.row, $0.score)) }
        #expect(rows.map(\.0.id) == ["S\\xFF1", "S\\xFE1", "S2"])
        #expect(rows.map(\.0.info.last) == ["Аня", "Боря", "Ве\\xD0"])
        #expect(rows.allSatisfy { !$0.1.flags.contains(.duplicateID) })
        #expect(diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0)" } == ["2:1", "3:1", "4:2"], "\(diagnostics)")
        #expect(diagnostics.first?.message.english.contains("column «id»: the cell is not valid text in UTF-8; it is written as «S\\xFF1»") == true)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func anOddLastByteOfUTF16IsAnErrorNotARespondent() throws {
        // UTF-16LE with a BOM, two lines ending in CRLF, then one byte «A».
        let text = "id;" + Self.items + "\r\nS1;" + Self.answersA + "\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        bytes.append(0x41)
        let file = TemporaryFile(bytes)
        let (rows, diagnostics, reader) = try scoreSheet(path: file.path, scorer: Self.scorer)
        #expect(reader?.encoding == .utf16LE)
        #expect(rows.map(\.row.id) == ["S1"])
        #expect(rows.map(\.score.scores) == [[6, 4, 4, 2, 4]])
        // The odd byte comes after the second line end: line 3.
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(diagnostics.first?.line == 3 && diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.english.contains("the file ends with half a character") == true)
    }

    // MARK: - Instruments

    /// An instrument on one line: `count` yes/no items worth 2, 4, 8… points,
    /// so the scale's possible scores are the even numbers 0…2^(count+1)−2,
    /// and one level per score from 0 to the top: every odd level is unreachable.
    static func manyLevels(items count: Int) -> (json: String, levels: Int, offsetOfLevel1: Int) {
        let formats = (1...count).map { """
            {"id":"f\($0)","kind":"yesno","options":[{"code":"да","tokens":["yes"],"value":\(1 << $0)},{"code":"нет","tokens":["no"],"value":0}]}
            """ }
        let items = (1...count).map { "{\"id\":\"\($0)\",\"format\":\"f\($0)\"}" }
        let top = (1 << (count + 1)) - 2
        let levels = (0...top).map { "{\"from\":\($0),\"to\":\($0),\"label\":{\"ru\":\"у\($0)\",\"en\":\"l\($0)\"}}" }
        let head = """
            {"formatVersion":1,"id":"levels","version":"1.0.0","title":{"ru":"Уровни","en":"Levels"},\
            "source":{"authors":"tests","citation":"none","licence":"test data"},\
            "answerFormats":[\(formats.joined(separator: ","))],"items":[\(items.joined(separator: ","))],\
            "scales":[{"id":"s","title":{"ru":"Ш","en":"S"},"key":[\((1...count).map { "{\"item\":\"\($0)\"}" }.joined(separator: ","))],"levels":[
            """
        let json = head + levels.joined(separator: ",") + "]}]}"
        // Characters (not bytes: «у» is two) before the second level's «{».
        let offset = (head + levels[0] + ",").unicodeScalars.count
        return (json, top + 1, offset)
    }

    @Test(.timeLimit(.minutes(1)))
    func thirtyThousandLevelsAreCheckedInLinearTime() throws {
        // 14 items: 32,767 levels, 16,383 of them (the odd scores) unreachable.
        // The old check looked each possible score up level by level, and
        // counted each warning's column from the start of the one line.
        let (json, levelCount, offset) = Self.manyLevels(items: 14)
        let instrument = try Instrument.load(json: Array(json.utf8), file: "levels.json")
        #expect(instrument.scales[0].levels.count == levelCount)
        let warnings = instrument.warnings(file: "levels.json", json: Array(json.utf8))
        let unreachable = warnings.filter { $0.path?.hasPrefix("$.scales[0].levels[") == true }
        #expect(unreachable.count == (levelCount - 1) / 2)
        #expect(unreachable.first?.path == "$.scales[0].levels[1]")
        #expect(unreachable.first?.line == 1 && unreachable.first?.column == offset + 1)
        #expect(unreachable.last?.path == "$.scales[0].levels[\(levelCount - 2)]")
        #expect(unreachable.first?.message.english.contains("in the band 1–1") == true)
    }

    @Test(.timeLimit(.minutes(1)))
    func fourThousandBrokenTestVectorsOnOneLine() throws {
        // The ДДО with 4,000 test vectors on one line, each with an unknown key:
        // the old decoder counted every error's column from the start of the line.
        let count = 4_000
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Instruments/klimov-ddo.json")))
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let vector = try #require((object["testVectors"] as? [[String: Any]])?.first)
        object["testVectors"] = (0..<count).map { index -> [String: Any] in
            var copy = vector
            copy["name"] = "v\(index)"
            copy["unknown"] = index
            return copy
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        #expect(!json.contains("\n"))
        var diagnostics: [Diagnostic] = []
        do {
            _ = try Instrument.load(json: Array(json.utf8), file: "vectors.json")
        } catch {
            if case .invalidInstrument(_, let found) = error { diagnostics = found }
        }
        #expect(diagnostics.count == count)
        #expect(diagnostics.first?.path == "$.testVectors[0].unknown")
        #expect(diagnostics.last?.path == "$.testVectors[\(count - 1)].unknown")
        // The columns, counted here in characters from the text itself.
        let first = try #require(json.range(of: "\"unknown\""))
        let last = try #require(json.range(of: "\"unknown\"", options: .backwards))
        #expect(diagnostics.first?.column == json.unicodeScalars.distance(from: json.startIndex, to: first.lowerBound) + 1)
        #expect(diagnostics.last?.column == json.unicodeScalars.distance(from: json.startIndex, to: last.lowerBound) + 1)
    }

    @Test func columnsCountedTogetherEqualColumnsCountedOneByOne() {
        // Positions on three lines, out of order, some repeated; «ж» is two bytes.
        let bytes = Array("ab\nжжx y\n\nzжz".utf8)
        let positions = [
            JSONNode.Position(line: 2, lineStart: 3, offset: 8), JSONNode.Position(line: 1, lineStart: 0, offset: 1),
            JSONNode.Position(line: 4, lineStart: 12, offset: 15), JSONNode.Position(line: 2, lineStart: 3, offset: 3),
            JSONNode.Position(line: 2, lineStart: 3, offset: 8), JSONNode.Position(line: 3, lineStart: 11, offset: 11),
        ]
        #expect(JSONNode.Position.columns(of: positions, in: bytes) == positions.map { $0.column(in: bytes) })
        #expect(JSONNode.Position.columns(of: positions, in: bytes) == [4, 2, 3, 1, 4, 1])
    }

    // MARK: - Keys

    @Test(.timeLimit(.minutes(1)))
    func aLongKeyIsHashedOnceNotOncePerValue() throws {
        // A 2 MB key file: the old code hashed all of it again for every value.
        let key = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let pseudonymizer = try #require(Pseudonymizer(key: key))
        let codes = (0..<300).map { pseudonymizer.code(for: "ученик \($0)") }
        #expect(Set(codes).count == 300)
        // RFC 2104: a key longer than the block is replaced by its hash, so the
        // code is the one a 32-byte key (the hash) gives.
        let hashed = try #require(Pseudonymizer(key: SHA256.hash(key)))
        #expect(codes.first == hashed.code(for: "ученик 0"))
        #expect(codes.last == hashed.code(for: "ученик 299"))
    }

    @Test(arguments: SHA256Tests.hmacCases)
    func aPreparedKeyGivesThePublishedCodes(_ testCase: SHA256Tests.HMACCase) {
        let key = HMACSHA256.Key(testCase.key)
        #expect(SHA256Tests.hex(key.authenticationCode(for: testCase.data)).hasPrefix(testCase.code))
        // The same key used again gives the same code (its states are not used up).
        #expect(key.authenticationCode(for: testCase.data) == key.authenticationCode(for: testCase.data))
    }
}
