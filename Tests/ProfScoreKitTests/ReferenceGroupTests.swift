import Foundation
import Testing
@testable import ProfScoreKit

/// Every finest group of a group report's summary (school, grade and class)
/// against the reference: the reference assigns each row to a group from the
/// docs (`RefGroups`), and each production group must be what the reference's
/// rows of that group add up to, read in one go and in parts on several
/// threads, with the default grouping and with `--group-by grade,class`. The
/// groups together must hold every row.
@Suite struct ReferenceGroupTests {
    typealias Expected = ReferenceSummaryTests.Expected

    static let settings: [(name: String, settings: ReportSettings)] = [
        ("default", ReportSettings()),
        ("grade,class", ReportSettings(groupBy: [.grade, .className])),
    ]

    /// What was compared, printed at the end of a test.
    struct Tally: CustomStringConvertible {
        var sheets = 0, skipped = 0, runs = 0, groups = 0, rows = 0
        var withClassColumn = 0, maxGroups = 0
        var skippedBecause: [String: Int] = [:]
        var description: String {
            "\(sheets) sheets (\(skipped) skipped, \(withClassColumn) with a class column), \(runs) runs, "
                + "\(groups) groups and \(rows) rows compared (most groups in a sheet: \(maxGroups)); skipped because: \(skippedBecause)"
        }
    }

    /// Differences between a summary's groups and the reference's, and the
    /// number of groups compared.
    static func differences(_ summary: Summary, _ grouping: RefGrouping, rows: [RefRow], scaleCount: Int) -> (found: [String], groups: Int) {
        var found: [String] = []
        var production: [RefGroupKey: Summary.Group] = [:]
        for group in summary.groups {
            let key = RefGroupKey(school: group.key.school, grade: group.key.grade, className: group.key.className)
            let matching = RefGroups.matching(key)
            if let other = production[matching] {
                found.append("production has two groups the reference holds for one: \(other.key) and \(group.key)")
            }
            production[matching] = group
        }
        for key in Set(production.keys).subtracting(grouping.rows.keys) {
            found.append("production group \(production[key]!.key) (\(production[key]!.results.sheets) sheets): the reference has no such group")
        }
        var compared = 0
        for (key, groupRows) in grouping.rows.sorted(by: { $0.key.description < $1.key.description }) {
            guard let group = production[key] else {
                found.append("reference group \(key) (\(groupRows.count) rows, lines \(groupRows.prefix(5).map(\.line))): not in production")
                continue
            }
            let expected = Expected(rows: groupRows, scaleCount: scaleCount)
            found += ReferenceSummaryTests.differences(group.results, expected).map { "group \(group.key): \($0)" }
            compared += 1
        }
        // No row lost: the groups add up to every row.
        let sheets = summary.groups.reduce(0) { $0 + $1.results.sheets }
        if sheets != rows.count { found.append("the groups hold \(sheets) sheets, the reference read \(rows.count)") }
        if var total = summary.groups.first?.results {
            for group in summary.groups.dropFirst() { total.merge(group.results) }
            found += ReferenceSummaryTests.differences(total, Expected(rows: rows, scaleCount: scaleCount)).map { "total: \($0)" }
        } else if !rows.isEmpty {
            found.append("no group in production")
        }
        return (found, compared)
    }

