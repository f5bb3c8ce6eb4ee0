/// A questionnaire with its scoring key, loaded from an instrument file.
///
/// Instruments are data: see `docs/instrument-format.md` for the file format.
/// Load one with ``Instrument/load(contentsOf:)``, ``Instrument/load(json:file:)``
/// or ``Instrument/bundled(_:)``; loading checks the file completely.
public struct Instrument: Sendable {
    /// The highest instrument format version this library reads.
    public static let supportedFormatVersion = 1

    /// Short identifier, such as `klimov-ddo`.
    public var id: String
    /// Version of the instrument file.
    public var version: String
    /// Name of the questionnaire.
    public var title: LocalizedText
    /// What it measures and for whom.
    public var description: LocalizedText?
    /// Where the key comes from.
    public var source: Source
    /// School grades the instrument is meant for.
    public var grades: ClosedRange<Int>?
    /// The kinds of answers.
    public var answerFormats: [AnswerFormat]
    /// The questions, in the order of the paper form.
    public var items: [Item]
    /// What is scored.
    public var scales: [Scale]
    /// How the leading type is chosen, if the instrument has one.
    public var leadingType: LeadingTypeRule?
    /// Study-profile categories and the scales that point to them.
    public var profiles: ProfileMapping?
    /// Answer patterns with expected results, checked on loading.
    public var testVectors: [TestVector]
    /// Norm tables per norm group, when the file has them (see ``Norms``).
    public var norms: Norms? = nil

    /// Bibliographic and licensing information.
    /// The instrument with more cells read as "no answer" in every answer
    /// format (`--missing NA,99`); in a format where a token is an answer's
    /// spelling, the answer wins.
    public func addingMissingTokens(_ tokens: [String]) -> Instrument {
        var copy = self
        for index in copy.answerFormats.indices {
            copy.answerFormats[index].missingTokens += tokens
        }
        return copy
    }

    public struct Source: Sendable, Hashable {
        /// Authors of the questionnaire.
        public var authors: String
        /// Reference to the published key.
        public var citation: String
        /// Terms under which the key is used (a plain string in the file is
        /// taken for both languages).
        public var licence: LocalizedText
        /// Where to read more.
        public var url: String?
        /// What a user must know: confidence of the key, origin of bands, norms.
        public var notes: LocalizedText?
    }
}
