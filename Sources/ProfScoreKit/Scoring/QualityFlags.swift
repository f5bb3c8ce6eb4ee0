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

    /// Every flag with the name used in outputs, in output order.
    public static let named: [(flag: QualityFlags, name: String)] = [
        (.blank, "blank"), (.tooManyMissing, "missing"), (.unreadable, "unreadable"), (.sameAnswer, "same-answer"),
        (.duplicateID, "duplicate-id"), (.tie, "tie"), (.incomplete, "incomplete"),
    ]

    /// The flags' names, as written in outputs (`missing unreadable`).
    public var names: [String] {
        Self.named.filter { contains($0.flag) }.map(\.name)
    }
}
