/// A text of an instrument in Russian and English.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Russian text.
    public var ru: String
    /// The English text.
    public var en: String

    /// Creates a text from both versions.
    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The text in the given language.
    public func text(in language: Language) -> String {
        language == .russian ? ru : en
    }
}
