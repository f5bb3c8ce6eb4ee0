/// Means and the covariance matrix of a few variables, updated one
/// observation at a time.
///
/// It keeps the sums and cross-products of the data shifted by the first
/// observation (the "shifted data" algorithm): memory is O(k²) whatever the
/// number of observations, the shift avoids the cancellation of the textbook
/// one-pass formula, and for whole-number answers every sum is exact, so a
/// mean or covariance is off by at most one rounding of its final division.
struct CovarianceAccumulator: Sendable {
    /// Number of variables.
    let k: Int
    /// Observations added.
    private(set) var count = 0
    private var shift: [Double]
    /// Σ (xᵢ − shiftᵢ).
    private var sums: [Double]
    /// Σ (xᵢ − shiftᵢ)(xⱼ − shiftⱼ), row-major k × k, upper triangle used.
    private var products: [Double]
    private var centred: [Double]

    init(variables k: Int) {
        self.k = k
        shift = Array(repeating: 0, count: k)
        sums = Array(repeating: 0, count: k)
        products = Array(repeating: 0, count: k * k)
        centred = Array(repeating: 0, count: k)
    }

    /// Adds one complete observation.
    /// - Complexity: O(k²).
    mutating func add(_ x: [Double]) {
        if count == 0 { shift = x }
        count += 1
        for i in 0..<k {
            centred[i] = x[i] - shift[i]
            sums[i] += centred[i]
        }
        for i in 0..<k {
            let ci = centred[i]
            for j in i..<k { products[i * k + j] += ci * centred[j] }
        }
    }

    /// The means (empty values before the first observation are 0).
    var means: [Double] {
        guard count > 0 else { return Array(repeating: 0, count: k) }
        let n = Double(count)
        return (0..<k).map { shift[$0] + sums[$0] / n }
    }

    /// The sample covariance matrix (denominator n − 1), or `nil` with fewer than two observations.
    var covariance: [[Double]]? {
        guard count >= 2 else { return nil }
        let n = Double(count)
        var result = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in i..<k {
                let value = (products[i * k + j] - sums[i] * sums[j] / n) / (n - 1)
                result[i][j] = value
                result[j][i] = value
            }
        }
        return result
    }
}
