// Drives the production scorer and compares what it gives with the reference
// scorer (Reference/). Shared by ReferenceDifferentialTests and the fuzz target
// Fuzz/ReferenceDifferentialFuzz.swift (built into one module with
// ProfScoreKit's sources by scripts/fuzz.sh, hence the conditional import).
import Foundation
#if canImport(ProfScoreKit)
@testable import ProfScoreKit
#endif

/// How production is run.
enum RefProductionMode: CustomStringConvertible, Hashable, Sendable {
    /// The engine's one part (`BatchScorer.scoreWhole`), with the fast path on or off.
    case oneGo(fastPath: Bool)
    /// `ScoringRun.forEachRow`, the public way: every row in file order on one thread.
    case batch
    /// `ScoringRun.scoreInParts` with duplicate ids (the scores file) with this many threads, split at any size.
    case fileOrder(threads: Int)
    /// The engine's parts without duplicate ids (group reports) with this many threads;
    /// optionally with `neededInfoColumns` set (`needed`: every column, or only
    /// the respondent id), and the fast path off.
    case concurrent(threads: Int, needed: RefNeededColumns, fastPath: Bool)

    var description: String {
        switch self {
        case .oneGo(let fast): "one go, fast path \(fast ? "on" : "off")"
        case .batch: "ScoringRun.forEachRow"
        case .fileOrder(let threads): "ScoringRun.scoreInParts, \(threads) thread(s)"
        case .concurrent(let threads, let needed, let fast):
            "parts without duplicate ids, \(threads) thread(s)\(needed == .notSet ? "" : ", neededInfoColumns \(needed)")\(fast ? "" : ", fast path off")"
        }
    }

    var checksDuplicates: Bool {
        if case .concurrent = self { return false }
        return true
    }
}

/// Which respondent columns a run asks the reader for (`SheetReader.neededInfoColumns`).
enum RefNeededColumns: Hashable, Sendable, CustomStringConvertible {
    /// `nil`: every column (the default).
    case notSet
    /// Set, to every column.
    case all
    /// Set, to the first column (the id) only: the others are to be left empty.
    case idOnly
    /// Set, to every column but the first (as a group report needs the class, not the id).
    case allButID

    func mask(count: Int) -> [Bool]? {
        switch self {
        case .notSet: nil
        case .all: Array(repeating: true, count: count)
        case .idOnly: (0..<count).map { $0 == 0 }
        case .allButID: (0..<count).map { $0 != 0 }
        }
    }

    var description: String {
        switch self {
        case .notSet: "not set"
        case .all: "set to all"
        case .idOnly: "set to the id only"
        case .allButID: "set to all but the id"
        }
    }
}

/// What production gave for one sheet, in the reference's terms.
struct RefProductionResult {
    var refused = false
    var infoColumnNames: [String] = []
    var rows: [RefRow] = []
    var diagnostics: [(severity: String, line: Int?, column: Int?, text: String)] = []
    /// The parts the file was scored in (`concurrent` only; 1: in one go).
    var parts = 1
}

enum RefHarness {
    /// Converts production's score of a row.
    static func row(_ row: SheetRow, _ score: RespondentScore, instrument: Instrument) -> RefRow {
        let leading: RefLeading
        switch score.leading {
        case .notApplicable: leading = .notApplicable
        case .undetermined: leading = .undetermined
        case .noPronouncedInterest: leading = .none
        case .types(let indices): leading = .types(indices.map { instrument.scales[$0].id })
        }
        let categories = instrument.profiles?.categories ?? []
        return RefRow(line: row.line, info: Array(row.info), scores: score.scores, levels: score.levels, leading: leading,
                      profile: score.categories.map { categories[$0].id }, holland: score.hollandCode,
                      flags: Set(score.flags.names))
    }

