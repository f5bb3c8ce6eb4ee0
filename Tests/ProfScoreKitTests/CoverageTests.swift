import Foundation
import Testing
@testable import ProfScoreKit

/// The share diagnosed on hand-made rosters: overlapping bands, a student with
/// two sheets, a sheet not in the roster, an unreadable sheet, ОВЗ students,
/// and the small-cell threshold. Every expected number is counted by hand in
/// the comments.
@Suite struct CoverageTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")
    static let good = Array(repeating: "а", count: 20).joined(separator: ";")
    static let bad = (["в"] + Array(repeating: "а", count: 19)).joined(separator: ";")
    static let header = "id;класс;" + (1...20).map(String.init).joined(separator: ";")

    /// Roster: 5А a1 a2(ОВЗ) a3; 9А b1 b2(ОВЗ) b3 b4; 10А c1 c2(ОВЗ).
    static let studentRoster = """
    код;школа;класс;ОВЗ
    a1;S;5А;0
    a2;S;5А;1
    a3;S;5А;нет
    b1;S;9А;0
    b2;S;9А;да
    b3;S;9А;
    b4;S;9А;0
    c1;S;10А;0
    c2;S;10А;1
    """

    /// Sheets: a3's is unreadable; b1 has two; b2 has none; x9 is not in the roster.
    static let studentSheets = [header] + [
        "a1;5А;\(good)", "a2;5А;\(good)", "a3;5А;\(bad)",
        "b1;9А;\(good)", "b1;9А;\(good)", "b3;9А;\(good)", "b4;9А;\(good)",
        "c1;10А;\(good)", "c2;10А;\(good)", "x9;9А;\(good)",
    ]

    func coverageRows(_ document: ReportDocument, table caption: String) -> [String: [ReportDocument.Cell]] {
        var rows: [String: [ReportDocument.Cell]] = [:]
        for section in document.sections {
            for case .table(let table) in section.blocks where table.caption == caption {
                for row in table.rows { if case .text(let label) = row[0] { rows[label] = row } }
            }
        }
        return rows
    }

    @Test func perStudentRoster() throws {
        let sheet = TemporaryFile(Self.studentSheets.joined(separator: "\n") + "\n")
        let rosterFile = TemporaryFile(Self.studentRoster + "\n")
        var diagnostics: [Diagnostic] = []
        let roster = try Roster.load(path: rosterFile.path, report: { diagnostics.append($0) })
        #expect(diagnostics.isEmpty)
        #expect(roster.students.count == 9 && roster.students["b2"]?.ovz == true && roster.students["b3"]?.ovz == false)
        let settings = ReportSettings(groupBy: [.school, .grade, .className],
                                      bands: GradeBand.list("5-9,9-11,5-11")!, targets: Targets(defaultPercent: 80), minCell: 5)
        let summary = try summarize([sheet.path], instrument: Self.ddo, roster: roster, settings: settings, diagnostics: &diagnostics)

        // Coverage per class: 5А 3 enrolled, 2 diagnosed (a1 a2; a3 unreadable), ОВЗ a2 1/1;
        // 9А 4 enrolled, 3 diagnosed (b1 once, b3, b4; b2 no sheet), ОВЗ b2 0/1; 10А 2/2, ОВЗ c2 1/1.
        let byClass = Dictionary(uniqueKeysWithValues: summary.groups.compactMap { group in group.coverage.map { (group.key.className ?? "", $0) } })
        #expect(byClass["5А"].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ!, $0.diagnosedOVZ!] } == [3, 2, 1, 1])
        #expect(byClass["9А"].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ!, $0.diagnosedOVZ!] } == [4, 3, 1, 0])
        #expect(byClass["10А"].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ!, $0.diagnosedOVZ!] } == [2, 2, 1, 1])

        let document = ReportDocument(summary: summary, language: .english)
        let all = coverageRows(document, table: "Coverage")
        // Total 7/9 = 77.8 % < 80 not met; 5–9: 5А + 9А = 5/7 = 71.4 %; 9–11 overlaps at 9: 9А + 10А = 5/6 = 83.3 % met.
        #expect(all["All"]?[1...5] == [.integer(9), .integer(7), .percent(700.0 / 9), .decimal(80, digits: 0), .status(false)])
        #expect(all["grades 5–9"]?[1...5] == [.integer(7), .integer(5), .percent(500.0 / 7), .decimal(80, digits: 0), .status(false)])
        #expect(all["grades 9–11"]?[1...5] == [.integer(6), .integer(5), .percent(500.0 / 6), .decimal(80, digits: 0), .status(true)])
        #expect(all["grades 5–11"]?[1...2] == [.integer(9), .integer(7)])
        // ОВЗ counts are health data: with --min-cell 5 every one of these (3 at most) is hidden.
        let hiddenOVZ = coverageRows(document, table: "Students with disabilities (ОВЗ)")
        for label in ["All", "grades 5–9", "grades 9–11", "5А", "9А", "10А"] {
            #expect(hiddenOVZ[label]?[1...3] == [.hidden, .hidden, .hidden], "\(label)")
        }
        var open = summary
        open.settings.minCell = 1
        let ovz = coverageRows(ReportDocument(summary: open, language: .english), table: "Students with disabilities (ОВЗ)")
        // ОВЗ: a2, b2, c2 enrolled; a2 and c2 diagnosed: 2/3; 5–9: a2, b2 → 1/2; 9–11: b2, c2 → 1/2.
        #expect(ovz["All"]?[1...3] == [.integer(3), .integer(2), .percent(200.0 / 3)])
        #expect(ovz["grades 5–9"]?[1...3] == [.integer(2), .integer(1), .percent(50)])
        #expect(ovz["grades 9–11"]?[1...3] == [.integer(2), .integer(1), .percent(50)])

        // Results: 10 sheets read; b1's second sheet is not counted again, a3's is not scored,
        // x9 is in the results (not the shares) → 8 scored. x9's class 9А is known from the roster.
        let total = summary.groups.reduce(into: GroupResults(instrument: Self.ddo)) { $0.merge($1.results) }
        #expect(total.sheets == 10 && total.scored == 8)
        #expect(summary.groups.first { $0.key.className == "9А" }?.results.scored == 4)

        // For the school's own use: who has no scored sheet, who is not in the roster, the repeated sheet.
        #expect(diagnostics.contains { $0.severity == .note && $0.message.english.contains("2 student(s) of the roster have no scored sheet") && $0.message.english.hasSuffix("a3, b2") })
        #expect(diagnostics.contains { $0.severity == .note && $0.message.english.hasSuffix("not counted in the shares (for the school's own use): x9") })
        #expect(diagnostics.contains { $0.severity == .warning && $0.line == 6 && $0.message.english.contains("'b1' already has a scored sheet") })
    }

    @Test func smallGroupsHaveTheirResultsSuppressedButCoverageShown() throws {
        let sheet = TemporaryFile(Self.studentSheets.joined(separator: "\n") + "\n")
        let rosterFile = TemporaryFile(Self.studentRoster + "\n")
        let roster = try Roster.load(path: rosterFile.path, report: { _ in })
        let summary = try summarize([sheet.path], instrument: Self.ddo, roster: roster,
                                    settings: ReportSettings(groupBy: [.className], minCell: 3))
        let document = ReportDocument(summary: summary, language: .english)
        // 5А: 2 scored (a1 a2) < 3 → suppressed; 9А: b1 b3 b4 and x9 (not in the roster, but its
        // class is) → 4 scored, shown.
        let published = DifferencingTests.resultCounts(document)
        #expect(published["5А"] != nil && published["5А"]! == nil, "5А's column is hidden")
        #expect(published["9А"] != nil && published["9А"]! != nil, "9А's column is shown")
        #expect(published["All"] != nil && published["All"]! != nil)
        // The hidden cells are explained under each table.
        let byGroup = document.sections.flatMap(\.blocks).compactMap { block -> ReportDocument.Table? in
            if case .table(let table) = block, table.columns.count > 1, table.columns[1] == "All" { table } else { nil }
        }
        #expect(!byGroup.isEmpty && byGroup.allSatisfy { $0.footnote?.contains("fewer than 3 students or sheets") == true })
        // Coverage counts stay visible for every class.
        let coverage = coverageRows(document, table: "Coverage")
        #expect(coverage["5А"]?[1...2] == [.integer(3), .integer(2)])
    }

    @Test func perClassRosterCountsDistinctStudents() throws {
        let roster = TemporaryFile("школа;класс;численность;ОВЗ\nS;5А;4;1\nS;9 А;5;0\n")
        // Sheets without a school column: matched to the roster by class name («9А» = «9 А»).
        let sheets = TemporaryFile(([
            "id;класс;ОВЗ;" + (1...20).map(String.init).joined(separator: ";"),
            "p1;5А;1;\(Self.good)", "p2;5а;0;\(Self.good)", "p2;5А;0;\(Self.good)", "p3;5А;0;\(Self.bad)",
            "q1;9А;0;\(Self.good)", "q2;9А;;\(Self.good)", "z1;7В;0;\(Self.good)",
        ]).joined(separator: "\n") + "\n")
        var diagnostics: [Diagnostic] = []
        let loaded = try Roster.load(path: roster.path, report: { diagnostics.append($0) })
        #expect(!loaded.isPerStudent && loaded.classes.count == 2)
        let summary = try summarize([sheets.path], instrument: Self.ddo, roster: loaded, diagnostics: &diagnostics)
        let byClass = Dictionary(uniqueKeysWithValues: summary.groups.compactMap { group in group.coverage.map { (group.key.className ?? "", $0) } })
        // 5А: p1, p2 (two sheets, once) diagnosed of 4 → 2; p3 unreadable; ОВЗ p1 → 1 of 1.
        #expect(byClass["5А"].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ!, $0.diagnosedOVZ!] } == [4, 2, 1, 1])
        // 9 А: q1, q2 → 2 of 5; no ОВЗ enrolled.
        #expect(byClass["9 А"].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ!, $0.diagnosedOVZ!] } == [5, 2, 0, 0])
        #expect(diagnostics.contains { $0.message.english.contains("sheets of class(es) 7В match no class of the roster") })
    }

    @Test func targetsFileMostSpecificEntryWins() throws {
        let file = TemporaryFile("indicator;band;year;target\ndiagnosed;5-9;2025/26;75\ndiagnosed;5-9;*;60\ndiagnosed;*;2025;90\nprofile;;;99\nnonsense;*;*;5\n")
        var diagnostics: [Diagnostic] = []
        let targets = try Targets.load(path: file.path, defaultPercent: 80, report: { diagnostics.append($0) })
        #expect(targets.target(.diagnosed, band: GradeBand(from: 5, to: 9), year: "2025/26") == 75)
        #expect(targets.target(.diagnosed, band: GradeBand(from: 5, to: 9), year: "2023/24") == 60)
        // "2025" is the school year that ends in 2025: 2024/25.
        #expect(targets.target(.diagnosed, band: nil, year: "2024/25") == 90)
        #expect(targets.target(.diagnosed, band: GradeBand(from: 9, to: 11), year: "2025/26") == 80)
        #expect(targets.target(.profile, band: nil, year: "2025/26") == 99)
        #expect(diagnostics.count == 1 && diagnostics[0].line == 6)
    }

    @Test func schoolYears() {
        #expect(SchoolYear.normalize("2025-2026") == "2025/26")
        #expect(SchoolYear.normalize("2026") == "2025/26")
        #expect(SchoolYear.normalize("2099/00") == "2099/00")
        var components = DateComponents()
        components.year = 2026; components.month = 9; components.day = 1; components.hour = 12
        let date = Calendar(identifier: .gregorian).date(from: components)!
        #expect(SchoolYear.containing(date) == "2026/27")
    }
}

