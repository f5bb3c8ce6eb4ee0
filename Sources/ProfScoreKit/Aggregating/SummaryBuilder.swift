/// Builds a ``Summary`` from scored sheets, one row at a time.
///
/// Without a roster nothing is kept per student: memory depends on the number
/// of groups, not of sheets. With a roster, the ids of diagnosed roster
/// students are kept to count each student once.
public final class SummaryBuilder {
    /// Where the school, grade, class and ОВЗ flag are in one sheet's respondent columns.
    public struct SheetColumns: Sendable {
        var school: Int?
        var grade: Int?
        var className: Int?
        var ovz: Int?
        /// With norms: where the sheet has the values that choose a norm group.
        var norm: NormColumns?
        /// The respondent columns a report reads, by position: what to give
        /// ``SheetReader/neededInfoColumns`` before the first row when nothing
        /// else needs the other columns.
        public internal(set) var needed: [Bool] = []

        /// No column found (before a sheet's header is read).
        public init() {}
    }

    private let instrument: Instrument
    private let snapshot: InstrumentSnapshot
    private let roster: Roster?
    /// Whether a roster was given, and whether it lists students (read once, not per row).
    private let hasRoster: Bool
    private let perStudentRoster: Bool
    /// A per-student roster's students, by id.
    private let rosterStudents: [String: Roster.Student]
    private let schoolYear: String
    private let settings: ReportSettings
    private var leafIndex: [GroupKey: Int] = [:]
    private var leafKeys: [GroupKey] = []
    private var tallies: [GroupTally] = []
    /// The grouping columns of the sheet rows came from last.
    private var sheetColumns: (header: SheetHeader, columns: SheetColumns)?
    /// The grouping cells of the last row and the key they gave.
    private var lastCells: (school: String?, grade: String?, className: String?)
    private var lastKey: (key: GroupKey, leaf: Int)?
    /// Per-student roster: ids with a scored sheet, with a profile, and whose results are counted.
    private var diagnosedIDs: Set<String> = []
    private var profiledIDs: Set<String> = []
    /// Per-class roster: distinct ids with a scored sheet per class (and ОВЗ, with a profile).
    private var diagnosedByClass: [GroupKey: Set<String>] = [:]
    private var diagnosedOVZByClass: [GroupKey: Set<String>] = [:]
    private var profiledByClass: [GroupKey: Set<String>] = [:]
    private var ovzKnownInEverySheet = true
    private var notInRoster: [String] = []
    private var notInRosterSeen: Set<String> = []
    private var unmatchedClasses: Set<String> = []
    /// Normalised (school, class) and class alone → the roster's key.
    private var rosterClassIndex: [String: GroupKey] = [:]
    /// With norms: per leaf, per scale, scored sheets per sten 1…10.
    private var stenCounts: [Int: [[Int]]] = [:]

    /// Starts a summary.
    /// - Parameters:
    ///   - instrument: the instrument the sheets were scored with.
    ///   - roster: the students or classes enrolled, for the share diagnosed.
    ///   - schoolYear: the school year of the sheets, such as `2025/26`.
    ///   - settings: grouping, bands, targets and the small-cell threshold.
    public init(instrument: Instrument, roster: Roster?, schoolYear: String, settings: ReportSettings) {
        self.instrument = instrument
        self.snapshot = InstrumentSnapshot(instrument)
        self.roster = roster
        hasRoster = roster != nil
        perStudentRoster = roster?.isPerStudent ?? false
        rosterStudents = roster?.students ?? [:]
        self.schoolYear = schoolYear
        self.settings = settings
        if let roster {
            let keys = roster.isPerStudent ? Set(roster.students.values.map(\.key)) : Set(roster.classes.keys)
            var ambiguous: Set<String> = []
            for key in keys {
                rosterClassIndex[Self.classIndexKey(school: key.school, className: key.className)] = key
                let bare = Self.classIndexKey(school: nil, className: key.className)
                if let other = rosterClassIndex[bare], other != key { ambiguous.insert(bare) }
                rosterClassIndex[bare] = key
            }
            // A class name found in two schools cannot tell the school.
            for bare in ambiguous { rosterClassIndex[bare] = nil }
        }
    }

    static func classIndexKey(school: String?, className: String?) -> String {
        func clean(_ text: String?) -> String {
            String(decoding: TokenNormalizer.normalize(text ?? "").filter { $0 != 0x20 && $0 != 0x2D }, as: UTF8.self)
        }
        return clean(school) + "\u{1F}" + clean(className)
    }

