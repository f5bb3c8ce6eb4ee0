import Foundation
import Testing
@testable import ProfScoreKit

/// `SampleAnalyzer` (profscore analyze) against numbers worked out by hand and
/// numbers printed by R's psych package — never against its own output.
@Suite struct AnalysisTests {
    /// A Likert instrument with items a, b, c, d (values 1…5); `reversed` items are reverse-keyed.
    static func likert(items: [String], reversed: Set<String> = [], combine: String = "sum") throws -> Instrument {
        let key = items.map { reversed.contains($0) ? "{ \"item\": \"\($0)\", \"reverse\": true }" : "{ \"item\": \"\($0)\" }" }
        return try Instrument.fromJSON("""
        {
          "formatVersion": 1, "id": "hand", "version": "1",
          "title": { "ru": "Пример", "en": "Example" },
          "source": { "authors": "tests", "citation": "none", "licence": "none" },
          "answerFormats": [ { "id": "l5", "kind": "likert", "options": [
            { "code": "1", "value": 1 }, { "code": "2", "value": 2 }, { "code": "3", "value": 3 },
            { "code": "4", "value": 4 }, { "code": "5", "value": 5 } ] } ],
          "items": [\(items.map { "{ \"id\": \"\($0)\", \"format\": \"l5\" }" }.joined(separator: ", "))],
          "scales": [ { "id": "s", "title": { "ru": "Ш", "en": "S" }, "combine": "\(combine)", "key": [\(key.joined(separator: ", "))] } ]
        }
        """)
    }

    static func analyse(_ instrument: Instrument, rows: [[String]], ids: [String]) -> SampleAnalysis {
        let analyzer = SampleAnalyzer(instrument: instrument)
        for row in rows { analyzer.add(answers: Dictionary(uniqueKeysWithValues: zip(ids, row))) }
        return analyzer.result()
    }

