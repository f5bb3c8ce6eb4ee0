import Foundation
import Testing
@testable import ProfScoreKit

/// Exports of online forms (Yandex Forms, Google Forms) and hand-made form
/// layouts: item columns headed by the question (`1. …`, `Вопрос 12`) and
/// answers written with the option's wording (`а) Ухаживать за животными`).
@Suite struct FormExportTests {
    /// The item a header names, for the O*NET form (items 1…60) and the IIP (R1…C8).
    static func item(_ header: String, _ id: String) throws -> String? {
        let scorer = Scorer(instrument: try Instrument.bundled(id))
        let key = FormHeader.itemKey(TokenNormalizer.normalize(header), isItem: { scorer.itemIndex(normalizedID: $0) != nil })
        return key.flatMap(scorer.itemIndex(normalizedID:)).map { scorer.instrument.items[$0].id }
    }

    @Test(arguments: [
        ("1. Ухаживать за животными", "1"), ("12) Что вам больше нравится?", "12"), ("Вопрос 12", "12"), ("вопрос №7", "7"),
        ("Вопрос № 7: text", "7"), ("Question 3. Build kitchen cabinets", "3"), ("1.", "1"), ("12)", "12"), ("1 Ухаживать", "1"),
        ("12", "12"), ("12 ) text", "12"),
    ])
    func questionHeadersNameTheirItem(_ header: String, _ id: String) throws {
        #expect(try Self.item(header, "onet-interest-profiler-60") == id, "\(header)")
    }

    @Test func idsWithLettersToo() throws {
        #expect(try Self.item("R1: Test the quality of parts", "iip-riasec-48") == "R1")
        #expect(try Self.item("r1", "iip-riasec-48") == "R1")
        #expect(try Self.item("R1x: …", "iip-riasec-48") == nil)
    }

    /// Not questions: a decimal number, names of respondent columns, a number
    /// that is no item, a number followed by more digits or letters.
    @Test(arguments: ["1.5", "ФИО", "Отметка времени", "61. Question", "", "Вопрос", ". 1", "Адрес электронной почты", "Баллы", "12a) text", "1,2"])
    func otherHeadersNameNoItem(_ header: String) throws {
        #expect(try Self.item(header, "onet-interest-profiler-60") == nil, "\(header)")
    }

    /// The ДДО's options are «а» and «б» (also «a», «b», «1», «2»).
    @Test(arguments: [
        ("а) Ухаживать за животными", 0), ("б. Обслуживать машины", 1), ("a) animals", 0), ("Б) машины", 1),
        ("2. Обслуживать машины", 1), ("а)", 0), ("б.", 1), ("а )", 0),
    ])
    func answersWithTheirWordingSelectTheOption(_ cell: String, _ option: Int32) throws {
        let scorer = Scorer(instrument: try Instrument.bundled("klimov-ddo"))
        #expect(scorer.codes(answers: ["1": cell])[0] == option, "\(cell)")
    }

    /// Still unreadable: another option's wording without its code, a decimal number, two codes.
    @Test(arguments: ["Ухаживать за животными", "1.5", "в) третье", "аб) оба", "а.б"])
    func otherAnswersStayUnreadable(_ cell: String) throws {
        let scorer = Scorer(instrument: try Instrument.bundled("klimov-ddo"))
        #expect(scorer.codes(answers: ["1": cell])[0] == ScoringPlan.unreadable, "\(cell)")
        let onet = Scorer(instrument: try Instrument.bundled("onet-interest-profiler-60"))
        #expect(onet.codes(answers: ["1": "0.5"])[0] == ScoringPlan.unreadable)
        #expect(onet.codes(answers: ["1": "5. Очень нравится"])[0] == 4)
    }

    /// The example class written as a form service exports it: a timestamp
    /// column first, odd items headed «N. Что вам больше нравится?», even ones
    /// «Вопрос N», answers «а) Ухаживать за животными» / «б. Обслуживать
    /// машины». Every row scores as the class's plain sheet does.
    @Test func theExampleClassAsAFormExportScoresLikeTheSheet() throws {
        let formFile = TemporaryFile(try Self.exampleClassAsAForm())
        let scorer = Scorer(instrument: try Instrument.bundled("klimov-ddo"))
        let expected = try scoreSheet(path: Repository.path("Examples/klimov-ddo-7a.csv"), scorer: scorer)
        let actual = try scoreSheet(path: formFile.path, scorer: scorer)
        #expect(actual.rows.count == expected.rows.count && expected.rows.count == 22)
        for (a, e) in zip(actual.rows, expected.rows) {
            #expect(a.score.scores == e.score.scores && a.score.flags == e.score.flags, "line \(a.row.line)")
            #expect(a.score.leading == e.score.leading)
            #expect(Array(a.row.info.dropFirst()) == e.row.info, "the timestamp comes first, then the sheet's columns")
        }
        // The same diagnostics, one column to the right.
        #expect(actual.diagnostics.map { "\($0.line ?? 0):\(($0.column ?? 1) - 1)" } == expected.diagnostics.map { "\($0.line ?? 0):\(($0.column ?? 0))" })
    }

    /// The reference scorer, written from the docs, reads the form export as production does.
    @Test func theReferenceAgrees() throws {
        let result = try ReferenceDifferentialTests.differences(try Self.exampleClassAsAForm(), instrument: "klimov-ddo")
        #expect(result.info.isEmpty && result.other.isEmpty, "\((result.info + result.other).prefix(5))")
    }

    /// The example ДДО class as a form export (see ``theExampleClassAsAFormExportScoresLikeTheSheet()``).
    static func exampleClassAsAForm() throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.path("Examples/klimov-ddo-7a.csv"))))
        // Windows-1251 → text (the example's letters are Cyrillic and ASCII).
        let text = String(bytes.map { $0 < 0x80 ? Character(Unicode.Scalar($0)) : Character(Unicode.Scalar(Self.windows1251($0))!) })
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        var form = ["Отметка времени," + header.map { name in
            guard let n = Int(name) else { return name }
            return n % 2 == 1 ? "\(n). Что вам больше нравится?" : "Вопрос \(n)"
        }.joined(separator: ",")]
        for (index, row) in lines.dropFirst().enumerated() {
            let cells = zip(header, row).map { name, cell -> String in
                guard Int(name) != nil else { return cell }
                switch cell.trimmingCharacters(in: .whitespaces) {
                case "а", "a": return "а) Ухаживать за животными"
                case "б", "b": return "б. Обслуживать машины"
                default: return cell
                }
            }
            form.append("2026-09-10 10:\(index):00," + cells.joined(separator: ","))
        }
        return form.joined(separator: "\n") + "\n"
    }

    static func windows1251(_ byte: UInt8) -> UInt32 {
        switch byte {
        case 0xC0...0xFF: return 0x0410 + UInt32(byte - 0xC0)
        case 0xA8: return 0x0401
        case 0xB8: return 0x0451
        default: return 0xFFFD
        }
    }
}
