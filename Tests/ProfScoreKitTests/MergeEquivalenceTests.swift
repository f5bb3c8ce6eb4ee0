import Foundation
import Testing
@testable import ProfScoreKit

/// Merging the summaries of parts gives exactly the report of the whole.
@Suite struct MergeEquivalenceTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")

    /// Every ДДО sheet the repository has: the hand-scored class in three
    /// encodings and the example class 7А (with its unreadable cell).
    static let sources = [
        Repository.fixtures + "/handscored/klimov-ddo/class-excel-1251.csv",
        Repository.fixtures + "/handscored/klimov-ddo/class-forms-utf8bom.csv",
        Repository.fixtures + "/handscored/klimov-ddo/class-unicode.txt",
        Repository.path("Examples/klimov-ddo-7a.csv"),
    ]

    /// A small deterministic generator (SplitMix64), so that failures can be reproduced.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Rows of all sources as UTF-8 lines under one header (id, ФИО, класс, 1…20).
    static func allRows() throws -> (header: String, rows: [String]) {
        var rows: [String] = []
        for path in sources {
            // Read the raw cells through the table reader so that unreadable cells stay unreadable.
            let table = try TextTableReader(path: path)
            _ = try table.nextNonEmptyRecord()
            while try table.nextNonEmptyRecord() {
                rows.append((0..<table.scanner.fieldCount).map { table.string($0) }.joined(separator: ";"))
            }
        }
        return ("id;ФИО;класс;" + (1...20).map(String.init).joined(separator: ";"), rows)
    }

    struct Split: Sendable, CustomTestStringConvertible {
        var seed: UInt64
        var parts: Int
        var testDescription: String { "seed \(seed), \(parts) parts" }
    }

    @Test(arguments: [Split(seed: 1, parts: 2), Split(seed: 2, parts: 3), Split(seed: 3, parts: 5), Split(seed: 4, parts: 7)])
    func mergedPartsEqualTheWhole(_ split: Split) throws {
        let (header, rows) = try Self.allRows()
        #expect(rows.count == 58)
        let whole = TemporaryFile(([header] + rows).joined(separator: "\n") + "\n")
        var generator = Generator(state: split.seed)
        var parts = Array(repeating: [String](), count: split.parts)
        for row in rows { parts[Int.random(in: 0..<split.parts, using: &generator)].append(row) }
        let files = parts.map { TemporaryFile(([header] + $0).joined(separator: "\n") + "\n") }

        let settings = ReportSettings(groupBy: [.grade, .className], bands: GradeBand.list("5-9,7-11")!, minCell: 5)
        let wholeSummary = try summarize([whole.path], instrument: Self.ddo, settings: settings)
        let partSummaries = try files.map { try summarize([$0.path], instrument: Self.ddo, settings: settings) }
        // Through JSON, as a municipality receives them.
        let loaded = try partSummaries.enumerated().map { index, summary in
            (file: "part\(index).json", summary: try Summary.load(data: summary.jsonData(), file: "part\(index).json"))
        }
        let merged = try Summary.merge(loaded)
        for format in ReportFormat.allCases {
            for language in Language.allCases {
                let expected = String(decoding: wholeSummary.rendered(as: format, language: language), as: UTF8.self)
                let actual = String(decoding: merged.rendered(as: format, language: language), as: UTF8.self)
                #expect(actual == expected, "\(format) \(language)")
            }
        }
    }

    @Test func schoolsWithTheirRostersMergeIntoTheMunicipality() throws {
        // School X: class 7А (the example); school Y: class 8А (the hand-scored class, Excel file).
        let rosterX = TemporaryFile("школа;класс;численность;ОВЗ\nX;7А;25;2\n")
        let rosterY = TemporaryFile("школа;класс;численность;ОВЗ\nY;8А;14;1\n")
        let rosterAll = TemporaryFile("школа;класс;численность;ОВЗ\nX;7А;25;2\nY;8А;14;1\n")
        let sheetX = Repository.path("Examples/klimov-ddo-7a.csv")
        let sheetY = Repository.fixtures + "/handscored/klimov-ddo/class-excel-1251.csv"
        let x = try summarize([sheetX], instrument: Self.ddo, roster: Roster.load(path: rosterX.path, report: { _ in }))
        let y = try summarize([sheetY], instrument: Self.ddo, roster: Roster.load(path: rosterY.path, report: { _ in }))
        let whole = try summarize([sheetX, sheetY], instrument: Self.ddo, roster: Roster.load(path: rosterAll.path, report: { _ in }))
        let merged = try Summary.merge([("x.json", Summary.load(data: x.jsonData(), file: "x.json")),
                                        ("y.json", Summary.load(data: y.jsonData(), file: "y.json"))])
        #expect(String(decoding: merged.rendered(as: .json, language: .russian), as: UTF8.self)
                == String(decoding: whole.rendered(as: .json, language: .russian), as: UTF8.self))
        #expect(String(decoding: merged.rendered(as: .md, language: .russian), as: UTF8.self)
                == String(decoding: whole.rendered(as: .md, language: .russian), as: UTF8.self))
        // 7А: 21 of 25 diagnosed (7А-07 unreadable); 8А: 12 of 14, hand-scored class has 2 sheets with blanks
        // (8А-05 item 7 blank, 8А-06 three blanks) → 10 scored.
        let coverage = merged.groups.compactMap(\.coverage)
        #expect(coverage.map(\.diagnosed).sorted() == [10, 21])
        // The same class twice is refused: its roster counts would be added twice.
        #expect(throws: ProfScoreError.self) { try Summary.merge([("x.json", x), ("x-again.json", x)]) }
    }

    @Test func summariesOfAnotherInstrumentOrANewerFormatAreRefused() throws {
        let x = try summarize([Repository.path("Examples/klimov-ddo-7a.csv")], instrument: Self.ddo)
        let other = try summarize([Repository.path("Examples/rezapkina-profile-9a.csv")], instrument: try Instrument.bundled("rezapkina-profile"))
        #expect(throws: ProfScoreError.self) { try Summary.merge([("a.json", x), ("b.json", other)]) }
        var json = String(decoding: x.jsonData(), as: UTF8.self)
        json = json.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 2")
        #expect {
            _ = try Summary.load(data: Data(json.utf8), file: "new.json")
        } throws: { error in
            guard case .invalidSummary(_, let reason) = error as? ProfScoreError else { return false }
            return reason.english.contains("version 2 is newer")
        }
    }
}
