/// The results of a group of answer sheets: what a group report shows,
/// mergeable by addition.
///
/// Results come from *scored* sheets only: sheets that are not blank and have
/// every scale scored. Other sheets are counted by their quality flags.
public struct GroupResults: Sendable, Hashable {
    /// Sheets read.
    public internal(set) var sheets = 0
    /// Sheets with every scale scored.
    public internal(set) var scored = 0
    /// Quality flag name → sheets with it; with a roster of students also
    /// ``secondSheet`` and ``notInRoster``.
    public internal(set) var flags: [String: Int] = [:]

    /// In ``flags``: a student's second (third…) scored sheet, read but not counted again.
    public static let secondSheet = "second-sheet"
    /// In ``flags``: a scored sheet whose id is not in the roster (in no share).
    public static let notInRoster = "not-in-roster"
    /// Leading type (scale ids joined by `+` for a tie, or `none`) → scored sheets.
    public internal(set) var leading: [String: Int] = [:]
    /// Study-profile category id → scored sheets pointing to it (a tie counts in each).
    public internal(set) var categories: [String: Int] = [:]
    /// Scored sheets with at least one study-profile category.
    public internal(set) var withProfile = 0
    /// Per scale (instrument order): score distribution.
    public internal(set) var scales: [ScaleStatistics]
    /// Per scale (instrument order): scored sheets per level.
    public internal(set) var levels: [[Int]]
    /// With an instrument that has norms, per scale (instrument order):
    /// scored sheets per sten 1…10 (index 0 is sten 1), each sten from the
    /// student's norm group; sheets without a norm group are not counted.
    /// `nil` without norms.
    public internal(set) var stens: [[Int]]? = nil

    /// Empty results for an instrument.
    public init(instrument: Instrument) {
        self.init(scaleCount: instrument.scales.count, levelCounts: instrument.scales.map(\.levels.count))
    }

    init(scaleCount: Int, levelCounts: [Int]) {
        scales = Array(repeating: ScaleStatistics(), count: scaleCount)
        levels = levelCounts.map { Array(repeating: 0, count: $0) }
    }

    /// Whether a respondent's sheet counts as scored (diagnosed).
    static func isScored(_ score: RespondentScore) -> Bool {
        !score.flags.contains(.blank) && !score.scores.contains(nil)
    }

    /// Counts a sheet that was read but is not used (a student's second scored sheet).
    mutating func addUnused() {
        sheets += 1
    }

    /// Adds one respondent's result.
    mutating func add(_ score: RespondentScore, instrument: Instrument) {
        sheets += 1
        // A repeated id depends on which sheets were read together, not on the
        // sheet, so it is not counted: merged summaries must equal the whole.
        for name in score.flags.subtracting(.duplicateID).names { flags[name, default: 0] += 1 }
        guard Self.isScored(score) else { return }
        scored += 1
        switch score.leading {
        case .types(let types): leading[types.map { instrument.scales[$0].id }.joined(separator: "+"), default: 0] += 1
        case .noPronouncedInterest: leading["none", default: 0] += 1
        case .undetermined, .notApplicable: break
        }
        if let profiles = instrument.profiles {
            for category in score.categories { categories[profiles.categories[category].id, default: 0] += 1 }
        }
        if !score.categories.isEmpty { withProfile += 1 }
        for index in scales.indices {
            guard let value = score.scores[index] else { continue }
            scales[index].add(value)
            if let level = score.levels[index] { levels[index][level] += 1 }
        }
    }

    /// Adds another group's results.
    public mutating func merge(_ other: GroupResults) {
        sheets += other.sheets
        scored += other.scored
        withProfile += other.withProfile
        for (key, n) in other.flags { flags[key, default: 0] += n }
        for (key, n) in other.leading { leading[key, default: 0] += n }
        for (key, n) in other.categories { categories[key, default: 0] += n }
        for index in scales.indices where index < other.scales.count {
            scales[index].merge(other.scales[index])
            for level in levels[index].indices where level < other.levels[index].count {
                levels[index][level] += other.levels[index][level]
            }
        }
        if let others = other.stens {
            var merged = stens ?? scales.map { _ in [Int](repeating: 0, count: 10) }
            for index in merged.indices where index < others.count {
                for sten in 0..<min(10, others[index].count) { merged[index][sten] += others[index][sten] }
            }
            stens = merged
        }
    }
}
