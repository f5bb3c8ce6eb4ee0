import Foundation
import Testing
@testable import ProfScoreKit

/// Every report format against a golden file, reviewed by eye when recorded
/// (`PROFSCORE_RECORD=1 swift test --filter GoldenReportTests` re-records).
///
/// Input: the example class 7А (22 sheets, one unreadable cell) and a roster
/// of 24 students, two of them (7А-23, 7А-24) without a sheet, three with ОВЗ.
@Suite struct GoldenReportTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")

    static func summary() throws -> Summary {
        let roster = try Roster.load(path: Repository.fixtures + "/golden/roster-7a.csv", report: { _ in })
        let settings = ReportSettings(groupBy: [.school, .grade, .className], bands: GradeBand.list("5-9,7-11")!,
                                      targets: Targets(defaultPercent: 80), minCell: 5)
        return try summarize([Repository.path("Examples/klimov-ddo-7a.csv")], instrument: ddo, roster: roster, settings: settings)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var format: ReportFormat
        var language: Language
        var excel: Bool
        var file: String
        var testDescription: String { file }
    }

    @Test(arguments: [
        Case(format: .md, language: .russian, excel: false, file: "report-7a.ru.md"),
        Case(format: .md, language: .english, excel: false, file: "report-7a.en.md"),
        Case(format: .table, language: .english, excel: false, file: "report-7a.en.txt"),
        Case(format: .csv, language: .russian, excel: true, file: "report-7a.excel.csv"),
        Case(format: .csv, language: .english, excel: false, file: "report-7a.en.csv"),
        Case(format: .json, language: .russian, excel: false, file: "report-7a.json"),
        Case(format: .html, language: .russian, excel: false, file: "report-7a.ru.html"),
    ])
    func reportMatchesGoldenFile(_ testCase: Case) throws {
        let rendered = try Self.summary().rendered(as: testCase.format, language: testCase.language, excel: testCase.excel, date: "2026-12-01")
        try expectGolden(rendered, testCase.file)
    }

    @Test func individualPageMatchesGoldenFile() throws {
        let scorer = Scorer(instrument: Self.ddo)
        let (rows, _, reader) = try scoreSheet(path: Repository.path("Examples/klimov-ddo-7a.csv"), scorer: scorer)
        let first = try #require(rows.first)
        let info = zip(reader!.infoColumnNames, first.row.info).map { (name: $0, value: $1) }
        let page = IndividualReport.render(instrument: Self.ddo, info: info, score: first.score, language: .russian)
        try expectGolden(Array(page.utf8), "individual-7a-01.ru.html")
    }

    /// No group report carries an id or a name from the sheets or the roster.
    @Test(arguments: ReportFormat.allCases)
    func groupReportsCarryNoIdOrName(_ format: ReportFormat) throws {
        let scorer = Scorer(instrument: Self.ddo)
        let (rows, _, _) = try scoreSheet(path: Repository.path("Examples/klimov-ddo-7a.csv"), scorer: scorer)
        let personal = rows.flatMap { [$0.row.info[0], $0.row.info[1]] } + ["7А-23", "7А-24"]
        #expect(personal.count == 46)
        for language in Language.allCases {
            let text = String(decoding: try Self.summary().rendered(as: format, language: language, excel: format == .csv), as: UTF8.self)
            for value in personal {
                #expect(!text.contains(value), "\(format) \(language) contains \(value)")
            }
            // Surnames alone, too.
            for row in rows {
                let surname = String(row.row.info[1].split(separator: " ").first ?? "")
                #expect(surname.count < 3 || !text.contains(surname), "\(format) \(language) contains \(surname)")
            }
        }
    }
}