    /// Scores one sheet every way and compares its groups.
    static func check(sheet bytes: [UInt8], reference refInstrument: RefInstrument, production instrument: Instrument,
                      what: String, tally: inout Tally) throws {
        tally.sheets += 1
        var scorer = RefScorer(instrument: refInstrument)
        let reference = scorer.score(sheet: bytes)
        let grouping = RefGroups.group(reference)
        if reference.infoColumnNames.contains(where: { RefGroups.role(of: $0) == .className }) { tally.withClassColumn += 1 }
        // Sheets whose outcome the docs leave open, whole, for a row or for a row's group, are not compared.
        let open = reference.ambiguities + grouping.ambiguities
            + (reference.ambiguousRowLines.isEmpty ? [] : ["ambiguous-row"])
            + (reference.refused ? ["refused"] : []) + (reference.rows.isEmpty ? ["no-rows"] : [])
        guard open.isEmpty else {
            tally.skipped += 1
            for reason in Set(open) { tally.skippedBecause[reason, default: 0] += 1 }
            return
        }
        let file = TemporaryFile(bytes)
        for (name, settings) in Self.settings {
            for threads in [1, 2, 4] {
                let summary = try Self.summaryOf(path: file.path, instrument: instrument, threads: threads, settings: settings)
                let (found, groups) = Self.differences(summary, grouping, rows: reference.rows, scaleCount: instrument.scales.count)
                let agrees = found.isEmpty
                #expect(agrees, Comment(rawValue: "\(what), grouping \(name), \(threads) thread(s):\n" + found.prefix(6).joined(separator: "\n")))
                tally.runs += 1
                tally.groups += groups
                tally.rows += reference.rows.count
                tally.maxGroups = max(tally.maxGroups, groups)
            }
        }
    }

    static func summaryOf(path: String, instrument: Instrument, threads: Int, settings: ReportSettings) throws -> Summary {
        try ReferenceSummaryTests.summary(path: path, instrument: instrument, threads: threads, settings: settings)
    }

    /// Options of a sheet with school, grade and class columns.
    static func options(_ rng: inout RefSplitMix64, rows: Int) -> RefGenerators.SheetOptions {
        var options = ReferenceDifferentialTests.options(&rng, rows: rows)
        options.groupColumns = true
        // Fewer odd rows in some sheets: a row saved with another delimiter leaves its group open.
        if RefGenerators.chance(40, &rng) { options.mischief = 0 }
        return options
    }

    @Test(arguments: ReferenceDifferentialTests.bundledIDs)
    func summaryGroupsAreTheReferenceRowsOfEachGroup(_ id: String) throws {
        let refInstrument = try ReferenceDifferentialTests.referenceInstrument(id)
        let instrument = try Instrument.bundled(id)
        var tally = Tally()
        // The map of interests (174 items) leaves most long sheets open (a tie
        // below the minimum): shorter sheets, and more of them.
        let long = id != "golomshtok-interest-map"
        for seed in UInt64(1)...(long ? 30 : 50) {
            var rng = RefSplitMix64(seed: seed &* 104_729 &+ UInt64(id.utf8.count))
            let options = Self.options(&rng, rows: RefGenerators.int(long ? 5...120 : 3...15, &rng))
            let bytes = RefGenerators.sheet(for: refInstrument, options, &rng)
            try Self.check(sheet: bytes, reference: refInstrument, production: instrument, what: "\(id), seed \(seed)", tally: &tally)
        }
        print("ReferenceGroupTests \(id): \(tally)")
        #expect(tally.sheets - tally.skipped >= 10, "too few sheets compared for \(id): \(tally)")
        #expect(tally.maxGroups >= (long ? 8 : 4), "no sheet with many groups for \(id): \(tally)")
    }

    @Test(arguments: 0..<2)
    func randomInstrumentGroupsAreTheReferenceRowsOfEachGroup(batch: Int) throws {
        var tally = Tally()
        for index in 0..<5 {
            let seed = UInt64(0x6E0_0700) &+ UInt64(batch * 5 + index)
            var rng = RefSplitMix64(seed: seed)
            let json = RefGenerators.instrument(&rng, name: "random-\(seed)")
            let instrument = try Instrument.load(json: Array(json.utf8), file: "random.json")
            let refInstrument = try RefInstrument(json: Array(json.utf8))
            for _ in 0..<4 {
                let options = Self.options(&rng, rows: RefGenerators.int(10...60, &rng))
                let bytes = RefGenerators.sheet(for: refInstrument, options, &rng)
                try Self.check(sheet: bytes, reference: refInstrument, production: instrument, what: "random instrument, seed \(seed)", tally: &tally)
            }
        }
        print("ReferenceGroupTests random batch \(batch): \(tally)")
        #expect(tally.sheets - tally.skipped >= 8, "too few sheets compared: \(tally)")
    }
}
