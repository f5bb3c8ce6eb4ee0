import Foundation
import Testing

/// `profscore score`: where answers come from (files, several files,
/// standard input) and where scores go (stdout, `--output`, `--strict`).
@Suite struct ScoreInputOutputTests {
    static let klimovSheet = Repository.path("Examples/klimov-ddo-7a.csv")

    /// The header of a ДДО sheet with only an id column.
    static let klimovHeader = "id;" + (1...20).map(String.init).joined(separator: ";")

    /// A clean ДДО sheet, hand-scored:
    /// S1 answers like 7А-01 of the example: nature 5, technology 4, people 0, sign 6, art 5.
    /// S2 answers б everywhere: nature 3б 13б = 2; technology 1б 7б 11б 17б = 4;
    ///   people 4б 6б 14б 16б = 4; sign 2б 9б 10б 12б 19б 20б = 6; art 5б 8б 15б 18б = 4 (sum 20).
    static let cleanSheet = klimovHeader + "\n"
        + "S1;а;б;б;а;а;а;б;б;а;б;а;б;а;а;б;а;а;б;б;б\n"
        + "S2;" + Array(repeating: "б", count: 20).joined(separator: ";") + "\n"

    // MARK: - R's row names

    /// A sheet saved by R's `write.csv`: an empty first header cell above
    /// quoted row names. That column is `id` and holds the row names.
    @Test func aSheetWithRRowNamesHasItsIdColumnNamedId() throws {
        let workspace = try Workspace()
        let header = "\"\"," + (1...20).map { "\"\($0)\"" }.joined(separator: ",")
        let allB = Array(repeating: "\"б\"", count: 20).joined(separator: ",")
        try workspace.write("r.csv", text: header + "\n\"S2\"," + allB + "\n\"S3\"," + allB + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "r.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        #expect(csv.header.first == "id" && !csv.header.contains("column 1"), "\(csv.header)")
        #expect(csv.ids == ["S2", "S3"])
        // All б (see cleanSheet): nature 2, technology 4, people 4, sign 6, art 4.
        let record = try #require(csv.record(id: "S2"))
        #expect(["nature", "technology", "people", "sign", "art"].map { record[$0] ?? "" } == ["2", "4", "4", "6", "4"], "\(run)")
        let json = try workspace.run(["score", "--instrument", "klimov-ddo", "r.csv", "--format", "json", "--lang", "en"])
        #expect(json.stdout.contains("{\"id\":\"S2\",\"file\":\"r.csv\",\"line\":2,\"info\":{}"), "\(json)")
    }

    // MARK: - --output

    /// A header that repeats an item column is an error of the header: the
    /// summary counts it as an error, not as a cell that could not be read.
    @Test func headerErrorsAreNotCountedAsUnreadableCells() throws {
        let workspace = try Workspace()
        // Items 1, 1 again, then 2…20: every item has a column.
        let sheet = try workspace.write("dup.csv", text: "id;1;" + (1...20).map(String.init).joined(separator: ";") + "\n"
            + "A;б;" + Array(repeating: "а", count: 20).joined(separator: ";") + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "en"])
        #expect(run.stderrLines(startingWith: "\(sheet):1:3: error:").count == 1, "\(run.stderrLines)")
        #expect(run.stderr.contains("1 respondent(s) scored from 1 of 1 file(s); 0 cell(s) could not be read, 1 error(s), 0 warning(s)"), "\(run.stderrLines)")
    }

    @Test func outputFileIsWrittenWholeAndStdoutStaysEmpty() throws {
        let workspace = try Workspace()
        let toStdout = try workspace.run(["score", "--instrument", "klimov-ddo", Self.klimovSheet, "--lang", "en"])
        let toFile = try workspace.run(["score", "--instrument", "klimov-ddo", Self.klimovSheet, "--output", "out.csv", "--lang", "en"])
        #expect(toFile.status == 0, "\(toFile)")
        #expect(toFile.stdoutBytes.isEmpty, "\(toFile)")
        #expect(toFile.stderrLines(startingWith: "\(Self.klimovSheet):8:15: error:").count == 1, "diagnostics still on stderr")
        let written = try #require(workspace.contents("out.csv"))
        #expect(written == toStdout.stdoutBytes, "the file holds exactly what standard output would")
        let csv = CSVDocument(parsing: String(decoding: written, as: UTF8.self))
        #expect(csv.rows.count == 22)
        #expect(written.last == 0x0A)
        #expect(try workspace.listing() == ["out.csv"], "no temporary file is left behind")
    }

