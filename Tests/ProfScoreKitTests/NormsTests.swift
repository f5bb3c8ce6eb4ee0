import Foundation
import Testing
@testable import ProfScoreKit

/// Norms: percentile ranks, stens and T-scores of small samples worked out by
/// hand; the loader's checks of a `norms` section with their paths and lines;
/// writing norms into an instrument file; finding a respondent's norm group;
/// stens in group summaries.
@Suite struct NormsTests {
    // MARK: - Φ⁻¹

    struct QuantileCase: Sendable, CustomTestStringConvertible {
        var p: Double
        var z: Double
        var testDescription: String { "Φ⁻¹(\(p)) = \(z)" }
    }

    /// Values from tables of the standard normal distribution (to 9 or more digits).
    static let quantiles: [QuantileCase] = [
        QuantileCase(p: 0.5, z: 0),
        QuantileCase(p: 0.975, z: 1.959963985),
        QuantileCase(p: 0.025, z: -1.959963985),
        QuantileCase(p: 0.95, z: 1.644853627),
        QuantileCase(p: 0.8413447461, z: 1.0),
        QuantileCase(p: 0.0227501319, z: -2.0),
        QuantileCase(p: 0.001, z: -3.090232306),
        QuantileCase(p: 0.9999, z: 3.719016485),
        QuantileCase(p: 0.2, z: -0.841621234),
    ]

    @Test(arguments: quantiles)
    func inverseNormalAgreesWithTables(_ testCase: QuantileCase) {
        #expect(abs(NormalDistribution.quantile(testCase.p) - testCase.z) < 2e-9)
    }

    // MARK: - Tables by hand

    /// The possible scores of the test scale (item 1 + reversed item 2, each 1…3): 2…6.
    static let possible: [Double] = [2, 3, 4, 5, 6]

    /// Sample A = 2, 3, 3, 4, 4, 4, 5, 5, 6, 6 (n = 10). PR = (below + ½ equal) ÷ n × 100,
    /// z = Φ⁻¹(PR/100) (PR within 0.05…0.95 for n = 10), sten = round(2z + 5.5), T = round(10z + 50):
    ///   raw 2: below 0, equal 1 → PR (0 + 0.5)/10 =  5 → z = −1.6449 → sten round(2.210) = 2,  T round(33.55) = 34
    ///   raw 3: below 1, equal 2 → PR (1 + 1)/10   = 20 → z = −0.8416 → sten round(3.817) = 4,  T round(41.58) = 42
    ///   raw 4: below 3, equal 3 → PR (3 + 1.5)/10 = 45 → z = −0.1257 → sten round(5.249) = 5,  T round(48.74) = 49
    ///   raw 5: below 6, equal 2 → PR (6 + 1)/10   = 70 → z =  0.5244 → sten round(6.549) = 7,  T round(55.24) = 55
    ///   raw 6: below 8, equal 2 → PR (8 + 1)/10   = 90 → z =  1.2816 → sten round(8.063) = 8,  T round(62.82) = 63
    static let sampleA: [Double] = [2, 3, 3, 4, 4, 4, 5, 5, 6, 6]
    static let tableA = [
        Norms.Row(raw: 2, percentile: 5, sten: 2, t: 34), Norms.Row(raw: 3, percentile: 20, sten: 4, t: 42),
        Norms.Row(raw: 4, percentile: 45, sten: 5, t: 49), Norms.Row(raw: 5, percentile: 70, sten: 7, t: 55),
        Norms.Row(raw: 6, percentile: 90, sten: 8, t: 63),
    ]

