import Foundation
import Testing
@testable import ProfScoreKit

/// Differential tests: production scores random sheets — every encoding,
/// delimiter, quoting, bad and blank cells, blank lines, duplicate ids,
/// extra and short rows, odd headers — exactly as the reference scorer
/// (Reference/, written from the docs only) does: every row's line,
/// respondent columns, scores, levels, leading type, profile, Holland code
/// and flags, and the diagnostics' severities, lines and columns. Production
/// runs in one go with the fast path on and off, through `BatchScorer.score`,
/// in file order on 1, 2 and 4 threads, and concurrently (as group reports
/// do) with `neededInfoColumns` set. Each sheet comes from a seed (SplitMix64),
/// printed with every difference.
@Suite struct ReferenceDifferentialTests {
    static let bundledIDs = ["klimov-ddo", "golomshtok-interest-map", "rezapkina-profile",
                             "onet-interest-profiler-60", "iip-riasec-48", "readiness-self-determination"]

    static let modes: [RefProductionMode] = [
        .oneGo(fastPath: true), .oneGo(fastPath: false), .batch,
        .fileOrder(threads: 1), .fileOrder(threads: 2), .fileOrder(threads: 4),
        .concurrent(threads: 2, needed: .all, fastPath: true), .concurrent(threads: 1, needed: .idOnly, fastPath: true),
        .concurrent(threads: 4, needed: .idOnly, fastPath: true), .concurrent(threads: 1, needed: .notSet, fastPath: false),
    ]

    static func referenceInstrument(_ id: String) throws -> RefInstrument {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Instruments/\(id).json")))
        return try RefInstrument(json: Array(bytes))
    }

    /// Options of a sheet, from its seed.
    static func options(_ rng: inout RefSplitMix64, rows: Int) -> RefGenerators.SheetOptions {
        var options = RefGenerators.SheetOptions()
        options.encoding = RefGenerators.pick([.utf8, .utf8BOM, .windows1251, .utf16LE, .utf16BE, .utf8, .windows1251], &rng)
        options.delimiter = RefGenerators.pick([";", ",", "\t"], &rng)
        options.lineEnd = RefGenerators.pick(["\n", "\r\n", "\r\n"], &rng)
        options.rows = rows
        options.mischief = RefGenerators.pick([0, 10, 25, 40], &rng)
        options.oddHeader = RefGenerators.chance(50, &rng)
        options.strayBytes = options.encoding == .utf8 && RefGenerators.chance(30, &rng)
        options.sepLine = RefGenerators.chance(10, &rng)
        // Without quotes (and in UTF-8 or Windows-1251) production cuts the file into parts.
        options.noQuotes = RefGenerators.chance(35, &rng)
        return options
    }

    /// Counts of what was compared, for the summary printed at the end of a test.
    struct Tally {
        var sheets = 0, skipped = 0, rows = 0, diagnostics = 0, runs = 0
        var skippedBecause: [String: Int] = [:]
    }

    /// Scores one sheet with the reference and with production in every mode
    /// and records each difference as an issue naming the seed.
    static func check(sheet bytes: [UInt8], reference refInstrument: RefInstrument, production instrument: Instrument,
                      seed: UInt64, what: String, tally: inout Tally) {
        if let folder = ProcessInfo.processInfo.environment["REFERENCE_DUMP_DIR"] {
            // For debugging: every sheet, named by its seed.
            _ = FileManager.default.createFile(atPath: "\(folder)/\(seed)-\(tally.sheets).csv", contents: Data(bytes))
        }
        var scorer = RefScorer(instrument: refInstrument)
        let expected = scorer.score(sheet: bytes)
        tally.sheets += 1
        if !expected.ambiguities.isEmpty {
            // The docs leave the outcome of this sheet open: not compared.
            tally.skipped += 1
            for reason in Set(expected.ambiguities) { tally.skippedBecause[reason, default: 0] += 1 }
            return
        }
        tally.rows += expected.rows.count
        tally.diagnostics += expected.diagnostics.count
        let file = TemporaryFile(bytes)
        for mode in modes {
            tally.runs += 1
            let actual = RefHarness.run(path: file.path, instrument: instrument, mode: mode)
            let knownLines: [Int: String] = [:]
            let (info, other, known) = RefHarness.compare(reference: expected, production: actual, mode: mode, knownLines: knownLines)
            let context = "\(what), seed \(seed), \(mode), \(expected.encoding.map(\.rawValue) ?? "-"), delimiter \(Unicode.Scalar(expected.delimiter)!.escaped(asASCII: true))"
            if let issue = expected.knownIssues.first, !(info + other).isEmpty {
                withKnownIssue(Comment(rawValue: issue)) {
                    Issue.record(Comment(rawValue: "\(context):\n" + (info + other).prefix(6).joined(separator: "\n")))
                }
                continue
            }
            if !other.isEmpty {
                Issue.record(Comment(rawValue: "\(context):\n" + other.prefix(12).joined(separator: "\n")))
            }
            for (reason, differences) in known {
                withKnownIssue(Comment(rawValue: reason)) {
                    Issue.record(Comment(rawValue: "\(context):\n" + differences.prefix(6).joined(separator: "\n")))
                }
            }
            if !info.isEmpty {
                if case .concurrent(_, let needed, _) = mode, needed != .notSet {
                    withKnownIssue("with neededInfoColumns set, rows can carry another row's respondent columns") {
                        Issue.record(Comment(rawValue: "\(context):\n" + info.prefix(6).joined(separator: "\n")))
                    }
                } else {
                    Issue.record(Comment(rawValue: "\(context):\n" + info.prefix(6).joined(separator: "\n")))
                }
            }
        }
    }