    /// Scores a sheet file with production in one of its ways.
    static func run(path: String, instrument: Instrument, mode: RefProductionMode) -> RefProductionResult {
        let scorer = Scorer(instrument: instrument)
        var result = RefProductionResult()
        // A run names files as given; the reference calls the sheet "sheet.csv".
        func report(_ diagnostic: Diagnostic) {
            guard diagnostic.severity != .note else { return }
            let text = diagnostic.rendered(in: .english).replacingOccurrences(of: path, with: "sheet.csv")
            result.diagnostics.append((diagnostic.severity.rawValue, diagnostic.line, diagnostic.column, text))
        }
        var failure: ProfScoreError?
        do throws(ProfScoreError) {
            switch mode {
            case .oneGo(let fastPath):
                let batch = BatchScorer(scorer: scorer)
                batch.usesFastPath = fastPath
                let sheet = try batch.open(path: path, name: "sheet.csv", prepare: { _ in nil }, report: report)
                result.infoColumnNames = sheet.header.columns
                try batch.scoreWhole(sheet, checksDuplicates: true, report: report) { scored in
                    result.rows.append(Self.row(scored.row, scored.score, instrument: instrument))
                }
            case .batch:
                let run = ScoringRun(instrument: instrument, inputs: [path])
                run.forEachRow(prepare: { header in
                    result.infoColumnNames = header.columns
                    return nil
                }, report: report, failed: { failure = $0 }) { scored in
                    result.rows.append(Self.row(scored.row, scored.score, instrument: instrument))
                }
            case .fileOrder(let threads):
                let run = ScoringRun(instrument: instrument, inputs: [path], options: .init(threads: threads, minimumSplitSize: 0))
                run.scoreInParts(
                    makePart: { _ in [RefRow]() },
                    prepare: { header in
                        result.infoColumnNames = header.columns
                        return nil
                    },
                    report: report, failed: { failure = $0 },
                    each: { part, scored in
                        part.append(Self.row(scored.row, scored.score, instrument: instrument))
                        return part.count - 1
                    },
                    finish: { part, repeated in
                        for index in repeated { part[index].flags.insert("duplicate-id") }
                        result.rows += part
                    })
            case .concurrent(let threads, let needed, let fastPath):
                let batch = BatchScorer(scorer: scorer, detectsDuplicateIDs: false)
                batch.usesFastPath = fastPath
                var parts: [[RefRow]] = []
                try batch.scoreParts(
                    path: path, name: "sheet.csv", threads: threads, minimumSplitSize: 0, checksDuplicates: false,
                    makePart: { _ in [RefRow]() },
                    prepare: { header in
                        result.infoColumnNames = header.columns
                        return needed.mask(count: header.columns.count)
                    },
                    report: report,
                    each: { part, scored in
                        part.append(Self.row(scored.row, scored.score, instrument: instrument))
                        return 0
                    },
                    finish: { part, _ in parts.append(part) })
                result.rows = parts.flatMap { $0 }
                result.parts = parts.count
            }
        } catch {
            failure = error
        }
        result.refused = failure != nil
        return result
    }

