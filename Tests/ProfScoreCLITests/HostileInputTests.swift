import Foundation
import Testing

/// The bad-input corpus (`Fixtures/hostile/`): every file gets its specific
/// diagnostic and exit code from the built `profscore`, and nothing crashes
/// (a run killed by a signal fails the test). The big cases are generated here.
///
/// Expected diagnostics are worked out from how each file was made (the
/// comments say how); counts in messages were counted independently.
@Suite struct HostileInputTests {
    /// One expected diagnostic: where (`FILE:LINE[:COLUMN]: severity:`) and a part of the message.
    struct Expected: Sendable {
        var location: String
        var message: String
        init(_ location: String, _ message: String) {
            self.location = location
            self.message = message
        }
    }

    struct SheetCase: Sendable, CustomTestStringConvertible {
        var file: String
        var instrument = "klimov-ddo"
        var exit: Int32
        var diagnostics: [Expected]
        /// Respondent ids in the output, in order; `nil`: not checked.
        var ids: [String]?
        var testDescription: String { file }
    }

    /// `H` is `id;1;…;20`; `A` is 20 answers «а», `B` 20 answers «б».
    static let sheetCases: [SheetCase] = [
        SheetCase(file: "empty.csv", exit: 65, diagnostics: [.init("1:1: error:", "the file is empty")], ids: []),
        SheetCase(file: "bom-only.csv", exit: 65, diagnostics: [.init("1:1: error:", "the file is empty")], ids: []),
        // "\n;;;\n\n \t\n": nothing but blank lines and empty cells.
        SheetCase(file: "blank-lines.csv", exit: 65, diagnostics: [.init("1:1: error:", "the file is empty")], ids: []),
        SheetCase(file: "header-only.csv", exit: 0, diagnostics: [.init("2: warning:", "the sheet has a header but no answer rows")], ids: []),
        // H, ";;;;", "": the end of the file is line 4.
        SheetCase(file: "header-and-blank-rows.csv", exit: 0, diagnostics: [.init("4: warning:", "the sheet has a header but no answer rows")], ids: []),
        // Two empty lines, then H on line 3: the delimiter is still found.
        SheetCase(file: "leading-blank-lines.csv", exit: 0, diagnostics: [.init("5:2: error:", "item 1, respondent S2: cannot read «x»")], ids: ["S1", "S2"]),
        // H, S1, then a BOM and H again (two files joined), S2.
        SheetCase(file: "bom-in-middle.csv", exit: 0, diagnostics: [.init("3:1: warning:", "a byte-order mark (BOM) and the header row again: two files were joined here")], ids: ["S1", "S2"]),
        SheetCase(file: "stray-bom-in-row.csv", exit: 0, diagnostics: [.init("3:1: warning:", "a byte-order mark (BOM) in the middle of the file, at the start of this row")], ids: ["S1", "S2"]),
        SheetCase(file: "repeated-header.csv", exit: 0, diagnostics: [.init("3:1: warning:", "the header row is repeated here (were two files joined?)")], ids: ["S1", "S2"]),
        // H (53 bytes) and a line end, 200 NUL bytes and a line end: 255 bytes.
        SheetCase(file: "nul-bytes.csv", exit: 65, diagnostics: [.init("2: error:", "the file contains NUL bytes (200 in its first 255 bytes): it is binary data")], ids: []),
        // 40 rows; item 3 (field 4) of S5 (line 6) is «а» and a NUL.
        SheetCase(file: "nul-in-cell.csv", exit: 0, diagnostics: [.init("6:4: error:", "item 3, respondent S5: cannot read «а\\u{0}»")], ids: (1...40).map { "S\($0)" }),
        SheetCase(file: "utf16le-no-bom.csv", exit: 0, diagnostics: [], ids: ["S1", "S2"]),
        // S2's second cell opens a quote that never closes: S3 is swallowed.
        SheetCase(file: "unterminated-quote.csv", exit: 0, diagnostics: [
            .init("3:2: error:", "a quote opened here is never closed"),
            .init("3:2: error:", "item 1, respondent S2: cannot read «б;б;"),
        ], ids: ["S1", "S2"]),
        SheetCase(file: "mixed-delimiters.csv", exit: 0, diagnostics: [
            .init("3:1: error:", "this row has 1 of the header's 21 cells and is separated by ',', but the file by ';'"),
        ], ids: ["S1", "S2," + Array(repeating: "б", count: 20).joined(separator: ","), "S3"]),
        SheetCase(file: "mixed-tabs.csv", exit: 0, diagnostics: [
            .init("3:1: error:", "this row has 1 of the header's 21 cells and is separated by tab, but the file by ';'"),
        ], ids: nil),
        // CP866 (a DOS export): «о», «н», «м»… fall on ® ­ ¬ in Windows-1251.
        // 216 bytes are non-ASCII, 28 of them implausible (counted with Python).
        SheetCase(file: "neither-utf8-nor-1251.csv", exit: 65, diagnostics: [
            .init("1: error:", "the file is neither UTF-8 nor Windows-1251: 28 of its first 216 non-ASCII or control bytes"),
        ], ids: []),
        // 3000 random bytes (seed 6): 1830 non-ASCII or control, 591 implausible, 16 NULs (< 1 %).
        SheetCase(file: "random-bytes.csv", exit: 65, diagnostics: [
            .init("1: error:", "the file is neither UTF-8 nor Windows-1251: 591 of its first 1830"),
        ], ids: []),
        SheetCase(file: "xlsx-renamed.csv", exit: 65, diagnostics: [.init("1: error:", "this is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file")], ids: []),
        SheetCase(file: "pdf-renamed.csv", exit: 65, diagnostics: [.init("1: error:", "this is a PDF document, not a CSV file")], ids: []),
        SheetCase(file: "duplicate-header-names.csv", exit: 0, diagnostics: [
            .init("1:3: warning:", "the header «ФИО» appears in more than one column; this one is written as «ФИО (2)»"),
        ], ids: ["S1"]),
        // H and a 22nd column named 5 again.
        SheetCase(file: "duplicate-item-column.csv", exit: 0, diagnostics: [
            .init("1:22: error:", "column 22 repeats item '5' of column 6; this column is ignored"),
        ], ids: ["S1"]),
        SheetCase(file: "missing-item-columns.csv", exit: 0, diagnostics: [
            .init("1: warning:", "the header has no column for item(s) 19, 20; these answers are treated as missing"),
        ], ids: ["S1"]),
        SheetCase(file: "unknown-item-columns.csv", exit: 0, diagnostics: [
            .init("1:22: warning:", "column(s) «21», «22» look like item numbers, but 'klimov-ddo' has no such item (its items are 1…20)"),
        ], ids: ["S1"]),
        SheetCase(file: "no-item-columns.csv", exit: 65, diagnostics: [
            .init("1:1: error:", "no column of the header row is named after an item of 'klimov-ddo'"),
        ], ids: []),
        SheetCase(file: "duplicate-ids.csv", exit: 0, diagnostics: [
            .init("4:1: warning:", "respondent id 'S1' already appeared at duplicate-ids.csv:2"),
        ], ids: ["S1", "S2", "S1"]),
        SheetCase(file: "no-id-column.csv", exit: 0, diagnostics: [.init("1:1: warning:", "the header has no respondent column")], ids: [""]),
        SheetCase(file: "extra-cells.csv", exit: 0, diagnostics: [.init("2:22: warning:", "the row has 25 cells but the header only 21")], ids: ["S1"]),
        // Item 12 (field 13) is 500 × «а»: the message shows the first 40.
        SheetCase(file: "long-cell.csv", exit: 0, diagnostics: [
            .init("2:13: error:", "item 12, respondent S1: cannot read «" + String(repeating: "а", count: 40) + "…»"),
        ], ids: ["S1"]),
        // id;ФИО;телефон;примечание;1…20: item 4 is field 8.
        SheetCase(file: "excel-formulas.csv", exit: 0, diagnostics: [.init("3:8: error:", "item 4, respondent S2: cannot read «=1+1»")], ids: ["S1", "S2"]),
        SheetCase(file: "plausible-windows-1251.csv", exit: 0, diagnostics: [], ids: ["№1"]),
        // Eight good rows, then S9 on line 10 with a 0xFF byte for item 1.
        SheetCase(file: "utf8-one-stray-byte.csv", exit: 0, diagnostics: [
            .init("10:2: error:", "item 1, respondent S9: the cell is not valid text in UTF-8"),
        ], ids: (1...9).map { "S\($0)" }),
        SheetCase(file: "cr-line-ends.csv", exit: 0, diagnostics: [.init("3:2: error:", "item 1, respondent S2: cannot read «x»")], ids: ["S1", "S2"]),
        SheetCase(file: "sep-line.csv", exit: 0, diagnostics: [.init("4:2: error:", "item 1, respondent S2: cannot read «x»")], ids: ["S1", "S2"]),
        // O*NET: answers 1…5; items 7–10 (fields 8–11) of S1 are 7, 0, -1 and 3,5.
        SheetCase(file: "onet-out-of-range.csv", instrument: "onet-interest-profiler-60", exit: 0, diagnostics: [
            .init("2:8: error:", "item 7, respondent S1: cannot read «7»; allowed answers: 1 (Strongly Dislike"),
            .init("2:9: error:", "item 8, respondent S1: cannot read «0»"),
            .init("2:10: error:", "item 9, respondent S1: cannot read «-1»"),
            .init("2:11: error:", "item 10, respondent S1: cannot read «3,5»"),
        ], ids: ["S1", "S2"]),
    ]

