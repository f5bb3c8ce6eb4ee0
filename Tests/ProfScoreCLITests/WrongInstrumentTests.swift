import Foundation
import Testing

/// A sheet scored with the wrong instrument stops with an error (exit 65)
/// that says what looks wrong and, when a bundled instrument fits the header
/// better, names it; every other file of the batch is still scored
/// (docs/answer-sheets.md, "A sheet of another instrument").
@Suite struct WrongInstrumentTests {
    /// The ДДО header with the item columns `items`.
    static func header(_ items: ClosedRange<Int>, info: String = "id") -> String {
        ([info] + items.map(String.init)).joined(separator: ",") + "\n"
    }

    /// A ДДО row: `good` answers «а» then `bad` unreadable answers «ж», the rest empty.
    static func row(_ id: String, good: Int, bad: Int = 0, info: String = "") -> String {
        let cells = Array(repeating: "а", count: good) + Array(repeating: "ж", count: bad)
            + Array(repeating: "", count: 20 - good - bad)
        return ([id] + (info.isEmpty ? [] : [info]) + cells).joined(separator: ",") + "\n"
    }

    /// The issue's case: the Голомшток sheet (items 1…174) scored as ДДО
    /// (items 1…20): all 20 ДДО columns are there, but 154 number-like
    /// columns are not ДДО items, and the Голомшток map has every column.
    @Test func issueExampleNamesTheInstrumentItLooksLike() throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("8b.csv", bytes: try Repository.bytes("Examples/golomshtok-interest-map-8b.csv"))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "en"])
        #expect(run.status == 65)
        #expect(run.stdout.isEmpty || !run.stdout.contains("8Б-01"), "no row of the sheet is scored")
        let error = try #require(run.stderrLines.first { $0.contains(": error:") })
        #expect(error.hasPrefix("\(sheet):1: error: the header has 20 of the 20 item columns of 'klimov-ddo', and 154 column(s)"))
        #expect(error.contains("(golomshtok-interest-map): use --instrument golomshtok-interest-map"))
        #expect(run.stderr.contains("0 respondent(s) scored from 0 of 1 file(s)"))
        let russian = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "ru"])
        #expect(russian.status == 65)
        #expect(russian.stderr.contains("бланк похож на «Карта интересов» А. Е. Голомштока (golomshtok-interest-map): укажите --instrument golomshtok-interest-map"))
    }

    /// A sheet with no item column of the instrument, whose header has every
    /// item of another bundled instrument (the IIP class, items R1…C8, scored
    /// as the ДДО, items 1…20): the error names the instrument it looks like.
    @Test func noItemColumnNamesTheInstrumentItLooksLike() throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("10b.csv", bytes: try Repository.bytes("Examples/iip-riasec-48-10b.csv"))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "en"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(sheet):1:1: error: no column of the header row is named after an item of 'klimov-ddo'; this sheet looks like «IIP RIASEC Markers (48 items)» (iip-riasec-48): use --instrument iip-riasec-48"), "\(run.stderrLines.prefix(2))")
        // A header that looks like no bundled instrument keeps the advice to name the columns.
        let other = try workspace.write("q.csv", text: "id,q1,q2,q3\nS1,а,б,а\n")
        let otherRun = try workspace.run(["score", "--instrument", "klimov-ddo", other, "--lang", "ru"])
        #expect(otherRun.status == 65)
        #expect(otherRun.stderr.contains("назовите столбцы ответов номерами пунктов: 1, 2, 3, …, 20"), "\(otherRun.stderrLines.prefix(2))")
    }

    /// The right instrument with a few typos: 3 rows, 2 of 60 cells unreadable.
    @Test func rightSheetWithTyposIsScored() throws {
        let workspace = try Workspace()
        let sheet = try workspace.write("7a.csv", text: Self.header(1...20)
            + Self.row("S1", good: 19, bad: 1) + Self.row("S2", good: 20) + Self.row("S3", good: 19, bad: 1))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "en", "--output", "out.csv"])
        #expect(run.status == 0, "\(run.stderrLines)")
        #expect(run.stderr.contains("3 respondent(s) scored from 1 of 1 file(s); 2 cell(s) could not be read"))
        #expect(workspace.contents("out.csv") != nil)
    }

    /// A header with 9 of ДДО's 20 item columns (11 missing: more than half)
    /// is refused; with 10 (exactly half missing) the sheet is scored.
    @Test func mostItemColumnsMissingIsRefused() throws {
        let workspace = try Workspace()
        let nine = try workspace.write("nine.csv", text: Self.header(1...9) + "S1" + String(repeating: ",а", count: 9) + "\n")
        let refused = try workspace.run(["score", "--instrument", "klimov-ddo", nine, "--lang", "en"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(nine):1: error: the header has 9 of the 20 item columns of 'klimov-ddo'; check that the sheet is for this instrument"))
        let ten = try workspace.write("ten.csv", text: Self.header(1...10) + "S1" + String(repeating: ",а", count: 10) + "\n")
        let scored = try workspace.run(["score", "--instrument", "klimov-ddo", ten, "--lang", "en"])
        #expect(scored.status == 0, "\(scored.stderrLines)")
        #expect(scored.stderr.contains("1 respondent(s) scored from 1 of 1 file(s)"))
    }

    /// A readiness sheet (items 1…24) scored as ДДО: the 4 columns 21…24 do
    /// not fit ДДО, none misfits readiness. Two extra columns (21, 22) fit
    /// neither clearly better (2 strays against readiness's 2 missing): scored.
    @Test func headerOfAnotherSameNumberedInstrumentIsRefused() throws {
        let workspace = try Workspace()
        let readiness = try workspace.write("9b.csv", bytes: try Repository.bytes("Examples/readiness-self-determination-9b.csv"))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", readiness, "--lang", "en"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("use --instrument readiness-self-determination"))
        let twoExtra = try workspace.write("extra.csv", text: Self.header(1...22) + Self.row("S1", good: 20))
        let scored = try workspace.run(["score", "--instrument", "klimov-ddo", twoExtra, "--lang", "en"])
        #expect(scored.status == 0, "\(scored.stderrLines)")
    }

    /// Most answer cells unreadable: 2 rows of 20 unreadable cells and 1 good
    /// row (40 of 60 filled cells) is refused after its rows, and the output
    /// file is not written; 1 bad and 1 good row (20 of 40: exactly half) is
    /// scored; 9 unreadable of 9 filled is under the minimum of 10: scored.
    @Test func mostCellsUnreadableIsRefused() throws {
        let workspace = try Workspace()
        let bad = try workspace.write("bad.csv", text: Self.header(1...20)
            + Self.row("S1", good: 0, bad: 20) + Self.row("S2", good: 0, bad: 20) + Self.row("S3", good: 20))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", bad, "--lang", "en", "--output", "out.csv"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(bad):5: error: 40 of the 60 filled answer cells cannot be read as answers to 'klimov-ddo' (more than half)"))
        #expect(workspace.contents("out.csv") == nil, "the output would hold the refused file's rows")
        #expect(run.stderr.contains("0 respondent(s) scored from 0 of 1 file(s); 40 cell(s) could not be read"))
        #expect(run.stderr.contains("out.csv was not written"))

        let half = try workspace.write("half.csv", text: Self.header(1...20) + Self.row("S1", good: 0, bad: 20) + Self.row("S2", good: 20))
        let halfRun = try workspace.run(["score", "--instrument", "klimov-ddo", half, "--lang", "en"])
        #expect(halfRun.status == 0, "\(halfRun.stderrLines.suffix(2))")
        let small = try workspace.write("small.csv", text: Self.header(1...20) + Self.row("S1", good: 0, bad: 9))
        let smallRun = try workspace.run(["score", "--instrument", "klimov-ddo", small, "--lang", "en"])
        #expect(smallRun.status == 0, "\(smallRun.stderrLines.suffix(2))")
    }

    /// A cell that means "no answer" is read as an empty cell, so it is not
    /// one of the filled cells either: a row of 8 answers «а», 10 unreadable
    /// «ж» and 2 «NA» given with `--missing NA` has 10 unreadable of 18 filled
    /// cells (more than half: refused); with the two «NA» answered «а» it has
    /// 10 of 20 (exactly half: scored). Counting «NA» as filled would score
    /// the first (10 of 20). Found by the reference fuzz target.
    @Test func noAnswerCellsAreNotFilledCells() throws {
        let workspace = try Workspace()
        let cells = Array(repeating: "а", count: 8) + Array(repeating: "ж", count: 10)
        let withNA = try workspace.write("na.csv", text: Self.header(1...20)
            + (["S1"] + cells + ["NA", "NA"]).joined(separator: ",") + "\n")
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", withNA, "--missing", "NA", "--lang", "en"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("\(withNA):3: error: 10 of the 18 filled answer cells cannot be read"), "\(run.stderrLines.suffix(3))")
        let answered = try workspace.write("answered.csv", text: Self.header(1...20)
            + (["S1"] + cells + ["а", "а"]).joined(separator: ",") + "\n")
        let answeredRun = try workspace.run(["score", "--instrument", "klimov-ddo", answered, "--missing", "NA", "--lang", "en"])
        #expect(answeredRun.status == 0, "\(answeredRun.stderrLines.suffix(2))")
    }

    /// A batch of a wrong file and a right one: the right one is scored and written.
    @Test func batchScoresTheRightFile() throws {
        let workspace = try Workspace()
        let wrong = try workspace.write("8b.csv", bytes: try Repository.bytes("Examples/golomshtok-interest-map-8b.csv"))
        let right = try workspace.write("7a.csv", text: Self.header(1...20) + Self.row("R1", good: 20) + Self.row("R2", good: 20))
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", wrong, right, "--lang", "en", "--output", "out.csv"])
        #expect(run.status == 65)
        #expect(run.stderr.contains("2 respondent(s) scored from 1 of 2 file(s)"))
        let output = String(decoding: try #require(workspace.contents("out.csv")), as: UTF8.self)
        #expect(output.contains("R1") && output.contains("R2"))
        #expect(!output.contains("8Б-01"))
    }

    /// `report`, `analyze` and `norms` go through the same engine.
    @Test func reportAnalyzeAndNormsRefuseTheSameWay() throws {
        let workspace = try Workspace()
        let wrong = try workspace.write("8b.csv", bytes: try Repository.bytes("Examples/golomshtok-interest-map-8b.csv"))
        let report = try workspace.run(["report", "--instrument", "klimov-ddo", wrong, "--lang", "en"])
        #expect(report.status == 65)
        #expect(report.stderr.contains("use --instrument golomshtok-interest-map"))
        let norms = try workspace.run(["norms", "--instrument", "klimov-ddo", wrong, "--output", "normed.json", "--lang", "en"])
        #expect(norms.status == 65)
        #expect(norms.stderr.contains("use --instrument golomshtok-interest-map"))
        #expect(workspace.contents("normed.json") == nil)
        let bad = try workspace.write("bad.csv", text: Self.header(1...20)
            + Self.row("S1", good: 0, bad: 20) + Self.row("S2", good: 0, bad: 20) + Self.row("S3", good: 20))
        let analyze = try workspace.run(["analyze", "--instrument", "klimov-ddo", bad, "--lang", "en", "--output", "analysis.md"])
        #expect(analyze.status == 65)
        #expect(analyze.stderr.contains("40 of the 60 filled answer cells"))
        #expect(workspace.contents("analysis.md") == nil)
        let reportBad = try workspace.run(["report", "--instrument", "klimov-ddo", bad, "--lang", "en", "--output", "report.md"])
        #expect(reportBad.status == 65)
        #expect(workspace.contents("report.md") == nil)
        #expect(reportBad.stderr.contains("the report was not written"))
    }

    /// About 6 MB of ДДО rows, each with 11 unreadable cells of 20 (more
    /// than half): refused in parts as in one go, with the same diagnostics.
    @Test func refusedInPartsAsInOneGo() throws {
        let workspace = try Workspace()
        var text = Self.header(1...20, info: "id,класс")
        let rows = 100_000
        for index in 0..<rows { text += Self.row("P-\(index)", good: 9, bad: 11, info: "9А") }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 4 << 20, "larger than the 4 MiB below which sheets are read in one go")
        let sheet = try workspace.write("region.csv", bytes: bytes)
        var stderrs: [String] = []
        for threads in ["1", "2"] {
            let run = try workspace.run(["score", "--instrument", "klimov-ddo", sheet, "--lang", "en",
                                         "--threads", threads, "--output", "out.csv"])
            #expect(run.status == 65)
            #expect(run.stderr.contains("\(sheet):\(rows + 2): error: \(rows * 11) of the \(rows * 20) filled answer cells"), "\(run.stderrLines.suffix(3))")
            #expect(workspace.contents("out.csv") == nil)
            #expect(run.stderr.contains("klimov-ddo: 0 respondent(s) scored from 0 of 1 file(s); \(rows * 11) cell(s) could not be read"))
            stderrs.append(run.stderr)
        }
        #expect(stderrs[0] == stderrs[1])
        #expect(try workspace.listing() == ["region.csv"], "no scratch file is left")
    }
}
