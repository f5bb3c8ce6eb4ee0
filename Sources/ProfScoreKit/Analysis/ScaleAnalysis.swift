/// Reliability and item statistics of one scale in a pilot sample.
public struct ScaleAnalysis: Sendable, Hashable {
    /// Why α is not reported for a scale.
    public enum Omission: String, Sendable, Hashable {
        /// Its items score different scales by the option chosen (forced
        /// choice, as in the ДДО): the scores are ipsative, which breaks the
        /// assumptions of α and of item–total correlations.
        case forcedChoice = "forced-choice"
        /// Fewer than two items vary.
        case tooFewItems = "too-few-items"
        /// Fewer than two complete cases.
        case tooFewCases = "too-few-cases"
    }

    /// The scale's id.
    public var scaleID: String
    /// Index of the scale in ``Instrument/scales``.
    public var scaleIndex: Int
    /// Number of distinct items in the scale's key.
    public var itemCount: Int
    /// Respondents who answered every item of the scale (readably).
    public var completeCases: Int
    /// Cronbach's α from the covariances (psych's `raw_alpha`).
    public var alpha: Double?
    /// α from the correlations (psych's `std.alpha`).
    public var standardizedAlpha: Double?
    /// Mean correlation between two different items (psych's `average_r`).
    public var averageInterItemCorrelation: Double?
    /// Mean of the scale score (the sum or the mean of the keyed items, as the
    /// instrument combines them) over the complete cases.
    public var scoreMean: Double?
    /// Its standard deviation (denominator n − 1).
    public var scoreStandardDeviation: Double?
    /// Why α and the item–total correlations are not reported, if they are not.
    public var omission: Omission?
    /// The items, in the order of the scale's key.
    public var items: [ItemAnalysis]
}
