import Foundation
import Testing
@testable import ProfScoreKit

/// A sheet that is truncated or rewritten while it is read fails, instead of
/// giving the rows read so far as if they were all (165,000 rows were once
/// silently missing, exit 0).
@Suite struct ChangedInputTests {
    static let scorer = Scorer(instrument: try! Instrument.bundled("klimov-ddo"))

    static func sheet(rows: Int) -> String {
        (["id;" + (1...20).map(String.init).joined(separator: ";")]
            + (1...rows).map { "P\($0);" + Array(repeating: "а;б", count: 10).joined(separator: ";") }).joined(separator: "\n") + "\n"
    }

    @Test func truncatedWhileScoredInOneGo() throws {
        let file = TemporaryFile(Self.sheet(rows: 100))
        var rows = 0
        #expect(throws: ProfScoreError.changedWhileRead(path: file.path)) {
            try BatchScorer(scorer: Self.scorer).score(path: file.path, report: { _ in }) { _ in
                rows += 1
                if rows == 1 { truncate(file.path, 200) }
            }
        }
    }

    @Test(arguments: [1, 3])
    func truncatedWhileScoredInParts(threads: Int) throws {
        let file = TemporaryFile(Self.sheet(rows: 5000))
        let batch = BatchScorer(scorer: Self.scorer, detectsDuplicateIDs: false)
        #expect(throws: ProfScoreError.changedWhileRead(path: file.path)) {
            _ = try batch.scoreConcurrently(path: file.path, threads: threads, minimumSplitSize: 0, makePartial: { 0 },
                                            prepare: { _ in truncate(file.path, 30_000); return nil }, report: { _ in }) { count, _ in count += 1 }
        }
        #expect(batch.failedFiles == [file.path])
    }

    @Test func anUnchangedFileIsScoredWhole() throws {
        let file = TemporaryFile(Self.sheet(rows: 100))
        var rows = 0
        try BatchScorer(scorer: Self.scorer).score(path: file.path, report: { _ in }) { _ in rows += 1 }
        #expect(rows == 100)
    }
}
