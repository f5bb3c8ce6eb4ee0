import Foundation
import Testing

/// The researcher's commands end to end: validate's warnings, describe,
/// template, analyze, and the round trip validate → template → score → analyze
/// on the example instrument of Examples/custom.
@Suite struct ResearcherCommandTests {
    static let pilotInstrument = Repository.path("Examples/custom/pilot-interests.json")
    static let pilotSample = Repository.path("Examples/custom/pilot-sample.csv")

    // MARK: - validate

    /// pair-instrument.json: no test vectors, two scales of two items each.
    @Test func validatePrintsWarningsAndStillSucceeds() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("pair-instrument.json")
        let run = try workspace.run(["validate", "pair-instrument.json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderrLines(startingWith: "pair-instrument.json: valid — pair 1.0.0, 2 items, 2 scales, 0 test vector(s) passed, 3 warning(s)").count == 1, "\(run)")
        #expect(run.stderrLines(startingWith: "pair-instrument.json:1:1: warning: $: the instrument has no test vectors").count == 1, "\(run)")
        // Lines 16 and 18 of the fixture: `      "key": [ … ]` — the arrays start at column 14.
        #expect(run.stderrLines(startingWith: "pair-instrument.json:16:14: warning: $.scales[0].key: scale 'first' has 2 item(s)").count == 1, "\(run)")
        #expect(run.stderrLines(startingWith: "pair-instrument.json:18:14: warning: $.scales[1].key: scale 'second' has 2 item(s)").count == 1, "\(run)")
        #expect(run.stderrLines.count == 4, "\(run)")
    }

    @Test func theExampleInstrumentValidatesWithoutWarnings() throws {
        let run = try Workspace().run(["validate", Self.pilotInstrument, "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrLines == ["\(Self.pilotInstrument): valid — pilot-interests 0.1.0, 15 items, 3 scales, 3 test vector(s) passed"], "\(run)")
    }

    // MARK: - describe

    @Test func describeWritesMarkdownOrAFile() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["describe", "klimov-ddo", "--format", "md", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrBytes.isEmpty, "\(run)")
        #expect(run.stdout.hasPrefix("# Klimov"), "\(run)")
        #expect(run.stdout.contains("| nature | Person — nature | 8 | 1а, 3б, 6а, 10а, 11а, 13б, 16а, 20а | sum | 0–8 | none allowed |"), "\(run)")
        let toFile = try workspace.run(["describe", Self.pilotInstrument, "--output", "pilot.txt"])
        #expect(toFile.status == 0 && toFile.stdoutBytes.isEmpty, "\(toFile)")
        let text = String(decoding: workspace.contents("pilot.txt") ?? [], as: UTF8.self)
        #expect(text.contains("1, 4, 7 (обр.), 10, 13 (обр.)"), "\(text)")
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var says: String
        var status: Int32 = 64
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(arguments: ["describe", "--lang", "en"], says: "describe needs exactly one instrument"),
        UsageCase(arguments: ["describe", "klimov-ddo", "rezapkina-profile", "--lang", "en"], says: "describe needs exactly one instrument"),
        UsageCase(arguments: ["describe", "klimov-ddo", "--format", "html", "--lang", "en"], says: "--format 'html' is not one of: table, md"),
        UsageCase(arguments: ["describe", "no-such-test", "--lang", "en"], says: "no bundled instrument 'no-such-test'"),
        UsageCase(arguments: ["describe", "nothing-here.json", "--lang", "en"], says: "no such file", status: 1),
        UsageCase(arguments: ["template", "--lang", "en"], says: "template needs exactly one instrument"),
        UsageCase(arguments: ["template", "klimov-ddo", "--roster", "r.csv", "--output", "r.csv", "--lang", "en"], says: "--output r.csv is the same file as --roster r.csv; it would be overwritten"),
        UsageCase(arguments: ["template", "klimov-ddo", "--roster", "missing.csv", "--lang", "en"], says: "missing.csv", status: 1),
        UsageCase(arguments: ["analyze", "SHEET", "--lang", "en"], says: "analyze needs --instrument"),
        UsageCase(arguments: ["analyze", "--instrument", "klimov-ddo", "--lang", "en"], says: "at least one answer-sheet file"),
        UsageCase(arguments: ["analyze", "--instrument", "klimov-ddo", "SHEET", "--format", "xml", "--lang", "en"],
                  says: "--format 'xml' is not one of: table, md, csv, json"),
        UsageCase(arguments: ["analyze", "--instrument", "klimov-ddo", "SHEET", "--output", "SHEET", "--lang", "en"],
                  says: "is the same file as answer sheet sheet.csv; it would be overwritten"),
        UsageCase(arguments: ["analyze", "--instrument", "klimov-ddo", "SHEET", "--diagnostics", "SHEET", "--lang", "en"],
                  says: "--diagnostics sheet.csv is the same file as answer sheet sheet.csv"),
        UsageCase(arguments: ["analyze", "--instrument", "klimov-ddo", "-", "-", "--lang", "en"], says: "only once"),
    ]

    @Test(arguments: usageCases)
    func mistakesOnTheCommandLine(_ usage: UsageCase) throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: "id,1,2\nP1,а,б\n")
        try workspace.write("r.csv", text: "id,класс\nx,7А\n")
        let run = try workspace.run(usage.arguments.map { $0 == "SHEET" ? "sheet.csv" : $0 })
        #expect(run.status == usage.status, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        #expect(run.stderr.contains(usage.says), "\(run)")
        #expect(try workspace.listing() == ["r.csv", "sheet.csv"], "nothing is written")
    }

