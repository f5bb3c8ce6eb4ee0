import Foundation
@testable import ProfScoreKit

/// Paths of the repository, found from this file.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static let fixtures = path("Tests/ProfScoreKitTests/Fixtures")
}

/// A temporary file that is removed when the value goes away.
final class TemporaryFile {
    let path: String
    init(_ bytes: [UInt8], suffix: String = ".csv") {
        path = NSTemporaryDirectory() + "profscore-test-\(UUID().uuidString)\(suffix)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }
    convenience init(_ text: String, suffix: String = ".csv") { self.init(Array(text.utf8), suffix: suffix) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Reads a whole sheet with a scorer and returns its rows, scores and diagnostics.
func scoreSheet(path: String, scorer: Scorer) throws -> (rows: [(row: SheetRow, score: RespondentScore)], diagnostics: [Diagnostic], reader: SheetReader?) {
    var rows: [(SheetRow, RespondentScore)] = []
    var diagnostics: [Diagnostic] = []
    let batch = BatchScorer(scorer: scorer)
    let sheet = try batch.open(path: path, name: path, prepare: { _ in nil }, report: { diagnostics.append($0) })
    try batch.scoreWhole(sheet, checksDuplicates: true, report: { diagnostics.append($0) }) { rows.append(($0.row, $0.score)) }
    return (rows, diagnostics, sheet.reader)
}

extension Instrument {
    /// Loads an instrument from JSON text, for tests.
    static func fromJSON(_ text: String, file: String = "test.json") throws -> Instrument {
        try load(json: Array(text.utf8), file: file)
    }
}

/// The two uses of `BatchScorer.scoreParts`, as the commands make them
/// through ``ScoringRun``, for tests of one sheet.
extension BatchScorer {
    /// As a group report: parts' states back in file order, no duplicate ids.
    func scoreConcurrently<Partial>(
        path: String, displayName: String? = nil, threads: Int, minimumSplitSize: Int = 4 << 20, makePartial: () -> Partial,
        prepare: (SheetHeader) -> [Bool]? = { _ in nil }, report: (Diagnostic) -> Void,
        each: @escaping @Sendable (inout Partial, ScoredRow) -> Void
    ) throws(ProfScoreError) -> [Partial] {
        var partials: [Partial] = []
        try scoreParts(path: path, name: displayName ?? path, threads: threads, minimumSplitSize: minimumSplitSize, checksDuplicates: false,
                       makePart: { _ in makePartial() }, prepare: prepare, report: report,
                       each: { partial, scored in each(&partial, scored); return 0 },
                       finish: { partial, _ in partials.append(partial) })
        return partials
    }

    /// As the scores file: in file order, with duplicate ids.
    func scoreInFileOrder<Part>(
        path: String, threads: Int, minimumSplitSize: Int = 4 << 20,
        makePart: (Bool) throws(ProfScoreError) -> Part, report: (Diagnostic) -> Void,
        each: @escaping @Sendable (inout Part, ScoredRow) -> Int,
        finish: (inout Part, [Int]) throws(ProfScoreError) -> Void
    ) throws(ProfScoreError) {
        try scoreParts(path: path, name: path, threads: threads, minimumSplitSize: minimumSplitSize,
                       checksDuplicates: detectsDuplicateIDs, makePart: makePart, prepare: { _ in nil },
                       report: report, each: each, finish: finish)
    }

    var failedFiles: [String] { failures.map(\.file) }
}
