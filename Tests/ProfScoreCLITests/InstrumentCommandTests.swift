import Foundation
import Testing

/// `profscore validate` and `profscore instruments`, and `score` with an
/// instrument file that is refused.
@Suite struct InstrumentCommandTests {
    /// The six bundled instruments with their item and scale counts, from
    /// docs/bundled-ids.md (readiness: six component scales and `total`).
    static let bundled: [(id: String, items: Int, scales: Int)] = [
        ("golomshtok-interest-map", 174, 29),
        ("iip-riasec-48", 48, 6),
        ("klimov-ddo", 20, 5),
        ("onet-interest-profiler-60", 60, 6),
        ("readiness-self-determination", 24, 7),
        ("rezapkina-profile", 50, 10),
    ]

    @Test func theInstrumentsFolderHoldsTheSixBundledIDs() throws {
        #expect(try Repository.bundledInstrumentIDs() == Self.bundled.map(\.id))
    }

    @Test(arguments: bundled.map(\.id))
    func bundledFileIsValid(_ id: String) throws {
        let workspace = try Workspace()
        let path = Repository.path("Instruments/\(id).json")
        let run = try workspace.run(["validate", path, "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        #expect(run.stderrLines == run.stderrLines(startingWith: "\(path): valid — \(id) "), "\(run)")
        #expect(run.stderrLines.count == 1, "\(run)")
    }

    @Test func validateTakesBundledIDsAndSeveralFiles() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("pair-instrument.json")
        let run = try workspace.run(["validate", "klimov-ddo", "pair-instrument.json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrLines(startingWith: "klimov-ddo: valid — klimov-ddo ").count == 1, "\(run)")
        #expect(run.stderrLines(startingWith: "pair-instrument.json: valid — pair 1.0.0, 2 items, 2 scales").count == 1, "\(run)")
    }

    @Test func instrumentsListsTheSixBundledIDs() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["instruments", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrBytes.isEmpty, "\(run)")
        var lines = run.stdout.components(separatedBy: "\n").filter { !$0.isEmpty }
        let header = lines.removeFirst().split(separator: " ").map(String.init)
        #expect(header.prefix(3) == ["id", "items", "scales"], "\(run)")
        let listed = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(listed.map { $0.first ?? "" } == Self.bundled.map(\.id), "\(run)")
        for (row, expected) in zip(listed, Self.bundled) {
            #expect(row.count >= 3 && row[1] == String(expected.items) && row[2] == String(expected.scales), "\(expected.id): \(row)")
        }
        #expect(run.stdout.contains("Klimov"), "titles in English")
    }

    @Test func instrumentTitlesAreRussianByDefault() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["instruments"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("пункты"), "\(run)")
        #expect(run.stdout.contains("ДДО"), "\(run)")
    }

    // MARK: - Refused instrument files

    struct Problem: Sendable {
        var line: Int
        /// Character column, when the position is that of the named value.
        var column: Int?
        var path: String?
        var says: String
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        var fixture: String
        var problems: [Problem]
        var testDescription: String { fixture }
    }

    /// Positions counted in the fixture files (1-based lines, character columns).
    static let brokenCases: [BrokenCase] = [
        BrokenCase(fixture: "broken-instrument.json", problems: [
            // line 13: `    { "id": "3", "format": "abc" }` — the value "abc" starts at column 28.
            Problem(line: 13, column: 28, path: "$.items[2].format", says: "unknown answer format 'abc'"),
            // line 21: `        { "item": "2", "option": "в" }` — "в" at column 34.
            Problem(line: 21, column: 34, path: "$.scales[0].key[1].option", says: "item '2' has no option 'в'"),
            // line 31: `      "missing": { "maxMisssing": 1 },` — the key at column 20.
            Problem(line: 31, column: 20, path: "$.scales[1].missing.maxMisssing", says: "unknown key 'maxMisssing'"),
            // line 34: the second band `{ "from": 1, "to": 2, … }` starts inside the first (0–1).
            Problem(line: 34, column: nil, path: "$.scales[1].levels[1].from", says: "overlaps the previous one"),
        ]),
        BrokenCase(fixture: "syntax-error.json", problems: [
            // line 3 `  "id": "syntax"` lacks its comma; the parser stops at line 4, column 3.
            Problem(line: 4, column: 3, path: nil, says: "expected ',' or '}'"),
        ]),
        BrokenCase(fixture: "newer-format.json", problems: [
            // line 2: `  "formatVersion": 2,` — the 2 at column 20.
            Problem(line: 2, column: 20, path: "$.formatVersion", says: "up to 1"),
        ]),
        BrokenCase(fixture: "failing-vector.json", problems: [
            // line 22: the vector «one of each» (1а 2б) expects first = 2; the key gives 1а = 1.
            Problem(line: 22, column: nil, path: "$.testVectors[1].expect.scores.first", says: "'one of each'"),
        ]),
    ]

    @Test(arguments: brokenCases)
    func validateListsEveryProblemWithItsPosition(_ broken: BrokenCase) throws {
        let workspace = try Workspace()
        try workspace.copyFixture(broken.fixture)
        let run = try workspace.run(["validate", broken.fixture, "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        checkProblems(broken, in: run)
    }

    @Test(arguments: brokenCases)
    func scoreRefusesTheInstrument(_ broken: BrokenCase) throws {
        let workspace = try Workspace()
        try workspace.copyFixture(broken.fixture)
        try workspace.write("sheet.csv", text: "id,1,2\nP1,а,б\n")
        let run = try workspace.run(["score", "--instrument", broken.fixture, "sheet.csv", "--output", "out.csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        checkProblems(broken, in: run)
        #expect(try workspace.listing() == [broken.fixture, "sheet.csv"].sorted(), "no output file")
    }

    private func checkProblems(_ broken: BrokenCase, in run: ProfscoreRun) {
        let count = broken.problems.count
        #expect(run.stderr.contains("\(broken.fixture): instrument refused, \(count) error\(count == 1 ? "" : "s")"), "\(run)")
        // Every diagnostic line is `file:line[:column]: error: …`; exactly the expected ones.
        let diagnosticLines = run.stderrLines(startingWith: broken.fixture + ":").filter { $0.dropFirst(broken.fixture.count + 1).first?.isNumber == true }
        #expect(diagnosticLines.count == count, "\(run)")
        for problem in broken.problems {
            let position = "\(broken.fixture):\(problem.line)" + (problem.column.map { ":\($0)" } ?? "")
            let matching = diagnosticLines.filter { line in
                let head = line.hasPrefix(position + ": error: ") || (problem.column == nil && line.hasPrefix(position + ":"))
                let path = problem.path.map { line.contains(": error: \($0): ") } ?? true
                return head && path && line.contains(problem.says)
            }
            #expect(matching.count == 1, "expected \(position): error: \(problem.path ?? "") … \(problem.says)\n\(run)")
        }
    }

    @Test func newerFormatIsReportedAloneEvenWithKeysThisVersionDoesNotKnow() throws {
        // A version 2 file may well use keys that version 1 lacks; the only
        // useful message is that the version is too new.
        let workspace = try Workspace()
        try workspace.copyFixture("newer-format-with-new-key.json")
        let run = try workspace.run(["validate", "newer-format-with-new-key.json", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderrLines(startingWith: "newer-format-with-new-key.json:2:20: error: $.formatVersion:").count == 1, "\(run)")
        #expect(run.stderr.contains("instrument refused, 1 error\n"), "\(run)")
        #expect(!run.stderr.contains("unknown key 'norms'"), "\(run)")
    
    }

    @Test func validateGoesOnAfterABrokenFile() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("broken-instrument.json")
        try workspace.copyFixture("pair-instrument.json")
        let run = try workspace.run(["validate", "broken-instrument.json", "pair-instrument.json", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("broken-instrument.json: instrument refused, 4 errors"), "\(run)")
        #expect(run.stderrLines(startingWith: "pair-instrument.json: valid").count == 1, "\(run)")
    }

    @Test func validateInRussianByDefault() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("broken-instrument.json")
        let run = try workspace.run(["validate", "broken-instrument.json"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderrLines(startingWith: "broken-instrument.json:13:28: ошибка: $.items[2].format:").count == 1, "\(run)")
    }
}