    @Test(arguments: ["describe", "template", "analyze"])
    func helpOfTheNewCommands(_ command: String) throws {
        let run = try Workspace().run([command, "--help", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("USAGE: profscore \(command)"), "\(run)")
        #expect(run.stdout.contains("--lang ru|en") && run.stdout.contains("EXIT CODES"), "\(run)")
        let main = try Workspace().run(["--help", "--lang", "en"])
        #expect(main.stdout.contains("  \(command) "), "\(main)")
    }

    // MARK: - template

    @Test func templateForExcelWithARoster() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["template", "klimov-ddo", "--roster", Repository.path("Examples/school2/roster.csv"),
                                     "--excel", "--output", "blank.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrLines == ["klimov-ddo: a blank sheet with 20 item column(s) and 43 row(s); fill in one row per respondent and score it with profscore score --instrument klimov-ddo"], "\(run)")
        let bytes = try #require(workspace.contents("blank.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let document = CSVDocument(parsing: String(decoding: bytes, as: UTF8.self), delimiter: ";")
        #expect(document.header == ["id", "name", "school", "class"] + (1...20).map(String.init))
        #expect(document.rows.count == 43)
        #expect(document.record(id: "8В-01")?["class"] == "8В")
        #expect(document.record(id: "8В-01")?["school"] == "Лицей № 2")
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").count == 45)
    }

    // MARK: - analyze

    @Test func analyzeTheExampleFlagsItem15() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["analyze", "--instrument", Self.pilotInstrument, Self.pilotSample, "--format", "csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let warnings = run.stderrLines(startingWith: "\(Self.pilotInstrument):")
        #expect(warnings.count == 1, "\(run)")
        // The entry {"item": "15"} is on line 230 of the example file, at column 9.
        #expect(warnings.first?.hasPrefix("\(Self.pilotInstrument):230:9: warning: $.scales[2].key[4]: item 15 correlates negatively") == true, "\(run)")
        #expect(run.stderrLines.last == "pilot-interests: 150 respondent(s) from 1 of 1 file(s); 0 unreadable cell(s) counted as missing; 1 item warning(s)", "\(run)")
        let csv = run.csv()
        #expect(csv.header.prefix(10) == ["scale", "item", "reversed", "option", "n", "mean", "sd", "r_drop", "alpha_if_dropped", "missing"])
        #expect(csv.rows.count == 3 + 15)
        let item15 = try #require(csv.rows.first { $0[0] == "creative" && $0[1] == "15" })
        #expect((Double(item15[7]) ?? 0) < 0, "\(item15)")
        #expect(item15.last == "negative-r-drop")
    }

    @Test func analyzeJSONAndTable() throws {
        let workspace = try Workspace()
        let json = try workspace.run(["analyze", "--instrument", "readiness-self-determination",
                                      Repository.path("Examples/readiness-self-determination-9b.csv"), "--format", "json"])
        #expect(json.status == 0, "\(json)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        #expect(document["respondents"] as? Int == 19)
        #expect((document["scales"] as? [[String: Any]])?.count == 7)
        let table = try workspace.run(["analyze", "--instrument", "klimov-ddo", Repository.path("Examples/klimov-ddo-7a.csv"), "--lang", "en"])
        #expect(table.status == 0, "\(table)")
        #expect(table.stdout.contains("forced choice (ipsative): α not reported"), "\(table)")
        #expect(table.stderr.contains("note: $.scales: scales nature, technology, people, sign, art are forced-choice"), "\(table)")
    }

    @Test func aSheetWithoutItemColumnsExits65() throws {
        let workspace = try Workspace()
        try workspace.write("names.csv", text: "id,name\n1,x\n")
        let answers = Array(repeating: "а,б", count: 10).joined(separator: ",")
        try workspace.write("good.csv", text: "id," + (1...20).map(String.init).joined(separator: ",") + "\nP1,\(answers)\nP2,\(answers)\n")
        let run = try workspace.run(["analyze", "--instrument", "klimov-ddo", "names.csv", "good.csv", "--format", "csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("no column of the header row is named after an item"), "\(run)")
        // (The identical answers of P1 and P2 give item warnings, counted after the summary line.)
        #expect(run.stderrLines.contains { $0.hasPrefix("klimov-ddo: 2 respondent(s) from 1 of 2 file(s)") }, "\(run)")
    }

    // MARK: - Round trip

    /// validate → template (one row per pupil of a roster) → filled in with the
    /// pilot answers → score → analyze gives the same numbers as analyzing the
    /// pilot sample itself.
    @Test func roundTripOnTheExampleInstrument() throws {
        let workspace = try Workspace()
        #expect(try workspace.run(["validate", Self.pilotInstrument]).status == 0)
        let pilot = CSVDocument(parsing: String(decoding: try Repository.bytes("Examples/custom/pilot-sample.csv"), as: UTF8.self), delimiter: ";")
        let roster = "id;класс\n" + pilot.rows.map { "\($0[0]);\($0[1])" }.joined(separator: "\n") + "\n"
        try workspace.write("roster.csv", text: roster)
        let template = try workspace.run(["template", Self.pilotInstrument, "--roster", "roster.csv", "--output", "blank.csv"])
        #expect(template.status == 0, "\(template)")

        // Fill the blank sheet in, as a teacher would, from the pilot answers.
        let blank = CSVDocument(parsing: String(decoding: workspace.contents("blank.csv") ?? [], as: UTF8.self))
        #expect(blank.header == ["id", "ФИО", "класс"] + (1...15).map(String.init))
        #expect(blank.rows.count == 150)
        var filled = blank.header.joined(separator: ",") + "\n"
        for row in blank.rows {
            let answers = try #require(pilot.record(id: row[0]))
            filled += ([row[0], row[1], row[2]] + (1...15).map { answers[String($0)] ?? "" }).joined(separator: ",") + "\n"
        }
        try workspace.write("filled.csv", text: filled)

        let score = try workspace.run(["score", "--instrument", Self.pilotInstrument, "filled.csv", "--lang", "en"])
        #expect(score.status == 0, "\(score)")
        #expect(score.csv().rows.count == 150)
        #expect(score.stderr.contains("150 respondent(s) scored from 1 of 1 file(s); 0 cell(s) could not be read, 0 error(s)"), "\(score)")

        let fromFilled = try workspace.run(["analyze", "--instrument", Self.pilotInstrument, "filled.csv", "--format", "csv"])
        let fromPilot = try workspace.run(["analyze", "--instrument", Self.pilotInstrument, Self.pilotSample, "--format", "csv"])
        #expect(fromFilled.status == 0 && fromPilot.status == 0)
        #expect(fromFilled.stdout == fromPilot.stdout)
    }
}
