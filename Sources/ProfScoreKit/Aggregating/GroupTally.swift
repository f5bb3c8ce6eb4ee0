/// The running counts of one group while sheets stream in: arrays indexed
/// by scale, level, category and flag, so that adding a sheet allocates
/// nothing. Turned into ``GroupResults`` (keyed by ids) at the end.
struct GroupTally {
    /// How a scale's scores are counted: whole numbers in a dense array, others by value.
    struct Histogram {
        var offset: Int
        var dense: [Int]
        var sparse: [Double: Int] = [:]
        let isDense: Bool

        init(scale: Scale, instrument: Instrument) {
            let range = scale.possibleRange(items: instrument.items, formats: instrument.answerFormats)
            isDense = scale.isIntegerValued(items: instrument.items, formats: instrument.answerFormats)
                && range.upperBound - range.lowerBound <= 10_000
            offset = isDense ? Int(range.lowerBound) : 0
            dense = isDense ? Array(repeating: 0, count: Int(range.upperBound - range.lowerBound) + 1) : []
        }

        @inline(__always)
        mutating func add(_ score: Double) {
            if isDense {
                let index = Int(score) - offset
                if index >= 0 && index < dense.count { dense[index] += 1; return }
            }
            sparse[score, default: 0] += 1
        }

        mutating func merge(_ other: Histogram) {
            for index in other.dense.indices where index < dense.count { dense[index] += other.dense[index] }
            for (score, n) in other.sparse { sparse[score, default: 0] += n }
        }

        func statistics() -> ScaleStatistics {
            var stats = ScaleStatistics()
            for (index, n) in dense.enumerated() where n > 0 { stats.add(Double(index + offset), times: n) }
            for (score, n) in sparse { stats.add(score, times: n) }
            return stats
        }
    }

    var sheets = 0
    var scored = 0
    var withProfile = 0
    /// With a roster of students: a student's second scored sheets (read,
    /// not counted), and scored sheets of ids not in the roster.
    var secondSheets = 0
    var notInRoster = 0
    /// Per flag bit.
    var flags = [Int](repeating: 0, count: 16)
    /// Leading scales (indices) and their scored sheets, in order of first
    /// appearance; `[-1]` is «none». Each combination also has a 64-bit
    /// signature (the scales as bits; «none» the top bit) searched first:
    /// few combinations occur, so a short list of integers is quick.
    var leadingKeys: [[Int]] = []
    var leadingCounts: [Int] = []
    private var leadingSignatures: [UInt64] = []
    var categories: [Int]
    var histograms: [Histogram]
    var levels: [[Int]]

    init(instrument: Instrument) {
        categories = Array(repeating: 0, count: instrument.profiles?.categories.count ?? 0)
        histograms = instrument.scales.map { Histogram(scale: $0, instrument: instrument) }
        levels = instrument.scales.map { Array(repeating: 0, count: $0.levels.count) }
    }

    static let none = [-1]

    /// Adds one sheet.
    /// - Complexity: O(scales); no allocation once every leading combination has been seen.
    @inline(__always)
    mutating func add(_ score: RespondentScore) {
        sheets += 1
        // A repeated id depends on which sheets were read together, not on the
        // sheet, so it is not counted: merged summaries must equal the whole.
        let bits = score.flags.subtracting(.duplicateID).rawValue
        if bits != 0 {
            for bit in 0..<16 where bits & (1 << bit) != 0 { flags[bit] += 1 }
        }
        guard GroupResults.isScored(score) else { return }
        scored += 1
        switch score.leadingState {
        case .types: countLeading(score.leadingTypes)
        case .noPronouncedInterest: countLeading(Self.none)
        case .undetermined, .notApplicable: break
        }
        for category in score.categories { categories[category] += 1 }
        if !score.categories.isEmpty { withProfile += 1 }
        for index in histograms.indices {
            guard let value = score.scores[index] else { continue }
            histograms[index].add(value)
            if let level = score.levels[index] { levels[index][level] += 1 }
        }
    }

    @inline(__always)
    private mutating func countLeading(_ key: [Int]) {
        // A signature is exact for scales 0…62; with more scales, compare the lists.
        var signature: UInt64 = 0
        for scale in key {
            guard scale < 63 else { signature = .max; break }
            signature |= scale < 0 ? 1 << 63 : 1 << UInt64(scale)
        }
        if signature != .max, let index = leadingSignatures.firstIndex(of: signature) {
            leadingCounts[index] += 1
            return
        }
        if signature == .max, let index = leadingKeys.firstIndex(of: key) {
            leadingCounts[index] += 1
            return
        }
        leadingKeys.append(key)
        leadingSignatures.append(signature)
        leadingCounts.append(1)
    }

    /// Counts a sheet read but not used (a student's second scored sheet).
    mutating func addUnused() {
        sheets += 1
        secondSheets += 1
    }

    mutating func merge(_ other: GroupTally) {
        sheets += other.sheets
        scored += other.scored
        withProfile += other.withProfile
        secondSheets += other.secondSheets
        notInRoster += other.notInRoster
        for index in flags.indices { flags[index] += other.flags[index] }
        for (position, key) in other.leadingKeys.enumerated() {
            if let index = leadingKeys.firstIndex(of: key) {
                leadingCounts[index] += other.leadingCounts[position]
            } else {
                leadingKeys.append(key)
                leadingSignatures.append(other.leadingSignatures[position])
                leadingCounts.append(other.leadingCounts[position])
            }
        }
        for index in categories.indices { categories[index] += other.categories[index] }
        for index in histograms.indices { histograms[index].merge(other.histograms[index]) }
        for index in levels.indices {
            for level in levels[index].indices { levels[index][level] += other.levels[index][level] }
        }
    }

    /// The tally as results keyed by ids.
    func results(instrument: Instrument) -> GroupResults {
        var results = GroupResults(instrument: instrument)
        results.sheets = sheets
        results.scored = scored
        results.withProfile = withProfile
        for (flag, name, _) in QualityFlags.named {
            let bit = flag.rawValue.trailingZeroBitCount
            if flags[bit] > 0 { results.flags[name] = flags[bit] }
        }
        if secondSheets > 0 { results.flags[GroupResults.secondSheet] = secondSheets }
        if notInRoster > 0 { results.flags[GroupResults.notInRoster] = notInRoster }
        for (key, n) in zip(leadingKeys, leadingCounts) {
            let name = key == Self.none ? "none" : key.map { instrument.scales[$0].id }.joined(separator: "+")
            results.leading[name] = n
        }
        if let profiles = instrument.profiles {
            for (index, n) in categories.enumerated() where n > 0 { results.categories[profiles.categories[index].id] = n }
        }
        results.scales = histograms.map { $0.statistics() }
        results.levels = levels
        return results
    }
}