    static func close(_ value: Double?, _ expected: Double, _ tolerance: Double = 5e-7) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance
    }

    /// Five respondents, three items; item 3 is reverse-keyed and answered as
    /// 6 − its keyed score, so the keyed scores are:
    ///
    ///         i1 i2 i3     deviations from the means (all 3)
    ///     r1   1  2  1     −2 −1 −2
    ///     r2   2  2  3     −1 −1  0
    ///     r3   3  4  3      0  1  0
    ///     r4   4  3  5      1  0  2
    ///     r5   5  4  3      2  1  0
    ///
    /// Covariances (divide by n − 1 = 4): var1 = (4+1+0+1+4)/4 = 2.5,
    /// var2 = (1+1+1+0+1)/4 = 1, var3 = (4+0+0+4+0)/4 = 2;
    /// c12 = (2+1+0+0+2)/4 = 1.25, c13 = (4+0+0+2+0)/4 = 1.5, c23 = (2+0+0+0+0)/4 = 0.5.
    /// ΣC = 5.5 + 2·3.25 = 12, tr C = 5.5.
    /// α = (1 − 5.5/12) · 3/2 = 0.8125.
    /// r12 = 1.25/√2.5 = 0.7905694, r13 = 1.5/√5 = 0.6708204, r23 = 0.5/√2 = 0.3535534;
    /// mean r = (0.7905694 + 0.6708204 + 0.3535534)/3 = 0.6049811;
    /// ΣR = 3 + 2·1.8149432 = 6.6298863, std α = (1 − 3/6.6298863) · 3/2 = 0.8212552.
    /// r.drop: item 1 with i2 + i3: cov = c12 + c13 = 2.75, var(i2 + i3) = 1 + 2 + 2·0.5 = 4,
    ///   2.75/√(2.5·4) = 0.8696263; item 2: (1.25 + 0.5)/√(1·(2.5 + 2 + 2·1.5)) = 1.75/√7.5 = 0.6390097;
    ///   item 3: (1.5 + 0.5)/√(2·(2.5 + 1 + 2·1.25)) = 2/√12 = 0.5773503.
    /// α without item 1: (1 − (1 + 2)/4) · 2 = 0.5; without 2: (1 − 4.5/7.5) · 2 = 0.8;
    ///   without 3: (1 − 3.5/6) · 2 = 0.8333333.
    /// SDs √2.5 = 1.5811388, 1, √2 = 1.4142136; the sum score: mean 9, SD √12 = 3.4641016.
    @Test func fiveRespondentsThreeItemsByHand() throws {
        let instrument = try Self.likert(items: ["1", "2", "3"], reversed: ["3"])
        let analysis = Self.analyse(instrument, rows: [["1", "2", "5"], ["2", "2", "3"], ["3", "4", "3"], ["4", "3", "1"], ["5", "4", "3"]],
                                    ids: ["1", "2", "3"])
        let scale = try #require(analysis.scales.first)
        #expect(scale.completeCases == 5)
        #expect(scale.omission == nil)
        #expect(Self.close(scale.alpha, 0.8125))
        #expect(Self.close(scale.standardizedAlpha, 0.8212552))
        #expect(Self.close(scale.averageInterItemCorrelation, 0.6049811))
        #expect(Self.close(scale.scoreMean, 9))
        #expect(Self.close(scale.scoreStandardDeviation, 3.4641016))
        let items = scale.items
        #expect(items.map(\.itemID) == ["1", "2", "3"])
        #expect(items.map(\.reversed) == [false, false, true])
        for (item, mean) in zip(items, [3.0, 3, 3]) { #expect(Self.close(item.mean, mean)) }
        for (item, sd) in zip(items, [1.5811388, 1, 1.4142136]) { #expect(Self.close(item.standardDeviation, sd)) }
        for (item, r) in zip(items, [0.8696263, 0.6390097, 0.5773503]) { #expect(Self.close(item.correctedItemTotal, r)) }
        for (item, a) in zip(items, [0.5, 0.8, 0.8333333]) { #expect(Self.close(item.alphaIfDropped, a)) }
        // Frequencies are of the answers as given (item 3 raw: 5, 3, 3, 1, 3).
        #expect(items[2].frequencies == [1, 0, 3, 0, 1])
        #expect(items.allSatisfy { $0.missing == 0 && $0.flags.isEmpty })
        #expect(analysis.warnings.isEmpty)
    }

    /// Ten respondents, four items, d reverse-keyed; the expected numbers were
    /// printed by R 4.2.2 with psych 2.2.9 (not by ProfScore):
    ///
    ///     x <- data.frame(a=c(4,2,5,3,1,4,2,3,5,2), b=c(3,2,4,3,2,5,1,4,5,3),
    ///                     c=c(4,3,4,2,1,4,2,3,4,3), d=c(2,4,1,3,5,2,4,3,2,5))
    ///     a <- alpha(x, keys=c(1,1,1,-1), cumulative=TRUE); options(digits=10)
    ///     raw_alpha 0.9365397462  std.alpha 0.9392483556  average_r 0.7944550108
    ///     mean 12.2  sd 4.709328803
    ///     alpha.drop raw_alpha: a 0.8804664723  b 0.9432203390  c 0.9282407407  d- 0.9102682701
    ///     item.stats r.drop:    a 0.9568015187  b 0.7691492786  c 0.8333333333  d- 0.8726751966
    ///     item.stats mean:      a 3.1  b 3.2  c 3.0  d- 2.9
    ///     item.stats sd:        a 1.370320319  b 1.316561177  c 1.054092553  d- 1.370320319
    ///     scoreItems(list(s=c("a","b","c","-d")), x)$alpha: 0.9365397462
    ///
    /// Two more respondents, one with a blank and one with an unreadable answer,
    /// are not complete cases: they change only the missing counts and frequencies.
    @Test func tenRespondentsAgainstRPsych() throws {
        let instrument = try Self.likert(items: ["a", "b", "c", "d"], reversed: ["d"])
        let columns: [[Int]] = [[4, 2, 5, 3, 1, 4, 2, 3, 5, 2], [3, 2, 4, 3, 2, 5, 1, 4, 5, 3],
                                [4, 3, 4, 2, 1, 4, 2, 3, 4, 3], [2, 4, 1, 3, 5, 2, 4, 3, 2, 5]]
        var rows = (0..<10).map { row in columns.map { String($0[row]) } }
        rows.append(["5", "", "5", "1"])
        rows.append(["1", "1", "x", "5"])
        let analysis = Self.analyse(instrument, rows: rows, ids: ["a", "b", "c", "d"])
        let scale = try #require(analysis.scales.first)
        let tolerance = 1e-9
        #expect(scale.completeCases == 10)
        #expect(Self.close(scale.alpha, 0.9365397462, tolerance))
        #expect(Self.close(scale.standardizedAlpha, 0.9392483556, tolerance))
        #expect(Self.close(scale.averageInterItemCorrelation, 0.7944550108, tolerance))
        #expect(Self.close(scale.scoreMean, 12.2, tolerance))
        #expect(Self.close(scale.scoreStandardDeviation, 4.709328803, tolerance))
        let items = scale.items
        for (item, value) in zip(items, [0.8804664723, 0.9432203390, 0.9282407407, 0.9102682701]) { #expect(Self.close(item.alphaIfDropped, value, tolerance)) }
        for (item, value) in zip(items, [0.9568015187, 0.7691492786, 0.8333333333, 0.8726751966]) { #expect(Self.close(item.correctedItemTotal, value, tolerance)) }
        for (item, value) in zip(items, [3.1, 3.2, 3.0, 2.9]) { #expect(Self.close(item.mean, value, tolerance)) }
        for (item, value) in zip(items, [1.370320319, 1.316561177, 1.054092553, 1.370320319]) { #expect(Self.close(item.standardDeviation, value, tolerance)) }
        #expect(items.map(\.missing) == [0, 1, 1, 0])
        // Item a over all twelve: the ten above (1×1, 2×3, 3×2, 4×2, 5×2) plus 5 and 1.
        #expect(items[0].frequencies == [2, 3, 2, 2, 3])
        #expect(analysis.respondentCount == 12)
    }

    /// A constant item is left out of α, as psych::alpha deletes it.
    /// a = 1 2 3, b = 1 3 2, c = 4 4 4: var a = var b = (1 + 0 + 1)/2 = 1,
    /// cov ab = ((−1)(−1) + 0·1 + 1·0)/2 = 0.5; α of a, b = (1 − 2/3) · 2 = 0.6666667;
    /// r.drop of a = 0.5/√(1·1) = 0.5; no α if dropped with two items left.
    @Test func itemWithoutVarianceIsLeftOut() throws {
        let instrument = try Self.likert(items: ["a", "b", "c"])
        let analysis = Self.analyse(instrument, rows: [["1", "1", "4"], ["2", "3", "4"], ["3", "2", "4"]], ids: ["a", "b", "c"])
        let scale = try #require(analysis.scales.first)
        #expect(Self.close(scale.alpha, 2.0 / 3.0))
        #expect(Self.close(scale.items[0].correctedItemTotal, 0.5))
        #expect(scale.items[0].alphaIfDropped == nil)
        #expect(scale.items[2].flags == [.noVariance])
        #expect(scale.items[2].correctedItemTotal == nil)
        #expect(scale.items[2].standardDeviation == 0)
        // The scale score still counts c: mean (1+1+4 + 2+3+4 + 3+2+4)/3 = 24/3 = 8.
        #expect(Self.close(scale.scoreMean, 8))
        let warning = try #require(analysis.warnings.first)
        #expect(warning.severity == .warning && warning.path == "$.scales[0].key[2]")
    }

    /// One complete case: no covariances, so no α and no SD; a note says why.
    /// With one item left varying, α is not defined either.
    @Test func tooFewCasesOrVaryingItemsGiveANoteInsteadOfAlpha() throws {
        let instrument = try Self.likert(items: ["a", "b", "c"])
        let one = Self.analyse(instrument, rows: [["1", "2", "3"], ["4", "", "5"]], ids: ["a", "b", "c"])
        #expect(one.scales[0].omission == .tooFewCases)
        #expect(one.scales[0].alpha == nil && one.scales[0].items[0].standardDeviation == nil)
        #expect(one.scales[0].items[0].mean == 1)
        #expect(one.warnings.map(\.path) == ["$.scales[0]"] && one.warnings.first?.severity == .note)
        let flat = Self.analyse(instrument, rows: [["1", "2", "3"], ["4", "2", "3"], ["5", "2", "3"]], ids: ["a", "b", "c"])
        #expect(flat.scales[0].omission == .tooFewItems)
        #expect(flat.scales[0].alpha == nil)
        #expect(flat.warnings.filter { $0.severity == .note }.map(\.path) == ["$.scales[0].key"])
        #expect(flat.warnings.filter { $0.severity == .warning }.count == 2)
    }

    /// 19 of 20 complete cases answer item c with 3 (95 %): almost no variance. The one
    /// 4 goes with high answers to a and b (5 and 3), so c still correlates positively.
    @Test func itemWithAlmostNoVarianceIsFlagged() throws {
        let instrument = try Self.likert(items: ["a", "b", "c"])
        let rows = (0..<20).map { i in [String(1 + i % 5), String(1 + (i * 3) % 5), i == 4 ? "4" : "3"] }
        let scale = try #require(Self.analyse(instrument, rows: rows, ids: ["a", "b", "c"]).scales.first)
        #expect(scale.items[2].flags == [.almostNoVariance])
        #expect(scale.items[0].flags.isEmpty && scale.items[1].flags.isEmpty)
    }

    /// A mean scale's score statistics are of the mean of its items: the hand data
    /// above give mean 9/3 = 3 and SD √12/3 = 1.1547005; α does not change.
    @Test func meanScaleScoresAreMeans() throws {
        let instrument = try Self.likert(items: ["1", "2", "3"], reversed: ["3"], combine: "mean")
        let scale = try #require(Self.analyse(instrument, rows: [["1", "2", "5"], ["2", "2", "3"], ["3", "4", "3"], ["4", "3", "1"], ["5", "4", "3"]],
                                             ids: ["1", "2", "3"]).scales.first)
        #expect(Self.close(scale.scoreMean, 3))
        #expect(Self.close(scale.scoreStandardDeviation, 1.1547005))
        #expect(Self.close(scale.alpha, 0.8125))
    }

    /// Klimov's ДДО is forced choice: no α and no item–total correlations, but
    /// item means and answer frequencies; a note says why.
    @Test func forcedChoiceScalesGetNoAlpha() throws {
        let analyzer = SampleAnalyzer(instrument: try Instrument.bundled("klimov-ddo"))
        var diagnostics: [Diagnostic] = []
        try analyzer.read(path: Repository.path("Examples/klimov-ddo-7a.csv"), report: { diagnostics.append($0) })
        let analysis = analyzer.result()
        #expect(analysis.respondentCount == 22)
        #expect(analysis.scales.count == 5)
        for scale in analysis.scales {
            #expect(scale.omission == .forcedChoice)
            #expect(scale.alpha == nil && scale.standardizedAlpha == nil && scale.averageInterItemCorrelation == nil)
            #expect(scale.items.allSatisfy { $0.correctedItemTotal == nil && $0.alphaIfDropped == nil && $0.mean != nil })
        }
        // The one unreadable cell (7А-07, item 12) is missing; 21 complete cases for people and sign.
        let people = analysis.scales[2]
        #expect(people.completeCases == 21)
        #expect(people.items.first { $0.itemID == "12" }?.missing == 1)
        #expect(people.items.first { $0.itemID == "12" }?.keyedOptions == ["а"])
        #expect(analysis.warnings.contains { $0.severity == .note && $0.message.english.contains("forced-choice") })
        #expect(diagnostics.filter { $0.severity == .error }.count == 1)
    }

    @Test func theReadinessTotalIsNotForcedChoice() throws {
        let instrument = try Instrument.bundled("readiness-self-determination")
        #expect(ForcedChoice.scales(of: instrument).isEmpty)
        #expect(ForcedChoice.scales(of: try Instrument.bundled("klimov-ddo")) == [0, 1, 2, 3, 4])
        #expect(ForcedChoice.scales(of: try Instrument.bundled("rezapkina-profile")).isEmpty)
    }

    /// The example pilot sample: item 15 is mis-keyed on purpose, and is the only
    /// item flagged; with `"reverse": true` added to its key entry it is not, and α rises.
    @Test func theMisKeyedExampleItemIsFound() throws {
        let path = Repository.path("Examples/custom/pilot-interests.json")
        let analyzer = SampleAnalyzer(instrument: try Instrument.load(contentsOf: path))
        try analyzer.read(path: Repository.path("Examples/custom/pilot-sample.csv"), report: { Issue.record("unexpected \($0)") })
        let analysis = analyzer.result(instrumentFile: path)
        #expect(analysis.respondentCount == 150)
        let flagged = analysis.scales.flatMap { scale in scale.items.filter { !$0.flags.isEmpty }.map { (scale.scaleID, $0.itemID, $0.flags) } }
        #expect(flagged.count == 1)
        #expect(flagged.first?.0 == "creative" && flagged.first?.1 == "15" && flagged.first?.2 == [.negativeCorrelation])
        let warning = try #require(analysis.warnings.first { $0.severity == .warning })
        #expect(warning.path == "$.scales[2].key[4]")
        #expect(warning.file == path && warning.line != nil)
        // Six pupils left one item blank (Tests/Tools/make_pilot_example.py): items 12, 4, 14, 1, 9, 15.
        #expect(analysis.scales.map(\.completeCases) == [148, 149, 147])

        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "{\"item\": \"15\"}", with: "{\"item\": \"15\", \"reverse\": true}")
        let fixed = SampleAnalyzer(instrument: try Instrument.fromJSON(text))
        try fixed.read(path: Repository.path("Examples/custom/pilot-sample.csv"), report: { _ in })
        let after = fixed.result()
        #expect(after.warnings.isEmpty)
        #expect((after.scales[2].alpha ?? 0) > (analysis.scales[2].alpha ?? 1) + 0.2)
    }

    /// The accumulator against the two-pass textbook formulas on awkward data
    /// (a large offset that defeats the naive one-pass formula).
    @Test func covarianceMatchesTwoPass() {
        var generator = SystemRandomNumberGenerator()
        let data: [[Double]] = (0..<200).map { _ in
            let base = Double.random(in: -1...1, using: &generator)
            return [1e8 + base, 1e8 + base * 2 + Double.random(in: 0...0.5, using: &generator), Double(Int.random(in: 1...5, using: &generator))]
        }
        var accumulator = CovarianceAccumulator(variables: 3)
        for row in data { accumulator.add(row) }
        let n = Double(data.count)
        let means = (0..<3).map { j in data.reduce(0) { $0 + $1[j] } / n }
        let covariance = accumulator.covariance!
        for i in 0..<3 {
            #expect(abs(accumulator.means[i] - means[i]) <= 1e-7 * max(1, abs(means[i])))
            for j in 0..<3 {
                let twoPass = data.reduce(0) { $0 + ($1[i] - means[i]) * ($1[j] - means[j]) } / (n - 1)
                #expect(abs(covariance[i][j] - twoPass) <= 1e-9 * max(1, abs(twoPass)), "c\(i)\(j)")
            }
        }
    }

    /// The CSV carries full precision; the JSON is valid JSON with the same numbers.
    @Test func csvAndJSONCarryTheNumbers() throws {
        let instrument = try Self.likert(items: ["1", "2", "3"], reversed: ["3"])
        let analysis = Self.analyse(instrument, rows: [["1", "2", "5"], ["2", "2", "3"], ["3", "4", "3"], ["4", "3", "1"], ["5", "4", "3"]],
                                    ids: ["1", "2", "3"])
        let lines = analysis.rendered(as: .csv).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["scale", "item", "reversed", "option", "n", "mean", "sd", "r_drop", "alpha_if_dropped", "missing",
                             "freq_1", "freq_2", "freq_3", "freq_4", "freq_5", "alpha", "alpha_std", "average_r", "flags"])
        #expect(lines.count == 5)
        let alphaColumn = try #require(lines[0].firstIndex(of: "alpha"))
        #expect(lines[1][0] == "s" && lines[1][1] == "")
        #expect(Self.close(Double(lines[1][alphaColumn]), 0.8125, 1e-15))
        #expect(lines[4][1] == "3" && lines[4][2] == "1")
        #expect(Self.close(Double(lines[2][7]), 2.75 / 10.0.squareRoot(), 1e-15))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(analysis.rendered(as: .json).utf8)) as? [String: Any])
        #expect(json["format"] as? String == "profscore-analysis")
        let scales = try #require(json["scales"] as? [[String: Any]])
        #expect(Self.close(scales.first?["alpha"] as? Double, 0.8125, 1e-15))
        let items = try #require(scales.first?["itemStatistics"] as? [[String: Any]])
        #expect(items.count == 3)
        #expect((items[2]["frequencies"] as? [String: Int]) == ["1": 1, "2": 0, "3": 3, "4": 0, "5": 1])
    }
}
