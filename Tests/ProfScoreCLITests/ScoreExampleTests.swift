import Foundation
import Testing

/// `profscore score` on the example class sheet of Klimov's ДДО
/// (Examples/klimov-ddo-7a.csv: Windows-1251, `;`, CRLF, 22 pupils, one
/// unreadable cell at line 8, column 15).
///
/// The expected scores are worked out by hand from the published key
/// (shared/reference/instrument-keys.md) and the answers in the file, decoded
/// from Windows-1251:
///
///     type        options scoring 1 point
///     nature      1а 3б 6а 10а 11а 13б 16а 20а
///     technology  1б 4а 7б 9а 11б 14а 17б 19а
///     people      2а 4б 6б 8а 12а 14б 16б 18а
///     sign        2б 5а 9б 10б 12б 15а 19б 20б
///     art         3а 5б 7а 8б 13а 15б 17а 18б
///
/// 7А-01 (line 2): а б б а а а б б а б а б а а б а а б б б (items 1…20)
///     nature      1а✓ 3б✓ 6а✓ 10а✗ 11а✓ 13б✗ 16а✓ 20а✗  = 5
///     technology  1б✗ 4а✓ 7б✓ 9а✓ 11б✗ 14а✓ 17б✗ 19а✗  = 4
///     people      2а✗ 4б✗ 6б✗ 8а✗ 12а✗ 14б✗ 16б✗ 18а✗  = 0
///     sign        2б✓ 5а✓ 9б✗ 10б✓ 12б✓ 15а✗ 19б✓ 20б✓ = 6
///     art         3а✗ 5б✗ 7а✗ 8б✓ 13а✓ 15б✓ 17а✓ 18б✓ = 5    (5+4+0+6+5 = 20 ✓)
///     highest: sign 6 ≥ 3 → leading sign; sign → engineering, economic.
///
/// 7А-04 (line 5), typed in Latin look-alikes:
///     a b b a a a b a a a b a b a a a b a b a
///     nature      1а✓ 3б✓ 6а✓ 10а✓ 11а✗ 13б✓ 16а✓ 20а✓ = 7
///     technology  1б✗ 4а✓ 7б✓ 9а✓ 11б✓ 14а✓ 17б✓ 19а✗ = 6
///     people      2а✗ 4б✗ 6б✗ 8а✓ 12а✓ 14б✗ 16б✗ 18а✓ = 3
///     sign        2б✓ 5а✓ 9б✗ 10б✗ 12б✗ 15а✓ 19б✓ 20б✗ = 4
///     art         3а✗ 5б✗ 7а✗ 8б✗ 13а✗ 15б✗ 17а✗ 18б✗ = 0    (7+6+3+4+0 = 20 ✓)
///     nature 7 is in the band 7–8 «pronounced orientation»; leading nature → natural-science.
///
/// 7А-12 (line 13), Latin:
///     a a b b a a b a a a a b b b b b b a a a
///     nature      1а✓ 3б✓ 6а✓ 10а✓ 11а✓ 13б✓ 16а✗ 20а✓ = 7
///     technology  1б✗ 4а✗ 7б✓ 9а✓ 11б✗ 14а✗ 17б✓ 19а✓ = 4
///     people      2а✓ 4б✓ 6б✗ 8а✓ 12а✗ 14б✓ 16б✓ 18а✓ = 6
///     sign        2б✗ 5а✓ 9б✗ 10б✗ 12б✓ 15а✗ 19б✗ 20б✗ = 2
///     art         3а✗ 5б✗ 7а✗ 8б✗ 13а✗ 15б✓ 17а✗ 18б✗ = 1    (7+4+6+2+1 = 20 ✓)
///
/// 7А-07 (line 8) answered item 12 «аб»; item 12 scores people (12а) and sign
/// (12б), so those two are unscored. The rest:
///     б б б б б а а а б а б [аб] а б б а б б а б
///     nature      1а✗ 3б✓ 6а✓ 10а✓ 11а✗ 13б✗ 16а✓ 20а✗ = 4
///     technology  1б✓ 4а✗ 7б✗ 9а✗ 11б✓ 14а✗ 17б✓ 19а✓ = 4
///     art         3а✗ 5б✓ 7а✓ 8б✗ 13а✓ 15б✓ 17а✗ 18б✓ = 5
@Suite struct ScoreExampleTests {
    static let sheet = Repository.path("Examples/klimov-ddo-7a.csv")

