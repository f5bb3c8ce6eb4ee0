import Foundation
import Testing
@testable import ProfScoreKit

/// An attacker's view of random reports: hierarchies of schools, grades and
/// classes with many small groups and overlapping bands. Every published cell
/// of a report is a sum over classes; the test knows which classes each cell
/// of the document holds (from its label), and checks, for every table:
///
/// - every relation `parent = Σ children` between shown cells has no hidden
///   member or at least two (so no single subtraction gives a hidden one);
/// - more strongly, no hidden cell is a linear combination of shown cells
///   (exact rank test over the classes, independent of the library's method).
@Suite struct SuppressionAttackTests {
    static let ddo = try! Instrument.bundled("klimov-ddo")
    static let snapshot = InstrumentSnapshot(ddo)
    typealias Generator = MergeEquivalenceTests.Generator

    /// A class of the random municipality.
    struct Class {
        var school: String
        var grade: Int
        var name: String
        var group: Summary.Group
    }

    static func randomResults(scored: Int, unscored: Int, using generator: inout Generator) -> GroupResults {
        var results = snapshot.emptyResults()
        results.sheets = scored + unscored
        results.scored = scored
        let ids = snapshot.scales.map(\.id)
        for _ in 0..<scored {
            results.leading[ids[Int.random(in: 0..<ids.count, using: &generator)], default: 0] += 1
            for scale in ids.indices {
                results.levels[scale][Int.random(in: 0..<results.levels[scale].count, using: &generator)] += 1
                results.scales[scale].add(Double(Int.random(in: 0...8, using: &generator)))
            }
            if Bool.random(using: &generator) {
                results.categories[snapshot.categories[Int.random(in: 0..<snapshot.categories.count, using: &generator)].id, default: 0] += 1
                results.withProfile += 1
            }
        }
        if unscored > 0 { results.flags["blank"] = unscored }
        return results
    }

    static func randomMunicipality(seed: UInt64) -> (classes: [Class], settings: ReportSettings) {
        var generator = Generator(state: seed)
        let letters = Array("АБВГДЕЖЗИКЛМ")
        var classes: [Class] = []
        let schools = Int.random(in: 1...3, using: &generator)
        for school in 0..<schools {
            let grades = Array(5...11).shuffled(using: &generator).prefix(Int.random(in: 1...4, using: &generator))
            for grade in grades.sorted() {
                for letter in 0..<Int.random(in: 1...3, using: &generator) {
                    // Class names unique over the municipality.
                    let name = "\(grade)\(letters[school * 4 + letter])"
                    // Mostly small groups: 1…12 sheets, a third of them below 5.
                    let scored = Int.random(in: 0...2, using: &generator) == 0 ? Int.random(in: 1...4, using: &generator) : Int.random(in: 5...12, using: &generator)
                    let unscored = Int.random(in: 0...3, using: &generator) == 0 ? Int.random(in: 1...2, using: &generator) : 0
                    var coverage = Coverage()
                    coverage.enrolled = scored + Int.random(in: 0...3, using: &generator)
                    coverage.diagnosed = scored
                    coverage.withProfile = Int.random(in: 0...scored, using: &generator)
                    coverage.enrolledOVZ = Int.random(in: 0...7, using: &generator)
                    coverage.diagnosedOVZ = Int.random(in: 0...coverage.enrolledOVZ!, using: &generator)
                    let key = GroupKey(school: "S\(school + 1)", grade: grade, className: name)
                    classes.append(Class(school: "S\(school + 1)", grade: grade, name: name, group: Summary.Group(
                        schoolYear: "2025/26", key: key,
                        results: randomResults(scored: scored, unscored: unscored, using: &generator), coverage: coverage)))
                }
            }
        }
        let groupings: [[GroupLevel]] = [[.school, .grade, .className], [.grade, .className], [.school, .grade], [.school, .className], [.school], [.grade], []]
        let bandSets = ["5-9,9-11,5-11", "5-9,10-11", "5-11", "7-9,9-11", "5-7,6-9,9-11,5-11"]
        let settings = ReportSettings(groupBy: groupings[Int.random(in: 0..<groupings.count, using: &generator)],
                                      bands: GradeBand.list(bandSets[Int.random(in: 0..<bandSets.count, using: &generator)])!,
                                      minCell: 5)
        return (classes, settings)
    }

