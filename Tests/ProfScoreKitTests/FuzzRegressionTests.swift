import Foundation
import Testing
@testable import ProfScoreKit

/// Inputs on which `scripts/fuzz.sh sheet` found scoring in parts on several
/// threads (what `report` does with large files) to differ from scoring the
/// file in one go (`Fixtures/fuzz/`, the files as libFuzzer wrote them). Each
/// must now give the same rows, scores and diagnostics in the same order.
///
/// `two-other-delimiters-tied.csv` has a row holding as many tabs as commas:
/// the message about the row's delimiter named one or the other in the order
/// of a Dictionary, which differs from one dictionary instance to the next,
/// so the two ways differed about one time in seven. The test repeats the
/// comparison to make such a difference likely to show.
@Suite struct FuzzRegressionTests {
    static let scorer = Scorer(instrument: try! Instrument.bundled("klimov-ddo"))

    struct Seen: Equatable {
        var rows: [String] = []
        var diagnostics: [String] = []
    }

    static func score(_ path: String, threads: Int) throws -> Seen {
        var seen = Seen()
        let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
        let parts = try batch.scoreConcurrently(
            path: path, displayName: "sheet.csv", threads: threads, minimumSplitSize: 0,
            makePartial: { [String]() },
            report: { seen.diagnostics.append($0.rendered(in: .english)) },
            each: { partial, scored in
                let (row, result) = (scored.row, scored.score)
                partial.append("line \(row.line) \(row.info) \(result.scores.map { $0.map(ScoreFormatting.plain) ?? "-" }) \(result.flags.names)")
            })
        seen.rows = parts.flatMap { $0 }
        return seen
    }

    @Test(arguments: ["header-and-blank-rows.csv", "lone-cr-line-ends.csv", "lone-cr-in-header.csv", "two-other-delimiters-tied.csv"])
    func scoringInPartsEqualsScoringAtOnce(_ file: String) throws {
        let path = Repository.fixtures + "/fuzz/" + file
        let whole = try Self.score(path, threads: 1)
        for _ in 0..<5 {
            let parts = try Self.score(path, threads: 3)
            #expect(parts.rows == whole.rows)
            #expect(parts.diagnostics == whole.diagnostics)
        }
    }
}