    struct HandScored: Sendable, CustomTestStringConvertible {
        var id: String
        var line: Int
        var nature: String, technology: String, people: String, sign: String, art: String
        var leading: String
        var testDescription: String { id }
    }

    static let handScored: [HandScored] = [
        HandScored(id: "7А-01", line: 2, nature: "5", technology: "4", people: "0", sign: "6", art: "5", leading: "sign"),
        HandScored(id: "7А-04", line: 5, nature: "7", technology: "6", people: "3", sign: "4", art: "0", leading: "nature"),
        HandScored(id: "7А-12", line: 13, nature: "7", technology: "4", people: "6", sign: "2", art: "1", leading: "nature"),
        HandScored(id: "7А-07", line: 8, nature: "4", technology: "4", people: "", sign: "", art: "5", leading: ""),
    ]

    @Test func scoresTheClassAndReportsTheOneUnreadableCell() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--lang", "en"])
        #expect(run.status == 0, "\(run)")

        let csv = run.csv()
        let expectedStart = ["id", "nature", "technology", "people", "sign", "art",
                             "level_nature", "level_technology", "level_people", "level_sign", "level_art"]
        #expect(Array(csv.header.prefix(expectedStart.count)) == expectedStart, "\(run)")
        #expect(csv.header.contains("ФИО") && csv.header.contains("класс"), "respondent columns come after the scores")
        #expect(csv.rows.count == 22, "\(run)")
        #expect(csv.ids == (1...22).map { String(format: "7А-%02d", $0) })
        #expect(csv.rows.allSatisfy { $0.count == csv.header.count }, "every row has a cell per column")