    /// Sample B = 3, 3, 4, 4, 4, 5, 5, 6, 6, 6 (n = 10): nobody scored 2.
    ///   raw 2: below 0, equal 0 → PR 0; for z, PR is kept at ½ ÷ 10 = 5 % → z = −1.6449 → sten 2, T 34
    ///   raw 3: below 0, equal 2 → PR (0 + 1)/10   = 10 → z = −1.2816 → sten round(2.937) = 3,  T round(37.18) = 37
    ///   raw 4: below 2, equal 3 → PR (2 + 1.5)/10 = 35 → z = −0.3853 → sten round(4.729) = 5,  T round(46.15) = 46
    ///   raw 5: below 5, equal 2 → PR (5 + 1)/10   = 60 → z =  0.2533 → sten round(6.007) = 6,  T round(52.53) = 53
    ///   raw 6: below 7, equal 3 → PR (7 + 1.5)/10 = 85 → z =  1.0364 → sten round(7.573) = 8,  T round(60.36) = 60
    static let sampleB: [Double] = [3, 3, 4, 4, 4, 5, 5, 6, 6, 6]
    static let tableB = [
        Norms.Row(raw: 2, percentile: 0, sten: 2, t: 34), Norms.Row(raw: 3, percentile: 10, sten: 3, t: 37),
        Norms.Row(raw: 4, percentile: 35, sten: 5, t: 46), Norms.Row(raw: 5, percentile: 60, sten: 6, t: 53),
        Norms.Row(raw: 6, percentile: 85, sten: 8, t: 60),
    ]

    @Test func percentileRanksStensAndTScoresByHand() throws {
        #expect(Norms.normalizedTable(sample: Self.sampleA, possibleScores: Self.possible)?.rows == Self.tableA)
        #expect(Norms.normalizedTable(sample: Self.sampleB.shuffled(), possibleScores: Self.possible)?.rows == Self.tableB)
        #expect(Norms.normalizedTable(sample: [], possibleScores: Self.possible) == nil)
    }

    /// n = 3, scores 1, 2, 3 of 1…3: PR 16.67, 50, 83.33 written with one decimal;
    /// PR 50 → z = 0 → 2·0 + 5.5 = 5.5 rounds up to sten 6, T 50;
    /// PR 16.67 → z = −0.9674 → sten round(3.565) = 4, T round(40.33) = 40.
    @Test func percentileRanksHaveOneDecimalAndHalfStensRoundUp() throws {
        let table = try #require(Norms.normalizedTable(sample: [1, 2, 3], possibleScores: [1, 2, 3]))
        #expect(table.rows.map(\.percentile) == [16.7, 50, 83.3])
        #expect(table.rows.map(\.sten) == [4, 6, 7])
        #expect(table.rows.map(\.t) == [40, 50, 60])
    }

    /// The test instrument: items 1 and 2 on 1…3, scale s = item 1 + reversed item 2 (2…6).
    static func testInstrument(extra: String = "") throws -> Instrument {
        try Instrument.fromJSON(InstrumentLoadingTests.instrument(extra: extra))
    }

    /// Answers giving scale s the raw score r: item 1 = min(3, r − 1), item 2 reversed gives the rest.
    static func answers(raw: Int) -> [String: String] {
        let first = min(3, raw - 1)
        return ["1": String(first), "2": String(4 - (raw - first))]
    }

    @Test func builderMakesOneTablePerGroup() throws {
        let instrument = try Self.testInstrument()
        let scorer = Scorer(instrument: instrument)
        let builder = NormBuilder(instrument: instrument, groupBy: [.grade, .sex])
        for raw in Self.sampleA { builder.add(scorer.score(answers: Self.answers(raw: Int(raw))), values: Norms.Values(grade: 9, sex: .female)) }
        for raw in Self.sampleB { builder.add(scorer.score(answers: Self.answers(raw: Int(raw))), values: Norms.Values(grade: 9, sex: .male)) }
        for raw in [2, 3, 4, 5, 6, 6, 6, 6, 6] { builder.add(scorer.score(answers: Self.answers(raw: raw)), values: Norms.Values(grade: 8, sex: .male)) }
        #expect(!builder.add(scorer.score(answers: ["1": "2"]), values: Norms.Values(grade: 9, sex: .male)), "item 2 missing: not scored")
        #expect(!builder.add(scorer.score(answers: Self.answers(raw: 4)), values: Norms.Values(grade: 9)), "no sex")
        let built = builder.result(minimumN: 10, file: "t.json")
        #expect(built.groups.map(\.values.label) == ["grade=8 sex=male", "grade=9 sex=male", "grade=9 sex=female"])
        #expect(built.groups.map(\.n) == [9, 10, 10])
        #expect(built.groups.map(\.accepted) == [false, true, true])
        #expect(built.respondents == 31 && built.normed == 20)
        #expect(built.warnings.count == 1 && built.warnings[0].message.english.hasPrefix("norm group grade=8 sex=male: n = 9, below the minimum of 10"))
        let norms = try #require(built.norms)
        #expect(norms.groupBy == [.grade, .sex] && norms.minimumN == 10 && norms.method == .normalized)
        #expect(norms.group(for: Norms.Values(grade: 9, sex: .female))?.tables == [Norms.Table(rows: Self.tableA)])
        #expect(norms.group(for: Norms.Values(grade: 9, sex: .male))?.tables == [Norms.Table(rows: Self.tableB)])
        #expect(norms.group(for: Norms.Values(grade: 8, sex: .male)) == nil)
        #expect(norms.sample.en.contains("20 respondent(s) in 2 norm group(s)"), "\(norms.sample.en)")
        #expect(norms.sample.en.contains("left out: 1 with a scale not scored, 1 without a grade or sex, 9 in groups smaller than 10"), "\(norms.sample.en)")
    }

