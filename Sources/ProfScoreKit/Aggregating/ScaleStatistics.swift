/// The distribution of one scale's scores over a group, kept as a full
/// histogram so that merging is exact and the median stays exact.
///
/// Scores take few distinct values (whole numbers for sums, fractions with a
/// small denominator for means), so the histogram is small. Sums and sums of
/// squares are derived from it in a fixed order, which makes them the same
/// however the sheets were split before merging.
public struct ScaleStatistics: Sendable, Hashable {
    /// Score → number of respondents with it.
    public private(set) var histogram: [Double: Int] = [:]
    /// Number of scores.
    public private(set) var count = 0

    public init() {}

    /// Adds one score.
    public mutating func add(_ score: Double) {
        histogram[score, default: 0] += 1
        count += 1
    }

    /// Adds `n` occurrences of a score (used when decoding and merging).
    mutating func add(_ score: Double, times n: Int) {
        guard n > 0 else { return }
        histogram[score, default: 0] += n
        count += n
    }

    /// Adds another group's scores.
    public mutating func merge(_ other: ScaleStatistics) {
        for (score, n) in other.histogram { add(score, times: n) }
    }

    /// The histogram sorted by score.
    public var sortedHistogram: [(score: Double, count: Int)] {
        histogram.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Σ score, summed in ascending order of score.
    public var sum: Double { sortedHistogram.reduce(0) { $0 + $1.score * Double($1.count) } }
    /// Σ score², summed in ascending order of score.
    public var sumOfSquares: Double { sortedHistogram.reduce(0) { $0 + $1.score * $1.score * Double($1.count) } }
    /// Lowest score.
    public var minimum: Double? { histogram.keys.min() }
    /// Highest score.
    public var maximum: Double? { histogram.keys.max() }

    /// Arithmetic mean.
    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// Sample standard deviation (denominator n − 1), from the deviations
    /// around the mean (not from Σx² − n·mean², which loses precision).
    public var standardDeviation: Double? {
        guard count > 1, let mean else { return nil }
        let squares = sortedHistogram.reduce(0.0) { $0 + ($1.score - mean) * ($1.score - mean) * Double($1.count) }
        return (squares / Double(count - 1)).squareRoot()
    }

    /// Median: the middle score, or the mean of the two middle scores.
    public var median: Double? {
        guard count > 0 else { return nil }
        let lowerRank = (count - 1) / 2, upperRank = count / 2
        var seen = 0
        var lower: Double?
        for (score, n) in sortedHistogram {
            if lower == nil && seen + n > lowerRank { lower = score }
            if seen + n > upperRank { return (lower! + score) / 2 }
            seen += n
        }
        return lower
    }
}