        let errors = run.stderrLines(startingWith: "\(Self.sheet):8:15: error:")
        #expect(errors.count == 1, "\(run)")
        let error = try #require(errors.first)
        #expect(error.contains("item 12"))
        #expect(error.contains("7А-07"))
        #expect(error.contains("«аб»"))
        #expect(error.contains("allowed answers: а (1); б (b, 2)"))
        // The class is 7А and the ДДО is for grades 8–11: one warning for the file, after its rows.
        #expect(run.stderrLines(startingWith: Self.sheet) == [error,
            "\(Self.sheet): warning: 22 respondent(s) in grade(s) 7, but 'klimov-ddo' is meant for grades 8–11; their results are still computed — read them with care"],
                "no other cell of the file is wrong: \(run)")
        #expect(run.stderr.contains("22 respondent(s)"), "\(run)")
        #expect(run.stderr.contains("1 cell(s) could not be read"), "\(run)")
    }

    @Test(arguments: handScored)
    func scaleScoresMatchTheHandScoredKey(_ pupil: HandScored) throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--lang", "en"])
        let row = try #require(run.csv().record(id: pupil.id), "\(run)")
        #expect(row["nature"] == pupil.nature)
        #expect(row["technology"] == pupil.technology)
        #expect(row["people"] == pupil.people)
        #expect(row["sign"] == pupil.sign)
        #expect(row["art"] == pupil.art)
        #expect(row["leading"] == pupil.leading)
        #expect(row["line"] == String(pupil.line))
        #expect(row["file"] == Self.sheet)
    }

    @Test func theUnreadableCellLeavesPeopleAndSignUnscored() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--lang", "en"])
        let row = try #require(run.csv().record(id: "7А-07"), "\(run)")
        #expect(row["people"] == "")
        #expect(row["sign"] == "")
        #expect(row["level_people"] == "")
        #expect(row["level_sign"] == "")
        #expect(row["leading"] == "", "no leading type when a compared scale is unscored")
        #expect(row["profile"] == "")
        let flags = (row["flags"] ?? "").split(separator: " ").map(String.init)
        #expect(flags.contains("unreadable"), "flags: \(row["flags"] ?? "")")
        #expect(flags.contains("incomplete"), "flags: \(row["flags"] ?? "")")
        #expect(row["ФИО"] == "Юдин Всеволод")
    }

    @Test func levelsAndProfilesFollowTheBandsAndTheMapping() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--lang", "en"])
        let csv = run.csv()
        // 7А-04: nature 7 (band 7–8), technology 6 (3–6), art 0 (0–2).
        let pupil04 = try #require(csv.record(id: "7А-04"), "\(run)")
        #expect(pupil04["level_nature"] == "pronounced orientation")
        #expect(pupil04["level_technology"] == "average")
        #expect(pupil04["level_art"] == "no interest identified")
        #expect(pupil04["profile"] == "natural-science")
        // 7А-01: leading sign → engineering and economic, in the order of the categories.
        let pupil01 = try #require(csv.record(id: "7А-01"), "\(run)")
        #expect(pupil01["profile"] == "engineering+economic")
        #expect(pupil01["flags"] == "")
    }

    @Test func messagesAreRussianByDefault() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet])
        #expect(run.status == 0, "\(run)")
        let errors = run.stderrLines(startingWith: "\(Self.sheet):8:15: ошибка:")
        #expect(errors.count == 1, "\(run)")
        #expect(errors.first?.contains("пункт 12") == true, "\(run)")
        #expect(run.stderr.contains("подсчитано респондентов: 22"), "\(run)")
        // Level labels are Russian too: 7А-04 has nature 7, band 7–8.
        let row = try #require(run.csv().record(id: "7А-04"), "\(run)")
        #expect(row["level_nature"] == "выраженная направленность")
        #expect(row["level_art"] == "интерес не выявлен")
    }

    @Test func jsonHasEveryRespondent() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--format", "json", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdoutBytes)) as? [String: Any], "\(run)")
        let respondents = try #require(object["respondents"] as? [[String: Any]], "\(run)")
        #expect(respondents.count == 22)
        let first = try #require(respondents.first { $0["id"] as? String == "7А-01" })
        let scores = try #require(first["scores"] as? [String: Any])
        #expect(scores["nature"] as? Int == 5)
        #expect(scores["technology"] as? Int == 4)
        #expect(scores["people"] as? Int == 0)
        #expect(scores["sign"] as? Int == 6)
        #expect(scores["art"] as? Int == 5)
        #expect(first["leading"] as? [String] == ["sign"])
        let seventh = try #require(respondents.first { $0["id"] as? String == "7А-07" })
        let seventhScores = try #require(seventh["scores"] as? [String: Any])
        #expect(seventhScores["people"] is NSNull)
        #expect(seventhScores["sign"] is NSNull)
        #expect(seventhScores["art"] as? Int == 5)
        #expect((seventh["flags"] as? [String])?.contains("unreadable") == true)
        #expect(run.stderrLines(startingWith: "\(Self.sheet):8:15: error:").count == 1, "diagnostics stay on stderr")
    }

    @Test func tableListsEveryRespondent() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--format", "table", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        for number in 1...22 {
            let id = String(format: "7А-%02d", number)
            #expect(run.stdout.components(separatedBy: "\n").contains { $0.hasPrefix(id + " ") }, "\(id) missing: \(run)")
        }
        #expect(run.stdout.contains("nature"))
    }

    @Test func excelOutputHasBOMSemicolonsAndCRLF() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", Self.sheet, "--excel", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        let bytes = run.stdoutBytes
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "UTF-8 byte order mark")
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        // For people: the scales' short names (the instrument's `label`), not their ids.
        #expect(text.hasPrefix("id;Nature;Technology;People;Sign;Art;level: Nature;"))
        // Every line ends with CR LF: 1 header + 22 rows, no bare LF.
        let lineFeeds = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lineFeeds.count == 23)
        #expect(lineFeeds.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
        #expect(bytes.last == 0x0A)
        let row = try #require(CSVDocument(parsing: text, delimiter: ";").record(id: "7А-01"))
        #expect(row["Sign"] == "6")
        #expect(row["leading type"] == "Sign" && row["flags"] == "")
    }

    /// `--excel` writes fractions with a decimal comma. The readiness
    /// questionnaire has mean scales; scale k is items k, k+6, k+12, k+18 with
    /// 19–24 reversed (6 − answer). Answers: every item 3 except 7 = 2,
    /// 13 = 2, 19 = 4.
    /// awareness = (3 + 2 + 2 + (6 − 4)) / 4 = 9 / 4 = 2.25
    /// total = (24 × 3 − 1 − 1 − 1) / 24 = 69 / 24 = 2.875 (item 19 reversed is 2, one below 3)
    @Test func excelWritesDecimalCommas() throws {
        let workspace = try Workspace()
        var answers = [Int](repeating: 3, count: 25)
        answers[7] = 2
        answers[13] = 2
        answers[19] = 4
        try workspace.write("ready.csv", text: "id;" + (1...24).map(String.init).joined(separator: ";") + "\n"
            + "R1;" + (1...24).map { String(answers[$0]) }.joined(separator: ";") + "\n")

        let plain = try workspace.run(["score", "--instrument", "readiness-self-determination", "ready.csv", "--lang", "en"])
        let plainRow = try #require(plain.csv().record(id: "R1"), "\(plain)")
        #expect(plainRow["awareness"] == "2.25")
        #expect(plainRow["motivation"] == "3")
        #expect(plainRow["total"] == "2.875")

        let excel = try workspace.run(["score", "--instrument", "readiness-self-determination", "ready.csv", "--excel", "--lang", "en"])
        let excelRow = try #require(CSVDocument(parsing: excel.stdout, delimiter: ";").record(id: "R1"), "\(excel)")
        #expect(excelRow["Awareness"] == "2,25")
        #expect(excelRow["Overall"] == "2,875")
    }

    /// `--precision`: a mean scale of three option-keyed items, «а» scoring.
    /// P1 answers а, а, б: share = (1 + 1 + 0) / 3 = 2/3, other = 1/3;
    /// P2 answers а, а, а: share = 3/3 = 1, other = 0.
    /// By default 2/3 is rounded to 4 decimals: 0.6667 (0.66666… rounds up).
    /// In full: the Double nearest 2/3 is 0.666666666666666629659…, and the
    /// shortest text that reads back as it is 0.6666666666666666 (sixteen 6s);
    /// likewise 1/3 is 0.333333333333333314829…, written 0.3333333333333333.
    @Test func precisionFullWritesEveryDigit() throws {
        let workspace = try Workspace()
        try workspace.write("thirds.json", text: """
            {
              "formatVersion": 1, "id": "thirds", "version": "1.0.0",
              "title": { "ru": "Трети", "en": "Thirds" },
              "source": { "authors": "ProfScore tests", "citation": "none", "licence": "public domain" },
              "answerFormats": [ { "id": "ab", "kind": "choice", "options": [ { "code": "а" }, { "code": "б" } ] } ],
              "items": [ { "id": "1", "format": "ab" }, { "id": "2", "format": "ab" }, { "id": "3", "format": "ab" } ],
              "scales": [
                { "id": "share", "title": { "ru": "Доля а", "en": "Share of a" }, "combine": "mean",
                  "key": [ { "item": "1", "option": "а" }, { "item": "2", "option": "а" }, { "item": "3", "option": "а" } ] },
                { "id": "other", "title": { "ru": "Доля б", "en": "Share of b" }, "combine": "mean",
                  "key": [ { "item": "1", "option": "б" }, { "item": "2", "option": "б" }, { "item": "3", "option": "б" } ] }
              ]
            }
            """)
        try workspace.write("sheet.csv", text: "id,1,2,3\nP1,а,а,б\nP2,а,а,а\n")
        let base = ["score", "--instrument", "thirds.json", "sheet.csv", "--lang", "en"]

        let rounded = try workspace.run(base)
        #expect(rounded.status == 0, "\(rounded)")
        let roundedRow = try #require(rounded.csv().record(id: "P1"), "\(rounded)")
        #expect(roundedRow["share"] == "0.6667" && roundedRow["other"] == "0.3333", "\(rounded)")
        #expect(try workspace.run(base + ["--precision", "4"]).stdout == rounded.stdout, "4 is the default")

        let full = try workspace.run(base + ["--precision", "full"])
        #expect(full.status == 0, "\(full)")
        let fullCSV = full.csv()
        let fullRow = try #require(fullCSV.record(id: "P1"), "\(full)")
        #expect(fullRow["share"] == "0.6666666666666666" && fullRow["other"] == "0.3333333333333333", "\(full)")
        #expect(fullCSV.record(id: "P2")?["share"] == "1" && fullCSV.record(id: "P2")?["other"] == "0", "whole numbers stay whole")

        let json = try workspace.run(base + ["--precision", "full", "--format", "json"])
        #expect(json.stdout.contains("\"scores\":{\"share\":0.6666666666666666,\"other\":0.3333333333333333}"), "\(json)")
        let roundedJSON = try workspace.run(base + ["--format", "json"])
        #expect(roundedJSON.stdout.contains("\"scores\":{\"share\":0.6667,\"other\":0.3333}"), "\(roundedJSON)")

        let excel = try workspace.run(base + ["--precision", "full", "--excel"])
        // CSV for Excel heads the scale by its name (its title here, as it has no label).
        #expect(CSVDocument(parsing: excel.stdout, delimiter: ";").record(id: "P1")?["Share of a"] == "0,6666666666666666", "\(excel)")

        let wrong = try workspace.run(base + ["--precision", "6"])
        #expect(wrong.status == 64 && wrong.stderr.contains("--precision '6' is not one of: 4, full"), "\(wrong)")
    }
}
