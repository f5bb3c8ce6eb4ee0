import Testing
@testable import ProfScoreKit

/// Answer tokens as schools type them compare equal to the instrument's spellings.
@Suite struct NormalizationTests {
    struct Case: Sendable {
        var typed: String
        var normalized: String
    }

    static let cases: [Case] = [
        Case(typed: "а", normalized: "a"),            // Cyrillic а → Latin a
        Case(typed: "A", normalized: "a"),
        Case(typed: "А", normalized: "a"),            // Cyrillic capital
        Case(typed: " \u{00A0}б\t", normalized: "б"),  // spaces and no-break spaces trimmed
        Case(typed: "Б", normalized: "б"),
        Case(typed: "\u{2212}\u{2212}", normalized: "--"),  // minus signs
        Case(typed: "\u{2013}", normalized: "-"),     // en dash
        Case(typed: "\u{2014}", normalized: "-"),     // em dash
        Case(typed: "Нет", normalized: "нeт"),        // е → e, case folded
        Case(typed: "Strongly   Like", normalized: "strongly like"),
        Case(typed: "Очень нравится", normalized: "oчeнь нpaвитcя"),
        Case(typed: "ЁЖИК", normalized: "eжиk"),
        Case(typed: "О", normalized: "o"),
    ]

    @Test(arguments: cases)
    func normalizes(_ testCase: Case) {
        #expect(TokenNormalizer.normalize(testCase.typed) == Array(testCase.normalized.utf8))
    }

    @Test func invalidUTF8IsRejected() {
        var output: [UInt8] = []
        let valid = [UInt8]([0x61, 0xFF]).withUnsafeBufferPointer { TokenNormalizer.normalize($0, into: &output) }
        #expect(!valid)
    }

    @Test func excelFormulaCellsAreNeutralisedNumbersKept() {
        func cell(_ text: String) -> String {
            var out: [UInt8] = []
            CSVCell.appendText(text, delimiter: 0x3B, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(cell("+7 912") == "'+7 912")
        #expect(cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(cell("-2") == "-2")
        #expect(cell("-2,5") == "-2,5")
        #expect(cell("--") == "'--")
        #expect(cell("\tx") == "'\tx")
        #expect(cell("a;b") == "\"a;b\"")
        var number: [UInt8] = []
        CSVCell.appendNumber(-2.5, decimalComma: true, to: &number)
        #expect(String(decoding: number, as: UTF8.self) == "-2,5")
    }

    @Test func wholeNumbersAreWrittenAsSwiftPrintsThem() {
        var generator = MergeEquivalenceTests.Generator(state: 9)
        let values = [0, 1, -1, 9, 10, -10, 99, 100, 1_000_000, Int.max, Int.min, Int.min + 1]
            + (0..<200).map { _ in Int.random(in: Int.min...Int.max, using: &generator) >> Int.random(in: 0...62, using: &generator) }
        for value in values {
            var out: [UInt8] = [0x41]
            CSVCell.appendInteger(value, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "A\(value)")
        }
    }
}
