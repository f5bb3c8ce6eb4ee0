import Testing
@testable import ProfScoreKit

/// Each scoring rule against results worked out by hand on small instruments.
@Suite struct ScoringRuleTests {
    /// A forced-choice pair instrument: item 1 а→A б→B, item 2 а→B б→C, item 3 а→A б→C.
    static let forcedChoice = """
    {"formatVersion":1,"id":"fc","version":"1","title":{"ru":"т","en":"t"},
     "source":{"authors":"a","citation":"c","licence":"l"},
     "answerFormats":[{"id":"ab","kind":"choice","options":[{"code":"а","tokens":["1"]},{"code":"б","tokens":["b","2"]}]}],
     "items":[{"id":"1","format":"ab"},{"id":"2","format":"ab"},{"id":"3","format":"ab"}],
     "scales":[
      {"id":"A","title":{"ru":"A","en":"A"},"key":[{"item":"1","option":"а"},{"item":"3","option":"а"}],
       "levels":[{"from":0,"to":0,"label":{"ru":"нет","en":"none"}},{"from":1,"to":2,"label":{"ru":"есть","en":"some"}}]},
      {"id":"B","title":{"ru":"B","en":"B"},"key":[{"item":"1","option":"б"},{"item":"2","option":"а"}]},
      {"id":"C","title":{"ru":"C","en":"C"},"key":[{"item":"2","option":"б"},{"item":"3","option":"б"}]}],
     "leadingType":{"minimum":2},
     "profiles":{"categories":[{"id":"engineering","title":{"ru":"и","en":"e"}},{"id":"economic","title":{"ru":"э","en":"ec"}}],
                 "map":{"A":["economic"],"B":["engineering","economic"]}}}
    """

