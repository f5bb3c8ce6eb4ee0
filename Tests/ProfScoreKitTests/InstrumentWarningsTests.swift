import Testing
@testable import ProfScoreKit

/// `Instrument.warnings`: what `profscore validate` reports beside errors.
@Suite struct InstrumentWarningsTests {
    /// An instrument with one scale; the parts not given are filled with a
    /// three-item Likert scale and one passing test vector.
    static func instrument(
        formats: String = #"{ "id": "l3", "kind": "likert", "options": [ { "code": "1", "value": 1 }, { "code": "2", "value": 2 }, { "code": "3", "value": 3 } ] }"#,
        items: [(String, String)] = [("1", "l3"), ("2", "l3"), ("3", "l3")],
        scale: String = #"{ "id": "s", "title": { "ru": "Ш", "en": "S" }, "key": [ { "item": "1" }, { "item": "2" }, { "item": "3" } ] }"#,
        vectors: String = #", "testVectors": [ { "name": "ones", "answers": { "1": "1", "2": "1", "3": "1" }, "expect": { "scores": { "s": 3 } } } ]"#
    ) -> String {
        """
        {
          "formatVersion": 1, "id": "w", "version": "1",
          "title": { "ru": "П", "en": "W" },
          "source": { "authors": "tests", "citation": "none", "licence": "none" },
          "answerFormats": [
            \(formats)
          ],
          "items": [ \(items.map { "{ \"id\": \"\($0.0)\", \"format\": \"\($0.1)\" }" }.joined(separator: ", ")) ],
          "scales": [
            \(scale)
          ]\(vectors)
        }
        """
    }

    static func warnings(_ json: String) throws -> [Diagnostic] {
        let instrument = try Instrument.fromJSON(json, file: "w.json")
        return instrument.warnings(file: "w.json", json: Array(json.utf8))
    }

    @Test func aCleanInstrumentHasNoWarnings() throws {
        #expect(try Self.warnings(Self.instrument()).isEmpty)
    }

