import Foundation
import Testing

/// Every help text, in both languages, against its golden file in
/// Fixtures/help/<command>.<ru|en>.txt (`main` for `profscore --help`).
/// `PROFSCORE_RECORD=1 swift test --filter HelpGoldenTests` re-records them;
/// read every re-recorded file before committing it.
@Suite struct HelpGoldenTests {
    struct HelpPage: Sendable, CustomTestStringConvertible {
        var command: String
        var language: String
        var arguments: [String] {
            (command == "main" ? ["--help"] : [command, "--help"]) + ["--lang", language]
        }
        var file: String { "\(command).\(language).txt" }
        var testDescription: String { file }
    }

    static let commands = ["main", "score", "report", "merge", "validate", "describe", "template", "analyze", "norms", "instruments", "key"]
    static let pages = commands.flatMap { command in ["ru", "en"].map { HelpPage(command: command, language: $0) } }

    @Test(arguments: pages)
    func helpMatchesItsGoldenFile(_ page: HelpPage) throws {
        let workspace = try Workspace()
        let run = try workspace.run(page.arguments)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrBytes.isEmpty, "\(run)")
        try expectHelpGolden(run.stdoutBytes, page.file)
    }

    @Test func helpLinesFitInOneHundredColumns() throws {
        for page in Self.pages {
            let workspace = try Workspace()
            let run = try workspace.run(page.arguments)
            for line in run.stdout.split(separator: "\n") {
                #expect(line.count <= 100, "\(page.file): \(line)")
            }
        }
    }

    @Test(arguments: [["--version"], ["version"], ["--version", "--lang", "en"]])
    func versionIsPrinted(_ arguments: [String]) throws {
        let workspace = try Workspace()
        let run = try workspace.run(arguments)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "profscore 0.9.0\n", "\(run)")
        #expect(run.stderrBytes.isEmpty, "\(run)")
    }

    @Test func aValueNotAllowedIsRefusedWithTheDeclaredList() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["describe", "klimov-ddo", "--format", "html", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("--format 'html' is not one of: table, md"), "\(run)")
    }
}

/// Compares `actual` with the golden help file `name`; with
/// `PROFSCORE_RECORD=1` writes it instead. A mismatch shows the lines that differ.
func expectHelpGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = Repository.path("Tests/ProfScoreCLITests/Fixtures/help/" + name)
    if ProcessInfo.processInfo.environment["PROFSCORE_RECORD"] == "1" {
        try Data(actual).write(to: URL(fileURLWithPath: path))
        return
    }
    guard let expected = FileManager.default.contents(atPath: path) else {
        Issue.record("no golden file \(name); record it with PROFSCORE_RECORD=1 swift test and review it", sourceLocation: sourceLocation)
        return
    }
    if Array(expected) == actual { return }
    let expectedLines = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
    let actualLines = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
    var diff: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let e = index < expectedLines.count ? expectedLines[index] : "<none>"
        let a = index < actualLines.count ? actualLines[index] : "<none>"
        if e != a { diff.append("line \(index + 1):\n- \(e)\n+ \(a)") }
        if diff.count >= 10 { break }
    }
    Issue.record("\(name) differs from its golden file (PROFSCORE_RECORD=1 re-records):\n\(diff.joined(separator: "\n"))",
                 sourceLocation: sourceLocation)
}
