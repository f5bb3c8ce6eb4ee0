import Testing
@testable import ProfScoreKit

/// The reader's fast path for simple records gives exactly what the general
/// path gives — the same rows, codes, respondent columns and diagnostics —
/// on sheets made of random cells, good and bad.
@Suite struct FastPathTests {
    /// Cells of every kind: answers in both alphabets and cases, spaces,
    /// blanks, unreadable text, quotes, stray carriage returns, long cells.
    static let cells = ["а", "б", "a", "b", "А", " б ", "\tа", "", " ", "в", "ab", "\"а\"", "x\"y", "а\rб", "ааааааааааа", "-", "1", "2"]

    static func sheet(seed: UInt64, delimiter: String) -> String {
        var generator = MergeEquivalenceTests.Generator(state: seed)
        let header = ["id", "класс"] + (1...20).map(String.init)
        var lines = [header.joined(separator: delimiter)]
        for index in 0..<400 {
            var fields = ["S\(index % 350)", ["5А", "5 А", ""][index % 3]]
            for _ in 1...20 {
                // Mostly good answers, so that the fast path has something to take.
                fields.append(Int.random(in: 0..<10, using: &generator) < 8
                    ? ["а", "б"].randomElement(using: &generator)!
                    : cells.randomElement(using: &generator)!)
            }
            switch Int.random(in: 0..<40, using: &generator) {
            case 0: fields.removeLast()                          // a cell short
            case 1: fields.append("лишнее")                     // a cell too many
            case 2: fields = Array(repeating: "", count: 22)    // a blank row
            case 3: fields = header                             // the header again
            case 4: fields[0] = "\u{FEFF}" + fields[0]          // a byte-order mark inside
            default: break
            }
            lines.append(fields.joined(separator: delimiter))
        }
        return lines.joined(separator: seed % 2 == 0 ? "\n" : "\r\n") + "\n"
    }

    static func read(_ path: String, fastPath: Bool, instrument: String = "klimov-ddo") throws -> (rows: [String], diagnostics: [String]) {
        let scorer = Scorer(instrument: try Instrument.bundled(instrument))
        var diagnostics: [String] = []
        let reader = try SheetReader(path: path, scorer: scorer, report: { diagnostics.append("\($0)") })
        reader.usesFastPath = fastPath
        var row = SheetRow(line: 0, codes: [], info: [], hasUnreadableCells: false)
        var rows: [String] = []
        while try reader.nextRow(&row, report: { diagnostics.append("\($0)") }) {
            rows.append("\(row.line) \(row.codes) \(row.info) \(row.hasUnreadableCells)")
        }
        return (rows, diagnostics)
    }

    @Test(arguments: [(1, ";"), (2, ","), (3, "\t"), (4, ";"), (5, ",")])
    func fastPathReadsWhatTheGeneralPathReads(seed: UInt64, delimiter: String) throws {
        let file = TemporaryFile(Self.sheet(seed: seed, delimiter: delimiter))
        let fast = try Self.read(file.path, fastPath: true)
        let general = try Self.read(file.path, fastPath: false)
        #expect(fast.rows.count > 300)
        #expect(fast.rows == general.rows)
        #expect(fast.diagnostics == general.diagnostics)
        #expect(!general.diagnostics.isEmpty, "the sheet has problems to report")
    }

    /// Likert answers can be the header's own texts: rows whose first and
    /// last answers read like the header's, and the header itself, repeated.
    @Test func likertRowsThatLookLikeTheHeader() throws {
        var generator = MergeEquivalenceTests.Generator(state: 8)
        let header = ["id"] + (1...60).map(String.init)
        var lines = [header.joined(separator: ",")]
        for index in 0..<300 {
            // Mostly good answers (so that many rows are simple), now and then a blank, a space or a 6.
            var fields = ["S\(index)"] + (0..<60).map { _ in
                Int.random(in: 0..<100, using: &generator) < 97
                    ? ["1", "2", "3", "4", "5"].randomElement(using: &generator)!
                    : [" 3", "", "6"].randomElement(using: &generator)!
            }
            switch index % 7 {
            case 0: fields[1] = "1"; fields[60] = "60"     // first and last answers like the header's
            case 1: fields = header                         // the header again
            case 2: fields[0] = "id"; fields[1] = "1"; fields[60] = "60"
            default: break
            }
            lines.append(fields.joined(separator: ","))
        }
        let file = TemporaryFile(lines.joined(separator: "\n") + "\n")
        let fast = try Self.read(file.path, fastPath: true, instrument: "onet-interest-profiler-60")
        let general = try Self.read(file.path, fastPath: false, instrument: "onet-interest-profiler-60")
        #expect(fast.rows == general.rows)
        #expect(fast.diagnostics == general.diagnostics)
        #expect(general.diagnostics.contains { $0.contains("header") || $0.contains("заголов") }, "the repeated header is reported")
    }
}