    @Test func existingOutputFileIsReplaced() throws {
        let workspace = try Workspace()
        let old = String(repeating: "old contents that are longer than the new ones\n", count: 200)
        try workspace.write("out.csv", text: old)
        try workspace.write("sheet.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--output", "out.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let text = String(decoding: try #require(workspace.contents("out.csv")), as: UTF8.self)
        #expect(!text.contains("old contents"))
        let csv = CSVDocument(parsing: text)
        #expect(csv.ids == ["S1", "S2"])
        #expect(csv.record(id: "S2")?["sign"] == "6")
        #expect(try workspace.listing() == ["out.csv", "sheet.csv"])
    }

    @Test func outputDashDoesNotMakeAFileNamedDash() throws {
        // `-` means standard input for the sheets; for --output it should mean
        // standard output (or be refused), not a file called «-».
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--output", "-", "--lang", "en"])
        let listing = try workspace.listing()
        #expect(listing == ["sheet.csv"], "\(run)")
    
    }

    struct OutputClash: Sendable, CustomTestStringConvertible {
        var name: String
        /// The input as given on the command line ("$" stands for the workspace folder).
        var input: String
        /// The --output value.
        var output: String
        var testDescription: String { name }
    }

    static let clashes: [OutputClash] = [
        OutputClash(name: "same name", input: "sheet.csv", output: "sheet.csv"),
        OutputClash(name: "./ spelling", input: "sheet.csv", output: "./sheet.csv"),
        OutputClash(name: "through ..", input: "sheet.csv", output: "sub/../sheet.csv"),
        OutputClash(name: "absolute input, relative output", input: "$/sheet.csv", output: "sheet.csv"),
        OutputClash(name: "symbolic link to the input", input: "sheet.csv", output: "link.csv"),
        OutputClash(name: "second of two inputs", input: "other.csv", output: "sheet.csv"),
    ]

    @Test(arguments: clashes)
    func outputNamingAnInputIsRefused(_ clash: OutputClash) throws {
        let workspace = try Workspace()
        let original = try Repository.bytes("Examples/klimov-ddo-7a.csv")
        try workspace.write("sheet.csv", bytes: original)
        try workspace.write("other.csv", text: Self.cleanSheet)
        try FileManager.default.createDirectory(atPath: workspace.path("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: workspace.path("link.csv"), withDestinationPath: "sheet.csv")
        let before = try workspace.listing()

        var inputs = [clash.input.replacingOccurrences(of: "$", with: workspace.folder.path)]
        if clash.input == "other.csv" { inputs.append("sheet.csv") }
        let run = try workspace.run(["score", "--instrument", "klimov-ddo"] + inputs + ["--output", clash.output, "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderr.contains("--output \(clash.output) is the same file as answer sheet "), "\(run)")
        #expect(workspace.contents("sheet.csv") == original, "the answers are untouched")
        #expect(try workspace.listing() == before, "nothing written")
    }

    // MARK: - --strict

    @Test func strictFailsOnTheUnreadableCell() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.klimovSheet, "--strict", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stderrLines(startingWith: "\(Self.klimovSheet):8:15: error:").count == 1, "\(run)")
    }

    @Test func strictWritesNoOutputFile() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.klimovSheet, "--strict", "--output", "out.csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        let listing = try workspace.listing()
        #expect(listing.isEmpty, "neither out.csv nor a temporary file: \(listing)")
        #expect(run.stderr.contains("out.csv was not written"), "\(run)")
    }

    @Test func strictKeepsAnExistingOutputFile() throws {
        let workspace = try Workspace()
        try workspace.write("out.csv", text: "last week's scores\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.klimovSheet, "--strict", "--output", "out.csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        #expect(workspace.contents("out.csv") == Array("last week's scores\n".utf8))
        #expect(try workspace.listing() == ["out.csv"])
    }

    @Test func strictSucceedsWithoutProblems() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--strict", "--output", "out.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let csv = CSVDocument(parsing: String(decoding: try #require(workspace.contents("out.csv")), as: UTF8.self))
        #expect(csv.ids == ["S1", "S2"])
        let s1 = try #require(csv.record(id: "S1"))
        #expect([s1["nature"], s1["technology"], s1["people"], s1["sign"], s1["art"]] == ["5", "4", "0", "6", "5"])
        let s2 = try #require(csv.record(id: "S2"))
        #expect([s2["nature"], s2["technology"], s2["people"], s2["sign"], s2["art"]] == ["2", "4", "4", "6", "4"])
    }

    // MARK: - Standard input

    @Test func standardInputIsReadFromAPipe() throws {
        let workspace = try Workspace()
        let bytes = try Repository.bytes("Examples/klimov-ddo-7a.csv")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "-", "--lang", "en"], standardInput: bytes)
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        #expect(csv.rows.count == 22, "\(run)")
        // Windows-1251 through the pipe: names decode, 7А-01 scores as by hand.
        let row = try #require(csv.record(id: "7А-01"), "\(run)")
        #expect(row["ФИО"] == "Воронин Матвей")
        #expect([row["nature"], row["technology"], row["people"], row["sign"], row["art"]] == ["5", "4", "0", "6", "5"])
        #expect(run.stderrLines(startingWith: "-:8:15: error:").count == 1, "standard input is named - in diagnostics: \(run)")
    }

    @Test func standardInputIsNamedDashInTheFileColumn() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "-", "--lang", "en"],
                                    standardInput: Array(Self.cleanSheet.utf8))
        let row = try #require(run.csv().record(id: "S1"), "\(run)")
        #expect(row["file"] == "-")
    
