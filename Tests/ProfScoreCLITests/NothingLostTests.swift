import Foundation
import Testing

/// Nothing lost, nothing destroyed: every diagnostic reaches the user (the
/// first 20 on standard error, all in --diagnostics FILE), inputs are never
/// modified, and an interrupted run leaves the old output whole.
@Suite struct NothingLostTests {
    static let header = "id;" + (1...20).map(String.init).joined(separator: ";")

    /// `count` students R1…, each with item 1 unreadable («x», column 2) and
    /// the other items answered «а»: row r is on line r + 1.
    static func sheetWithBadCells(_ count: Int) -> String {
        let rest = Array(repeating: "а", count: 19).joined(separator: ";")
        return ([header] + (1...count).map { "R\($0);x;\(rest)" }).joined(separator: "\n") + "\n"
    }

    static func expectedLine(_ row: Int) -> String {
        "sheet.csv:\(row + 1):2: error: item 1, respondent R\(row): cannot read «x»"
    }

    @Test func theFirstTwentyDiagnosticsAreShownThenOneLineSaysWhereTheRestAre() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(25))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let shown = run.stderrLines(startingWith: "sheet.csv:")
        #expect(shown.count == 20, "\(run)")
        for (index, line) in shown.enumerated() { #expect(line.hasPrefix(Self.expectedLine(index + 1)), "\(line)") }
        #expect(run.stderrLines.contains("… and 5 more diagnostic(s) not shown (25 in all); to get them all, add --diagnostics FILE (or --diagnostics - to print them all here)"), "\(run)")
        #expect(run.stderrLines.last?.hasPrefix("klimov-ddo: 25 respondent(s) scored") == true, "the run's summary stays last: \(run)")
        #expect(run.csv().rows.count == 25, "every row is scored")
    }

    @Test func diagnosticsFileHoldsEveryOne() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(25))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--diagnostics", "problems.txt", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrLines(startingWith: "sheet.csv:").count == 20)
        #expect(run.stderrLines.contains("… and 5 more diagnostic(s) not shown (25 in all); the full list is in problems.txt"), "\(run)")
        let text = String(decoding: try #require(workspace.contents("problems.txt")), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 25)
        for (index, line) in lines.enumerated() { #expect(line.hasPrefix(Self.expectedLine(index + 1)), "\(line)") }
        #expect(!text.contains("\u{1B}["), "no colour codes in the file")
    }

    @Test func diagnosticsDashShowsAllOnStandardError() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(25))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(run.stderrLines(startingWith: "sheet.csv:").count == 25, "\(run)")
        #expect(!run.stderr.contains("not shown"))
        #expect(try workspace.listing() == ["sheet.csv"])
    }

    @Test func twentyDiagnosticsNeedNoSummaryLine() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(20))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--lang", "ru"])
        #expect(run.stderrLines(startingWith: "sheet.csv:").count == 20, "\(run)")
        #expect(!run.stderr.contains("не показаны"), "\(run)")
    }

    @Test func reportLimitsItsDiagnosticsToo() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(30))
        let run = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--diagnostics", "all.txt", "--lang", "ru"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrLines(startingWith: "sheet.csv:").count == 20, "\(run)")
        #expect(run.stderrLines.contains("…и ещё замечаний: 10 (всего 30); полный список — в all.txt"), "\(run)")
        let lines = String(decoding: try #require(workspace.contents("all.txt")), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 30)
        #expect(lines.last?.hasPrefix("sheet.csv:31:2: ошибка: пункт 1") == true)
        #expect(lines.allSatisfy { $0.contains("не удаётся прочитать «x»") })
    }

    @Test func diagnosticsFileNamingAnInputIsRefused() throws {
        let workspace = try Workspace()
        let sheet = Self.sheetWithBadCells(3)
        try workspace.write("sheet.csv", text: sheet)
        for command in [["score"], ["report"]] {
            let run = try workspace.run(command + ["--instrument", "klimov-ddo", "sheet.csv", "--diagnostics", "./sheet.csv", "--lang", "en"])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains("--diagnostics ./sheet.csv is also named as sheet.csv"), "\(run)")
        }
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--output", "out.csv", "--diagnostics", "out.csv", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(workspace.contents("sheet.csv") == Array(sheet.utf8))
        #expect(try workspace.listing() == ["sheet.csv"])
    }

    @Test func invalidInstrumentCountsAgainstTheLimit() throws {
        // 30 items whose format is unknown (30 errors at $.items[i].format) and
        // a scale with an empty key (one more).
        let workspace = try Workspace()
        let items = (1...30).map { "{\"id\": \"\($0)\", \"format\": \"nope\"}" }.joined(separator: ",\n")
        try workspace.write("bad.json", text: """
            {"formatVersion": 1, "id": "bad", "version": "1", "title": {"ru": "т", "en": "t"},
             "source": {"authors": "a", "citation": "c", "licence": "l"},
             "answerFormats": [{"id": "yn", "kind": "yesno", "options": [{"code": "да"}, {"code": "нет"}]}],
             "items": [
            \(items)
             ],
             "scales": [{"id": "s", "title": {"ru": "ш", "en": "s"}, "key": []}]}
            """)
        try workspace.write("sheet.csv", text: "id;1\nS1;да\n")
        let run = try workspace.run(["score", "--instrument", "bad.json", "sheet.csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderrLines.first == "bad.json: instrument refused, 31 errors", "\(run)")
        #expect(run.stderrLines(startingWith: "bad.json:").count == 21, "the head line and 20 diagnostics: \(run)")
        #expect(run.stderr.contains("… and 11 more diagnostic(s) not shown (31 in all)"), "\(run)")
    }
}
