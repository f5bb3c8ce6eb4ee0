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
    var lastReader: SheetReader?
    let batch = BatchScorer(scorer: scorer)
    try batch.score(path: path, report: { diagnostics.append($0) }) { row, score, reader in
        rows.append((row, score))
        lastReader = reader
    }
    return (rows, diagnostics, lastReader)
}

extension Instrument {
    /// Loads an instrument from JSON text, for tests.
    static func fromJSON(_ text: String, file: String = "test.json") throws -> Instrument {
        try load(json: Array(text.utf8), file: file)
    }
}
