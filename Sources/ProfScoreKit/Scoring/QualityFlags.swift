/// Quality problems of one answer sheet.
public struct QualityFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// No item was answered.
    public static let blank = QualityFlags(rawValue: 1 << 0)
    /// Some scale had more missing answers than its rule allows.
    public static let tooManyMissing = QualityFlags(rawValue: 1 << 1)
    /// Some cell could not be read.
    public static let unreadable = QualityFlags(rawValue: 1 << 2)
    /// Every Likert answer on the sheet is the same option.
    public static let sameAnswer = QualityFlags(rawValue: 1 << 3)
    /// The respondent id was already seen in this batch.
    public static let duplicateID = QualityFlags(rawValue: 1 << 4)
    /// The leading type or the Holland code is a tie.
    public static let tie = QualityFlags(rawValue: 1 << 5)
    /// A compared scale is invalid, so no leading type is reported.
    public static let incomplete = QualityFlags(rawValue: 1 << 6)

    /// Every flag with its name in machine outputs (CSV, JSON) and its
    /// label for people (tables, reports, Excel), in output order.
    public static let named: [(flag: QualityFlags, name: String, label: LocalizedText)] = [
        (.blank, "blank", LocalizedText(ru: "пустой", en: "blank")),
        (.tooManyMissing, "missing", LocalizedText(ru: "много пропусков", en: "too many missing")),
        (.unreadable, "unreadable", LocalizedText(ru: "нечитаемая ячейка", en: "unreadable cell")),
        (.sameAnswer, "same-answer", LocalizedText(ru: "везде один ответ", en: "same answer everywhere")),
        (.duplicateID, "duplicate-id", LocalizedText(ru: "повтор кода", en: "repeated id")),
        (.tie, "tie", LocalizedText(ru: "равные баллы", en: "tie")),
        (.incomplete, "incomplete", LocalizedText(ru: "тип не определён", en: "type undetermined")),
    ]

    /// The flags' names, as written in machine outputs (`missing unreadable`).
    public var names: [String] {
        Self.named.filter { contains($0.flag) }.map(\.name)
    }

    /// The flags' labels for people, in the given language.
    public func labels(in language: Language) -> [String] {
        Self.named.filter { contains($0.flag) }.map { $0.label.text(in: language) }
    }
}