    // MARK: - Writing into an instrument file

    @Test func normsAreWrittenIntoANewFileKeepingEverythingElse() throws {
        let source = Array(InstrumentLoadingTests.instrument().utf8)
        let norms = Norms(method: .normalized, sample: LocalizedText(ru: "выборка «А»", en: "sample \"A\""), minimumN: 10,
                          groupBy: [.sex], groups: [
                              Norms.Group(values: Norms.Values(sex: .male), n: 10, tables: [Norms.Table(rows: Self.tableB)]),
                              Norms.Group(values: Norms.Values(sex: .female), n: 10, tables: [Norms.Table(rows: Self.tableA)]),
                          ])
        let written = try Instrument.json(source, file: "t.json", with: norms)
        // Everything up to the end of the last key's value is as it was; "norms" comes after it.
        let lastValueEnd = source.lastIndex(of: UInt8(ascii: "]"))! + 1
        #expect(Array(written.prefix(lastValueEnd)) == Array(source.prefix(lastValueEnd)))
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.contains("}]}],\n  \"norms\": {\n    \"method\": \"normalized\",\n"), "\(text)")
        #expect(text.contains("{\"raw\": 4, \"pr\": 35, \"sten\": 5, \"t\": 46},"), "\(text)")
        #expect(text.hasSuffix("\n  }\n}"))
        let loaded = try Instrument.load(json: written, file: "t.json")
        #expect(loaded.norms == norms)