    /// Finds the grouping and ОВЗ columns of a sheet, and which respondent
    /// columns a report reads (``SheetColumns/needed``, for the `prepare`
    /// of a ``ScoringRun``: whoever reads the rows decides which columns they carry).
    /// - Parameters:
    ///   - warnAboutMissingLevels: warn about the grouping levels of the
    ///     settings that neither the sheet nor the roster has (when the user
    ///     asked for them rather than taking the default).
    public func columns(of header: SheetHeader, warnAboutMissingLevels: Bool = true, report: (Diagnostic) -> Void) -> SheetColumns {
        let names = header.columns
        var columns = SheetColumns()
        columns.school = ColumnNames.find(ColumnNames.school, in: names)
        columns.grade = ColumnNames.find(ColumnNames.grade, in: names)
        columns.className = ColumnNames.find(ColumnNames.className, in: names)
        columns.ovz = ColumnNames.find(ColumnNames.ovz, in: names)
        if columns.ovz == nil { ovzKnownInEverySheet = false }
        var needed = [Bool](repeating: false, count: names.count)
        for index in [columns.school, columns.grade, columns.className, columns.ovz].compactMap({ $0 }) { needed[index] = true }
        if roster != nil && !needed.isEmpty { needed[0] = true }  // the id, to match the roster
        let fromRoster = roster?.isPerStudent == true
        if let norms = instrument.norms {
            columns.norm = normColumns(names: names, norms: norms, fromRoster: fromRoster, file: header.file, report: report)
            for index in columns.norm!.positions { needed[index] = true }
        }
        columns.needed = needed
        for level in settings.groupBy where !fromRoster && warnAboutMissingLevels {
            let (found, aliases): (Bool, [String]) = switch level {
            case .school: (columns.school != nil, ColumnNames.school)
            case .grade: (columns.grade != nil || columns.className != nil, ColumnNames.grade + ColumnNames.className)
            case .className: (columns.className != nil, ColumnNames.className)
            }
            if !found {
                report(Diagnostic(.warning, file: header.file, line: 1, column: nil, Message(
                    en: "no column for the grouping '\(level.rawValue)' (looked for: \(aliases.joined(separator: ", "))); its sheets are reported under «not given» — add the column or a roster, or leave '\(level.rawValue)' out of --group-by",
                    ru: "нет столбца для группировки «\(level.rawValue)» (искали: \(aliases.joined(separator: ", "))); бланки попадут в «не указано» — добавьте столбец или список учащихся либо уберите «\(level.rawValue)» из --group-by")))
            }
        }
        return columns
    }

    private static func cell(_ row: SheetRow, _ index: Int?) -> String? {
        guard let index, index < row.info.count else { return nil }
        let value = row.info[index].trimmingSpaces
        return value.isEmpty ? nil : value
    }

    /// Adds one scored sheet.
    public func add(row: SheetRow, score: RespondentScore, columns: SheetColumns, file: String, report: (Diagnostic) -> Void) {
        let id = row.id
        let scored = GroupResults.isScored(score)
        var key: GroupKey
        var leafIndex: Int?
        if perStudentRoster, let student = rosterStudents[id] {
            key = student.key
            if scored {
                if diagnosedIDs.contains(id) {
                    report(Diagnostic(.warning, file: file, line: row.line, column: 1, Message(
                        en: "student '\(id)' already has a scored sheet; this one is read but not counted again",
                        ru: "у ученика «\(id)» уже есть подсчитанный бланк; этот прочитан, но повторно не учитывается")))
                    tallies[leaf(for: key)].addUnused()
                    return
                }
                diagnosedIDs.insert(id)
                if !score.categories.isEmpty { profiledIDs.insert(id) }
            }
        } else {
            let ovz = columns.ovz.map { _ in ColumnNames.isYes(Self.cell(row, columns.ovz) ?? "") ?? false }
            // Rows of a class come together: the key of the last row's cells is reused.
            let school = row.info.value(at: columns.school), grade = row.info.value(at: columns.grade)
            let className = row.info.value(at: columns.className)
            if let last = lastKey, lastCells.className == className, lastCells.grade == grade, lastCells.school == school {
                key = last.key
                leafIndex = last.leaf
            } else {
                key = groupKey(row, columns: columns)
                leafIndex = leaf(for: key)
                lastCells = (school, grade, className)
                lastKey = (key, leafIndex!)
            }
            if hasRoster {
                if perStudentRoster {
                    if scored && !id.isEmpty && notInRosterSeen.insert(id).inserted { notInRoster.append(id) }
                    if scored { tallies[leafIndex!].notInRoster += 1 }
                } else if rosterClassIndex[Self.classIndexKey(school: key.school, className: key.className)] == key {
                    if scored && !id.isEmpty {
                        diagnosedByClass[key, default: []].insert(id)
                        if ovz == true { diagnosedOVZByClass[key, default: []].insert(id) }
                        if !score.categories.isEmpty { profiledByClass[key, default: []].insert(id) }
                    }
                } else {
                    unmatchedClasses.insert([key.school, key.className].compactMap { $0 }.joined(separator: " "))
                }
            }
        }
        let leafPosition = leafIndex ?? leaf(for: key)
        tallies[leafPosition].add(score)
        if scored, let norms = instrument.norms { countStens(score, norms: norms, grade: key.grade, row: row, columns: columns, leaf: leafPosition) }
    }

