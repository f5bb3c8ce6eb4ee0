/// A score computed from some items: a type, an interest area, a component.
public struct Scale: Sendable, Hashable {
    /// How the entries of a key combine.
    public enum Combine: String, Sendable, Hashable, CaseIterable {
        /// The sum of the entries.
        case sum
        /// The sum divided by the number of answered items.
        case mean
    }

    /// One entry of a scoring key.
    public struct KeyEntry: Sendable, Hashable {
        /// How the entry scores.
        public enum Scoring: Sendable, Hashable {
            /// `points` when the option with this index is chosen.
            case option(Int, points: Double)
            /// The chosen option's value, or `min + max − value` when reversed.
            case value(reversed: Bool)
        }
        /// Index of the item in ``Instrument/items``.
        public var item: Int
        /// How it scores.
        public var scoring: Scoring
    }

    /// How many answers may be missing, and what happens to the score then.
    public struct MissingRule: Sendable, Hashable {
        /// With more missing answers than this the scale is invalid.
        public var maxMissing: Int
        /// Scale a `sum` up to the full number of items when answers are missing.
        public var prorate: Bool
    }

    /// A score band with its interpretation.
    public struct Level: Sendable, Hashable {
        /// Lowest score of the band, inclusive.
        public var from: Double
        /// Highest score of the band, inclusive.
        public var to: Double
        /// Short name of the band.
        public var label: LocalizedText
        /// Interpretation for individual reports.
        public var text: LocalizedText?
    }

    /// Column name in outputs.
    public var id: String
    /// Name of the scale.
    public var title: LocalizedText
    /// A short name for column headings and lists (`label` in the file;
    /// ``title`` when the file has none).
    public var label: LocalizedText? = nil
    /// One letter for codes such as Holland's.
    public var letter: String?
    /// How the key's entries combine.
    public var combine: Combine
    /// The scoring key.
    public var key: [KeyEntry]
    /// The missing-answer rule.
    public var missing: MissingRule
    /// Score bands, low to high.
    public var levels: [Level]

    /// The scale's name for people: its short label, or its title.
    public func name(in language: Language) -> String {
        (label ?? title).text(in: language)
    }
}
