import Foundation
import Testing
@testable import ProfScoreKit

/// The counts and histograms of a group report's summary against the
/// reference scorer: what `report` adds up (sheets read and scored, quality
/// flags, leading types, study profiles, every scale's score histogram and
/// level counts) must be what the reference's rows add up to, read in one go
/// and in parts on several threads.
@Suite struct ReferenceSummaryTests {
    /// The total of a summary, as the reference's rows give it.
    struct Expected {
        var sheets = 0, scored = 0, withProfile = 0
        var flags: [String: Int] = [:], leading: [String: Int] = [:], categories: [String: Int] = [:]
        var histograms: [[Double: Int]]
        var levels: [[Int: Int]]
        /// Scales whose levels the docs leave open for some row: not compared.
        var openLevels: Set<Int> = []

        init(rows: [RefRow], scaleCount: Int) {
            histograms = Array(repeating: [:], count: scaleCount)
            levels = Array(repeating: [:], count: scaleCount)
            for row in rows {
                sheets += 1
                // A repeated id depends on the files read together: summaries leave it out.
                for flag in row.flags where flag != "duplicate-id" { flags[flag, default: 0] += 1 }
                guard !row.flags.contains("blank"), !row.scores.contains(where: { $0 == nil }) else { continue }
                scored += 1
                switch row.leading {
                case .types(let ids): leading[ids.joined(separator: "+"), default: 0] += 1
                case .none: leading["none", default: 0] += 1
                case .undetermined, .notApplicable: break
                }
                for category in row.profile { categories[category, default: 0] += 1 }
                if !row.profile.isEmpty { withProfile += 1 }
                for scale in 0..<scaleCount {
                    histograms[scale][row.scores[scale]!, default: 0] += 1
                    switch row.levels[scale] {
                    case .some(-1): openLevels.insert(scale)
                    case .some(let level): levels[scale][level, default: 0] += 1
                    case nil: break
                    }
                }
            }
        }
    }

    /// Differences between a production total and the reference's.
    static func differences(_ results: GroupResults, _ expected: Expected) -> [String] {
        var found: [String] = []
        func check<T: Equatable>(_ what: String, _ actual: T, _ wanted: T) {
            if actual != wanted { found.append("\(what): production \(actual), reference \(wanted)") }
        }
        check("sheets", results.sheets, expected.sheets)
        check("scored", results.scored, expected.scored)
        check("flags", results.flags, expected.flags)
        check("leading", results.leading, expected.leading)
        check("categories", results.categories, expected.categories)
        check("with profile", results.withProfile, expected.withProfile)
        for scale in results.scales.indices {
            let actual = results.scales[scale].sortedHistogram
            let wanted = expected.histograms[scale].sorted { $0.key < $1.key }
            let same = actual.count == wanted.count && zip(actual, wanted).allSatisfy {
                abs($0.score - $1.key) <= 1e-9 * max(1, abs($1.key)) && $0.count == $1.value
            }
            if !same { found.append("scale \(scale) histogram: production \(actual), reference \(wanted)") }
            if !expected.openLevels.contains(scale) {
                var levels: [Int: Int] = [:]
                for (level, n) in results.levels[scale].enumerated() where n > 0 { levels[level] = n }
                check("scale \(scale) levels", levels, expected.levels[scale])
            }
        }
        return found
    }

    /// The summary's total, as `report` builds it: in one go, or in parts on
    /// `threads` threads (`nil` when the sheet has no rows).
    static func total(path: String, instrument: Instrument, threads: Int) throws -> GroupResults? {
        // The summary keeps its finest groups (classes); the total is their sum.
        let summary = try Self.summary(path: path, instrument: instrument, threads: threads, settings: ReportSettings(groupBy: []))
        guard var total = summary.groups.first?.results else { return nil }
        for group in summary.groups.dropFirst() { total.merge(group.results) }
        return total
    }

    /// The summary `report` builds with `settings`: in one go, or in parts on
    /// `threads` threads.
    static func summary(path: String, instrument: Instrument, threads: Int, settings: ReportSettings) throws -> Summary {
        let builder = SummaryBuilder(instrument: instrument, roster: nil, schoolYear: "2025/26", settings: settings)
        let batch = BatchScorer(scorer: Scorer(instrument: instrument), detectsDuplicateIDs: false)
        if threads == 1 {
            var columns = SummaryBuilder.SheetColumns()
            try batch.score(path: path, prepare: { header in
                columns = builder.columns(of: header, warnAboutMissingLevels: false, report: { _ in })
                return columns.needed
            }, report: { _ in }) { scored in
                builder.add(row: scored.row, score: scored.score, columns: columns, file: path, report: { _ in })
            }
        } else {
            let parts = try batch.scoreConcurrently(
                path: path, threads: threads, minimumSplitSize: 0, makePartial: { builder.makePart() },
                prepare: { builder.columns(of: $0, warnAboutMissingLevels: false, report: { _ in }).needed },
                report: { _ in }) { part, scored in
                    part.add(scored, report: { _ in })
                }
            for part in parts { builder.merge(part) }
        }
        return builder.finish(report: { _ in })
    }

    @Test(arguments: ReferenceDifferentialTests.bundledIDs)
    func summaryTotalsAreTheReferenceRowsAddedUp(_ id: String) throws {
        let refInstrument = try ReferenceDifferentialTests.referenceInstrument(id)
        let instrument = try Instrument.bundled(id)
        var compared = 0
        for seed in UInt64(1)...40 {
            var rng = RefSplitMix64(seed: seed &* 7919 &+ UInt64(id.utf8.count))
            let options = ReferenceDifferentialTests.options(&rng, rows: RefGenerators.int(5...120, &rng))
            let bytes = RefGenerators.sheet(for: refInstrument, options, &rng)
            var scorer = RefScorer(instrument: refInstrument)
            let reference = scorer.score(sheet: bytes)
            // Sheets whose outcome the docs leave open, whole or for a row, are not compared.
            guard reference.ambiguities.isEmpty, reference.ambiguousRowLines.isEmpty, !reference.refused, !reference.rows.isEmpty else { continue }
            let expected = Expected(rows: reference.rows, scaleCount: instrument.scales.count)
            let file = TemporaryFile(bytes)
            for threads in [1, 3] {
                let results = try #require(try Self.total(path: file.path, instrument: instrument, threads: threads), "no total, seed \(seed)")
                let found = Self.differences(results, expected)
                #expect(found.isEmpty, Comment(rawValue: "\(id), seed \(seed), \(threads) thread(s):\n" + found.prefix(5).joined(separator: "\n")))
            }
            compared += 1
        }
        #expect(compared >= 10, "too few sheets compared for \(id): \(compared)")
    }
}
