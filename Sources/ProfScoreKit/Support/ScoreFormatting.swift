/// How scores are written in outputs: whole numbers without a decimal point,
/// others with up to four decimals (trailing zeros dropped).
enum ScoreFormatting {
    /// A score as written with `precision`: whole numbers without a decimal
    /// point either way; others by ``plain(_:)`` or, with
    /// ``ScorePrecision/full``, as the shortest text that reads back as the same `Double`.
    static func text(_ value: Double, precision: ScorePrecision) -> String {
        switch precision {
        case .fourDecimals: plain(value)
        case .full: value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
        }
    }

    /// A number rounded to at most four decimals (halves away from zero),
    /// trailing zeros dropped; whole numbers without a decimal point.
    static func plain(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        let scaled = (value * 10_000).rounded() / 10_000
        if scaled == scaled.rounded() { return String(Int64(scaled)) }
        var text = String(format4(scaled))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private static func format4(_ value: Double) -> String {
        let negative = value < 0
        let units = Int64((abs(value) * 10_000).rounded())
        let whole = units / 10_000
        let fraction = units % 10_000
        var fractionText = String(fraction)
        while fractionText.count < 4 { fractionText = "0" + fractionText }
        return (negative ? "-" : "") + "\(whole).\(fractionText)"
    }
}
