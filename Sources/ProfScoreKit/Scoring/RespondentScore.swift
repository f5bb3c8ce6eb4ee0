/// The result of scoring one answer sheet.
public struct RespondentScore: Sendable, Hashable {
    /// The leading type of a respondent.
    public enum Leading: Sendable, Hashable {
        /// The instrument defines no leading type.
        case notApplicable
        /// A compared scale is invalid.
        case undetermined
        /// The highest score is below the instrument's minimum: no pronounced interest.
        case noPronouncedInterest
        /// The scales (indices) sharing the highest score; more than one is a tie.
        case types([Int])
    }

    /// Score per scale, in the instrument's order; `nil` where the scale is invalid.
    public var scores: [Double?]
    /// Index of the level per scale; `nil` where the scale is invalid or has no levels.
    public var levels: [Int?]
    /// Unanswered items per scale.
    public var missing: [Int]
    /// The leading type.
    public var leading: Leading
    /// Study-profile categories (indices) the leading type points to.
    public var categories: [Int]
    /// Three-letter Holland code, with tied letters in brackets, when the instrument asks for it.
    public var hollandCode: String?
    /// Quality problems of the sheet.
    public var flags: QualityFlags
}