    /// The group of a row from its cells: school, grade (or the class name's
    /// number) and class; with a roster, the roster's spelling of the class.
    private func groupKey(_ row: SheetRow, columns: SheetColumns) -> GroupKey {
        let className = Self.cell(row, columns.className)
        let grade = Self.cell(row, columns.grade).flatMap(GroupKey.grade(fromCell:)) ?? className.flatMap(GroupKey.grade(fromClassName:))
        let key = GroupKey(school: Self.cell(row, columns.school), grade: grade, className: className)
        // Sheets belong with their roster class (for a per-student roster: sheets missing from it).
        if hasRoster,
           let rosterKey = rosterClassIndex[Self.classIndexKey(school: key.school, className: key.className)]
            ?? rosterClassIndex[Self.classIndexKey(school: nil, className: key.className)] {
            return rosterKey
        }
        return key
    }

    private func leaf(for key: GroupKey) -> Int {
        if let index = leafIndex[key] { return index }
        leafIndex[key] = tallies.count
        leafKeys.append(key)
        tallies.append(GroupTally(instrument: instrument))
        return tallies.count - 1
    }

    /// A builder like this one (same instrument, year and settings, no
    /// roster), for one part of a file scored on its own thread.
    public func makePart() -> SummaryBuilder {
        SummaryBuilder(instrument: instrument, roster: nil, schoolYear: schoolYear, settings: settings)
    }

    /// Adds what a part's builder counted (parts have no roster).
    public func merge(_ part: SummaryBuilder) {
        for (index, key) in part.leafKeys.enumerated() {
            tallies[leaf(for: key)].merge(part.tallies[index])
        }
        if !part.ovzKnownInEverySheet { ovzKnownInEverySheet = false }
        for (index, counts) in part.stenCounts { addStens(counts, leaf: leaf(for: part.leafKeys[index])) }
    }

    /// Adds one scored sheet, finding the sheet's grouping columns on its first row.
    public func add(_ scored: ScoredRow, report: (Diagnostic) -> Void) {
        if sheetColumns?.header !== scored.header {
            sheetColumns = (scored.header, columns(of: scored.header, warnAboutMissingLevels: false, report: report))
        }
        add(row: scored.row, score: scored.score, columns: sheetColumns!.columns, file: scored.file, report: report)
    }

    /// Finishes the summary. Roster students without a scored sheet and
    /// scored students missing from the roster are reported as notes (for the
    /// school's own use; they never enter the summary).
    public func finish(report: (Diagnostic) -> Void) -> Summary {
        var coverage: [GroupKey: Coverage] = [:]
        if let roster {
            if roster.isPerStudent {
                var withoutSheet: [String] = []
                let ovzKnown = roster.students.values.contains { $0.ovz != nil }
                for id in roster.studentOrder {
                    let student = roster.students[id]!
                    var entry = coverage[student.key] ?? Self.emptyCoverage(ovzKnown: ovzKnown)
                    entry.enrolled += 1
                    let diagnosed = diagnosedIDs.contains(id)
                    if diagnosed { entry.diagnosed += 1 } else { withoutSheet.append(id) }
                    if profiledIDs.contains(id) { entry.withProfile += 1 }
                    if student.ovz == true {
                        entry.enrolledOVZ = entry.enrolledOVZ.map { $0 + 1 }
                        if diagnosed { entry.diagnosedOVZ = entry.diagnosedOVZ.map { $0 + 1 } }
                    }
                    coverage[student.key] = entry
                }
                if !withoutSheet.isEmpty {
                    report(Diagnostic(.note, file: roster.file, Message(
                        en: "\(withoutSheet.count) student(s) of the roster have no scored sheet (for the school's own use): \(withoutSheet.joined(separator: ", "))",
                        ru: "у \(withoutSheet.count) учащихся из списка нет подсчитанного бланка (для внутреннего использования школой): \(withoutSheet.joined(separator: ", "))")))
                }
                if !notInRoster.isEmpty {
                    report(Diagnostic(.note, file: roster.file, Message(
                        en: "\(notInRoster.count) scored student(s) are not in the roster and are not counted in the shares (for the school's own use): \(notInRoster.joined(separator: ", "))",
                        ru: "\(notInRoster.count) подсчитанных учащихся нет в списке, в доли они не входят (для внутреннего использования школой): \(notInRoster.joined(separator: ", "))")))
                }
            } else {
                for (key, counts) in roster.classes {
                    var entry = Coverage()
                    entry.enrolled = counts.enrolled
                    entry.enrolledOVZ = counts.enrolledOVZ
                    entry.diagnosed = diagnosedByClass[key]?.count ?? 0
                    entry.withProfile = profiledByClass[key]?.count ?? 0
                    entry.diagnosedOVZ = ovzKnownInEverySheet && counts.enrolledOVZ != nil ? diagnosedOVZByClass[key]?.count ?? 0 : nil
                    if entry.diagnosed > entry.enrolled {
                        report(Diagnostic(.warning, file: roster.file, Message(
                            en: "class \(key.className ?? "?") has \(entry.diagnosed) diagnosed students but \(entry.enrolled) enrolled; check the roster",
                            ru: "в классе \(key.className ?? "?") продиагностировано \(entry.diagnosed), а по списку \(entry.enrolled); проверьте список")))
                    }
                    coverage[key] = entry
                }
                if !unmatchedClasses.isEmpty {
                    report(Diagnostic(.warning, file: roster.file, Message(
                        en: "sheets of class(es) \(unmatchedClasses.sorted().joined(separator: ", ")) match no class of the roster and are not counted in the shares",
                        ru: "бланки классов \(unmatchedClasses.sorted().joined(separator: ", ")) не совпали ни с одним классом списка и в доли не входят")))
                }
            }
        }
        let keys = Set(leafKeys).union(coverage.keys).sorted()
        let groups = keys.map { key in
            Summary.Group(schoolYear: schoolYear, key: key,
                          results: leafIndex[key].map { results(leaf: $0) } ?? snapshot.emptyResults(),
                          coverage: coverage[key])
        }
        return Summary(instrument: snapshot, groups: groups, settings: settings)
    }