    /// Differences between the reference and production for one sheet, one
    /// line each, split by whether they concern respondent information
    /// (`info`) or anything else (`other`).
    /// - Parameter knownLines: lines where a known production bug applies
    ///   (line → what is wrong); differences there are returned under `known`.
    static func compare(reference: RefSheetResult, production: RefProductionResult, mode: RefProductionMode,
                        knownLines: [Int: String] = [:])
        -> (info: [String], other: [String], known: [String: [String]]) {
        var info: [String] = []
        var other: [String] = []
        var known: [String: [String]] = [:]
        if reference.refused || production.refused {
            if reference.refused != production.refused {
                other.append("refused: reference \(reference.refused), production \(production.refused)")
            }
            return (info, other, known)
        }
        let namesAgree = reference.infoColumnNames.count == production.infoColumnNames.count
            && reference.infoColumnNames.indices.allSatisfy {
                reference.openColumnNames.contains($0) || reference.infoColumnNames[$0] == production.infoColumnNames[$0]
            }
        if !namesAgree {
            other.append("respondent columns: reference \(reference.infoColumnNames), production \(production.infoColumnNames)")
        }
        if reference.rows.count != production.rows.count {
            other.append("rows: reference \(reference.rows.count) at lines \(reference.rows.map(\.line)), production \(production.rows.count) at lines \(production.rows.map(\.line))")
        }
        for (expected, actual) in zip(reference.rows, production.rows) {
            let at = "line \(expected.line)"
            if expected.line != actual.line { other.append("\(at): production line \(actual.line)"); continue }
            var expectedInfo = expected.info
            if case .concurrent(_, let needed, _) = mode, let mask = needed.mask(count: expectedInfo.count) {
                // Columns not needed are left empty (SheetReader.neededInfoColumns).
                for index in expectedInfo.indices where !mask[index] { expectedInfo[index] = "" }
            }
            if let reason = knownLines[expected.line] {
                // Only the respondent columns are compared on a row a known bug touches.
                if expectedInfo != actual.info { info.append("\(at): info reference \(expectedInfo), production \(actual.info)") }
                if expected.scores != actual.scores || expected.flags != actual.flags || expected.leading != actual.leading {
                    known[reason, default: []].append("\(at): scores \(expected.scores) flags \(expected.flags.sorted()), production \(actual.scores) flags \(actual.flags.sorted())")
                }
                continue
            }
            if expectedInfo != actual.info { info.append("\(at): info reference \(expectedInfo), production \(actual.info)") }
            if reference.ambiguousRowLines.contains(expected.line) {
                // The docs leave this row's scores, flags and leading type open.
                continue
            }
            let scoresEqual = expected.scores.count == actual.scores.count && zip(expected.scores, actual.scores).allSatisfy { e, a in
                switch (e, a) {
                case (nil, nil): true
                case let (e?, a?): abs(e - a) <= 1e-9 * max(1, abs(e))
                default: false
                }
            }
            if !scoresEqual { other.append("\(at): scores reference \(expected.scores), production \(actual.scores)") }
            let levelsEqual = expected.levels.count == actual.levels.count
                && zip(expected.levels, actual.levels).allSatisfy { e, a in e == -1 ? a != nil : e == a }
            if !levelsEqual { other.append("\(at): levels reference \(expected.levels), production \(actual.levels)") }
            var expectedFlags = expected.flags
            var actualFlags = actual.flags
            if !mode.checksDuplicates { expectedFlags.remove("duplicate-id"); actualFlags.remove("duplicate-id") }

            if expected.leading != actual.leading { other.append("\(at): leading reference \(expected.leading), production \(actual.leading)") }
            if expected.profile != actual.profile { other.append("\(at): profile reference \(expected.profile), production \(actual.profile)") }
            if expected.holland != actual.holland { other.append("\(at): Holland reference \(expected.holland ?? "nil"), production \(actual.holland ?? "nil")") }
            if expectedFlags != actualFlags { other.append("\(at): flags reference \(expectedFlags.sorted()), production \(actualFlags.sorted())") }
        }
        // Diagnostics: each of the reference's matched by one of production's
        // (severity, line and column where the docs define them), none left over.
        var expected = reference.diagnostics
        if !mode.checksDuplicates { expected.removeAll { $0.kind.hasPrefix("repeated id") } }
        expected.removeAll { $0.line.map { reference.openDiagnosticLines.contains($0) } ?? false }
        var remaining = production.diagnostics
        remaining.removeAll { $0.line.map { reference.openDiagnosticLines.contains($0) } ?? false }
        if !mode.checksDuplicates { remaining.removeAll { $0.text.contains("already appeared") } }
        // First the diagnostics that match in every field the reference gives,
        // so that a loosely defined one (severity open, say) does not take the
        // production diagnostic a strict one needs; then the loose matches.
        var looselyExpected: [RefDiagnostic] = []
        for diagnostic in expected {
            if let index = remaining.firstIndex(where: { actual in
                actual.severity == diagnostic.severity
                    && (diagnostic.line == nil || actual.line == diagnostic.line)
                    && (diagnostic.column == nil || actual.column == diagnostic.column)
            }) {
                remaining.remove(at: index)
            } else {
                looselyExpected.append(diagnostic)
            }
        }
        var unmatched: [RefDiagnostic] = []
        for diagnostic in looselyExpected {
            if let index = remaining.firstIndex(where: { actual in
                (!diagnostic.checksSeverity || actual.severity == diagnostic.severity)
                    && (!diagnostic.checksLine || actual.line == diagnostic.line)
                    && (!diagnostic.checksColumn || actual.column == diagnostic.column)
            }) {
                remaining.remove(at: index)
            } else {
                unmatched.append(diagnostic)
            }
        }
        for diagnostic in unmatched {
            if let line = diagnostic.line, let reason = knownLines[line] {
                known[reason, default: []].append("diagnostic missing in production: \(diagnostic)")
            } else {
                other.append("diagnostic missing in production: \(diagnostic)")
            }
        }
        for diagnostic in remaining {
            if let line = diagnostic.line, let reason = knownLines[line] {
                known[reason, default: []].append("diagnostic only in production: \(diagnostic.text)")
            } else {
                other.append("diagnostic only in production: \(diagnostic.text)")
            }
        }
        return (info, other, known)
    }
}
