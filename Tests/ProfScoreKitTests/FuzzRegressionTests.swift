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
        /// Why the file was refused, if it was.
        var failure: String?
    }

    /// Scores a sheet; with `checksFit` off, one that does not look like a ДДО
    /// sheet (``SheetFit``) is read anyway, so that its rows can be compared.
    static func score(_ path: String, threads: Int, checksFit: Bool) -> Seen {
        var seen = Seen()
        let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
        batch.checksFit = checksFit
        do {
            let rows = try score(path, batch: batch, threads: threads, seen: &seen)
            seen.rows = rows
        } catch {
            seen.failure = error.rendered(in: .english)
        }
        return seen
    }

    private static func score(_ path: String, batch: BatchScorer, threads: Int, seen: inout Seen) throws(ProfScoreError) -> [String] {
        let parts = try batch.scoreConcurrently(
            path: path, displayName: "sheet.csv", threads: threads, minimumSplitSize: 0,
            makePartial: { [String]() },
            report: { seen.diagnostics.append($0.rendered(in: .english)) },
            each: { partial, scored in
                let (row, result) = (scored.row, scored.score)
                partial.append("line \(row.line) \(row.info) \(result.scores.map { $0.map(ScoreFormatting.plain) ?? "-" }) \(result.flags.names)")
            })
        return parts.flatMap { $0 }
    }

    @Test(arguments: ["header-and-blank-rows.csv", "lone-cr-line-ends.csv", "lone-cr-in-header.csv", "two-other-delimiters-tied.csv"])
    func scoringInPartsEqualsScoringAtOnce(_ file: String) throws {
        let path = Repository.fixtures + "/fuzz/" + file
        for checksFit in [false, true] {
            let whole = Self.score(path, threads: 1, checksFit: checksFit)
            #expect(checksFit || whole.failure == nil, "\(whole.failure ?? "")")
            for _ in 0..<5 {
                let parts = Self.score(path, threads: 3, checksFit: checksFit)
                #expect(parts.rows == whole.rows)
                #expect(parts.diagnostics == whole.diagnostics)
                #expect(parts.failure == whole.failure)
            }
        }
    }
}