    /// The label a report gives the group of `levels` that a class is in (written again here, from the report's conventions).
    static func label(_ item: Class, levels: [GroupLevel], multipleSchools: Bool) -> String {
        var parts: [String] = []
        if levels.contains(.school) && (multipleSchools || levels.last == .school) {
            parts.append(item.school)
        } else if multipleSchools && levels.contains(.className) {
            parts.append("school not given")
        }
        if levels.contains(.className) { parts.append(item.name) } else if levels.contains(.grade) { parts.append("grade \(item.grade)") }
        return parts.joined(separator: ", ")
    }

    /// Cells of one table: label → the classes summed (indices), and whether it is hidden.
    struct Cell { var classes: Set<Int>; var hidden: Bool }

    /// The cells of a table's shown levels, from labels.
    static func levelCells(_ classes: [Class], settings: ReportSettings, keepSingleLast: Bool) -> [[String: Set<Int>]] {
        let multipleSchools = Set(classes.map(\.school)).count > 1
        var levels: [[String: Set<Int>]] = []
        for position in settings.groupBy.indices {
            var cells: [String: Set<Int>] = [:]
            for (index, item) in classes.enumerated() {
                cells[label(item, levels: Array(settings.groupBy[...position]), multipleSchools: multipleSchools), default: []].insert(index)
            }
            let last = position == settings.groupBy.count - 1
            if cells.count > 1 || (keepSingleLast && last) { levels.append(cells) }
        }
        return levels
    }

