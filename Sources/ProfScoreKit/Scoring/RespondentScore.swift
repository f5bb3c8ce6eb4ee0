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
    public var leading: Leading {
        switch leadingState {
        case .notApplicable: .notApplicable
        case .undetermined: .undetermined
        case .noPronouncedInterest: .noPronouncedInterest
        case .types: .types(leadingTypes)
        }
    }
    /// Study-profile categories (indices) the leading type points to, in the instrument's order.
    public internal(set) var categories: [Int]

    /// The kind of leading result; with `.types` the scales are in ``leadingTypes``.
    enum LeadingState: Sendable, Hashable {
        case notApplicable, undetermined, noPronouncedInterest, types
    }
    var leadingState: LeadingState
    /// The leading scales (indices, in the rule's order); storage reused from row to row.
    var leadingTypes: [Int]
    /// Three-letter Holland code, with tied letters in brackets, when the instrument asks for it.
    public var hollandCode: String?
    /// Quality problems of the sheet.
    public var flags: QualityFlags
}