/// The example school against the coverage a deputy head counted by hand
/// (Examples/school1/EXPECTED.md).
@Suite struct ExampleSchoolTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")
    static let sheets = ["Examples/klimov-ddo-7a.csv"] + ["7b", "8a", "9a", "9b"].map { "Examples/school1/klimov-ddo-\($0).csv" }

    @Test func coverageMatchesTheHandCount() throws {
        let roster = try Roster.load(path: Repository.path("Examples/school1/roster.csv"), report: { _ in })
        let summary = try summarize(Self.sheets.map(Repository.path), instrument: Self.ddo, roster: roster,
                                    settings: ReportSettings(bands: GradeBand.list("5-9,7-9")!))
        let byClass = Dictionary(uniqueKeysWithValues: summary.groups.compactMap { group in group.coverage.map { (group.key.className ?? "", $0) } })
        // class: enrolled, diagnosed, ОВЗ enrolled, ОВЗ diagnosed (EXPECTED.md).
        let expected: [String: [Int]] = [
            "7А": [24, 21, 2, 1], "7Б": [25, 23, 1, 0], "8А": [25, 22, 2, 1], "9А": [23, 20, 1, 1], "9Б": [21, 19, 2, 1],
        ]
        for (name, numbers) in expected.sorted(by: { $0.key < $1.key }) {
            let counts: [Int]? = byClass[name].map { [$0.enrolled, $0.diagnosed, $0.enrolledOVZ ?? -1, $0.diagnosedOVZ ?? -1] }
            #expect(counts == numbers, "\(name)")
        }
        var total = Coverage()
        for coverage in byClass.values { total.merge(coverage) }
        let totals: [Int] = [total.enrolled, total.diagnosed, total.enrolledOVZ ?? -1, total.diagnosedOVZ ?? -1]
        #expect(totals == [118, 105, 8, 4])
    }

    @Test func perClassRosterCountsTheSheetMissingFromTheStudentList() throws {
        let roster = try Roster.load(path: Repository.path("Examples/school1/roster-classes.csv"), report: { _ in })
        let summary = try summarize(Self.sheets.map(Repository.path), instrument: Self.ddo, roster: roster)
        var total = Coverage()
        for group in summary.groups { if let coverage = group.coverage { total.merge(coverage) } }
        // 8А-26 (not in the student list) now counts: 8А 23 of 25, the school 106 of 118; ОВЗ diagnosed unknown.
        #expect(summary.groups.first { $0.key.className == "8А" }?.coverage?.diagnosed == 23)
        #expect(total.enrolled == 118 && total.diagnosed == 106 && total.diagnosedOVZ == nil)
    }
}
