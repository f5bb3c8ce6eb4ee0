/// The results and coverage of a set of answer sheets, without any personal
/// data: what a group report is rendered from, and what `profscore merge`
/// combines.
///
/// Groups are kept at the finest level available (school, grade, class and
/// school year) with full histograms, so merging summaries gives exactly the
/// summary of all their sheets together.
public struct Summary: Sendable {
    /// The current version of the summary format (`docs/report-format.md`).
    public static let formatVersion = 1

    /// One group at the finest level.
    public struct Group: Sendable {
        /// The school year, such as `2025/26`.
        public var schoolYear: String
        /// School, grade and class.
        public var key: GroupKey
        /// Results of all scored sheets of the group. (Results are not broken
        /// down by ОВЗ: that would be health data of a few identifiable
        /// children; ОВЗ students appear in the coverage counts only.)
        public var results: GroupResults
        /// Enrolled and diagnosed students, when a roster was given.
        public var coverage: Coverage?
    }

    /// What the report needs of the instrument.
    public var instrument: InstrumentSnapshot
    /// The groups, sorted by school year and key.
    public var groups: [Group]
    /// How the report was asked for (used again by `merge` unless overridden).
    public var settings: ReportSettings

    /// The school years present, sorted.
    public var schoolYears: [String] { Array(Set(groups.map(\.schoolYear))).sorted() }
}

/// How a group report is grouped, banded and judged.
public struct ReportSettings: Sendable, Hashable {
    /// Levels shown below the total.
    public var groupBy: [GroupLevel]
    /// Grade bands for coverage.
    public var bands: [GradeBand]
    /// Targets for the shares.
    public var targets: Targets
    /// Result breakdowns for groups with fewer scored sheets are suppressed.
    public var minCell: Int

    /// The small-cell threshold unless one is asked for.
    public static let defaultMinCell = 5

    public init(groupBy: [GroupLevel] = [.school, .grade, .className], bands: [GradeBand] = [GradeBand(from: 5, to: 11)],
                targets: Targets = Targets(), minCell: Int = defaultMinCell) {
        self.groupBy = groupBy
        self.bands = bands
        self.targets = targets
        self.minCell = minCell
    }
}

/// What a report needs of an instrument, carried in summaries so that they
/// can be merged and rendered without the instrument file.
public struct InstrumentSnapshot: Sendable, Hashable {
    public struct ScaleInfo: Sendable, Hashable {
        public var id: String
        public var title: LocalizedText
        public var levels: [LocalizedText]
    }

    public var id: String
    public var version: String
    public var title: LocalizedText
    public var scales: [ScaleInfo]
    public var categories: [ProfileMapping.Category]
    public var hasLeadingType: Bool

    public init(_ instrument: Instrument) {
        id = instrument.id
        version = instrument.version
        title = instrument.title
        scales = instrument.scales.map { ScaleInfo(id: $0.id, title: $0.title, levels: $0.levels.map(\.label)) }
        categories = instrument.profiles?.categories ?? []
        hasLeadingType = instrument.leadingType != nil
    }

    init(id: String, version: String, title: LocalizedText, scales: [ScaleInfo], categories: [ProfileMapping.Category], hasLeadingType: Bool) {
        self.id = id
        self.version = version
        self.title = title
        self.scales = scales
        self.categories = categories
        self.hasLeadingType = hasLeadingType
    }

    /// Empty results shaped for this instrument.
    func emptyResults() -> GroupResults {
        GroupResults(scaleCount: scales.count, levelCounts: scales.map(\.levels.count))
    }
}
