extension Norms {
    /// A normalised norm table from one group's raw scores.
    ///
    /// For every possible score x of the scale, with n the number of scores
    /// in `sample`:
    /// - percentile rank PR = (number of scores below x + ½ × number equal to x) ÷ n × 100,
    ///   written with one decimal;
    /// - z = Φ⁻¹(p), where p is PR ÷ 100 (unrounded) kept within
    ///   [½ ÷ n, 1 − ½ ÷ n] — the ranks of a single respondent at either end —
    ///   so that a score below or above everybody's gets a finite z;
    /// - sten = round(2z + 5.5), kept within 1…10; T = round(10z + 50), kept
    ///   within 0…100 (rounding half up).
    ///
    /// - Parameters:
    ///   - sample: the group's raw scores of the scale.
    ///   - possibleScores: every score the scale can take, ascending (a
    ///     sample score not among them is ignored).
    /// - Returns: one row per possible score; `nil` for an empty sample.
    /// - Complexity: O(sample × log possibleScores + possibleScores × log).
    public static func normalizedTable(sample: [Double], possibleScores: [Double]) -> Table? {
        var counts = [Int](repeating: 0, count: possibleScores.count)
        for score in sample {
            guard let index = position(of: score, in: possibleScores) else { continue }
            counts[index] += 1
        }
        return normalizedTable(counts: counts, possibleScores: possibleScores)
    }

    /// A normalised norm table from the number of respondents at each possible score.
    static func normalizedTable(counts: [Int], possibleScores: [Double]) -> Table? {
        let n = counts.reduce(0, +)
        guard n > 0 else { return nil }
        var below = 0
        var rows: [Row] = []
        rows.reserveCapacity(possibleScores.count)
        for (score, equal) in zip(possibleScores, counts) {
            rows.append(normalizedRow(raw: score, below: below, equal: equal, n: n))
            below += equal
        }
        return Table(rows: rows)
    }

    /// The row of one raw score: see ``normalizedTable(sample:possibleScores:)``.
    static func normalizedRow(raw: Double, below: Int, equal: Int, n: Int) -> Row {
        let percentile = (Double(below) + Double(equal) / 2) / Double(n) * 100
        let edge = 0.5 / Double(n)
        let p = min(max(percentile / 100, edge), 1 - edge)
        let z = NormalDistribution.quantile(p)
        let sten = min(max(Int((2 * z + 5.5).rounded()), 1), 10)
        let t = min(max(Int((10 * z + 50).rounded()), 0), 100)
        return Row(raw: raw, percentile: (percentile * 10).rounded() / 10, sten: sten, t: t)
    }

    /// The index of the score within ``Table/tolerance`` of `raw` in ascending `scores`.
    static func position(of raw: Double, in scores: [Double]) -> Int? {
        var low = 0, high = scores.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if abs(scores[middle] - raw) <= Table.tolerance { return middle }
            if scores[middle] < raw { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