    @Test func forcedChoiceCountsChosenOptions() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.forcedChoice))
        // 1а → A, 2а → B, 3а → A: A = 2, B = 1, C = 0.
        let result = scorer.score(answers: ["1": "а", "2": "a", "3": "1"])
        #expect(result.scores == [2, 1, 0])
        #expect(result.levels[0] == 1)
        #expect(result.leading == .types([0]))
        #expect(result.categories == [1])
        #expect(result.flags.isEmpty)
    }

    @Test func highestScaleLeadsAndMinimumMeansNoInterest() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.forcedChoice))
        // 1а → A, 2б → C, 3а → A: A = 2, B = 0, C = 1; A reaches the minimum 2.
        let single = scorer.score(answers: ["1": "а", "2": "б", "3": "а"])
        #expect(single.scores == [2, 0, 1])
        #expect(single.leading == .types([0]))
        // 1б → B, 2б → C, 3б → C: A = 0, B = 1, C = 2.
        #expect(scorer.score(answers: ["1": "б", "2": "б", "3": "б"]).scores == [0, 1, 2])
        // 1а → A, 2а → B, 3б → C: 1, 1, 1 — highest 1 is below the minimum 2.
        let below = scorer.score(answers: ["1": "а", "2": "а", "3": "б"])
        #expect(below.scores == [1, 1, 1])
        #expect(below.leading == .noPronouncedInterest)
        #expect(below.categories.isEmpty)
        #expect(!below.flags.contains(.tie))
    }

    @Test func tieFlagAndUnionOfCategories() throws {
        // Without a minimum: 1а 2а 3б → A1 B1 C1, all three tie.
        let json = Self.forcedChoice.replacingOccurrences(of: "\"leadingType\":{\"minimum\":2}", with: "\"leadingType\":{}")
        let scorer = Scorer(instrument: try Instrument.fromJSON(json))
        let result = scorer.score(answers: ["1": "а", "2": "а", "3": "б"])
        #expect(result.leading == .types([0, 1, 2]))
        #expect(result.flags.contains(.tie))
        #expect(result.categories == [0, 1])
    }

    @Test func missingAnswerInvalidatesBothScalesOfAPair() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.forcedChoice))
        let result = scorer.score(answers: ["1": "а", "3": "а"])  // item 2 (B, C) blank
        #expect(result.scores[0] == 2)
        #expect(result.scores[1] == nil && result.scores[2] == nil)
        #expect(result.flags == [.tooManyMissing, .incomplete])
        #expect(result.leading == .undetermined)
    }

    @Test func unreadableAnswerInvalidatesItsScales() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.forcedChoice))
        let result = scorer.score(answers: ["1": "в", "2": "а", "3": "а"])
        #expect(result.scores[0] == nil && result.scores[1] == nil)
        #expect(result.scores[2] == 0)
        #expect(result.flags.contains(.unreadable))
    }

    @Test func blankSheetIsFlaggedAndNothingScored() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.forcedChoice))
        let result = scorer.score(answers: ["1": " ", "2": ""])
        #expect(result.flags.contains(.blank))
        #expect(result.scores == [nil, nil, nil])
    }

    /// Likert 1–5, four items; item 4 reverse-keyed; `sum`, prorated with one missing.
    static let likert = """
    {"formatVersion":1,"id":"lk","version":"1","title":{"ru":"т","en":"t"},
     "source":{"authors":"a","citation":"c","licence":"l"},
     "answerFormats":[{"id":"l5","kind":"likert","options":[{"code":"1","value":1},{"code":"2","value":2},{"code":"3","value":3},{"code":"4","value":4},{"code":"5","value":5}]},
                      {"id":"pm","kind":"signed","options":[{"code":"++","value":2},{"code":"+","value":1},{"code":"0","value":0},{"code":"-","value":-1},{"code":"--","value":-2}]},
                      {"id":"yn","kind":"yesno","blank":"-","options":[{"code":"+","value":1,"tokens":["да"]},{"code":"-","value":0,"tokens":["нет"]}]}],
     "items":[{"id":"1","format":"l5"},{"id":"2","format":"l5"},{"id":"3","format":"l5"},{"id":"4","format":"l5"},{"id":"5","format":"l5"},
              {"id":"s1","format":"pm"},{"id":"s2","format":"pm"},{"id":"y1","format":"yn"},{"id":"y2","format":"yn"}],
     "scales":[
      {"id":"sum","title":{"ru":"s","en":"s"},"key":[{"item":"1"},{"item":"2"},{"item":"3"},{"item":"4","reverse":true}],"missing":{"maxMissing":1,"prorate":true}},
      {"id":"mean","title":{"ru":"m","en":"m"},"combine":"mean","key":[{"item":"1"},{"item":"2"},{"item":"5","reverse":true}],"missing":{"maxMissing":1},
       "levels":[{"from":1,"to":2.5,"label":{"ru":"н","en":"low"}},{"from":2.5,"to":3.5,"label":{"ru":"с","en":"mid"}},{"from":3.5,"to":5,"label":{"ru":"в","en":"high"}}]},
      {"id":"signed","title":{"ru":"z","en":"z"},"key":[{"item":"s1"},{"item":"s2"}]},
      {"id":"yes","title":{"ru":"y","en":"y"},"key":[{"item":"y1"},{"item":"y2"}]}]}
    """

    @Test func reverseKeyingUsesDeclaredBounds() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        // sum: 1 + 2 + 3 + (1 + 5 − 2 = 4) = 10. mean: (1 + 2 + (6 − 5 = 1)) / 3 = 4/3.
        let result = scorer.score(answers: ["1": "1", "2": "2", "3": "3", "4": "2", "5": "5"])
        #expect(result.scores[0] == 10)
        #expect(abs(result.scores[1]! - 4.0 / 3.0) < 1e-12)
        #expect(result.levels[1] == 0)
    }

    @Test func proratingScalesUpTheSum() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        // sum with item 3 missing: (4 + 5 + (6 − 1 = 5)) × 4 / 3 = 14 × 4 / 3 = 18.666…
        let result = scorer.score(answers: ["1": "4", "2": "5", "4": "1", "5": "3"])
        #expect(abs(result.scores[0]! - 56.0 / 3.0) < 1e-12)
        // mean: (4 + 5 + 3) / 3 = 4 → high.
        #expect(result.scores[1] == 4)
        #expect(result.levels[1] == 2)
        // Two missing out of four is more than maxMissing 1.
        let tooMany = scorer.score(answers: ["1": "4", "4": "1", "5": "3"])
        #expect(tooMany.scores[0] == nil)
        #expect(tooMany.flags.contains(.tooManyMissing))
    }

    @Test func levelBoundaryBelongsToTheUpperBand() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        // mean: (2 + 3 + (6 − 4 = 2)) / 3 = 7/3 → low; (2 + 3 + (6 − 3 = 3)) / 3 = 8/3 → mid.
        #expect(scorer.score(answers: ["1": "2", "2": "3", "5": "4"]).levels[1] == 0)
        #expect(scorer.score(answers: ["1": "2", "2": "3", "5": "3"]).levels[1] == 1)
        // Exactly 3.5: (3 + 4) / 2 with item 5 missing (allowed) → high.
        let boundary = scorer.score(answers: ["1": "3", "2": "4"])
        #expect(boundary.scores[1] == 3.5)
        #expect(boundary.levels[1] == 2)
        // Exactly 2.5: (2 + 3) / 2 → mid.
        #expect(scorer.score(answers: ["1": "2", "2": "3"]).levels[1] == 1)
    }

    @Test func signedOptionsWithDashVariants() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        // "−−" (minus signs) = −2 and "++" = 2 → 0; "–" (en dash) = −1 and " 0 " = 0 → −1; "——" (em dashes) = −2 and "-" = −1 → −3.
        #expect(scorer.score(answers: ["s1": "\u{2212}\u{2212}", "s2": "++"]).scores[2] == 0)
        #expect(scorer.score(answers: ["s1": "\u{2013}", "s2": " 0 "]).scores[2] == -1)
        #expect(scorer.score(answers: ["s1": "\u{2014}\u{2014}", "s2": "-"]).scores[2] == -3)
    }

    @Test func yesNoWithBlankMeaningNo() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        #expect(scorer.score(answers: ["y1": "ДА", "1": "1"]).scores[3] == 1)
        #expect(scorer.score(answers: ["y1": "нет", "y2": "+", "1": "1"]).scores[3] == 1)
        #expect(scorer.score(answers: ["1": "1"]).scores[3] == 0)
    }

    @Test func sameAnswerEverywhereOnALikertSheet() throws {
        let scorer = Scorer(instrument: try Instrument.fromJSON(Self.likert))
        #expect(scorer.score(answers: ["1": "3", "2": "3", "3": "3", "4": "3", "5": "3"]).flags.contains(.sameAnswer))
        #expect(!scorer.score(answers: ["1": "3", "2": "3", "3": "3", "4": "3", "5": "4"]).flags.contains(.sameAnswer))
        // Fewer than five Likert answers: not enough to judge.
        #expect(!scorer.score(answers: ["1": "3", "2": "3", "3": "3", "4": "3"]).flags.contains(.sameAnswer))
    }

    struct HollandCase: Sendable {
        var scores: [Int]  // R I A S E C, each item value 1–5 (one item per scale)
        var code: String
        var tie: Bool
    }

    static let hollandCases: [HollandCase] = [
        HollandCase(scores: [1, 2, 3, 5, 4, 1], code: "SEA", tie: false),
        HollandCase(scores: [1, 4, 4, 5, 2, 1], code: "S(IA)", tie: true),
        HollandCase(scores: [1, 3, 3, 5, 4, 3], code: "SE(IAC)", tie: true),
        HollandCase(scores: [5, 1, 1, 5, 1, 2], code: "(RS)C", tie: true),
        HollandCase(scores: [3, 3, 3, 3, 3, 3], code: "(RIASEC)", tie: true),
    ]

    @Test(arguments: hollandCases)
    func hollandCodeBracketsTiedLetters(_ testCase: HollandCase) throws {
        let letters = ["R", "I", "A", "S", "E", "C"]
        let scales = letters.map { """
            {"id":"\($0)","letter":"\($0)","title":{"ru":"\($0)","en":"\($0)"},"key":[{"item":"\($0)1"}]}
            """ }.joined(separator: ",")
        let items = letters.map { "{\"id\":\"\($0)1\",\"format\":\"l5\"}" }.joined(separator: ",")
        let json = """
        {"formatVersion":1,"id":"h","version":"1","title":{"ru":"т","en":"t"},"source":{"authors":"a","citation":"c","licence":"l"},
         "answerFormats":[{"id":"l5","kind":"likert","options":[{"code":"1","value":1},{"code":"2","value":2},{"code":"3","value":3},{"code":"4","value":4},{"code":"5","value":5}]}],
         "items":[\(items)],"scales":[\(scales)],"leadingType":{"hollandCode":true}}
        """
        let scorer = Scorer(instrument: try Instrument.fromJSON(json))
        var answers: [String: String] = [:]
        for (index, letter) in letters.enumerated() { answers["\(letter)1"] = String(testCase.scores[index]) }
        let result = scorer.score(answers: answers)
        #expect(result.hollandCode == testCase.code)
        #expect(result.flags.contains(.tie) == testCase.tie)
    }
}