    @Test(arguments: BundledInstruments.ids)
    func bundledInstrumentsHaveNoWarnings(_ id: String) throws {
        let (_, warnings) = try Instrument.namedWithWarnings(id)
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test func aScaleWithTwoItems() throws {
        let json = Self.instrument(
            items: [("1", "l3"), ("2", "l3")],
            scale: #"{ "id": "s", "title": { "ru": "Ш", "en": "S" }, "key": [ { "item": "1" }, { "item": "2" } ] }"#,
            vectors: #", "testVectors": [ { "name": "ones", "answers": { "1": "1", "2": "1" }, "expect": { "scores": { "s": 2 } } } ]"#)
        let warnings = try Self.warnings(json)
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning && warning.path == "$.scales[0].key")
        // Line 10: `    { "id": "s", … "key": [ … ] }` — the key's array starts at column 60.
        #expect(warning.line == 10 && warning.column == 60)
        #expect(warning.message.english.contains("2 item(s)"))
    }

    @Test func anUnusedFormatAndAnUnnamedOption() throws {
        let json = Self.instrument(
            formats: #"""
            { "id": "l3", "kind": "likert", "options": [ { "code": "1", "value": 1 }, { "code": "2", "value": 2 }, { "code": "3", "value": 3 } ] },
                { "id": "spare", "kind": "yesno", "options": [ { "code": "да" }, { "code": "нет" } ] },
                { "id": "abc", "kind": "choice", "options": [ { "code": "а" }, { "code": "б" }, { "code": "в" } ] }
            """#,
            items: [("1", "abc"), ("2", "abc"), ("3", "abc")],
            scale: #"{ "id": "s", "title": { "ru": "Ш", "en": "S" }, "key": [ { "item": "1", "option": "а" }, { "item": "2", "option": "б" }, { "item": "3", "option": "а" } ] }"#,
            vectors: #", "testVectors": [ { "name": "a", "answers": { "1": "а", "2": "а", "3": "а" }, "expect": { "scores": { "s": 2 } } } ]"#)
        let warnings = try Self.warnings(json)
        #expect(warnings.map(\.path) == ["$.answerFormats[0]", "$.answerFormats[1]", "$.answerFormats[2].options[2]"])
        #expect(warnings[2].message.english.contains("option 'в'"))
    }

    @Test func theBlankOptionIsNotUnnamed() throws {
        let json = Self.instrument(
            formats: #"{ "id": "yn", "kind": "yesno", "blank": "-", "options": [ { "code": "+" }, { "code": "-" } ] }"#,
            items: [("1", "yn"), ("2", "yn"), ("3", "yn")],
            scale: #"{ "id": "s", "title": { "ru": "Ш", "en": "S" }, "key": [ { "item": "1", "option": "+" }, { "item": "2", "option": "+" }, { "item": "3", "option": "+" } ] }"#,
            vectors: #", "testVectors": [ { "name": "a", "answers": { "1": "+" }, "expect": { "scores": { "s": 1 } } } ]"#)
        #expect(try Self.warnings(json).isEmpty)
    }

    @Test func noTestVectorsAndAScaleNoVectorChecks() throws {
        let none = try Self.warnings(Self.instrument(vectors: ""))
        #expect(none.map(\.path) == ["$"])
        #expect(none.first?.line == 1)
        let json = Self.instrument(
            scale: #"""
            { "id": "s", "title": { "ru": "Ш", "en": "S" }, "key": [ { "item": "1" }, { "item": "2" }, { "item": "3" } ] },
                { "id": "t", "title": { "ru": "Т", "en": "T" }, "key": [ { "item": "1" }, { "item": "2" }, { "item": "3", "reverse": true } ] }
            """#)
        let warnings = try Self.warnings(json)
        #expect(warnings.map(\.path) == ["$.scales[1].id"])
    }

    // MARK: - Levels no answer pattern reaches

    /// Three items, option «а» worth 2 points: the sums are 0, 2, 4, 6, so the band 1–1 is never reached.
    @Test func anOddBandOfAnEvenScale() throws {
        let json = Self.instrument(
            formats: #"{ "id": "ab", "kind": "choice", "options": [ { "code": "а" }, { "code": "б" } ] }"#,
            items: [("1", "ab"), ("2", "ab"), ("3", "ab")],
            scale: #"""
            { "id": "s", "title": { "ru": "Ш", "en": "S" },
                  "key": [ { "item": "1", "option": "а", "points": 2 }, { "item": "2", "option": "а", "points": 2 }, { "item": "3", "option": "а", "points": 2 },
                           { "item": "1", "option": "б", "points": 0 }, { "item": "2", "option": "б", "points": 0 }, { "item": "3", "option": "б", "points": 0 } ],
                  "levels": [ { "from": 0, "to": 0, "label": { "ru": "н", "en": "l" } }, { "from": 1, "to": 1, "label": { "ru": "с", "en": "m" } },
                              { "from": 2, "to": 6, "label": { "ru": "в", "en": "h" } } ] }
            """#,
            vectors: #", "testVectors": [ { "name": "a", "answers": { "1": "а", "2": "а", "3": "б" }, "expect": { "scores": { "s": 4 } } } ]"#)
        let warnings = try Self.warnings(json)
        #expect(warnings.map(\.path) == ["$.scales[0].levels[1]"])
        #expect(warnings.first?.message.english.contains("0, 2, 4, 6") == true)
    }

    /// A mean of two items valued 1 or 2, one of which may be blank: with both
    /// answered (2, 3 or 4) / 2 = 1, 1.5, 2; with one, 1 or 2. Nothing in 1.2–1.4.
    @Test func aMeanScaleWithAnAllowedBlank() throws {
        let json = Self.instrument(
            formats: #"{ "id": "l2", "kind": "likert", "options": [ { "code": "1", "value": 1 }, { "code": "2", "value": 2 } ] }"#,
            items: [("1", "l2"), ("2", "l2"), ("3", "l2")],
            scale: #"""
            { "id": "s", "title": { "ru": "Ш", "en": "S" }, "combine": "mean", "missing": { "maxMissing": 1 },
                  "key": [ { "item": "1" }, { "item": "2" } ],
                  "levels": [ { "from": 1, "to": 1.2, "label": { "ru": "н", "en": "l" } }, { "from": 1.2, "to": 1.4, "label": { "ru": "с", "en": "m" } },
                              { "from": 1.4, "to": 2, "label": { "ru": "в", "en": "h" } } ] },
                { "id": "t", "title": { "ru": "Т", "en": "T" }, "key": [ { "item": "1" }, { "item": "2" }, { "item": "3" } ] }
            """#,
            vectors: #", "testVectors": [ { "name": "a", "answers": { "1": "1", "2": "2", "3": "1" }, "expect": { "scores": { "s": 1.5, "t": 4 } } } ]"#)
        let warnings = try Self.warnings(json)
        #expect(warnings.map(\.path) == ["$.scales[0].key", "$.scales[0].levels[1]"])
        #expect(warnings.last?.message.english.contains("1, 1.5, 2") == true)
    }

    /// Three items valued 0 or 1, one blank allowed and prorated: sums 0…3, and
    /// with a blank (0, 1, 2) · 3/2 = 0, 1.5, 3. The band 0.5–1 (up to, not
    /// including, 1, which belongs to the next band) is never reached.
    @Test func aProratedScale() throws {
        let json = Self.instrument(
            formats: #"{ "id": "b", "kind": "yesno", "options": [ { "code": "0", "value": 0 }, { "code": "1", "value": 1 } ] }"#,
            items: [("1", "b"), ("2", "b"), ("3", "b")],
            scale: #"""
            { "id": "s", "title": { "ru": "Ш", "en": "S" }, "missing": { "maxMissing": 1, "prorate": true },
                  "key": [ { "item": "1" }, { "item": "2" }, { "item": "3" } ],
                  "levels": [ { "from": 0, "to": 0.5, "label": { "ru": "н", "en": "l" } }, { "from": 0.5, "to": 1, "label": { "ru": "с", "en": "m" } },
                              { "from": 1, "to": 3, "label": { "ru": "в", "en": "h" } } ] }
            """#,
            vectors: #", "testVectors": [ { "name": "a", "answers": { "1": "1", "2": "1" }, "expect": { "scores": { "s": 3 } } } ]"#)
        let warnings = try Self.warnings(json)
        #expect(warnings.map(\.path) == ["$.scales[0].levels[1]"])
        #expect(warnings.first?.message.english.contains("0, 1, 1.5, 2, 3") == true)
    }

    /// The same prorated scale on a format whose empty cell means «0»: no item is
    /// ever unanswered, so only the whole sums 0…3 occur and 0.5–1 is still empty.
    @Test func reachableScoresWithABlankOption() throws {
        let instrument = try Instrument.fromJSON(Self.instrument(
            formats: #"{ "id": "b", "kind": "yesno", "blank": "0", "options": [ { "code": "0", "value": 0 }, { "code": "1", "value": 1 } ] }"#,
            items: [("1", "b"), ("2", "b"), ("3", "b")],
            scale: #"{ "id": "s", "title": { "ru": "Ш", "en": "S" }, "missing": { "maxMissing": 1, "prorate": true }, "key": [ { "item": "1" }, { "item": "2" }, { "item": "3" } ] }"#,
            vectors: ""))
        guard case .scores(let scores) = ReachableScores.compute(scale: instrument.scales[0], instrument: instrument) else {
            Issue.record("not computed"); return
        }
        #expect(scores == [0, 1, 2, 3])
    }

    @Test func tooManyPossibleSumsIsANote() throws {
        let instrument = try Instrument.fromJSON(Self.instrument(vectors: ""))
        guard case .notChecked(let reason) = ReachableScores.compute(scale: instrument.scales[0], instrument: instrument, limit: 3) else {
            Issue.record("expected the limit to stop the enumeration"); return
        }
        #expect(reason.english.contains("more than 3"))
    }

    @Test func jsonPathsFindTheirNodes() throws {
        let json = Array(#"{ "a": [ 1, { "b": "x" } ],"# .utf8) + Array("\n  \"c\": { \"d\": [true] } }".utf8)
        let root = try JSONParser.parse(json)
        #expect(root.node(atPath: "$.a[1].b")?.position.line == 1)
        #expect(root.node(atPath: "$.c.d[0]")?.position.line == 2)
        #expect(root.node(atPath: "$.c.d[0]")?.position.column(in: json) == 16)
        #expect(root.node(atPath: "$.a[2]") == nil)
        #expect(root.node(atPath: "$.e") == nil)
    }
}
