import Foundation
import Testing
@testable import ProfScoreKit

/// Each individual page (`report --individual`) carries its own respondent's
/// identity and scores: pages made from the rows of a ``ScoringRun``, as the
/// command makes them, are read back (respondent cells and the score of each
/// scale, HTML entities undone) and compared with the reference scorer's
/// row at the same position, on random sheets of every bundled instrument.
@Suite struct ReferencePageTests {
    /// The respondent table and the scores column of a page.
    static func read(page: String) -> (who: [(String, String)], scores: [Double?]) {
        func unescape(_ text: Substring) -> String {
            text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        var who: [(String, String)] = []
        if let start = page.range(of: "<table class=\"who\">"), let end = page.range(of: "</table>", range: start.upperBound..<page.endIndex) {
            // Cells may hold line breaks: rows are found by their tags, not by lines.
            let table = String(page[start.upperBound..<end.lowerBound])
            let pattern = try! NSRegularExpression(pattern: "<tr><th>(.*?)</th><td>(.*?)</td></tr>", options: [.dotMatchesLineSeparators])
            for match in pattern.matches(in: table, range: NSRange(table.startIndex..., in: table)) {
                who.append((unescape(table[Range(match.range(at: 1), in: table)!]), unescape(table[Range(match.range(at: 2), in: table)!])))
            }
        }
        var scores: [Double?] = []
        for part in page.components(separatedBy: "<td class=\"num\">").dropFirst() {
            let text = part.prefix { $0 != "<" }
            scores.append(text == "—" ? nil : Double(text))
        }
        return (who, scores)
    }

    @Test(arguments: ReferenceDifferentialTests.bundledIDs)
    func pagesCarryTheirOwnRespondent(id: String) throws {
        let refInstrument = try ReferenceDifferentialTests.referenceInstrument(id)
        let instrument = try Instrument.bundled(id)
        var compared = 0
        for index in 0..<8 {
            let seed = UInt64(0x9A6E_0000) &+ UInt64(index) &* 104_729 &+ UInt64(ReferenceDifferentialTests.bundledIDs.firstIndex(of: id)!) << 32
            var rng = RefSplitMix64(seed: seed)
            let bytes = RefGenerators.sheet(for: refInstrument, ReferenceDifferentialTests.options(&rng, rows: 20), &rng)
            var reference = RefScorer(instrument: refInstrument)
            let expected = reference.score(sheet: bytes)
            guard expected.ambiguities.isEmpty, expected.knownIssues.isEmpty, !expected.refused else { continue }
            let file = TemporaryFile(bytes)
            var pages: [String] = []
            ScoringRun(instrument: instrument, inputs: [file.path]).forEachRow(report: { _ in }) { scored in
                pages.append(IndividualReport.render(instrument: instrument, info: scored.namedInfo, score: scored.score, language: .english))
            }
            #expect(pages.count == expected.rows.count, "seed \(seed)")
            for (row, page) in zip(expected.rows, pages) {
                let (who, scores) = Self.read(page: page)
                // Every non-empty respondent cell, in order; the names too where the docs fix them.
                let expectedWho = zip(expected.infoColumnNames, row.info).filter { !$0.1.isEmpty }
                #expect(who.map(\.1) == expectedWho.map(\.1), "seed \(seed), line \(row.line): the page shows \(who)")
                if expected.openColumnNames.isEmpty {
                    #expect(who.map(\.0) == expectedWho.map(\.0), "seed \(seed), line \(row.line)")
                }
                guard !expected.ambiguousRowLines.contains(row.line) else { continue }
                #expect(scores.count == row.scores.count, "seed \(seed), line \(row.line)")
                for (shown, value) in zip(scores, row.scores) {
                    let agrees = switch (shown, value) {
                    case (nil, nil): true
                    case let (shown?, value?): abs(shown - value) < 1e-4
                    default: false
                    }
                    #expect(agrees,
                            "seed \(seed), line \(row.line): page \(scores), reference \(row.scores)")
                }
                compared += 1
            }
        }
        #expect(compared > 60, "pages compared: \(compared)")
    }
}
