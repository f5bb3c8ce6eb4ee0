import Foundation
import Testing

/// `profscore norms` end to end, and the round trip on the example instrument
/// validate → template → score → analyze → (fix the key) → norms → score again,
/// with each respondent's percentile rank and sten checked against numbers
/// computed here from the pilot sample by hand's method, independently of the
/// library.
@Suite struct NormsCommandTests {
    static let pilotInstrument = Repository.path("Examples/custom/pilot-interests.json")
    static let pilotSample = Repository.path("Examples/custom/pilot-sample.csv")

    /// The pilot sample as the test reads it itself.
    static func pilot() throws -> CSVDocument {
        CSVDocument(parsing: String(decoding: try Repository.bytes("Examples/custom/pilot-sample.csv"), as: UTF8.self), delimiter: ";")
    }

    /// The example's key, with item 15 reversed as the fix in Examples/custom/README.md makes it:
    /// tech = 1 + 4 + (6 − 7) + 10 + (6 − 13), people = 2 + (6 − 5) + 8 + 11 + (6 − 14),
    /// creative = 3 + 6 + (6 − 9) + 12 + (6 − 15). `nil` when an item is blank.
    static func rawScores(_ record: [String: String]) -> [String: Int]? {
        var answers: [Int: Int] = [:]
        for item in 1...15 {
            guard let value = record[String(item)].flatMap({ Int($0) }) else { return nil }
            answers[item] = value
        }
        func a(_ item: Int) -> Int { answers[item]! }
        return [
            "tech": a(1) + a(4) + (6 - a(7)) + a(10) + (6 - a(13)),
            "people": a(2) + (6 - a(5)) + a(8) + a(11) + (6 - a(14)),
            "creative": a(3) + a(6) + (6 - a(9)) + a(12) + (6 - a(15)),
        ]
    }

    /// Φ at −2, −1.5, …, 2 (tables of the standard normal distribution): a
    /// proportion p has sten s = round(2Φ⁻¹(p) + 5.5) exactly when it lies
    /// between Φ((s − 6)/2) and Φ((s − 5)/2), so the sten is 1 + the number of
    /// these boundaries that p reaches.
    static let stenBoundaries = [0.0227501319, 0.0668072013, 0.1586552539, 0.3085375387, 0.5,
                                 0.6914624613, 0.8413447461, 0.9331927987, 0.9772498681]

    /// PR (one decimal) and sten of `raw` among `group`, by the definitions in docs/instrument-format.md.
    static func expected(raw: Int, group: [Int]) -> (pr: Double, sten: Int) {
        let n = Double(group.count)
        let below = Double(group.filter { $0 < raw }.count), equal = Double(group.filter { $0 == raw }.count)
        let proportion = (below + equal / 2) / n
        let p = min(max(proportion, 0.5 / n), 1 - 0.5 / n)
        return ((proportion * 1000).rounded() / 10, 1 + stenBoundaries.filter { p >= $0 }.count)
    }