    private static func emptyCoverage(ovzKnown: Bool) -> Coverage {
        var coverage = Coverage()
        if !ovzKnown {
            coverage.enrolledOVZ = nil
            coverage.diagnosedOVZ = nil
        }
        return coverage
    }
}

import Foundation

extension SummaryBuilder {
    /// The grade and sex columns of a sheet, for norm groups; a warning when
    /// the sheet (and a per-student roster, for the grade) lacks one.
    fileprivate func normColumns(names: [String], norms: Norms, fromRoster: Bool, file: String, report: (Diagnostic) -> Void) -> NormColumns {
        let columns = NormColumns(infoColumnNames: names, sexCodes: norms.sexCodes)
        let missing = columns.missing(norms.groupBy).filter { !(fromRoster && $0 == .grade) }
        if !missing.isEmpty {
            let what = missing.map(\.rawValue).joined(separator: ", ")
            let looked = missing.flatMap(NormColumns.names(of:)).joined(separator: ", ")
            report(Diagnostic(.warning, file: file, Message(
                en: "the norms are by \(norms.groupBy.map(\.rawValue).joined(separator: ", ")), but the sheet has no column for \(what) (looked for: \(looked)): its sheets are not counted in the stens",
                ru: "нормы построены по \(NormMatchTally.russian(norms.groupBy, genitive: false)), а в бланке нет столбца для \(NormMatchTally.russian(missing, genitive: true)) (искали: \(looked)): его бланки не входят в распределение стенов")))
        }
        return columns
    }

    /// Counts a scored sheet's stens from its norm group (the grade as the
    /// group key has it: from the roster, the grade column or the class name).
    fileprivate func countStens(_ score: RespondentScore, norms: Norms, grade: Int?, row: SheetRow, columns: SheetColumns, leaf: Int) {
        guard let normColumns = columns.norm else { return }
        var values = normColumns.values(of: row.info)
        values.grade = grade ?? values.grade
        guard let group = norms.match(values: values).groupIndex else { return }
        var counts = stenCounts[leaf] ?? instrument.scales.map { _ in [Int](repeating: 0, count: 10) }
        for (scale, raw) in score.scores.enumerated() {
            guard let raw, let sten = norms.groups[group].row(scale: scale, raw: raw)?.sten else { continue }
            counts[scale][sten - 1] += 1
        }
        stenCounts[leaf] = counts
    }

    fileprivate func addStens(_ counts: [[Int]], leaf: Int) {
        var mine = stenCounts[leaf] ?? counts.map { _ in [Int](repeating: 0, count: 10) }
        for scale in mine.indices { for sten in 0..<10 { mine[scale][sten] += counts[scale][sten] } }
        stenCounts[leaf] = mine
    }

    /// A leaf's results, with its sten counts when the instrument has norms.
    fileprivate func results(leaf: Int) -> GroupResults {
        var results = tallies[leaf].results(instrument: instrument)
        if instrument.norms != nil {
            results.stens = stenCounts[leaf] ?? instrument.scales.map { _ in [Int](repeating: 0, count: 10) }
        }
        return results
    }
}
