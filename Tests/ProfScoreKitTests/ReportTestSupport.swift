import Foundation
import Testing
@testable import ProfScoreKit

/// Builds the summary of some answer sheets, as `profscore report` does.
func summarize(
    _ paths: [String], instrument: Instrument, roster: Roster? = nil, year: String = "2025/26",
    settings: ReportSettings = ReportSettings(), diagnostics: inout [Diagnostic]
) throws -> Summary {
    let scorer = Scorer(instrument: instrument)
    let builder = SummaryBuilder(instrument: instrument, roster: roster, schoolYear: year, settings: settings)
    let batch = BatchScorer(scorer: scorer)
    var collected: [Diagnostic] = []
    for path in paths {
        var columns = SummaryBuilder.SheetColumns()
        try batch.score(path: path, prepare: { header in
            columns = builder.columns(of: header, warnAboutMissingLevels: false, report: { collected.append($0) })
            return columns.needed
        }, report: { collected.append($0) }) { scored in
            builder.add(row: scored.row, score: scored.score, columns: columns, file: path, report: { collected.append($0) })
        }
    }
    let summary = builder.finish(report: { collected.append($0) })
    diagnostics += collected
    return summary
}

func summarize(_ paths: [String], instrument: Instrument, roster: Roster? = nil, year: String = "2025/26",
               settings: ReportSettings = ReportSettings()) throws -> Summary {
    var ignored: [Diagnostic] = []
    return try summarize(paths, instrument: instrument, roster: roster, year: year, settings: settings, diagnostics: &ignored)
}

/// Compares a rendered report with its golden file; `PROFSCORE_RECORD=1` rewrites the file.
func expectGolden(_ actual: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = Repository.fixtures + "/golden/" + name
    if ProcessInfo.processInfo.environment["PROFSCORE_RECORD"] == "1" {
        try Data(actual).write(to: URL(fileURLWithPath: path))
        return
    }
    guard let expected = FileManager.default.contents(atPath: path) else {
        Issue.record("no golden file \(name); record it with PROFSCORE_RECORD=1 swift test and review it", sourceLocation: sourceLocation)
        return
    }
    if Array(expected) == actual { return }
    let expectedLines = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
    let actualLines = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
    var diff: [String] = []
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let e = index < expectedLines.count ? expectedLines[index] : "<none>"
        let a = index < actualLines.count ? actualLines[index] : "<none>"
        if e != a { diff.append("line \(index + 1):\n- \(e)\n+ \(a)") }
        if diff.count >= 10 { break }
    }
    let report = diff.joined(separator: "\n")
    Issue.record("\(name) differs from its golden file (PROFSCORE_RECORD=1 re-records):\n\(report)", sourceLocation: sourceLocation)
}