        let json = try workspace.run(["score", "--instrument", "klimov-ddo", "-", "--format", "json", "--lang", "en"],
                                     standardInput: Array(Self.cleanSheet.utf8))
        #expect(json.stdout.contains("\"file\":\"-\""), "\(json)")
    }

    @Test func standardInputAfterAFileKeepsItsRespondentColumns() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: Self.cleanSheet)
        let bytes = try Repository.bytes("Examples/klimov-ddo-7a.csv")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "-", "--lang", "en"], standardInput: bytes)
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        #expect(csv.rows.count == 24, "\(run)")
        #expect(csv.header.contains("ФИО"), "\(run)")
        #expect(csv.record(id: "7А-01")?["ФИО"] == "Воронин Матвей")
    
    }

    /// A pipe given by path (`/dev/stdin`, or `<(…)` in a shell) can be read
    /// only once.
    @Test func pipeNamedByPathIsScored() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "/dev/stdin", "--lang", "en"],
                                    standardInput: Array(Self.cleanSheet.utf8))
        #expect(run.status == 0, "\(run)")
        #expect(run.csv().ids == ["S1", "S2"], "\(run)")
    
    }

    @Test func standardInputCanBeReadOnlyOnce() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "-", "-", "--lang", "en"],
                                    standardInput: Array(Self.cleanSheet.utf8))
        #expect(run.status == 64, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderr.contains("standard input (-) can be read only once"), "\(run)")
    }

    // MARK: - Several files

    @Test func severalFilesAreScoredInOneRunWithTheirColumnsMerged() throws {
        let workspace = try Workspace()
        // a.csv: id;ФИО;items. b.csv: comma-separated, id,класс,items.
        try workspace.write("a.csv", text: "id;ФИО;" + (1...20).map(String.init).joined(separator: ";") + "\n"
            + "A1;Анна;" + Array(repeating: "а", count: 20).joined(separator: ";") + "\n")
        try workspace.write("b.csv", text: "id,класс," + (1...20).map(String.init).joined(separator: ",") + "\n"
            + "B1,7Б," + Array(repeating: "б", count: 20).joined(separator: ",") + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "a.csv", "b.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        #expect(csv.ids == ["A1", "B1"])
        #expect(Array(csv.header.suffix(2)) == ["ФИО", "класс"], "\(run)")
        // All а: nature 1а 6а 10а 11а 16а 20а = 6; technology 4а 9а 14а 19а = 4;
        // people 2а 8а 12а 18а = 4; sign 5а 15а = 2; art 3а 7а 13а 17а = 4 (sum 20).
        let a1 = try #require(csv.record(id: "A1"))
        #expect([a1["nature"], a1["technology"], a1["people"], a1["sign"], a1["art"]] == ["6", "4", "4", "2", "4"])
        #expect(a1["file"] == "a.csv")
        #expect(a1["ФИО"] == "Анна")
        #expect(a1["класс"] == "")
        let b1 = try #require(csv.record(id: "B1"))
        #expect([b1["nature"], b1["technology"], b1["people"], b1["sign"], b1["art"]] == ["2", "4", "4", "6", "4"])
        #expect(b1["file"] == "b.csv")
        #expect(b1["ФИО"] == "")
        #expect(b1["класс"] == "7Б")
        #expect(run.stderr.contains("2 respondent(s) scored from 2 of 2 file(s)"), "\(run)")
    }

    @Test func duplicateIDAcrossFilesIsFlaggedAndWarned() throws {
        let workspace = try Workspace()
        try workspace.write("first.csv", text: Self.cleanSheet)
        try workspace.write("second.csv", text: Self.klimovHeader + "\n"
            + "S3;" + Array(repeating: "а", count: 20).joined(separator: ";") + "\n"
            + "S1;" + Array(repeating: "а", count: 20).joined(separator: ";") + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "first.csv", "second.csv", "--lang", "en"])
        #expect(run.status == 0, "a duplicate is a warning, not an error: \(run)")
        let csv = run.csv()
        #expect(csv.ids == ["S1", "S2", "S3", "S1"])
        let both = csv.records(id: "S1")
        #expect(both.count == 2, "both sheets are scored")
        #expect(both.first?["flags"] == "", "the first sheet is not flagged")
        #expect(both.last?["flags"] == "duplicate-id")
        #expect(both.last?["file"] == "second.csv")
        #expect(both.last?["nature"] == "6", "the second S1 answered а everywhere")
        #expect(csv.record(id: "S3")?["flags"] == "")
        let warnings = run.stderrLines(startingWith: "second.csv:3:1: warning:")
        #expect(warnings.count == 1, "\(run)")
        #expect(warnings.first?.contains("'S1'") == true)
        #expect(warnings.first?.contains("first.csv:2") == true, "the warning says where the id appeared first")
        #expect(run.stderr.contains("1 warning(s)"), "\(run)")
    }

    @Test func sheetWithoutItemColumnsFailsButTheNextFileIsScored() throws {
        let workspace = try Workspace()
        try workspace.write("no-items.csv", text: "id,name,q1,q2\nA,Ann,1,2\n")
        try workspace.write("good.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "no-items.csv", "good.csv", "--lang", "en"])
        #expect(run.status == 65, "\(run)")
        let errors = run.stderrLines(startingWith: "no-items.csv:1:1: error:")
        #expect(errors.count == 1, "\(run)")
        #expect(errors.first?.contains("klimov-ddo") == true)
        #expect(errors.first?.contains("1, 2, 3, …, 20") == true, "names the expected item ids: \(run)")
        let csv = run.csv()
        #expect(csv.ids == ["S1", "S2"], "the good file is still scored: \(run)")
        #expect(csv.record(id: "S1")?["file"] == "good.csv")
        #expect(run.stderr.contains("from 1 of 2 file(s)"), "\(run)")
    }

    @Test func missingSheetFailsButTheOtherFileIsScored() throws {
        let workspace = try Workspace()
        try workspace.write("good.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "absent.csv", "good.csv", "--lang", "en"])
        // A file that cannot be opened is an I/O failure (1), not bad data (65).
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines(startingWith: "absent.csv:").count == 1, "\(run)")
        #expect(run.csv().ids == ["S1", "S2"])
    }

    @Test func outputIntoAMissingFolderIsAnOtherFailure() throws {
        let workspace = try Workspace()
        try workspace.write("good.csv", text: Self.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "good.csv", "--output", "no-such-folder/out.csv", "--lang", "en"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdoutBytes.isEmpty)
        #expect(run.stderr.contains("no-such-folder/out.csv"), "\(run)")
        #expect(try workspace.listing() == ["good.csv"])
    }

    @Test func instrumentFileScoresLikeABundledOne() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("pair-instrument.json")
        // first = 1а + 2а, second = 1б + 2б. P2 typed a Latin a for item 1.
        try workspace.write("pair.csv", text: "id,1,2\nP1,а,б\nP2,a,а\n")
        let run = try workspace.run(["score", "--instrument", "pair-instrument.json", "pair.csv", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let csv = run.csv()
        #expect(csv.record(id: "P1")?["first"] == "1")
        #expect(csv.record(id: "P1")?["second"] == "1")
        #expect(csv.record(id: "P2")?["first"] == "2")
        #expect(csv.record(id: "P2")?["second"] == "0")
    }
}
