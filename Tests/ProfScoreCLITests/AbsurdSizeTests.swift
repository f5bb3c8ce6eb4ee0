import Foundation
import Testing

/// Files whose size or numbers are absurd, run through the built `profscore`:
/// memory must not follow the number of blank lines, and counts no school
/// can have are refused with a message instead of overflowing (a crash by
/// signal fails the test).
@Suite struct AbsurdSizeTests {
    static let header = "id;" + (1...20).map(String.init).joined(separator: ";")
    static let answersA = Array(repeating: "а", count: 20).joined(separator: ";")

    @Test(.timeLimit(.minutes(1)))
    func fiveMillionBlankLinesAreScoredInLittleMemory() throws {
        // 5 MB of line feeds between two rows (over 4 MiB: split into parts).
        // The old code made room for 5 million ids and rows up front (over
        // 200 MB) and aborted within the 300 MB of address space allowed here.
        let workspace = try Workspace()
        var bytes = Array((Self.header + "\nS1;" + Self.answersA + "\n").utf8)
        bytes += [UInt8](repeating: 0x0A, count: 5_000_000)
        bytes += Array(("S2;" + Self.answersA + "\n").utf8)
        try workspace.write("blank.csv", bytes: bytes)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "blank.csv", "--threads", "2", "--output", "out.csv",
                                     "--diagnostics", "-", "--lang", "en"], addressSpaceLimit: 300_000)
        #expect(run.status == 0, "\(run.status) \(run.stderr.prefix(2000))")
        let out = String(decoding: workspace.contents("out.csv") ?? [], as: UTF8.self)
        let lines = out.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.dropFirst().map { $0.first.map(String.init) } == ["S1", "S2"])
        // S2 follows the header, S1 and 5,000,000 blank lines: line 5,000,003.
        #expect(out.hasSuffix(",5000003\n"), "\(out)")
    }

    /// `score` matches each sheet's columns to the output's through a table:
    /// 40,000 columns of one name took 12 s (each looked up in a list), now linear.
    @Test(.timeLimit(.minutes(1))) func fortyThousandColumnsOfOneNameAreScoredInLinearTime() throws {
        let workspace = try Workspace()
        let header = ["id"] + Array(repeating: "x", count: 40_000) + (1...20).map(String.init)
        let row = ["S1"] + Array(repeating: "v", count: 40_000) + Array(repeating: Self.answersA, count: 1)
        try workspace.write("wide.csv", text: header.joined(separator: ";") + "\n" + row.joined(separator: ";") + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "wide.csv", "--output", "out.csv"])
        #expect(run.status == 0, "\(run.stderr.prefix(2000))")
        let out = String(decoding: workspace.contents("out.csv") ?? [], as: UTF8.self).split(separator: "\n")
        #expect(out.count == 2)
        // id, 5 scales, 5 levels, leading, profile, flags, file, line and the 40,000 renamed columns.
        #expect(out.first?.split(separator: ",", omittingEmptySubsequences: false).count == 16 + 40_000)
    }

    @Test func summaryCountsNoSchoolCanHaveAreRefusedByMerge() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: "id;школа;класс;" + (1...20).map(String.init).joined(separator: ";") + "\nS1;Школа 1;7А;" + Self.answersA + "\n")
        let report = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "json", "--output", "summary.json"])
        #expect(report.status == 0, "\(report.stderr)")
        let text = String(decoding: try #require(workspace.contents("summary.json")), as: UTF8.self)
        // One sheet: «"sheets" : 1» becomes Int64.max; merging two such files added them up and overflowed.
        let edited = text.replacingOccurrences(of: "\"sheets\" : 1", with: "\"sheets\" : 9223372036854775807")
        #expect(edited != text)
        try workspace.write("huge.json", text: edited)
        // Two copies: the same file twice is refused before it is read.
        try workspace.write("huge-2.json", text: edited)
        let merge = try workspace.run(["merge", "huge.json", "huge-2.json", "--lang", "en"])
        #expect(merge.status == 65, "\(merge.status) \(merge.stderr)")
        #expect(merge.stderr.contains("huge.json: error: $.groups[0].results.sheets is 9223372036854775807, but a count in a summary is a whole number from 0 to 1000000000"), "\(merge.stderr)")

        // A histogram count too large for an integer: converting it trapped.
        let histogram = text.replacingOccurrences(of: "\"sheets\" : 1", with: "\"sheets\" : 1").replacingOccurrences(
            of: "\"histogram\" : [\n              [\n                6,\n                1\n              ]", with: "\"histogram\" : [\n              [\n                6,\n                9.3e18\n              ]")
        #expect(histogram != text)
        try workspace.write("histogram.json", text: histogram)
        let second = try workspace.run(["merge", "histogram.json", "--lang", "en"])
        #expect(second.status == 65, "\(second.status) \(second.stderr)")
        #expect(second.stderr.contains("histogram.json: error: $.groups[0].results.scales[0].histogram[0] counts 9.3e+18, but a count in a summary is a whole number from 0 to 1000000000"), "\(second.stderr)")
    }

    @Test func anEnrolledCountNoClassCanHaveIsIgnoredWithAWarning() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: "id;школа;класс;" + (1...20).map(String.init).joined(separator: ";") + "\nS1;Школа 1;7А;" + Self.answersA + "\n")
        // 7А listed twice with Int64.max: adding the two overflowed. 7Б is sane.
        try workspace.write("roster.csv", text: "school;class;grade;enrolled\nШкола 1;7А;7;9223372036854775807\nШкола 1;7А;7;9223372036854775807\nШкола 1;7Б;7;25\n")
        let run = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--roster", "roster.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(run.status == 0, "\(run.status) \(run.stderr)")
        for line in [2, 3] {
            #expect(run.stderr.contains("roster.csv:\(line):4: warning: the number enrolled is 9223372036854775807, but a class has at most 100000 pupils; the row is ignored"), "\(run.stderr)")
        }
    }
}
