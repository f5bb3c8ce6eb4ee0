/// A kind of answer and its options, shared by items.
public struct AnswerFormat: Sendable, Hashable {
    /// What kind of answer this is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Options pick a type (Klimov's ДДО).
        case choice
        /// `++ + 0 − −−` (Golomshtok's interest map).
        case signed
        /// Yes or no (Rezapkina's «Профиль»).
        case yesno
        /// An agreement or liking scale; sheets with one answer everywhere are flagged.
        case likert
    }

    /// One possible answer.
    public struct Option: Sendable, Hashable {
        /// How the option is written in outputs and keys.
        public var code: String
        /// Other spellings accepted on answer sheets.
        public var tokens: [String]
        /// The option's score for value-keyed scales.
        public var value: Double?
        /// What the option means.
        public var label: LocalizedText?
    }

    /// Identifier referred to by items.
    public var id: String
    /// The kind of answer.
    public var kind: Kind
    /// The possible answers.
    public var options: [Option]
    /// Index in ``options`` of the option that an empty cell means, if any.
    public var blankOption: Int?
    /// Cells that mean "no answer", read as an empty cell (`missing` in the
    /// file, and `--missing`): `NA`, `99`, `нет ответа`…
    public var missingTokens: [String] = []

    /// Whether every option's code is a number (a rating scale written 1…5).
    public var isNumeric: Bool { options.allSatisfy { Double($0.code) != nil } }

    /// Every cell read as "no answer": ``missingTokens``, and `NA` (what R
    /// writes for a missing value) in a numeric format. An option's own
    /// spelling is never missing (``AnswerLookup`` gives the option).
    public var noAnswerTokens: [String] { missingTokens + (isNumeric ? ["NA"] : []) }

    /// The smallest and largest option value, used for reverse keying.
    /// `nil` when the options carry no values.
    public var valueBounds: ClosedRange<Double>? {
        let values = options.compactMap(\.value)
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }
}
