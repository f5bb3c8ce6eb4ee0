import Foundation
import Testing
@testable import ProfScoreKit

/// `Instrument.describe` (profscore describe).
@Suite struct InstrumentDescriptionTests {
    static func pilot() throws -> Instrument {
        try Instrument.load(contentsOf: Repository.path("Examples/custom/pilot-interests.json"))
    }

    /// Golden files, reviewed when recorded (`PROFSCORE_RECORD=1` re-records).
    @Test func pilotInstrumentAsMarkdownMatchesGoldenFile() throws {
        try expectGolden(Array(try Self.pilot().describe(format: .md, language: .russian).utf8), "describe-pilot-interests.ru.md")
    }

    @Test func ddoForTheTerminalMatchesGoldenFile() throws {
        try expectGolden(Array(try Instrument.bundled("klimov-ddo").describe(format: .table, language: .english).utf8), "describe-klimov-ddo.en.txt")
    }

    /// The key, as the example's file gives it: 7 and 13 reversed in tech; 15 (the deliberate mistake) not.
    @Test func reverseKeyedItemsAreMarked() throws {
        let text = try Self.pilot().describe(format: .table, language: .english)
        #expect(text.contains("1, 4, 7 (rev.), 10, 13 (rev.)"))
        #expect(text.contains("2, 5 (rev.), 8, 11, 14 (rev.)"))
        #expect(text.contains("3, 6, 9 (rev.), 12, 15 "))
        // Five items of 1…5: 5–25.
        #expect(text.components(separatedBy: "5–25").count - 1 == 3)
        #expect(try Self.pilot().describe(language: .russian).contains("7 (обр.)"))
    }

    @Test func optionKeyedEntriesAreItemAndOption() throws {
        let text = try Instrument.bundled("klimov-ddo").describe(format: .md, language: .russian)
        // The ДДО key of Человек–природа: 1а 3б 6а 10а 11а 13б 16а 20а.
        #expect(text.contains("1а, 3б, 6а, 10а, 11а, 13б, 16а, 20а"))
        #expect(text.contains("0–8"))
        #expect(text.contains("Вынужденный выбор"))
        #expect(text.contains("ниже 3"))
    }

    @Test func keyTextSeparatesDigitsAndPoints() throws {
        let instrument = try Instrument.fromJSON("""
        { "formatVersion": 1, "id": "k", "version": "1", "title": { "ru": "К", "en": "K" },
          "source": { "authors": "t", "citation": "t", "licence": "t" },
          "answerFormats": [ { "id": "n", "kind": "choice", "options": [ { "code": "1" }, { "code": "2" } ] } ],
          "items": [ { "id": "R1", "format": "n" }, { "id": "7", "format": "n" } ],
          "scales": [ { "id": "s", "title": { "ru": "Ш", "en": "S" },
                        "key": [ { "item": "R1", "option": "2", "points": 2 }, { "item": "7", "option": "1" } ] } ] }
        """)
        let t = ReportTexts(language: .english)
        #expect(instrument.keyText(instrument.scales[0].key[0], t) == "R1:2 ×2")
        #expect(instrument.keyText(instrument.scales[0].key[1], t) == "7:1")
    }

    @Test func everyBundledInstrumentCanBeDescribed() throws {
        for id in BundledInstruments.ids {
            let instrument = try Instrument.bundled(id)
            for language in Language.allCases {
                let text = instrument.describe(format: .md, language: language)
                #expect(text.hasPrefix("# "))
                for scale in instrument.scales { #expect(text.contains("| \(MarkdownRenderer.escape(scale.id)) |"), "\(id) \(scale.id)") }
            }
        }
    }
}
