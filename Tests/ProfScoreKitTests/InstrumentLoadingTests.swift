import Testing
@testable import ProfScoreKit

/// A bad instrument file is refused with every problem listed, each with its
/// JSON path and line.
@Suite struct InstrumentLoadingTests {
    /// A valid instrument laid out one key per line, so that lines are predictable.
    static func instrument(
        formats: String = #"[{"id":"l3","kind":"likert","options":[{"code":"1","value":1},{"code":"2","value":2},{"code":"3","value":3}]}]"#,
        items: String = #"[{"id":"1","format":"l3"},{"id":"2","format":"l3"}]"#,
        scales: String = #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1"},{"item":"2","reverse":true}],"levels":[{"from":2,"to":3,"label":{"ru":"н","en":"low"}},{"from":4,"to":6,"label":{"ru":"в","en":"high"}}]}]"#,
        extra: String = ""
    ) -> String {
        """
        {
        "formatVersion": 1,
        "id": "t",
        "version": "1",
        "title": {"ru": "т", "en": "t"},
        "source": {"authors": "a", "citation": "c", "licence": "l"},
        "answerFormats": \(formats),
        "items": \(items),
        "scales": \(scales)\(extra)
        }
        """
    }

    @Test func validInstrumentLoads() throws {
        let instrument = try Instrument.fromJSON(Self.instrument())
        #expect(instrument.scales[0].possibleRange(items: instrument.items, formats: instrument.answerFormats) == 2...6)
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var json: String
        var path: String
        var line: Int
        var message: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "unknown key", json: instrument(extra: ",\n\"maxMisssing\": 1"), path: "$.maxMisssing", line: 10, message: "unknown key 'maxMisssing'"),
        BadCase(name: "future format", json: instrument().replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 7"),
                path: "$.formatVersion", line: 2, message: "newer than this ProfScore reads (up to 1)"),
        BadCase(name: "duplicate item", json: instrument(items: #"[{"id":"1","format":"l3"},{"id":"1","format":"l3"}]"#),
                path: "$.items[1].id", line: 8, message: "the item id '1' appears twice"),
        BadCase(name: "unknown format", json: instrument(items: #"[{"id":"1","format":"l3"},{"id":"2","format":"l5"}]"#),
                path: "$.items[1].format", line: 8, message: "unknown answer format 'l5'"),
        BadCase(name: "unknown item in key", json: instrument(scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1"},{"item":"2"},{"item":"9"}]}]"#),
                path: "$.scales[0].key[2].item", line: 9, message: "unknown item '9'"),
        BadCase(name: "unknown option", json: instrument(scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1","option":"4"},{"item":"2"}]}]"#),
                path: "$.scales[0].key[0].option", line: 9, message: "item '1' has no option '4'; its options: 1, 2, 3"),
        BadCase(name: "item in no scale", json: instrument(items: #"[{"id":"1","format":"l3"},{"id":"2","format":"l3"},{"id":"3","format":"l3"}]"#),
                path: "$.items[2]", line: 8, message: "item '3' is scored by no scale"),
        BadCase(name: "overlapping levels", json: instrument(scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1"},{"item":"2"}],"levels":[{"from":2,"to":4,"label":{"ru":"н","en":"l"}},{"from":4,"to":6,"label":{"ru":"в","en":"h"}}]}]"#),
                path: "$.scales[0].levels[1].from", line: 9, message: "overlaps the previous one (to 4); start it at 5"),
        BadCase(name: "gap between levels", json: instrument(scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1"},{"item":"2"}],"levels":[{"from":2,"to":3,"label":{"ru":"н","en":"l"}},{"from":5,"to":6,"label":{"ru":"в","en":"h"}}]}]"#),
                path: "$.scales[0].levels[1].from", line: 9, message: "a gap: the previous band ends at 3 and this one starts at 5; start it at 4"),
        BadCase(name: "level outside the range", json: instrument(scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1"},{"item":"2"}],"levels":[{"from":2,"to":3,"label":{"ru":"н","en":"l"}},{"from":4,"to":8,"label":{"ru":"в","en":"h"}}]}]"#),
                path: "$.scales[0].levels[1].to", line: 9, message: "the last band ends at 8, above the highest possible score 6"),
        BadCase(name: "colliding spellings", json: instrument(formats: #"[{"id":"l3","kind":"likert","options":[{"code":"1","value":1,"tokens":["а"]},{"code":"2","value":2,"tokens":["A"]},{"code":"3","value":3}]}]"#),
                path: "$.answerFormats[0].options", line: 7, message: "the spelling 'A' selects both '1' and '2'"),
        BadCase(name: "values on some options only", json: instrument(formats: #"[{"id":"l3","kind":"likert","options":[{"code":"1","value":1},{"code":"2"},{"code":"3","value":3}]}]"#),
                path: "$.answerFormats[0].options", line: 7, message: "either every option has a 'value' or none has"),
        BadCase(name: "failing test vector", json: instrument(extra: ",\n\"testVectors\": [{\"name\": \"v\", \"answers\": {\"1\": \"3\", \"2\": \"3\"}, \"expect\": {\"scores\": {\"s\": 6}}}]"),
                path: "$.testVectors[0].expect.scores.s", line: 10, message: "scale 's' expected 6, the key gives 4"),
        BadCase(name: "wrong type", json: instrument().replacingOccurrences(of: "\"version\": \"1\"", with: "\"version\": 1"),
                path: "$.version", line: 4, message: "expected a string, found number"),
        BadCase(name: "huge number", json: instrument(formats: #"[{"id":"l3","kind":"likert","options":[{"code":"1","value":1e300},{"code":"2","value":2},{"code":"3","value":3}]}]"#),
                path: "$.answerFormats[0].options[0].value", line: 7, message: "out of the supported range"),
    ]

    @Test(arguments: badCases)
    func problemIsReportedWithPathAndLine(_ testCase: BadCase) {
        do {
            _ = try Instrument.fromJSON(testCase.json, file: "bad.json")
            Issue.record("the instrument was accepted")
        } catch {
            guard case .invalidInstrument(let file, let diagnostics) = error as? ProfScoreError else {
                Issue.record("unexpected error \(error)"); return
            }
            #expect(file == "bad.json")
            let match = diagnostics.first { $0.path == testCase.path }
            #expect(match != nil, "no diagnostic at \(testCase.path): \(diagnostics)")
            #expect(match?.line == testCase.line)
            #expect(match?.message.english.contains(testCase.message) == true, "\(match?.message.english ?? "")")
            #expect(match?.rendered().hasPrefix("bad.json:\(testCase.line):") == true)
        }
    }

    @Test func everyProblemIsListedNotOnlyTheFirst() {
        let json = Self.instrument(
            items: #"[{"id":"1","format":"l3"},{"id":"2","format":"nope"}]"#,
            scales: #"[{"id":"s","title":{"ru":"ш","en":"s"},"key":[{"item":"1","option":"9"}],"colour":"red"}]"#)
        do {
            _ = try Instrument.fromJSON(json)
            Issue.record("accepted")
        } catch {
            guard case .invalidInstrument(_, let diagnostics) = error as? ProfScoreError else { return }
            let paths = Set(diagnostics.compactMap(\.path))
            #expect(paths.isSuperset(of: ["$.items[1].format", "$.scales[0].colour", "$.scales[0].key[0].option"]), "\(paths)")
        }
    }

    struct SyntaxCase: Sendable {
        var json: String
        var line: Int
        var column: Int
        var message: String
    }

    static let syntaxCases: [SyntaxCase] = [
        SyntaxCase(json: "{\n  \"a\": 1,\n}", line: 3, column: 1, message: "a comma before '}' is not allowed in JSON"),
        SyntaxCase(json: "{\"a\": 1, 2}", line: 1, column: 10, message: "expected a key in double quotes"),
        SyntaxCase(json: "{\"a\": \"unterminated", line: 1, column: 20, message: "the string is not closed"),
        SyntaxCase(json: String(repeating: "[", count: 100) + String(repeating: "]", count: 100), line: 1, column: 65, message: "nesting deeper than 64"),
        SyntaxCase(json: "{\"a\": 1e999}", line: 1, column: 12, message: "too large"),
        SyntaxCase(json: "{\"é\": tru}", line: 1, column: 7, message: "expected a JSON value"),
        SyntaxCase(json: "", line: 1, column: 1, message: "ends too early"),
    ]

    @Test(arguments: syntaxCases)
    func syntaxErrorsHaveLineAndColumn(_ testCase: SyntaxCase) {
        do {
            _ = try Instrument.fromJSON(testCase.json)
            Issue.record("accepted")
        } catch {
            guard case .invalidInstrument(_, let diagnostics) = error as? ProfScoreError, let first = diagnostics.first else {
                Issue.record("unexpected \(error)"); return
            }
            #expect(first.line == testCase.line)
            #expect(first.column == testCase.column)
            #expect(first.message.english.contains(testCase.message), "\(first.message.english)")
        }
    }

    @Test func jsonStringsAndEscapesDecode() throws {
        let node = try JSONParser.parse(Array(#"{"a": "\u0410\n\"x\" \ud83d\ude00", "b": [true, null, -1.5e2]}"#.utf8))
        guard case .object(let members) = node.value, case .string(let text) = members[0].value.value,
              case .array(let elements) = members[1].value.value, case .number(let number) = elements[2].value else {
            Issue.record("wrong shape"); return
        }
        #expect(text == "А\n\"x\" 😀")
        #expect(number == -150)
    }

    @Test func bundledInstrumentsLoadAndTheirTestVectorsPass() throws {
        #expect(BundledInstruments.ids == [
            "golomshtok-interest-map", "iip-riasec-48", "klimov-ddo", "onet-interest-profiler-60",
            "readiness-self-determination", "rezapkina-profile",
        ])
        for id in BundledInstruments.ids {
            let instrument = try Instrument.bundled(id)
            #expect(instrument.id == id)
            #expect(!instrument.testVectors.isEmpty)
        }
    }

    @Test func embeddedInstrumentsMatchTheFilesInInstruments() throws {
        for (name, json) in BundledInstruments.files {
            let onDisk = try String(contentsOfFile: Repository.path("Instruments/\(name).json"), encoding: .utf8)
            #expect(json.trimmingCharacters(in: .newlines) == onDisk.trimmingCharacters(in: .newlines),
                    "Instruments/\(name).json changed: run scripts/embed-instruments.sh")
        }
    }

    @Test func publishedKeysHaveTheirShape() throws {
        // ДДО: 8 options per type, 40 in all; every complete sheet sums to 20.
        let ddo = try Instrument.bundled("klimov-ddo")
        #expect(ddo.scales.map(\.key.count) == [8, 8, 8, 8, 8])
        // Карта интересов: scale k = items k, k+29, …, k+145.
        let map = try Instrument.bundled("golomshtok-interest-map")
        for (k, scale) in map.scales.enumerated() {
            #expect(scale.key.map { map.items[$0.item].id } == (0..<6).map { String(k + 1 + 29 * $0) })
        }
    }
}

import Foundation
