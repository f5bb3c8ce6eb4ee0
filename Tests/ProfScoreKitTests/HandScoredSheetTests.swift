import Foundation
import Testing
@testable import ProfScoreKit

/// Every bundled instrument against class sheets scored by hand from the
/// published key (Tests/Tools/make_handscored.py writes the sheets and the
/// expectations from the key in instrument-keys.md, independently of this code;
/// see Fixtures/handscored/README.md).
@Suite struct HandScoredSheetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var instrument: String
        var file: String
        var encoding: SheetEncoding
        var delimiter: Character
        var testDescription: String { "\(instrument)/\(file)" }
    }

    static let instruments = [
        "klimov-ddo", "golomshtok-interest-map", "rezapkina-profile",
        "onet-interest-profiler-60", "iip-riasec-48", "readiness-self-determination",
    ]
    static let cases: [Case] = instruments.flatMap { id in [
        Case(instrument: id, file: "class-excel-1251.csv", encoding: .windows1251, delimiter: ";"),
        Case(instrument: id, file: "class-forms-utf8bom.csv", encoding: .utf8BOM, delimiter: ","),
        Case(instrument: id, file: "class-unicode.txt", encoding: .utf16LE, delimiter: "\t"),
    ] }

    @Test(arguments: cases)
    func scoresMatchTheHandScoredKey(_ testCase: Case) throws {
        let folder = Repository.fixtures + "/handscored/\(testCase.instrument)"
        let scorer = Scorer(instrument: try Instrument.bundled(testCase.instrument))
        let (rows, diagnostics, reader) = try scoreSheet(path: folder + "/" + testCase.file, scorer: scorer)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(reader?.encoding == testCase.encoding)
        #expect(reader?.delimiter == testCase.delimiter)

        let expectedLines = try String(contentsOfFile: folder + "/expected.csv", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = expectedLines[0]
        let expected = expectedLines.dropFirst()
        #expect(rows.count == expected.count)
        let instrument = scorer.instrument
        for fields in expected {
            let id = fields[0]
            guard let (row, score) = rows.first(where: { $0.row.id == id }) else {
                Issue.record("respondent \(id) not scored"); continue
            }
            #expect(row.info.count == 3, "id, ФИО and класс are carried through")
            for (column, name) in header.enumerated().dropFirst() {
                let want = fields[column]
                switch name {
                case "leading":
                    let got: String = switch score.leading {
                    case .types(let types): types.map { instrument.scales[$0].id }.joined(separator: "+")
                    case .noPronouncedInterest: "none"
                    case .undetermined, .notApplicable: ""
                    }
                    #expect(got == want, "\(id) leading")
                case "holland":
                    #expect((score.hollandCode ?? "") == want, "\(id) holland")
                default:
                    let scale = try #require(instrument.scales.firstIndex { $0.id == name }, "scale \(name)")
                    if want.isEmpty {
                        #expect(score.scores[scale] == nil, "\(id) \(name) should be invalid")
                    } else {
                        let value = try #require(Double(want))
                        let got = try #require(score.scores[scale], "\(id) \(name) should be scored")
                        #expect(abs(got - value) < 0.00005, "\(id) \(name): \(got) vs \(value)")
                    }
                }
            }
        }
    }
}