        // Norms again: the section is replaced, not added twice.
        var second = norms
        second.groups.removeLast()
        let again = try Instrument.json(written, file: "t.json", with: second)
        #expect(Array(again.prefix(lastValueEnd)) == Array(source.prefix(lastValueEnd)))
        #expect(String(decoding: again, as: UTF8.self).components(separatedBy: "\"norms\"").count == 2)
        #expect(try Instrument.load(json: again, file: "t.json").norms == second)
    }

    @Test func normsInTheMiddleOfAFileAreReplacedInPlace() throws {
        let json = InstrumentLoadingTests.instrument().replacingOccurrences(
            of: "\"formatVersion\": 1,",
            with: "\"formatVersion\": 1,\n\"norms\": {\"method\": \"other\", \"sample\": {\"en\": \"old\"}, \"minimumN\": 10, \"groups\": [{\"n\": 10, \"scales\": {\"s\": [{\"raw\": 2, \"pr\": 1, \"sten\": 1, \"t\": 20}, {\"raw\": 3, \"pr\": 2, \"sten\": 1, \"t\": 21}, {\"raw\": 4, \"pr\": 3, \"sten\": 1, \"t\": 22}, {\"raw\": 5, \"pr\": 4, \"sten\": 1, \"t\": 23}, {\"raw\": 6, \"pr\": 5, \"sten\": 1, \"t\": 24}]}}]},")
        let old = try Instrument.fromJSON(json)
        #expect(old.norms?.method == .other && old.norms?.groupBy == [] && old.norms?.group(for: Norms.Values(grade: 3))?.n == 10)
        let norms = Norms(method: .normalized, sample: LocalizedText(ru: "н", en: "new"), minimumN: 10, groupBy: [],
                          groups: [Norms.Group(values: Norms.Values(), n: 10, tables: [Norms.Table(rows: Self.tableA)])])
        let written = String(decoding: try Instrument.json(Array(json.utf8), file: "t.json", with: norms), as: UTF8.self)
        #expect(written.hasPrefix("{\n\"formatVersion\": 1,\n\"norms\": {\n"))
        #expect(written.contains("\n  },\n\"id\": \"t\",\n"), "\(written)")
        #expect(try Instrument.fromJSON(written).norms == norms)
    }

    // MARK: - The loader's checks

    /// A `norms` section laid out one row per line: `"norms"` is on line 10 of
    /// the test instrument, `groupBy` on 13, the group on 15, its rows on 16–20.
    static func normsJSON(
        method: String = "normalized", minimumN: String = "", groupBy: String = #"["grade", "sex"]"#,
        group: String = #""grade": 9, "sex": "female", "n": 30"#, scale: String = "s",
        rows: [String] = tableA.map { #"{"raw": \#(Int($0.raw)), "pr": \#(Int($0.percentile)), "sten": \#($0.sten), "t": \#($0.t)}"# },
        moreGroups: String = ""
    ) -> String {
        ",\n\"norms\": {\n"
            + "\"method\": \"\(method)\",\n"
            + "\"sample\": {\"en\": \"test sample\"},\(minimumN)\n"
            + "\"groupBy\": \(groupBy),\n"
            + "\"groups\": [\n"
            + "{\(group), \"scales\": {\"\(scale)\": [\n"
            + rows.joined(separator: ",\n") + "\n"
            + "]}}\(moreGroups)\n"
            + "]}"
    }

    @Test func aValidNormsSectionLoads() throws {
        let instrument = try Self.testInstrument(extra: Self.normsJSON())
        let norms = try #require(instrument.norms)
        #expect(norms.sample == LocalizedText(ru: "test sample", en: "test sample"))
        #expect(norms.minimumN == 30 && norms.groupBy == [.grade, .sex])
        let group = try #require(norms.group(for: Norms.Values(grade: 9, sex: .female)))
        #expect(group.n == 30)
        #expect(group.row(scale: 0, raw: 4) == Self.tableA[2])
        #expect(group.row(scale: 0, raw: 4.5) == nil)
        let result = Scorer(instrument: instrument).score(answers: Self.answers(raw: 5))
        #expect(group.rows(for: result) == [Self.tableA[3]])
        #expect(norms.match(values: Norms.Values(grade: 9, sex: .male)) == .noGroup(Norms.Values(grade: 9, sex: .male)))
        // A smaller group is fine when the file lowers the minimum.
        #expect(throws: Never.self) { try Self.testInstrument(extra: Self.normsJSON(minimumN: "\n\"minimumN\": 12,", group: #""grade": 9, "sex": "female", "n": 12"#)) }
    }

    struct BadNorms: Sendable, CustomTestStringConvertible {
        var name: String
        var norms: String
        var path: String
        var line: Int
        var message: String
        var testDescription: String { name }
    }

    static var rowLines: [String] { normsJSON().components(separatedBy: "\n").filter { $0.hasPrefix("{\"raw\"") }.map { $0.hasSuffix(",") ? String($0.dropLast()) : $0 } }

    static let badNorms: [BadNorms] = [
        BadNorms(name: "unknown scale", norms: normsJSON(scale: "tech"),
                 path: "$.norms.groups[0].scales.tech", line: 15, message: "unknown scale 'tech'; scales: s"),
        BadNorms(name: "a possible score without a row", norms: normsJSON(rows: rowLines.enumerated().filter { $0.offset != 2 }.map(\.element)),
                 path: "$.norms.groups[0].scales.s", line: 15, message: "the table has no row for the possible raw score(s) 4 of scale 's'"),
        BadNorms(name: "a row for an impossible score", norms: normsJSON(rows: rowLines + [#"{"raw": 7, "pr": 99, "sten": 10, "t": 80}"#]),
                 path: "$.norms.groups[0].scales.s[5].raw", line: 21, message: "no answer pattern gives scale 's' the raw score 7; its possible scores are 2, 3, 4, 5, 6"),
        BadNorms(name: "percentile ranks going down", norms: normsJSON(rows: rowLines.map { $0.replacingOccurrences(of: "\"pr\": 70", with: "\"pr\": 40") }),
                 path: "$.norms.groups[0].scales.s[3].pr", line: 19, message: "percentile rank 40 at raw score 5 is below the 45 of raw score 4: it must not decrease"),
        BadNorms(name: "stens going down", norms: normsJSON(rows: rowLines.map { $0.replacingOccurrences(of: "\"sten\": 8", with: "\"sten\": 6") }),
                 path: "$.norms.groups[0].scales.s[4].sten", line: 20, message: "sten 6 at raw score 6 is below the 7 of raw score 5"),
        BadNorms(name: "T-scores going down", norms: normsJSON(rows: rowLines.map { $0.replacingOccurrences(of: "\"t\": 42", with: "\"t\": 30") }),
                 path: "$.norms.groups[0].scales.s[1].t", line: 17, message: "T-score 30 at raw score 3 is below the 34 of raw score 2"),
        BadNorms(name: "raw scores out of order", norms: normsJSON(rows: [rowLines[1], rowLines[0]] + rowLines.dropFirst(2)),
                 path: "$.norms.groups[0].scales.s[1].raw", line: 17, message: "raw score 2 follows 3: list the raw scores in ascending order"),
        BadNorms(name: "percentile rank above 100", norms: normsJSON(rows: rowLines.map { $0.replacingOccurrences(of: "\"pr\": 90", with: "\"pr\": 190") }),
                 path: "$.norms.groups[0].scales.s[4].pr", line: 20, message: "a percentile rank lies between 0 and 100, not 190"),
        BadNorms(name: "sten 11", norms: normsJSON(rows: rowLines.map { $0.replacingOccurrences(of: "\"sten\": 8", with: "\"sten\": 11") }),
                 path: "$.norms.groups[0].scales.s[4].sten", line: 20, message: "expected a whole number from 1 to 10"),
        BadNorms(name: "n below the minimum", norms: normsJSON(group: #""grade": 9, "sex": "female", "n": 29"#),
                 path: "$.norms.groups[0].n", line: 15, message: "n = 29 is below the minimum of 30 ('minimumN')"),
        BadNorms(name: "n below a minimum the file sets", norms: normsJSON(minimumN: "\n\"minimumN\": 50,", group: #""grade": 9, "sex": "female", "n": 40"#),
                 path: "$.norms.groups[0].n", line: 16, message: "n = 40 is below the minimum of 50"),
        BadNorms(name: "a minimum below 10", norms: normsJSON(minimumN: "\n\"minimumN\": 5,"),
                 path: "$.norms.minimumN", line: 13, message: "expected a whole number from 10 to"),
        BadNorms(name: "unknown grouping", norms: normsJSON(groupBy: #"["grade", "region"]"#),
                 path: "$.norms.groupBy[1]", line: 13, message: "unknown grouping 'region'; allowed: grade, sex"),
        BadNorms(name: "a group without its sex", norms: normsJSON(group: #""grade": 9, "n": 30"#),
                 path: "$.norms.groups[0]", line: 15, message: "the required key 'sex' is missing"),
        BadNorms(name: "a value for a variable not grouped by", norms: normsJSON(groupBy: #"["grade"]"#),
                 path: "$.norms.groups[0].sex", line: 15, message: "unknown key 'sex'; allowed here: grade, n, scales"),
        BadNorms(name: "an unknown sex", norms: normsJSON(group: #""grade": 9, "sex": "girl", "n": 30"#),
                 path: "$.norms.groups[0].sex", line: 15, message: "unknown sex 'girl'; write male or female"),
        BadNorms(name: "a group twice", norms: normsJSON(moreGroups: ",\n{\"grade\": 9, \"sex\": \"female\", \"n\": 31, \"scales\": {\"s\": [" + rowLines.joined(separator: ", ") + "]}}"),
                 path: "$.norms.groups[1]", line: 22, message: "a second norm group for grade=9 sex=female"),
        BadNorms(name: "unknown method", norms: normsJSON(method: "magic"),
                 path: "$.norms.method", line: 11, message: "unknown method 'magic'; allowed: normalized, linear, other"),
    ]

    @Test(arguments: badNorms)
    func normsProblemsAreReportedWithPathAndLine(_ testCase: BadNorms) throws {
        do {
            _ = try Instrument.fromJSON(InstrumentLoadingTests.instrument(extra: testCase.norms), file: "bad.json")
            Issue.record("the instrument was accepted")
        } catch {
            guard case .invalidInstrument(_, let diagnostics) = error as? ProfScoreError else {
                Issue.record("unexpected error \(error)"); return
            }
            let match = diagnostics.first { $0.path == testCase.path }
            #expect(match != nil, "no diagnostic at \(testCase.path): \(diagnostics)")
            #expect(match?.line == testCase.line, "\(diagnostics)")
            #expect(match?.message.english.contains(testCase.message) == true, "\(match?.message.english ?? "")")
        }
    }

    @Test func normsNeedAScaleWhosePossibleScoresCanBeListed() throws {
        // Points of 1/3 are not multiples of 10⁻⁶: the possible scores are not listed.
        let scales = #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1","option":"1","points":0.3333333333},{"item":"2"}]}]"#
        do {
            _ = try Instrument.fromJSON(InstrumentLoadingTests.instrument(scales: scales, extra: Self.normsJSON()))
            Issue.record("accepted")
        } catch {
            guard case .invalidInstrument(_, let diagnostics) = error as? ProfScoreError else { return }
            #expect(diagnostics.contains { $0.path == "$.norms.groups[0].scales.s" && $0.message.english.contains("norms need the list of scale 's's possible scores") }, "\(diagnostics)")
        }
    }

    // MARK: - A respondent's group

    @Test func sexCellsAreRead() {
        for cell in ["м", "М", "муж.", "мужской", "m", "Male", "мальчик", " юноша "] { #expect(Norms.Sex(cell: cell) == .male, "\(cell)") }
        for cell in ["ж", "Ж", "жен.", "женский", "f", "FEMALE", "девочка", "девушка"] { #expect(Norms.Sex(cell: cell) == .female, "\(cell)") }
        for cell in ["", "?", "мж", "1", "x"] { #expect(Norms.Sex(cell: cell) == nil, "\(cell)") }
    }

    @Test func gradeComesFromTheGradeColumnOrTheClassName() throws {
        let norms = try #require(try Self.testInstrument(extra: Self.normsJSON()).norms)
        let byClass = NormColumns(infoColumnNames: ["id", "Класс", "Пол"])
        #expect(byClass.values(of: ["P1", "9Б", "ж"]) == Norms.Values(grade: 9, sex: .female))
        #expect(norms.match(info: ["P1", "9Б", "ж"], columns: byClass) == .group(0))
        #expect(norms.match(info: ["P1", "10Б", "ж"], columns: byClass).label(in: norms) == "no-group: grade=10 sex=female")
        #expect(norms.match(info: ["P1", "9Б", ""], columns: byClass).label(in: norms) == "no-value: sex")
        #expect(norms.match(info: ["P1", "Б", "ж"], columns: byClass).label(in: norms) == "no-value: grade")
        let byGrade = NormColumns(infoColumnNames: ["id", "класс", "параллель", "sex"])
        #expect(byGrade.values(of: ["P1", "10А", "9", "F"]) == Norms.Values(grade: 9, sex: .female))
        let noSex = NormColumns(infoColumnNames: ["id", "класс"])
        #expect(norms.match(info: ["P1", "9Б"], columns: noSex).label(in: norms) == "no-column: sex")
        #expect(norms.match(info: ["P1", "9Б"], columns: noSex) == .noColumn([.sex]))
    }

    @Test func oneWarningPerSheetSaysWhy() throws {
        let norms = try #require(try Self.testInstrument(extra: Self.normsJSON()).norms)
        var tally = NormMatchTally()
        for match: NormMatch in [.group(0), .noGroup(Norms.Values(grade: 11, sex: .female)), .noGroup(Norms.Values(grade: 11, sex: .female)), .noValue([.sex])] {
            tally.add(match)
        }
        let warning = try #require(tally.warning(file: "a.csv", norms: norms))
        #expect(warning.rendered() == "a.csv: warning: 3 of 4 respondent(s) have no norm group, so no percentile rank or sten (see the norm_group column): 2 with grade=11 sex=female, for which there is no norm group; 1 whose sex is empty or not one of м, ж, male, female; the norm groups are grade=9 sex=female (n = 30)")
        var all = NormMatchTally()
        all.add(.group(0))
        #expect(all.warning(file: "a.csv", norms: norms) == nil)
    }

    // MARK: - Blank sheets and descriptions

    @Test func blankSheetsAskForTheSexWhenNormsNeedIt() throws {
        let normed = try Self.testInstrument(extra: Self.normsJSON())
        #expect(String(decoding: AnswerSheetTemplate.render(instrument: normed), as: UTF8.self) == "id,ФИО,класс,пол,1,2\n")
        #expect(String(decoding: AnswerSheetTemplate.render(instrument: normed, language: .english), as: UTF8.self) == "id,name,class,sex,1,2\n")
        let byGrade = try Self.testInstrument(extra: Self.normsJSON(groupBy: #"["grade"]"#, group: #""grade": 9, "n": 30"#))
        #expect(String(decoding: AnswerSheetTemplate.render(instrument: byGrade), as: UTF8.self) == "id,ФИО,класс,1,2\n")
    }

    @Test func theDescriptionListsTheNormGroupsAndTheRawScoresOfEachSten() throws {
        let md = try Self.testInstrument(extra: Self.normsJSON()).describe(format: .md, language: .english)
        #expect(md.contains("| grade=9 sex=female | 30 | s |"), "\(md)")
        // Table A: raw 2 → sten 2, 3 → 4, 4 → 5, 5 → 7, 6 → 8.
        let lines = md.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "| sten | s |"))
        #expect(Array(lines[(start + 2)...].prefix(10)) == ["| 1 | — |", "| 2 | 2 |", "| 3 | — |", "| 4 | 3 |", "| 5 | 4 |", "| 6 | — |", "| 7 | 5 |", "| 8 | 6 |", "| 9 | — |", "| 10 | — |"], "\(md)")
    }

    // MARK: - Stens in group summaries

    @Test func summariesCountStensPerNormGroupAndMerge() throws {
        let instrument = try Self.testInstrument(extra: Self.normsJSON(minimumN: "\n\"minimumN\": 10,", group: #""grade": 9, "sex": "female", "n": 10"#))
        // Grade-9 girls with raw 2, 4, 4, 6 (stens 2, 5, 5, 8 by table A), a boy and a grade-8 girl (no group).
        let sheet = "id;класс;пол;1;2\n"
            + "a;9А;ж;1;3\nb;9А;ж;2;2\nc;9Б;Ж;3;3\nd;9Б;ж;3;1\ne;9А;м;3;1\nf;8А;ж;3;1\n"
        let file = TemporaryFile(sheet)
        let builder = SummaryBuilder(instrument: instrument, roster: nil, schoolYear: "2025/26",
                                     settings: ReportSettings(groupBy: [.grade, .className], minCell: 1))
        var diagnostics: [Diagnostic] = []
        try BatchScorer(scorer: Scorer(instrument: instrument)).score(path: file.path, report: { diagnostics.append($0) }) { scored in
            builder.add(scored, report: { diagnostics.append($0) })
        }
        let summary = builder.finish(report: { diagnostics.append($0) })
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        func stens(_ className: String) -> [Int]? { summary.groups.first { $0.key.className == className }?.results.stens?[0] }
        #expect(stens("9А") == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0])   // a: raw 2 → sten 2; b: raw 4 → 5; e is a boy
        #expect(stens("9Б") == [0, 0, 0, 0, 1, 0, 0, 1, 0, 0])   // c: raw 4 → 5; d: raw 6 → 8
        #expect(stens("8А") == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])   // no grade-8 norms
        let reloaded = try Summary.load(data: summary.jsonData(), file: "s.json")
        #expect(reloaded.groups.map(\.results.stens) == summary.groups.map(\.results.stens))
        let merged = try Summary.merge([("a.json", summary), ("b.json", reloaded)])
        #expect(merged.groups.first { $0.key.className == "9Б" }?.results.stens?[0] == [0, 0, 0, 0, 2, 0, 0, 2, 0, 0])
        let document = ReportDocument(summary: merged, language: .english)
        let tables = document.sections.flatMap(\.blocks).compactMap { block -> ReportDocument.Table? in
            if case .table(let table) = block { return table } else { return nil }
        }.filter { $0.caption == "Stens (sheets)" }
        // All: 4 sheets with a group × 2; mean sten (2 + 5 + 5 + 8) × 2 / 8 = 5.0.
        #expect(tables.first?.rows.first == [.text("s"), .integer(8), .decimal(5, digits: 1), .integer(0), .integer(2), .integer(0), .integer(0),
                                             .integer(4), .integer(0), .integer(0), .integer(2), .integer(0), .integer(0)])
    }
}