    @Test(arguments: bundledIDs)
    func bundledInstrumentsAgreeWithTheReference(id: String) throws {
        let refInstrument = try Self.referenceInstrument(id)
        let instrument = try Instrument.bundled(id)
        var tally = Tally()
        let sheets = id == "golomshtok-interest-map" ? 6 : 12
        for index in 0..<sheets {
            let seed = UInt64(0x5EED_0000) &+ UInt64(index) &* 7919 &+ UInt64(Self.bundledIDs.firstIndex(of: id)!) << 32
            var rng = RefSplitMix64(seed: seed)
            let options = Self.options(&rng, rows: id == "golomshtok-interest-map" ? 12 : 30)
            let bytes = RefGenerators.sheet(for: refInstrument, options, &rng)
            Self.check(sheet: bytes, reference: refInstrument, production: instrument, seed: seed, what: id, tally: &tally)
        }
        print("ReferenceDifferentialTests \(id): \(tally)")
        #expect(tally.skipped * 3 <= tally.sheets, "most sheets are compared: \(tally.skippedBecause)")
    }

    @Test(arguments: 0..<4)
    func randomInstrumentsAgreeWithTheReference(batch: Int) throws {
        var tally = Tally()
        for index in 0..<6 {
            let seed = UInt64(0xC0FF_EE00) &+ UInt64(batch * 6 + index)
            var rng = RefSplitMix64(seed: seed)
            let json = RefGenerators.instrument(&rng, name: "random-\(seed)")
            let instrument: Instrument
            do {
                instrument = try Instrument.load(json: Array(json.utf8), file: "random.json")
            } catch {
                Issue.record("seed \(seed): the generated instrument is not valid: \(error.rendered(in: .english))\n\(json)")
                continue
            }
            let refInstrument = try RefInstrument(json: Array(json.utf8))
            if let folder = ProcessInfo.processInfo.environment["REFERENCE_DUMP_DIR"] {
                _ = FileManager.default.createFile(atPath: "\(folder)/\(seed).json", contents: Data(json.utf8))
            }
            for _ in 0..<3 {
                let options = Self.options(&rng, rows: 25)
                let bytes = RefGenerators.sheet(for: refInstrument, options, &rng)
                Self.check(sheet: bytes, reference: refInstrument, production: instrument, seed: seed, what: "random instrument", tally: &tally)
            }
        }
        print("ReferenceDifferentialTests random batch \(batch): \(tally)")
        #expect(tally.skipped * 3 <= tally.sheets, "most sheets are compared: \(tally.skippedBecause)")
    }

    /// Runs every mode on one sheet and returns the differences (known ones apart).
    static func differences(_ text: String, instrument id: String, modes: [RefProductionMode] = modes)
        throws -> (info: [String], other: [String], known: [String: [String]]) {
        try differences(bytes: Array(text.utf8), instrument: id, modes: modes)
    }