    /// Checks the cells of one statistic's pattern.
    static func expectSafe(_ cells: [String: Cell], classCount: Int, what: String, seed: UInt64,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let named = cells.filter { !$0.value.classes.isEmpty }
        // Relations: a cell that is exactly the union of other, disjoint cells.
        for (parent, cell) in named {
            let inside = named.filter { $0.key != parent && $0.value.classes.isSubset(of: cell.classes) && $0.value.classes != cell.classes }
            // Group the parts by level of fineness: parts that partition the parent.
            var candidates = inside.sorted { $0.key < $1.key }
            while !candidates.isEmpty {
                var union: Set<Int> = []
                var parts: [String] = []
                for (name, part) in candidates where union.isDisjoint(with: part.classes) {
                    union.formUnion(part.classes)
                    parts.append(name)
                }
                if union == cell.classes {
                    let hidden = ([parent] + parts).filter { named[$0]!.hidden }
                    #expect(hidden.count != 1, "seed \(seed) \(what): \(parent) = Σ \(parts); only \(hidden) hidden", sourceLocation: sourceLocation)
                }
                candidates.removeFirst()
            }
        }
        // The full attack: a hidden cell in the span of the shown ones.
        let shown = named.values.filter { !$0.hidden }.map(\.classes)
        let baseRank = rank(shown, size: classCount)
        for (name, cell) in named where cell.hidden {
            #expect(rank(shown + [cell.classes], size: classCount) > baseRank,
                    "seed \(seed) \(what): \(name) is a combination of shown cells", sourceLocation: sourceLocation)
        }
    }

    /// The rank of 0/1 vectors (sets of classes), by Gaussian elimination in doubles.
    static func rank(_ sets: [Set<Int>], size: Int) -> Int {
        var rows = sets.map { set in (0..<size).map { set.contains($0) ? 1.0 : 0.0 } }
        var rank = 0
        for column in 0..<size {
            guard let pivot = (rank..<rows.count).max(by: { abs(rows[$0][column]) < abs(rows[$1][column]) }),
                  abs(rows[pivot][column]) > 1e-9 else { continue }
            rows.swapAt(rank, pivot)
            for other in rows.indices where other != rank {
                let factor = rows[other][column] / rows[rank][column]
                if factor != 0 { for k in column..<size { rows[other][k] -= factor * rows[rank][k] } }
            }
            rank += 1
        }
        return rank
    }

    static func tableRows(_ document: ReportDocument, caption: String) -> [String: [ReportDocument.Cell]] {
        var rows: [String: [ReportDocument.Cell]] = [:]
        for section in document.sections {
            for case .table(let table) in section.blocks where table.caption == caption {
                for row in table.rows { if case .text(let label) = row[0] { rows[label] = row } }
            }
        }
        return rows
    }

    @Test(arguments: Array(UInt64(1)...UInt64(60)))
    func nothingHiddenCanBeComputedFromARandomReport(seed: UInt64) throws {
        let (classes, settings) = Self.randomMunicipality(seed: seed)
        let summary = Summary(instrument: Self.snapshot, groups: classes.map(\.group).sorted { $0.key < $1.key }, settings: settings)
        try Self.attack(summary, classes: classes, seed: seed)
    }

    /// Each school publishes its own summary, asking for no threshold at all
    /// (minCell 1); the municipality merges them: the merged report keeps the
    /// default threshold and protects the merged hierarchy.
    @Test(arguments: Array(UInt64(101)...UInt64(130)))
    func mergedSchoolSummariesAreProtectedAsAWhole(seed: UInt64) throws {
        let (classes, settings) = Self.randomMunicipality(seed: seed)
        var perSchool = settings
        perSchool.minCell = 1
        let schools = Set(classes.map(\.school)).sorted()
        let summaries = schools.map { school in
            (file: school + ".json", summary: Summary(instrument: Self.snapshot, groups: classes.filter { $0.school == school }.map(\.group),
                                                      settings: perSchool))
        }
        // Through the file format, as merge reads them.
        let loaded = try summaries.map { (file: $0.file, summary: try Summary.load(data: $0.summary.jsonData(), file: $0.file)) }
        var merged = try Summary.merge(loaded)
        #expect(merged.settings.minCell == ReportSettings.defaultMinCell)
        merged.settings.groupBy = settings.groupBy
        try Self.attack(merged, classes: classes, seed: seed)
    }

    /// The reference's example: bands 5–9, 9–11 and 5–11 over grades 5…11, grade 9
    /// small. One subtraction per relation is not enough: 5–9 + 9–11 − 5–11 is
    /// grade 9 whatever else each band hides, so a band must be hidden too.
    @Test func overlappingBandsDoNotGiveAGradeAway() {
        // Cells 0…2: bands 5–9, 9–11, 5–11; cells 3…9: grades 5…11.
        let grades = Array(5...11)
        let bands = [5...9, 9...11, 5...11]
        let n = [60, 30, 90] + [12, 10, 11, 9, 2, 8, 10]
        let relations = bands.enumerated().map { index, band in
            Suppression.Relation(parent: index, children: grades.indices.filter { band.contains(grades[$0]) }.map { $0 + 3 })
        }
        let suppression = Suppression(n: n, relations: relations, minCell: 5)
        #expect(suppression.suppressed[3 + 4], "grade 9 (2 sheets) is hidden")
        #expect(suppression.suppressed[0...2].contains(true), "a band is hidden")
        // Independent check: each cell as the set of grades it sums.
        let sets = bands.map { Set($0) } + grades.map { Set([$0]) }
        let shown = sets.indices.filter { !suppression.suppressed[$0] }.map { sets[$0] }
        for hidden in sets.indices where suppression.suppressed[hidden] {
            #expect(Self.rank(shown + [sets[hidden]], size: 12) > Self.rank(shown, size: 12), "cell \(hidden) can be computed")
        }
        // Without bands, grade 9 alone would only need one more grade: the smallest shown, grade 10 (8 sheets) here.
        let alone = Suppression(n: n, relations: [relations[2]], minCell: 5)
        #expect(alone.suppressed == [false, false, false, false, false, false, false, true, true, false])
    }

    @Test func mergeNeverLowersTheThreshold() throws {
        func summary(_ minCell: Int) -> (file: String, summary: Summary) {
            ("s\(minCell).json", Summary(instrument: Self.snapshot, groups: [], settings: ReportSettings(minCell: minCell)))
        }
        #expect(try Summary.merge([summary(1)]).settings.minCell == 5, "the default when nothing is asked for")
        #expect(try Summary.merge([summary(1)], minCell: 3).settings.minCell == 3, "the caller's, not the file's 1")
        #expect(try Summary.merge([summary(1), summary(8)], minCell: 3).settings.minCell == 8, "a summary may ask for more")
        #expect(try Summary.merge([summary(2), summary(1)], minCell: 7).settings.minCell == 7)
    }

    /// Every check on the document of one summary, whose groups are the given classes.
    static func attack(_ summary: Summary, classes: [Class], seed: UInt64) throws {
        let settings = summary.settings
        let ordered = summary.groups.map { group in classes.first { $0.group.key == group.key }! }
        let document = ReportDocument(summary: summary, language: .english)
        let all = Set(ordered.indices)

        // Results: the columns of the tables «by group» (the total's, when
        // there are none, the tables of «Results: all»).
        let published = DifferencingTests.resultCounts(document)
        let levels = Self.levelCells(ordered, settings: settings, keepSingleLast: false)
        // A group with one group below is shown once, as that group: the same classes under another name.
        func shownName(_ name: String, _ members: Set<Int>, in names: Set<String>) -> String? {
            if names.contains(name) { return name }
            return levels.flatMap { $0 }.first { $0.value == members && names.contains($0.key) }?.key
        }
        var results: [String: Cell] = ["All": Cell(classes: all, hidden: published["All"]! == nil)]
        var resultColumn: [String: String] = ["All": "All"]
        for level in levels {
            for (name, members) in level {
                let column = try #require(shownName(name, members, in: Set(published.keys)), "seed \(seed): no column \(name)")
                results[name] = Cell(classes: members, hidden: published[column]! == nil)
                resultColumn[name] = column
            }
        }
        Self.expectSafe(results, classCount: ordered.count, what: "results", seed: seed)
        // A column is hidden whole or shown whole; hidden results of the total leave «Results: all» without tables.
        for section in document.sections {
            for case .table(let table) in section.blocks where table.columns.count > 1 && table.columns[1] == "All" {
                for column in table.columns.indices.dropFirst() {
                    let hidden = table.rows.map { $0[column] == .hidden }
                    #expect(!hidden.contains(true) || !hidden.contains(false), "seed \(seed): \(table.caption), \(table.columns[column])")
                }
            }
        }
        let totalSection = try #require(document.sections.first { $0.title.hasPrefix("Results: all") })
        if results["All"]!.hidden {
            #expect(!totalSection.blocks.contains { if case .table = $0 { true } else { false } }, "seed \(seed)")
        }

        // Sheets read and scored: the problems table (the total's also under «Results: all»).
        let problems = Self.tableRows(document, caption: "Sheets read and scored")
        let totalCounts = totalSection.blocks.contains { if case .paragraph(let text) = $0 { text.hasPrefix("Scored sheets:") } else { false } }
        #expect(totalCounts == (problems["All"]![1] != .hidden), "seed \(seed): the total's counts hidden in one place and shown in another")
        var counts: [String: Cell] = ["All": Cell(classes: all, hidden: !totalCounts)]
        for (name, cell) in results where name != "All" {
            let row = try #require(problems[resultColumn[name]!], "seed \(seed): no problems row \(name)")
            #expect(row.dropFirst().allSatisfy { $0 == .hidden } || row.dropFirst().allSatisfy { if case .integer = $0 { true } else { false } })
            counts[name] = Cell(classes: cell.classes, hidden: row[1] == .hidden)
        }
        Self.expectSafe(counts, classCount: ordered.count, what: "sheet counts", seed: seed)
        // Shown results show the number scored (n of each scale): the counts of such a group must not be hidden.
        for (name, cell) in results where !cell.hidden {
            #expect(counts[name].map { !$0.hidden } ?? true, "seed \(seed): \(name) shows results but hides its counts")
        }

        // Coverage: ОВЗ counts and students with a study profile, over the total, the bands and the shown levels.
        for (caption, column) in [("Students with disabilities (ОВЗ)", 1), ("Study profile determined", 2)] {
            let rows = Self.tableRows(document, caption: caption)
            var cells: [String: Cell] = ["All": Cell(classes: all, hidden: rows["All"]![column] == .hidden)]
            for band in settings.bands {
                let members = Set(ordered.indices.filter { band.contains(ordered[$0].grade) })
                cells["grades \(band.from)–\(band.to)"] = Cell(classes: members, hidden: rows["grades \(band.from)–\(band.to)"]![column] == .hidden)
            }
            for level in Self.levelCells(ordered, settings: settings, keepSingleLast: true) {
                for (name, members) in level {
                    let row = try #require(rows[name], "seed \(seed): no coverage row \(name)")
                    cells[name] = Cell(classes: members, hidden: row[column] == .hidden)
                }
            }
            Self.expectSafe(cells, classCount: ordered.count, what: caption, seed: seed)
            if column == 2 {
                // Students with a profile are a result too: hidden in one table, hidden in the other.
                for (name, cell) in cells {
                    guard let result = results[name] else { continue }
                    #expect(cell.hidden == result.hidden, "seed \(seed): \(name) profile hidden \(cell.hidden), results hidden \(result.hidden)")
                }
            }
            if column == 1 {
                // Primary: every ОВЗ count below the threshold is hidden, zero included.
                for (name, cell) in cells where !cell.classes.isEmpty {
                    let count = cell.classes.reduce(0) { $0 + ordered[$1].group.coverage!.enrolledOVZ! }
                    if count < settings.minCell { #expect(cell.hidden, "seed \(seed): ОВЗ \(name) = \(count) shown") }
                }
            }
        }
    }
}
