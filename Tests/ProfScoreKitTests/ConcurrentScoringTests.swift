import Foundation
import Testing
@testable import ProfScoreKit

/// Scoring a large file on several threads gives exactly what reading it in
/// one go gives: the same summary, and the same diagnostics at the same lines.
@Suite struct ConcurrentScoringTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")

    /// About 4 MB of ДДО rows in Windows-1251 with `;`, with an unreadable
    /// cell every 10,007 rows (so some fall near the part boundaries).
    static func largeSheet() -> (file: TemporaryFile, badLines: [Int]) {
        var text = "id;класс;" + (1...20).map(String.init).joined(separator: ";") + "\r\n"
        var badLines: [Int] = []
        var generator = MergeEquivalenceTests.Generator(state: 7)
        let classes = ["5А", "6Б", "7В", "9А", "11Б"]
        for index in 0..<75_000 {
            var answers = (0..<20).map { _ in Bool.random(using: &generator) ? "а" : "б" }
            if index % 10_007 == 3 {
                answers[4] = "в"
                badLines.append(index + 2)
            }
            text += "\(index);\(classes[index % 5]);" + answers.joined(separator: ";") + "\r\n"
        }
        let bytes: [UInt8] = text.unicodeScalars.map { scalar in
            scalar.value < 0x80 ? UInt8(scalar.value) : UInt8(scalar.value - 0x0410 + 0xC0)
        }
        return (TemporaryFile(bytes), badLines)
    }

    @Test func partsGiveTheSameSummaryAndDiagnosticsAsOneReader() throws {
        let (file, badLines) = Self.largeSheet()
        let scorer = Scorer(instrument: Self.ddo)
        let settings = ReportSettings(groupBy: [.grade, .className])

        // In one go.
        var sequentialDiagnostics: [Diagnostic] = []
        let whole = SummaryBuilder(instrument: Self.ddo, roster: nil, schoolYear: "2025/26", settings: settings)
        try BatchScorer(scorer: scorer, detectsDuplicateIDs: false).score(path: file.path, report: { sequentialDiagnostics.append($0) }) { scored in
            whole.add(scored, report: { _ in })
        }
        let expected = String(decoding: whole.finish(report: { _ in }).jsonData(), as: UTF8.self)
        #expect(sequentialDiagnostics.compactMap(\.line) == badLines)

        for threads in [2, 3] {
            var diagnostics: [Diagnostic] = []
            let builder = SummaryBuilder(instrument: Self.ddo, roster: nil, schoolYear: "2025/26", settings: settings)
            let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
            let parts = try batch.scoreConcurrently(
                path: file.path, threads: threads, minimumSplitSize: 1 << 20, makePartial: { builder.makePart() }, report: { diagnostics.append($0) }
            ) { part, scored in
                part.add(scored, report: { _ in })
            }
            #expect(parts.count == threads, "the file was split")
            for part in parts { builder.merge(part) }
            let actual = String(decoding: builder.finish(report: { _ in }).jsonData(), as: UTF8.self)
            #expect(actual == expected, "\(threads) threads")
            #expect(diagnostics.map(\.line) == sequentialDiagnostics.map(\.line), "\(threads) threads")
            #expect(diagnostics.map(\.column) == sequentialDiagnostics.map(\.column))
            #expect(batch.respondentCount == 75_000 && batch.unreadableCellCount == badLines.count)
        }
    }

    /// In file order: rows of later parts that repeat an id of an earlier part
    /// are handed back to be flagged, exactly the rows one reader flags.
    @Test func repeatedIDsOfLaterPartsAreFoundInFileOrder() throws {
        var text = "id;класс;" + (1...20).map(String.init).joined(separator: ";") + "\n"
        for index in 0..<80_000 {
            // Every 7,001st row from row 40,000 repeats the id of a row 39,990 rows earlier.
            let id = index >= 40_000 && index % 7_001 == 0 ? index - 39_990 : index
            text += "\(id);5А;" + Array(repeating: index % 2 == 0 ? "а" : "б", count: 20).joined(separator: ";") + "\n"
        }
        let file = TemporaryFile(text)
        let scorer = Scorer(instrument: Self.ddo)
        var expected: [Int] = []
        try BatchScorer(scorer: scorer).score(path: file.path, report: { _ in }) { scored in
            if scored.score.flags.contains(.duplicateID) { expected.append(scored.line) }
        }
        #expect(expected.count == (40_000..<80_000).filter { $0 % 7_001 == 0 }.count)
        for threads in [1, 2, 4] {
            var flagged: [Int] = []
            var parts = 0
            var warnings: [Int] = []
            try BatchScorer(scorer: scorer).scoreInFileOrder(
                path: file.path, threads: threads, minimumSplitSize: 1 << 20, makePart: { _ in [Int]() },
                report: { if $0.message.english.contains("already appeared") { warnings.append($0.line!) } },
                each: { lines, scored in
                    // Rows flagged as they come (the first part) are kept as they are; the token is the line.
                    if scored.score.flags.contains(.duplicateID) { lines.append(scored.line) }
                    return scored.line
                },
                finish: { lines, repeated in
                    parts += 1
                    flagged += (lines + repeated).sorted()
                })
            // For an output in file order, several parts per thread (appended while others are scored).
            #expect(parts == (threads == 1 ? 1 : threads * BatchScorer.partsPerThread), "\(threads) threads")
            #expect(flagged == expected, "\(threads) threads")
            #expect(warnings == expected)
        }
    }

    /// R and many other tools quote every text cell, and a quoted name may
    /// hold a line break: each record here is two lines, so half of the line
    /// feeds are inside quotes. The file is split anyway, only at record ends
    /// (every part starts on an even line: 2 + 2k), and scoring it in parts
    /// gives the rows of scoring it in one go.
    @Test func filesWithQuotesAreSplitAtRecordEnds() throws {
        var text = "id;ФИО;" + (1...20).map(String.init).joined(separator: ";") + "\n"
        for index in 0..<70_000 { text += "\"\(index)\";\"Имя\nФамилия \"\"\(index % 10)\"\"\";" + Array(repeating: "а", count: 20).joined(separator: ";") + "\n" }
        let file = TemporaryFile(text)
        let parts = try #require(FileSplitter.split(path: file.path, encoding: .utf8, delimiter: 0x3B, dataStartLine: 2, parts: 4, minimumSize: 1 << 20))
        #expect(parts.count == 4)
        let bytes = Array(text.utf8)
        for part in parts.dropFirst() {
            #expect(part.firstLine % 2 == 0, "a part starts inside a quoted name, at line \(part.firstLine)")
            #expect(bytes[part.bytes.lowerBound] == 0x22 && bytes[part.bytes.lowerBound - 2] == 0xB0, "a part starts at a record: after an answer «а» and its line feed")
        }
        let whole = FuzzRegressionTests.score(file.path, threads: 1, checksFit: true)
        let inParts = FuzzRegressionTests.score(file.path, threads: 3, checksFit: true)
        #expect(whole.rows.count == 70_000 && whole.failure == nil)
        #expect(inParts.rows == whole.rows)
        #expect(inParts.diagnostics == whole.diagnostics)
    }
}