    static func differences(bytes: [UInt8], instrument id: String, modes: [RefProductionMode] = modes)
        throws -> (info: [String], other: [String], known: [String: [String]]) {
        let refInstrument = try referenceInstrument(id)
        let instrument = try Instrument.bundled(id)
        var scorer = RefScorer(instrument: refInstrument)
        let expected = scorer.score(sheet: bytes)
        #expect(expected.ambiguities.isEmpty)
        let file = TemporaryFile(bytes)
        var all: (info: [String], other: [String], known: [String: [String]]) = ([], [], [:])
        for mode in modes {
            let actual = RefHarness.run(path: file.path, instrument: instrument, mode: mode)
            let (info, other, known) = RefHarness.compare(reference: expected, production: actual, mode: mode)
            all.info += info.map { "\(mode): \($0)" }
            all.other += other.map { "\(mode): \($0)" }
            for (reason, list) in known { all.known[reason, default: []] += list }
        }
        return all
    }

    /// A UTF-16 O*NET sheet the reference fuzz target generated (kept as
    /// `Fixtures/fuzz/reference-no-answer-cells-are-not-filled-utf16.csv`):
    /// one row with 41 non-blank answer cells, of which 3 are «na» (no answer
    /// in a numeric format) and 20 cannot be read. 20 of 38 filled cells is
    /// more than half: the file is refused. The reference counted the «na»
    /// cells as filled (20 of 41) until fixed, against the docs: such a cell
    /// "is read exactly as an empty cell".
    @Test func noAnswerCellsAreNotFilledCells() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/fuzz/reference-no-answer-cells-are-not-filled-utf16.csv")))
        var scorer = RefScorer(instrument: try Self.referenceInstrument("onet-interest-profiler-60"))
        #expect(scorer.score(sheet: bytes).refused)
        let result = try Self.differences(bytes: bytes, instrument: "onet-interest-profiler-60")
        #expect(result.info.isEmpty && result.other.isEmpty, "\((result.info + result.other).prefix(5))")
    }

    /// A ДДО sheet the reference fuzz target found (kept as
    /// `Fixtures/fuzz/reference-short-rows-with-tabs-in-a-semicolon-file.csv`):
    /// a `;` file (UTF-8 letters read as Windows-1251) whose rows 2 and 3 have
    /// 16 and 4 of the header's 21 cells and hold 5 and 19 tabs (at least as
    /// many as the 5 and 17 cells they lack): saved with another delimiter,
    /// scored as blank, so their unreadable-looking cells do not refuse the
    /// file. Row 4 has 19 tabs for 20 missing cells and is read as it is. The reference left
    /// such rows open until the docs said what "where the file's should be" means.
    @Test func shortRowsHoldingAnotherDelimiter() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.fixtures + "/fuzz/reference-short-rows-with-tabs-in-a-semicolon-file.csv")))
        var scorer = RefScorer(instrument: try Self.referenceInstrument("klimov-ddo"))
        let expected = scorer.score(sheet: bytes)
        #expect(!expected.refused)
        #expect(expected.otherDelimiterRowLines == [2, 3])
        let result = try Self.differences(bytes: bytes, instrument: "klimov-ddo")
        #expect(result.info.isEmpty && result.other.isEmpty, "\((result.info + result.other).prefix(5))")
    }

    /// A ДДО sheet without a respondent column, one row saved with `;` in a
    /// `,` file. Documented: an error on the row, the row scored as blank
    /// (flags `blank incomplete`).
    /// Found by these tests (production read it wrong until fixed): on a sheet
    /// whose first column is an item (no respondent column), a row saved with
    /// another delimiter is scored as blank (answer-sheets.md), not read as the
    /// first item's answer (an extra "cannot read" error, flags `missing
    /// unreadable`, and with a `blank` answer format the other scales scored).
    @Test func rowWithAnotherDelimiterOnASheetWithoutRespondentColumn() throws {
        let header = (1...20).map(String.init).joined(separator: ",")
        let text = header + "\n" + Array(repeating: "а", count: 20).joined(separator: ",") + "\n"
            + Array(repeating: "а", count: 20).joined(separator: ";") + "\n"
        let result = try Self.differences(text, instrument: "klimov-ddo")
        #expect(result.other.isEmpty, Comment(rawValue: result.other.prefix(4).joined(separator: "\n")))
        #expect(result.info.isEmpty)
    }

    /// Respondent columns after the items, short rows that lack them, repeated
    /// ids and rows saved with another delimiter, scored with
    /// `neededInfoColumns` set in several ways and on several threads.
    @Test func respondentColumnsWithNeededColumnsSet() throws {
        var lines = ["id;" + (1...20).map(String.init).joined(separator: ";") + ";класс;ФИО"]
        for index in 0..<120 {
            var cells = ["S\(index % 90)"] + (0..<20).map { ["а", "б", "", "в", " Б "][($0 + index) % 5] } + ["\(index % 11)А", "Имя \(index)"]
            switch index % 6 {
            case 1: cells.removeLast()                  // no name
            case 2: cells.removeLast(2)                 // no class, no name
            case 3: cells[cells.count - 2] = ""         // empty class
            default: break
            }
            lines.append(cells.joined(separator: ";"))
            if index % 17 == 0 { lines.append("") }
        }
        let modes: [RefProductionMode] = [
            .concurrent(threads: 1, needed: .all, fastPath: true), .concurrent(threads: 2, needed: .all, fastPath: true),
            .concurrent(threads: 1, needed: .idOnly, fastPath: true), .concurrent(threads: 3, needed: .idOnly, fastPath: true),
            .concurrent(threads: 1, needed: .allButID, fastPath: true), .concurrent(threads: 2, needed: .allButID, fastPath: false),
        ]
        let result = try Self.differences(lines.joined(separator: "\n") + "\n", instrument: "klimov-ddo", modes: modes)
        #expect(result.other.isEmpty, Comment(rawValue: result.other.prefix(4).joined(separator: "\n")))
        if !result.info.isEmpty {
            withKnownIssue("with neededInfoColumns set, rows can carry another row's respondent columns") {
                Issue.record(Comment(rawValue: result.info.prefix(6).joined(separator: "\n")))
            }
        }
    }

    /// Found by the fuzz target (production counted it wrong until fixed):
    /// answer-sheets.md reads a file as UTF-8 with stray bytes only with at
    /// least ten valid multi-byte characters per invalid byte, otherwise as
    /// Windows-1251. Here the file has five («а», «б», «а», «а», «а») and one
    /// invalid byte — a lead byte 0xE4 cut short by the end of the file — so it
    /// is Windows-1251 and every Cyrillic cell is unreadable («Р°»); five
    /// unreadable cells are too few to refuse the file (at least ten).
    @Test func sequenceCutShortAtTheEndOfTheFileCounts() throws {
        var bytes = Array(("id;" + (1...20).map(String.init).joined(separator: ";") + "\nS1;а;б;а\nS2;а;а").utf8)
        bytes += [0xE4, 0x0A]
        var scorer = RefScorer(instrument: try Self.referenceInstrument("klimov-ddo"))
        let expected = scorer.score(sheet: bytes)
        #expect(expected.encoding == .windows1251)
        let result = try Self.differences(bytes: bytes, instrument: "klimov-ddo", modes: [.oneGo(fastPath: true), .batch])
        #expect(result.other.isEmpty, Comment(rawValue: result.other.prefix(4).joined(separator: "\n")))
    }

    /// Found by the fuzz target: a respondent column « 22» is named like an
    /// item number once read as cells are read (spaces removed), so the sheet
    /// gets the "look like item numbers" warning as for «22». (The header-only
    /// sheet, without a line end, also has the "no rows" warning.)
    @Test func numberLikeColumnWithASpaceIsWarnedAbout() throws {
        let text = "d;1;2;3;4;5;6;7;8%;P;10;11;12;13;14;15;;17;18;19; 22;3"
        let result = try Self.differences(bytes: Array(text.utf8), instrument: "klimov-ddo", modes: Self.modes)
        #expect(result.other.isEmpty, Comment(rawValue: result.other.prefix(4).joined(separator: "\n")))
        #expect(result.info.isEmpty)
    }

    /// Found by the fuzz target: a respondent column named by a long number
    /// (here 45 digits) is not "named like an item number" (one to four digits).
    @Test func aLongNumberIsNotNumberLike() throws {
        let header = "id;1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;" + String(repeating: "1", count: 45) + ";17;18;19;20"
        let row = "S1;" + Array(repeating: "а", count: 20).joined(separator: ";")
        let result = try Self.differences(header + "\n" + row + "\n", instrument: "klimov-ddo")
        #expect(result.other.isEmpty, Comment(rawValue: result.other.prefix(4).joined(separator: "\n")))
        #expect(result.info.isEmpty)
    }
}
