import Foundation
import ProfScoreKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

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
        #expect(lines.last?.hasPrefix("sheet.csv:31:2: ошибка: пункт 1, респондент R30: не удаётся прочитать «x»") == true)
        // Report reads only the columns it needs, but every message still names the respondent.
        for (index, line) in lines.enumerated() {
            #expect(line.hasPrefix("sheet.csv:\(index + 2):2: ошибка: пункт 1, респондент R\(index + 1): не удаётся прочитать «x»"), "\(line)")
        }
    }

    @Test func diagnosticsFileNamingAnInputIsRefused() throws {
        let workspace = try Workspace()
        let sheet = Self.sheetWithBadCells(3)
        try workspace.write("sheet.csv", text: sheet)
        for command in [["score"], ["report"]] {
            let run = try workspace.run(command + ["--instrument", "klimov-ddo", "sheet.csv", "--diagnostics", "./sheet.csv", "--lang", "en"])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains("--diagnostics ./sheet.csv is the same file as answer sheet sheet.csv; it would be overwritten"), "\(run)")
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

    // MARK: - Interrupted runs, untouched inputs

    /// A ДДО sheet of `rows` students, about 48 bytes a row.
    static func bigSheet(rows: Int) -> [UInt8] {
        var text = header + "\n"
        text.reserveCapacity(rows * 50)
        for index in 1...rows {
            text += "R\(index);" + (1...20).map { ($0 + index) % 3 == 0 ? "б" : "а" }.joined(separator: ";") + "\n"
        }
        return Array(text.utf8)
    }

    #if os(Linux)
    /// The size of the file that `pid` is writing into `folder` without a name
    /// yet (an `O_TMPFILE`, shown by /proc as "FOLDER/#INODE (deleted)").
    static func unnamedFileSize(pid: Int32, folder: String) -> Int? {
        let fdFolder = "/proc/\(pid)/fd"
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: fdFolder) else { return nil }
        for descriptor in descriptors {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdFolder + "/" + descriptor),
                  target.hasPrefix(folder + "/#"), target.hasSuffix("(deleted)") else { continue }
            var info = stat()
            if stat(fdFolder + "/" + descriptor, &info) == 0 { return Int(info.st_size) }
        }
        return nil
    }

    /// `kill -9`: nothing runs after it, so only a file without a name can
    /// leave nothing behind. (SIGTERM and SIGINT cannot be tested here: the
    /// test runner's processes inherit them blocked.)
    @Test func killedRunLeavesTheOldOutputAndNoPartialFile() throws {
        let signal = SIGKILL
        let workspace = try Workspace()
        let input = Self.bigSheet(rows: 150_000)
        try workspace.write("big.csv", bytes: input)
        let old = Array("last week's scores, which must survive\n".utf8)
        try workspace.write("out.csv", bytes: old)
        let inputDigest = SHA256.hash(input)

        let process = Process()
        process.executableURL = try ProfscoreBinary.url()
        process.arguments = ["score", "--instrument", "klimov-ddo", "big.csv", "--output", "out.csv"]
        process.currentDirectoryURL = workspace.folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the new output is half-way: at least 1 MB written into its unnamed file.
        let folder = workspace.folder.resolvingSymlinksInPath().path
        let deadline = Date().addingTimeInterval(Workspace.timeout)
        var written = 0
        while process.isRunning && Date() < deadline {
            written = Self.unnamedFileSize(pid: process.processIdentifier, folder: folder) ?? 0
            if written >= 1 << 20 { break }
            usleep(2_000)
        }
        #expect(process.isRunning && written >= 1 << 20, "the run was caught while writing (\(written) bytes)")
        kill(process.processIdentifier, signal)
        // Should the signal not end it, it must not run on for minutes.
        let stopBy = Date().addingTimeInterval(10)
        while process.isRunning && Date() < stopBy { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)

        let intact = workspace.contents("out.csv") == old
        #expect(intact, "the old output is intact")
        #expect(try workspace.listing() == ["big.csv", "out.csv"], "no partial or temporary file")
        let unchanged = SHA256.hash(try #require(workspace.contents("big.csv"))) == inputDigest
        #expect(unchanged, "the input is unchanged")
    }
    #endif

    @Test func inputsAreNeverModified() throws {
        // Every command that reads sheets, rosters, targets or summaries, with
        // outputs beside them: the inputs' SHA-256 stay the same.
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(3))
        try workspace.write("roster.csv", text: "id;school;class;grade\nR1;Школа 1;7А;7\nR2;Школа 1;7А;7\nR3;Школа 1;7А;7\n")
        try workspace.write("targets.csv", text: "indicator,band,year,target\ndiagnosed,*,*,80\n")
        try workspace.write("key.txt", text: "a-key-of-at-least-16-bytes\n")
        let inputs = ["sheet.csv", "roster.csv", "targets.csv", "key.txt"]
        let before = try inputs.map { SHA256.hash(try #require(workspace.contents($0))) }
        let runs = [
            ["score", "--instrument", "klimov-ddo", "sheet.csv", "--output", "scores.csv", "--pseudonymize", "key.txt", "--diagnostics", "d1.txt"],
            ["score", "--instrument", "klimov-ddo", "sheet.csv", "--format", "json", "--output", "scores.json"],
            ["report", "--instrument", "klimov-ddo", "sheet.csv", "--roster", "roster.csv", "--targets", "targets.csv",
             "--format", "json", "--output", "summary.json", "--diagnostics", "d2.txt"],
            ["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "html", "--output", "report.html", "--individual", "pages"],
            ["merge", "summary.json", "--format", "csv", "--output", "merged.csv"],
        ]
        for arguments in runs {
            let run = try workspace.run(arguments + ["--lang", "en"])
            #expect(run.status == 0, "\(run)")
        }
        let after = try inputs.map { SHA256.hash(try #require(workspace.contents($0))) }
        #expect(after == before)
        #expect(try workspace.listing() == ["d1.txt", "d2.txt", "key.txt", "merged.csv", "pages", "report.html", "roster.csv",
                                           "scores.csv", "scores.json", "sheet.csv", "summary.json", "targets.csv"])
    }

    @Test func outputNamingAnInputIsRefusedByEveryCommand() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.sheetWithBadCells(2))
        try workspace.write("roster.csv", text: "id;school;class;grade\nR1;Школа 1;7А;7\n")
        let summary = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--format", "json", "--output", "summary.json"])
        #expect(summary.status == 0, "\(summary)")
        let snapshot = try ["sheet.csv", "roster.csv", "summary.json"].map { try #require(workspace.contents($0)) }
        let refused = [
            ["report", "--instrument", "klimov-ddo", "sheet.csv", "--output", "./sheet.csv"],
            ["report", "--instrument", "klimov-ddo", "sheet.csv", "--roster", "roster.csv", "--output", "roster.csv"],
            ["merge", "summary.json", "--output", "summary.json"],
        ]
        for arguments in refused {
            let run = try workspace.run(arguments + ["--lang", "en"])
            #expect(run.status == 64, "\(run)")
            #expect(run.stderr.contains("; it would be overwritten — choose another file"), "\(run)")
        }
        #expect(try ["sheet.csv", "roster.csv", "summary.json"].map { try #require(workspace.contents($0)) } == snapshot)
    }
}