    /// Checks a run's diagnostics about `file`: exactly the expected ones, in order.
    static func expectDiagnostics(_ run: ProfscoreRun, file: String, _ expected: [Expected],
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        // FILE:LINE…, not the head line of a refused instrument ("FILE: instrument refused").
        let lines = run.stderrLines(startingWith: file + ":").filter { $0.dropFirst(file.count + 1).first?.isNumber == true }
        #expect(lines.count == expected.count, "\(run)", sourceLocation: sourceLocation)
        for (line, expectation) in zip(lines, expected) {
            #expect(line.hasPrefix("\(file):\(expectation.location) "), "\(line)", sourceLocation: sourceLocation)
            #expect(line.contains(expectation.message), "\(line)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: sheetCases)
    func badSheet(_ testCase: SheetCase) throws {
        let workspace = try Workspace()
        let original = try Fixtures.bytes("hostile/sheets/" + testCase.file)
        try workspace.write(testCase.file, bytes: original)
        let run = try workspace.run(["score", "--instrument", testCase.instrument, testCase.file, "--diagnostics", "-", "--lang", "en"])
        #expect(run.status == testCase.exit, "\(run)")
        Self.expectDiagnostics(run, file: testCase.file, testCase.diagnostics)
        if let ids = testCase.ids { #expect(run.csv().ids == ids, "\(run)") }
        #expect(workspace.contents(testCase.file) == original, "the input is never modified")
    }

    @Test func answersOfTheRepairedSheetsAreRead() throws {
        // UTF-16 without a BOM, the BOM-joined file and the file with a stray
        // BOM are read, not only survived: S1 answers «а» everywhere, S2 «б».
        // Each ДДО type is in 8 of the 20 pairs; «б» gives 2, 4, 4, 6, 4, so «а» gives 6, 4, 4, 2, 4.
        let workspace = try Workspace()
        for file in ["utf16le-no-bom.csv", "bom-in-middle.csv", "stray-bom-in-row.csv", "repeated-header.csv"] {
            try workspace.copyFixture("hostile/sheets/" + file, as: file)
            let run = try workspace.run(["score", "--instrument", "klimov-ddo", file, "--lang", "en"])
            let csv = run.csv()
            let s1 = try #require(csv.record(id: "S1"), "\(run)")
            let s2 = try #require(csv.record(id: "S2"), "\(run)")
            #expect(["nature", "technology", "people", "sign", "art"].map { s1[$0] } == ["6", "4", "4", "2", "4"], "\(file)")
            #expect(["nature", "technology", "people", "sign", "art"].map { s2[$0] } == ["2", "4", "4", "6", "4"], "\(file)")
        }
    }

    @Test func excelFormulaCellsAreNeutralisedAndNumbersStay() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("hostile/sheets/excel-formulas.csv", as: "sheet.csv")
        for excel in [false, true] {
            let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--lang", "en"] + (excel ? ["--excel"] : []))
            let csv = run.csv(delimiter: excel ? ";" : ",")
            let s1 = try #require(csv.record(id: "S1"), "\(run)")
            #expect(s1["ФИО"] == "'=HYPERLINK(\"http://example.invalid\",\"click\")")
            #expect(s1["телефон"] == "'+7 912 000-00-00")
            #expect(s1["примечание"] == "'@SUM(A1)")
            let s2 = try #require(csv.record(id: "S2"), "\(run)")
            #expect(s2["ФИО"] == "-2", "a negative number stays a number")
            #expect(s2["телефон"] == "-3,5")
            #expect(s2["примечание"] == "'=cmd|' /C calc'!A0")
        }
    }

    @Test func namesAndColumnsSurviveOddSheets() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("hostile/sheets/duplicate-header-names.csv", as: "dup.csv")
        try workspace.copyFixture("hostile/sheets/plausible-windows-1251.csv", as: "cp1251.csv")
        let dup = try workspace.run(["score", "--instrument", "klimov-ddo", "dup.csv", "--lang", "en"]).csv()
        #expect(dup.record(id: "S1")?["ФИО"] == "Иванов Иван")
        #expect(dup.record(id: "S1")?["ФИО (2)"] == "Петров Пётр")
        let cp1251 = try workspace.run(["score", "--instrument", "klimov-ddo", "cp1251.csv", "--lang", "en"]).csv()
        #expect(cp1251.record(id: "№1")?["ФИО"] == "Ёлкина «Ёлочка» Анна — отличница")
    }

    // MARK: - Generated: too big to commit

    static let header = "id;" + (1...20).map(String.init).joined(separator: ";")
    static let answersA = Array(repeating: "а", count: 20).joined(separator: ";")

    @Test func tenThousandColumns() throws {
        let workspace = try Workspace()
        // id, the 20 items, then c22 … c10000: 10,000 columns.
        let extra = (22...10_000).map { "c\($0)" }
        try workspace.write("wide.csv", text: Self.header + ";" + extra.joined(separator: ";") + "\n"
            + "S1;" + Self.answersA + ";" + extra.map { "v" + $0 }.joined(separator: ";") + "\n")
        let wide = try workspace.run(["score", "--instrument", "klimov-ddo", "wide.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(wide.status == 0, "\(wide)")
        Self.expectDiagnostics(wide, file: "wide.csv", [])
        let csv = wide.csv()
        // id, 5 scales, 5 levels, leading, profile, flags, file, line, then the 9,979 other columns.
        #expect(csv.header.count == 16 + 9_979)
        #expect(csv.record(id: "S1")?["c10000"] == "vc10000")
        #expect(csv.record(id: "S1")?["sign"] == "2")

        try workspace.write("long-row.csv", text: Self.header + "\nS1;" + Self.answersA + ";" + Array(repeating: "x", count: 9_979).joined(separator: ";") + "\n")
        let long = try workspace.run(["score", "--instrument", "klimov-ddo", "long-row.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(long.status == 0, "\(long)")
        Self.expectDiagnostics(long, file: "long-row.csv", [.init("2:22: warning:", "the row has 10000 cells but the header only 21")])
    }

    @Test func fiveMegabyteLineIsSkippedAndTheRowsAroundItAreScored() throws {
        let workspace = try Workspace()
        var bytes = Array((Self.header + "\nS1;" + Self.answersA + "\n").utf8)
        bytes += [UInt8](repeating: 0x78, count: 5_000_000)
        bytes += Array(("\nS3;" + Self.answersA + "\n").utf8)
        try workspace.write("long-line.csv", bytes: bytes)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "long-line.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(run.status == 0, "\(run.status) \(run.stderr)")
        Self.expectDiagnostics(run, file: "long-line.csv", [.init("3:1: error:", "this row is longer than 1 MiB without a line break")])
        #expect(run.csv().ids == ["S1", "S3"])
        #expect(run.csv().record(id: "S3")?["line"] == "4")
    }

    @Test func rosterAndTargetsRowsLongerThanTheLimitAreReported() throws {
        let workspace = try Workspace()
        let junk = String(repeating: "x", count: 2_000_000)
        try workspace.write("roster.csv", text: "id;school;class;grade\nS1;Школа 1;7А;7\n" + junk + "\nS3;Школа 1;7А;7\n")
        try workspace.write("targets.csv", text: "indicator,band,year,target\n" + junk + "\ndiagnosed,*,*,80\n")
        try workspace.write("sheet.csv", text: Self.header + "\nS1;" + Self.answersA + "\nS3;" + Self.answersA + "\n")
        let run = try workspace.run(["report", "--instrument", "klimov-ddo", "sheet.csv", "--roster", "roster.csv",
                                     "--targets", "targets.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(run.status == 0, "\(run.status) \(run.stderr)")
        Self.expectDiagnostics(run, file: "roster.csv", [.init("3:1: error:", "this row is longer than 1 MiB without a line break")])
        Self.expectDiagnostics(run, file: "targets.csv", [.init("2:1: error:", "this row is longer than 1 MiB without a line break")])
    }

    @Test func quoteLeftOpenInABigFileIsReportedAndNotReadAsRows() throws {
        // S2's id cell opens a quote that is never closed; 40,000 rows follow
        // (well over 1 MiB), all inside the open quote. They are not read as
        // rows (a big quoted cell's lines are not rows either): the rest of
        // the file is one cell, as in a small file, and the error says so.
        let workspace = try Workspace()
        var text = Self.header + "\nS1;" + Self.answersA + "\n\"S2;" + Self.answersA + "\n"
        for index in 3...40_000 { text += "S\(index);" + Self.answersA + "\n" }
        try workspace.write("open-quote.csv", text: text)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "open-quote.csv", "--diagnostics", "-", "--lang", "en"])
        #expect(run.status == 0, "\(run.status) \(run.stderr)")
        Self.expectDiagnostics(run, file: "open-quote.csv", [
            .init("3:1: error:", "this row is longer than 1 MiB because a quote opened in it is never closed: everything from here to the end of the file was read as one cell and skipped — close the quote"),
        ])
        #expect(run.csv().ids == ["S1"])
    }

    // MARK: - Instruments

    struct InstrumentCase: Sendable, CustomTestStringConvertible {
        var file: String
        var diagnostics: [Expected]
        var testDescription: String { file }
    }

    /// Mutations of `valid-tiny.json` (two yes/no items, one scale); line and
    /// column are counted in that file's layout.
    static let instrumentCases: [InstrumentCase] = [
        InstrumentCase(file: "empty.json", diagnostics: [.init("1:1: error:", "the JSON document ends too early")]),
        InstrumentCase(file: "csv-not-json.json", diagnostics: [.init("1:1: error:", "expected a JSON value")]),
        InstrumentCase(file: "comment.json", diagnostics: [.init("1:1: error:", "comments (// or /* */) are not allowed in JSON")]),
        // Line 16 is "  ]," after the comma added to line 15.
        InstrumentCase(file: "trailing-comma.json", diagnostics: [.init("16:3: error:", "a comma before a closing bracket is not allowed in JSON")]),
        // The first half of the file: it ends on line 13 after one space.
        InstrumentCase(file: "truncated.json", diagnostics: [.init("13:2: error:", "the JSON document ends too early (is the file cut short?)")]),
        InstrumentCase(file: "wrong-types.json", diagnostics: [.init("13:12: error:", "$.items: expected an array, found string")]),
        InstrumentCase(file: "title-as-string.json", diagnostics: [.init("5:12: error:", "$.title: expected an object, found string")]),
        InstrumentCase(file: "ref-cycle.json", diagnostics: [
            .init("8:5: error:", "$.answerFormats[0]: the required key 'id' is missing"),
            .init("8:5: error:", "$.answerFormats[0]: the required key 'kind' is missing"),
            .init("8:5: error:", "$.answerFormats[0]: the required key 'options' is missing"),
            .init("8:6: error:", "$.answerFormats[0].$ref: '$ref' references are not part of the instrument format"),
        ]),
        InstrumentCase(file: "huge-number.json", diagnostics: [.init("9:55: error:", "the number 1e400 is too large")]),
        InstrumentCase(file: "points-too-large.json", diagnostics: [.init("19:54: error:", "$.scales[0].key[0].points: the number is out of the supported range")]),
        InstrumentCase(file: "future-version.json", diagnostics: [
            .init("2:20: error:", "$.formatVersion: format version 99 is newer than this ProfScore reads (up to 1); update ProfScore"),
        ]),
        InstrumentCase(file: "version-as-string.json", diagnostics: [.init("2:20: error:", "$.formatVersion: expected a number, found string")]),
        InstrumentCase(file: "duplicate-key.json", diagnostics: [.init("5:3: error:", "$.id: the key 'id' appears twice")]),
        InstrumentCase(file: "utf16.json", diagnostics: [.init("1:1: error:", "the file is in UTF-16; an instrument file must be UTF-8")]),
        // «Крошечный» in Windows-1251: reported after the closing quote (column 30).
        InstrumentCase(file: "windows-1251.json", diagnostics: [.init("5:30: error:", "the string is not valid UTF-8; save the file as UTF-8")]),
        InstrumentCase(file: "nul-byte.json", diagnostics: [.init("3:12: error:", "a NUL byte: this is binary data")]),
        InstrumentCase(file: "duplicate-item-ids.json", diagnostics: [
            .init("15:12: error:", "$.items[1].id: the item id '1' appears twice"),
            .init("19:38: error:", "$.scales[0].key[1].item: unknown item '2'"),
        ]),
        InstrumentCase(file: "unknown-item-in-key.json", diagnostics: [.init("19:38: error:", "$.scales[0].key[1].item: unknown item '99'")]),
        InstrumentCase(file: "level-gap.json", diagnostics: [
            .init("22:17: error:", "$.scales[0].levels[1].from: a gap: the previous band ends at 0 and this one starts at 2; start it at 1"),
        ]),
        InstrumentCase(file: "lone-surrogate.json", diagnostics: [.init("5:50: error:", "a lone UTF-16 surrogate")]),
        InstrumentCase(file: "leading-zero.json", diagnostics: [.init("10:52: error:", "a number must not start with 0")]),
        // 70 nested arrays as the citation, which starts at column 56 of line 6
        // inside two objects: the 63rd bracket (column 118) is level 65.
        InstrumentCase(file: "deep-nesting-small.json", diagnostics: [.init("6:118: error:", "nesting deeper than 64 levels")]),
    ]

    static let tinySheet = "id;1;2\nS1;да;нет\n"

    static func runInstrument(_ workspace: Workspace, _ file: String) throws -> ProfscoreRun {
        try workspace.write("sheet.csv", text: tinySheet)
        return try workspace.run(["score", "--instrument", file, "sheet.csv", "--diagnostics", "-", "--lang", "en"])
    }

    @Test(arguments: instrumentCases)
    func badInstrument(_ testCase: InstrumentCase) throws {
        let workspace = try Workspace()
        try workspace.copyFixture("hostile/instruments/" + testCase.file, as: testCase.file)
        let run = try Self.runInstrument(workspace, testCase.file)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        let errors = testCase.diagnostics.count
        #expect(run.stderrLines.first == "\(testCase.file): instrument refused, \(errors) error\(errors == 1 ? "" : "s")", "\(run)")
        Self.expectDiagnostics(run, file: testCase.file, testCase.diagnostics)
    }

    @Test func theValidTinyInstrumentTheCasesStartFromScores() throws {
        let workspace = try Workspace()
        try workspace.copyFixture("hostile/instruments/valid-tiny.json", as: "tiny.json")
        let run = try Self.runInstrument(workspace, "tiny.json")
        #expect(run.status == 0, "\(run)")
        // да = 1, нет = 0: interest 1, in the band 1–2 («high»).
        #expect(run.csv().record(id: "S1")?["interest"] == "1", "\(run)")
        #expect(run.csv().record(id: "S1")?["level_interest"] == "high", "\(run)")
    }

    static let tinyHead = """
        {
          "formatVersion": 1,
          "id": "tiny",
          "version": "1.0.0",
          "title": {"ru": "Крошечный", "en": "Tiny"},
          "source": {"authors": "ProfScore tests", "citation": "none", "licence": "test data"},
          "answerFormats": [{"id": "yesno", "kind": "yesno", "options": [{"code": "да", "value": 1}, {"code": "нет", "value": 0}]}],

        """
    static let tinyScales = """
          "scales": [{"id": "interest", "title": {"ru": "Интерес", "en": "Interest"}, "key": [{"item": "1"}, {"item": "2"}]}]
        }

        """

    @Test func deepNesting() throws {
        let workspace = try Workspace()
        try workspace.write("deep.json", text: String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        let run = try Self.runInstrument(workspace, "deep.json")
        #expect(run.status == 65, "\(run)")
        // The first bracket is level 1; the 65th, at column 65, is one too many.
        Self.expectDiagnostics(run, file: "deep.json", [.init("1:65: error:", "nesting deeper than 64 levels")])
    }

    @Test func aHundredThousandItems() throws {
        let workspace = try Workspace()
        let items = (1...100_000).map { "{\"id\": \"\($0)\", \"format\": \"yesno\"}" }.joined(separator: ", ")
        // The head is 7 lines ("{" to "answerFormats"), so "items" is on line 8; its '[' is at column 12.
        try workspace.write("huge.json", text: Self.tinyHead + "  \"items\": [" + items + "],\n" + Self.tinyScales)
        let run = try Self.runInstrument(workspace, "huge.json")
        #expect(run.status == 65, "\(run)")
        Self.expectDiagnostics(run, file: "huge.json", [.init("8:12: error:", "$.items: 100000 items; ProfScore reads at most 10000")])
    }

    @Test func instrumentFileOverSixteenMebibytes() throws {
        let workspace = try Workspace()
        let valid = Self.tinyHead + "  \"items\": [{\"id\": \"1\", \"format\": \"yesno\"}, {\"id\": \"2\", \"format\": \"yesno\"}],\n" + Self.tinyScales
        var bytes = Array(valid.utf8)
        bytes += [UInt8](repeating: 0x20, count: 17 << 20)
        try workspace.write("padded.json", bytes: bytes)
        let run = try Self.runInstrument(workspace, "padded.json")
        #expect(run.status == 65, "\(run)")
        Self.expectDiagnostics(run, file: "padded.json", [.init("1:1: error:", "the file is 17 MiB; an instrument file is at most 16 MiB")])
        let validate = try workspace.run(["validate", "padded.json", "--lang", "en"])
        #expect(validate.status == 65, "\(validate)")
        Self.expectDiagnostics(validate, file: "padded.json", [.init("1:1: error:", "the file is 17 MiB; an instrument file is at most 16 MiB")])
        // The same file without the padding is valid: only its size was refused.
        try workspace.write("valid.json", text: valid)
        #expect(try Self.runInstrument(workspace, "valid.json").status == 0)
    }

    @Test func theCorpusHasAtLeastFortyFiles() throws {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("hostile")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("sheets").path)
        let instruments = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("instruments").path)
        #expect(sheets.count + instruments.count >= 40)
        // Every committed file has its case above.
        #expect(Set(sheets) == Set(Self.sheetCases.map(\.file)))
        #expect(Set(instruments) == Set(Self.instrumentCases.map(\.file) + ["valid-tiny.json"]))
    }
}
