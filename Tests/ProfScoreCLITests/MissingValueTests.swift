import Foundation
import Testing

/// Cells that mean "no answer" (docs/answer-sheets.md): `NA` in a numeric
/// format, the cells given with `--missing`, and an instrument's `missing`
/// cells are read exactly as empty cells; any other cell is still an error.
@Suite struct MissingValueTests {
    /// An IIP RIASEC-48 sheet (answers 1–5; each scale 8 items, no missing
    /// answer allowed) with R1 = NA, R2 = 99, every other answer 3.
    static func sheet() -> String {
        let letters = ["R", "I", "A", "S", "E", "C"]
        let items = letters.flatMap { letter in (1...8).map { "\(letter)\($0)" } }
        let answers = items.map { $0 == "R1" ? "NA" : $0 == "R2" ? "99" : "3" }
        return "id," + items.joined(separator: ",") + "\nP1," + answers.joined(separator: ",") + "\n"
    }

    @Test func naIsNoAnswerInANumericFormatAndMissingAddsMore() throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("r.csv", text: Self.sheet())
        let plain = try workspace.run(["score", "--instrument", "iip-riasec-48", sheet, "--lang", "en"])
        let row = try #require(plain.csv().record(id: "P1"), "\(plain)")
        // NA is no answer; 99 matches no option: one unreadable cell, on R2 only.
        #expect(plain.stderrLines.filter { $0.contains("error:") }.count == 1)
        #expect(plain.stderr.contains("r.csv:2:3: error: item R2"), "\(plain.stderr)")
        // Every answer given is 3: the sheet is also flagged same-answer (a Likert format).
        #expect(row["flags"] == "unreadable same-answer incomplete")
        #expect(row["investigative"] == "24", "8 answers of 3")
        let given = try workspace.run(["score", "--instrument", "iip-riasec-48", sheet, "--missing", "99, -9", "--lang", "en"])
        let coded = try #require(given.csv().record(id: "P1"), "\(given)")
        // Both cells are now unanswered: realistic misses two answers and is not scored; no error.
        #expect(!given.stderr.contains("error:"), "\(given.stderr)")
        #expect(coded["flags"] == "missing same-answer incomplete" && coded["realistic"] == "")
        #expect(coded["investigative"] == "24")
    }

    @Test func anInstrumentsMissingCellsAreReadAsEmptyAndMayNotBeAnswers() throws {
        let workspace = try Workspace()
        let instrument = { (missing: String) in """
            {"formatVersion": 1, "id": "pair", "version": "1.0.0", "title": {"ru": "Пара", "en": "Pair"},
             "source": {"authors": "ProfScore tests", "citation": "none", "licence": "test data"},
             "answerFormats": [{"id": "ab", "kind": "choice", "options": [{"code": "а"}, {"code": "б"}], "missing": \(missing)}],
             "items": [{"id": "1", "format": "ab"}, {"id": "2", "format": "ab"}],
             "scales": [{"id": "x", "title": {"ru": "Икс", "en": "X"}, "key": [{"item": "1", "option": "а"}, {"item": "2", "option": "а"}],
                         "missing": {"maxMissing": 1, "prorate": false}}]}
            """ }
        try workspace.write("pair.json", text: instrument(#"["нет ответа"]"#))
        try workspace.write("s.csv", text: "id;1;2\nP1;Нет  ответа;а\nP2;нет;а\n")
        let run = try workspace.run(["score", "--instrument", "pair.json", "s.csv", "--lang", "en"])
        let csv = run.csv()
        // «Нет  ответа» is read as an empty cell (normalised spaces and case); «нет» is not an answer.
        #expect(try #require(csv.record(id: "P1"))["x"] == "1")
        #expect(try #require(csv.record(id: "P1"))["flags"] == "")
        #expect(run.stderr.contains("s.csv:3:2: error: item 1, respondent P2: cannot read «нет»"), "\(run.stderr)")
        try workspace.write("bad.json", text: instrument(#"["б"]"#))
        let refused = try workspace.run(["validate", "bad.json", "--lang", "en"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("'б' is an answer (option 'б'); it cannot also mean a missing answer"), "\(refused.stderr)")
    }

    /// `analyze` says per scale how many respondents it left out and why: the
    /// example O*NET class (24 pupils, every item answered) with pupil 1's
    /// items 1 and 2 «NA» (both Realistic), pupil 2's item 3 empty
    /// (Investigative) and pupil 3's item 5 «x» (Artistic, unreadable):
    /// n = 23 and 1 left out for those three scales, 24 and 0 for the others.
    @Test func analyzeCountsTheRespondentsLeftOutOfEachScale() throws {
        let workspace = try Workspace()
        var lines = String(decoding: try Repository.bytes("Examples/onet-interest-profiler-60-10a.csv"), as: UTF8.self).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Columns: id, ФИО, класс, then items 1…60: item k is column k + 2.
        lines[1][3] = "NA"; lines[1][4] = "NA"
        lines[2][5] = ""
        lines[3][7] = "x"
        let sheet = try workspace.write("10a.csv", text: lines.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n")
        let run = try workspace.run(["analyze", "--instrument", "onet-interest-profiler-60", sheet, "--lang", "en", "--format", "md"])
        #expect(run.status == 0, "\(run.stderrLines.suffix(3))")
        #expect(run.stdout.contains("Respondents: 24"))
        let expected = ["Realistic": (23, 1), "Investigative": (23, 1), "Artistic": (23, 1), "Social": (24, 0), "Enterprising": (24, 0), "Conventional": (24, 0)]
        for (scale, (n, leftOut)) in expected {
            let row = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("| \(scale) |") }, "no row for \(scale)")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells[2] == String(n) && cells[3] == String(leftOut), "\(row)")
        }
        let russian = try workspace.run(["analyze", "--instrument", "onet-interest-profiler-60", sheet, "--format", "md"])
        #expect(russian.stdout.contains("не вошли"))
    }
}
