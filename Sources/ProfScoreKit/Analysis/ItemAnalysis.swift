/// The statistics of one item within one scale of a pilot sample.
///
/// The item is scored as keyed for the scale: a reverse-keyed item as
/// min + max − value, an option-keyed item as the points of the option chosen
/// (0 for options the scale's key does not name). Mean, SD and the
/// correlations are over the scale's complete cases (respondents who answered
/// every item of the scale); the frequencies and the missing count are over
/// every respondent read.
public struct ItemAnalysis: Sendable, Hashable {
    /// What may be wrong with an item.
    public enum Flag: String, Sendable, Hashable, CaseIterable {
        /// The corrected item–total correlation is negative: usually a mis-keyed item.
        case negativeCorrelation = "negative-r-drop"
        /// Every complete case scores the item the same: it is left out of α.
        case noVariance = "no-variance"
        /// At least 95 % of the complete cases score the item the same.
        case almostNoVariance = "almost-no-variance"
    }

    /// The item's id.
    public var itemID: String
    /// Index of the item in ``Instrument/items``.
    public var itemIndex: Int
    /// Whether the scale's key reverses the item.
    public var reversed: Bool
    /// The option whose choice scores for the scale (option-keyed entries), as written in the key.
    public var keyedOptions: [String]
    /// Mean of the keyed item score over the scale's complete cases.
    public var mean: Double?
    /// Standard deviation (denominator n − 1) over the complete cases.
    public var standardDeviation: Double?
    /// Correlation of the item with the sum of the scale's other items
    /// (psych's `r.drop`); `nil` for a forced-choice scale, an item without
    /// variance, or fewer than two items.
    public var correctedItemTotal: Double?
    /// Raw α of the scale without this item; `nil` where α is not reported or with fewer than three items.
    public var alphaIfDropped: Double?
    /// How many respondents chose each option of the item's answer format (a
    /// blank cell counts as the format's `blank` option, if it has one).
    public var frequencies: [Int]
    /// Respondents without a usable answer: empty cells (without a `blank`
    /// option) and cells that could not be read.
    public var missing: Int
    /// What may be wrong with it.
    public var flags: [Flag]
}