    @Test func roundTripToANormedInstrument() throws {
        let workspace = try Workspace()
        // 1. validate
        #expect(try workspace.run(["validate", Self.pilotInstrument]).status == 0)

        // 2. template: one row per pupil of a roster; the teacher adds a column «пол».
        let pilot = try Self.pilot()
        try workspace.write("roster.csv", text: "id;класс\n" + pilot.rows.map { "\($0[0]);\($0[1])" }.joined(separator: "\n") + "\n")
        let template = try workspace.run(["template", Self.pilotInstrument, "--roster", "roster.csv", "--output", "blank.csv"])
        #expect(template.status == 0, "\(template)")
        let blank = CSVDocument(parsing: String(decoding: workspace.contents("blank.csv") ?? [], as: UTF8.self))
        #expect(blank.header == ["id", "ФИО", "класс"] + (1...15).map(String.init))
        var filled = (["id", "ФИО", "класс", "пол"] + (1...15).map(String.init)).joined(separator: ",") + "\n"
        for row in blank.rows {
            let answers = try #require(pilot.record(id: row[0]))
            filled += ([row[0], row[1], row[2], answers["пол"] ?? ""] + (1...15).map { answers[String($0)] ?? "" }).joined(separator: ",") + "\n"
        }
        try workspace.write("filled.csv", text: filled)

        // 3. score, 4. analyze: item 15 is flagged as mis-keyed.
        let score = try workspace.run(["score", "--instrument", Self.pilotInstrument, "filled.csv", "--lang", "en"])
        #expect(score.status == 0 && score.csv().rows.count == 150, "\(score)")
        #expect(!score.csv().header.contains("norm_group"), "no norms yet")
        let analyze = try workspace.run(["analyze", "--instrument", Self.pilotInstrument, "filled.csv", "--lang", "en"])
        #expect(analyze.stderr.contains("item 15 correlates negatively"), "\(analyze)")

        // The fix the warning names, and a new version.
        let original = String(decoding: try Repository.bytes("Examples/custom/pilot-interests.json"), as: UTF8.self)
        let fixed = original.replacingOccurrences(of: "{\"item\": \"15\"}", with: "{\"item\": \"15\", \"reverse\": true}")
            .replacingOccurrences(of: "\"version\": \"0.1.0\"", with: "\"version\": \"0.2.0\"")
        #expect(fixed != original)
        try workspace.write("pilot.json", text: fixed)
        let reanalyze = try workspace.run(["analyze", "--instrument", "pilot.json", "filled.csv", "--lang", "en"])
        #expect(reanalyze.status == 0 && !reanalyze.stderr.contains(": warning:"), "\(reanalyze)")

        // 5. norms by grade and sex: with the default minimum of 30 every group is too small.
        let refused = try workspace.run(["norms", "--instrument", "pilot.json", "filled.csv", "--by", "grade,sex", "--output", "normed.json", "--lang", "en"])
        #expect(refused.status == 65, "\(refused)")
        #expect(workspace.contents("normed.json") == nil)
        #expect(refused.stdout.contains("grade=9 sex=female   26  no: n < 30"), "\(refused)")
        #expect(refused.stderrLines.last == "pilot-interests: normed.json was not written: no norm group has 30 or more respondents", "\(refused)")
        #expect(refused.stderrLines(startingWith: "pilot.json: warning: norm group grade=").count == 6, "\(refused)")

        let norms = try workspace.run(["norms", "--instrument", "pilot.json", "filled.csv", "--by", "grade,sex", "--min-n", "20",
                                       "--sample", "Simulated pilot sample", "--output", "normed.json", "--lang", "en"])
        #expect(norms.status == 0, "\(norms)")
        #expect(workspace.contents("pilot.json") == Array(fixed.utf8), "the instrument file is not touched")
        // The groups and their n, counted here: complete sheets per grade and sex.
        var groups: [String: [[String: Int]]] = [:]
        var sexOf: [String: String] = [:]
        for record in pilot.rows.compactMap({ pilot.record(id: $0[0]) }) {
            sexOf[record["id"]!] = record["пол"]
            guard let raw = Self.rawScores(record) else { continue }
            groups["grade=\(record["параллель"]!) sex=\(record["пол"] == "ж" ? "female" : "male")", default: []].append(raw)
        }
        #expect(groups.values.map(\.count).reduce(0, +) == 144)
        for (label, members) in groups {
            #expect(norms.stdout.contains("\n\(label) — n = \(members.count): raw scores per sten\n"), "\(label)\n\(norms)")
        }
        #expect(norms.stderrLines.last == "pilot-interests: wrote normed.json: 6 norm group(s), 144 of 150 respondent(s) from 1 file(s); 0 group(s) refused as smaller than 20", "\(norms)")
        #expect(norms.stderr.contains("normed.json: note: sample: Simulated pilot sample. 144 respondent(s) in 6 norm group(s) (groups by grade and sex) of 150 read from filled.csv; left out: 6 with a scale not scored"), "\(norms)")
        let written = String(decoding: workspace.contents("normed.json") ?? [], as: UTF8.self)
        // Everything of the instrument up to the end of its last key is kept as it was.
        let lastValueEnd = try #require(fixed.range(of: "]", options: .backwards)).upperBound
        #expect(written.hasPrefix(String(fixed[..<lastValueEnd]) + ",\n  \"norms\": {\n    \"method\": \"normalized\","))
        #expect(try workspace.run(["validate", "normed.json"]).status == 0)

        // 6. score again: each pupil's percentile rank and sten from their own group's table.
        try workspace.write("more.csv", text: "id,класс,пол," + (1...15).map(String.init).joined(separator: ",") + "\n"
                                + "X1,11А,ж," + Array(repeating: "3", count: 15).joined(separator: ",") + "\n")
        let rescored = try workspace.run(["score", "--instrument", "normed.json", "filled.csv", "more.csv", "--lang", "en"])
        #expect(rescored.status == 0, "\(rescored)")
        let csv = rescored.csv()
        #expect(csv.header.prefix(14) == ["id", "tech", "people", "creative", "level_tech", "level_people", "level_creative",
                                          "pr_tech", "pr_people", "pr_creative", "sten_tech", "sten_people", "sten_creative", "norm_group"])
        var checked = 0
        for row in pilot.rows {
            let id = row[0]
            let record = try #require(csv.record(id: id))
            let grade = try #require(pilot.record(id: id)?["параллель"])
            let label = "grade=\(grade) sex=\(sexOf[id] == "ж" ? "female" : "male")"
            #expect(record["norm_group"] == label, "\(id)")
            guard let raw = Self.rawScores(try #require(pilot.record(id: id))) else {
                #expect(record["pr_tech"] == "" || record["pr_people"] == "" || record["pr_creative"] == "", "\(id): a scale is not scored")
                continue
            }
            for scale in ["tech", "people", "creative"] {
                let expected = Self.expected(raw: raw[scale]!, group: groups[label]!.map { $0[scale]! })
                #expect(Double(record["pr_" + scale] ?? "") == expected.pr, "\(id) \(scale)")
                #expect(Int(record["sten_" + scale] ?? "") == expected.sten, "\(id) \(scale)")
                checked += 1
            }
        }
        #expect(checked == 144 * 3)
        // A grade-9 girl and a grade-9 boy with the same tech score get different percentile ranks.
        let girl = try #require(pilot.rows.first { $0[2] == "9" && $0[3] == "ж" && Self.rawScores(pilot.record(id: $0[0])!) != nil })
        #expect(csv.record(id: girl[0])?["norm_group"] == "grade=9 sex=female")
        #expect(csv.record(id: "X1")?["norm_group"] == "no-group: grade=11 sex=female")
        #expect(csv.record(id: "X1")?["pr_tech"] == "" && csv.record(id: "X1")?["sten_tech"] == "")
        #expect(rescored.stderrLines(startingWith: "more.csv: warning: 1 of 1 respondent(s) have no norm group").count == 1, "\(rescored)")
        #expect(rescored.stderrLines(startingWith: "filled.csv: warning").isEmpty, "\(rescored)")

        let json = try workspace.run(["score", "--instrument", "normed.json", "filled.csv", "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdoutBytes)) as? [String: Any])
        let respondents = try #require(document["respondents"] as? [[String: Any]])
        let girlNorm = try #require(respondents.first { $0["id"] as? String == girl[0] }?["norm"] as? [String: Any])
        #expect(girlNorm["group"] as? String == "grade=9 sex=female")
        #expect(girlNorm["n"] as? Int == groups["grade=9 sex=female"]!.count)
        let girlRaw = Self.rawScores(pilot.record(id: girl[0])!)!
        #expect((girlNorm["sten"] as? [String: Int])?["creative"] == Self.expected(raw: girlRaw["creative"]!, group: groups["grade=9 sex=female"]!.map { $0["creative"]! }).sten)

        // The group report counts stens per scale: every complete sheet has a group.
        let report = try workspace.run(["report", "--instrument", "normed.json", "filled.csv", "--format", "json", "--output", "summary.json"])
        #expect(report.status == 0, "\(report)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(workspace.contents("summary.json") ?? [])) as? [String: Any])
        var stenTotal = 0
        for group in summary["groups"] as? [[String: Any]] ?? [] {
            let scales = (group["results"] as? [String: Any])?["scales"] as? [[String: Any]] ?? []
            stenTotal += (scales.first { $0["id"] as? String == "tech" }?["stens"] as? [Int] ?? []).reduce(0, +)
        }
        #expect(stenTotal == 144)
    }

    @Test func normsByGradeFromClassNamesWithoutAGroupingOption() throws {
        let workspace = try Workspace()
        // One group of everybody: n = 144 complete sheets.
        let all = try workspace.run(["norms", "--instrument", Self.pilotInstrument, Self.pilotSample, "--output", "all.json", "--lang", "en"])
        #expect(all.status == 0, "\(all)")
        #expect(all.stdout.contains("\nall — n = 144: raw scores per sten\n"), "\(all)")
        // By grade: from «параллель»; a sheet with only «класс» gives the same groups.
        let pilot = try Self.pilot()
        let header = pilot.header.enumerated().filter { $0.element != "параллель" }.map(\.offset)
        let text = pilot.rows.map { row in header.map { row[$0] }.joined(separator: ";") }.joined(separator: "\n")
        try workspace.write("by-class.csv", text: header.map { pilot.header[$0] }.joined(separator: ";") + "\n" + text + "\n")
        let byGrade = try workspace.run(["norms", "--instrument", Self.pilotInstrument, Self.pilotSample, "--by", "grade", "--output", "g1.json", "--lang", "en"])
        let byClass = try workspace.run(["norms", "--instrument", Self.pilotInstrument, "by-class.csv", "--by", "grade", "--output", "g2.json", "--lang", "en"])
        #expect(byGrade.status == 0 && byClass.status == 0, "\(byGrade)\n\(byClass)")
        #expect(byGrade.stdout == byClass.stdout)
        // Complete sheets: grade 8 50 − 2, grade 9 50 − 2, grade 10 50 − 2 (Examples/custom/README.md: P007, P023 / P058, P091 / P117, P140).
        for (grade, n) in [(8, 48), (9, 48), (10, 48)] {
            #expect(byGrade.stdout.contains("\ngrade=\(grade) — n = \(n): raw scores per sten\n"), "\(byGrade)")
        }
    }

    struct UsageCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var says: String
        var status: Int32 = 64
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(arguments: ["norms", "SHEET", "--output", "n.json"], says: "norms needs --instrument"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "--output", "n.json"], says: "at least one answer-sheet file"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET"], says: "norms needs --output NEW.json"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "INSTRUMENT"], says: "--output pilot.json is the same file as --instrument pilot.json; it would be overwritten"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "SHEET"], says: "--output pilot.csv is the same file as answer sheet pilot.csv"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "n.json", "--by", "grade,region"],
                  says: "'region' is not one of: grade, sex"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "n.json", "--by", "sex,sex"], says: "names sex twice"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "n.json", "--min-n", "5"],
                  says: "--min-n '5' is not a whole number of at least 10"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "--output", "n.json", "--diagnostics", "SHEET"], says: "--diagnostics pilot.csv is the same file as answer sheet pilot.csv"),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "NOSEX", "--output", "n.json", "--by", "grade,sex"],
                  says: "nosex.csv:1: error: no column for sex (looked for: sex, gender, пол, пол ученика)", status: 65),
        UsageCase(arguments: ["norms", "--instrument", "INSTRUMENT", "SHEET", "NOSEX", "--output", "n.json", "--by", "sex", "--min-n", "10"],
                  says: "n.json was not written: 1 of 2 file(s) could not be used", status: 65),
    ]

    @Test(arguments: usageCases)
    func mistakesAreRefusedAndNothingIsWritten(_ usage: UsageCase) throws {
        let workspace = try Workspace()
        try workspace.write("pilot.json", bytes: try Repository.bytes("Examples/custom/pilot-interests.json"))
        try workspace.write("pilot.csv", bytes: try Repository.bytes("Examples/custom/pilot-sample.csv"))
        try workspace.write("nosex.csv", text: "id;класс;" + (1...15).map(String.init).joined(separator: ";") + "\nP1;9А;" + Array(repeating: "3", count: 15).joined(separator: ";") + "\n")
        let arguments = usage.arguments.map { ["SHEET": "pilot.csv", "INSTRUMENT": "pilot.json", "NOSEX": "nosex.csv"][$0] ?? $0 }
        let run = try workspace.run(arguments + ["--lang", "en"])
        #expect(run.status == usage.status, "\(run)")
        #expect(run.stderr.contains(usage.says), "\(run)")
        #expect(try workspace.listing() == ["nosex.csv", "pilot.csv", "pilot.json"], "nothing is written")
        #expect(workspace.contents("pilot.json") == (try Repository.bytes("Examples/custom/pilot-interests.json")))
    }

    @Test func helpAndTheCommandList() throws {
        let run = try Workspace().run(["norms", "--help", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("USAGE: profscore norms"), "\(run)")
        #expect(run.stdout.contains("percentile rank PR = (respondents below + ½ respondents equal) ÷ n × 100"), "\(run)")
        let main = try Workspace().run(["--help"])
        #expect(main.stdout.contains("  norms "), "\(main)")
    }
}
