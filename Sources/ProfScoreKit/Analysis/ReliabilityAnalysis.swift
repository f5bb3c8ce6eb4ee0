import Foundation

/// Cronbach's α and the item statistics that go with it, computed from a
/// covariance matrix exactly as R's `psych::alpha` computes them (psych 2.2.9,
/// `alpha.1` and the `r.drop` loop):
///
/// - raw α = (1 − tr C / ΣC) · k / (k − 1);
/// - standardized α = (1 − k / ΣR) · k / (k − 1), R the correlation matrix;
/// - mean inter-item correlation = (ΣR − k) / (k (k − 1));
/// - corrected item–total correlation of item i (psych's `r.drop`) =
///   (Σⱼ Cᵢⱼ − Cᵢᵢ) / √(Cᵢᵢ · ΣC₋ᵢ), where C₋ᵢ is C without row and column i,
///   i.e. the correlation of the item with the sum of the other items;
/// - α if item i is dropped = raw α of C₋ᵢ (needs k ≥ 3).
enum ReliabilityAnalysis {
    struct Result {
        var alpha: Double?
        var standardizedAlpha: Double?
        var averageCorrelation: Double?
        var correctedItemTotal: [Double?]
        var alphaIfDropped: [Double?]
    }

    /// - Parameter c: a k × k covariance matrix of items that all vary (Cᵢᵢ > 0).
    static func analyse(covariance c: [[Double]]) -> Result {
        let k = c.count
        var result = Result(correctedItemTotal: Array(repeating: nil, count: k), alphaIfDropped: Array(repeating: nil, count: k))
        guard k >= 2 else { return result }
        let total = c.joined().reduce(0, +)
        let trace = (0..<k).reduce(0) { $0 + c[$1][$1] }
        let columnSums = c.map { $0.reduce(0, +) }
        result.alpha = finite(rawAlpha(k: k, trace: trace, total: total))
        var sumR = 0.0
        for i in 0..<k { for j in 0..<k { sumR += c[i][j] / (c[i][i] * c[j][j]).squareRoot() } }
        let kk = Double(k)
        result.standardizedAlpha = finite((1 - kk / sumR) * kk / (kk - 1))
        result.averageCorrelation = finite((sumR - kk) / (kk * (kk - 1)))
        for i in 0..<k {
            let rest = total - 2 * columnSums[i] + c[i][i]
            result.correctedItemTotal[i] = finite((columnSums[i] - c[i][i]) / (c[i][i] * rest).squareRoot())
            if k >= 3 {
                result.alphaIfDropped[i] = finite(rawAlpha(k: k - 1, trace: trace - c[i][i], total: rest))
            }
        }
        return result
    }

    private static func rawAlpha(k: Int, trace: Double, total: Double) -> Double {
        (1 - trace / total) * Double(k) / Double(k - 1)
    }

    private static func finite(_ value: Double) -> Double? {
        value.isFinite ? value : nil
    }
}
