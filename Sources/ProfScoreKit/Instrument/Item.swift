/// One question of an instrument.
public struct Item: Sendable, Hashable {
    /// The item's number as printed on the paper form; answer-sheet columns are matched by it.
    public var id: String
    /// Index of the item's answer format in ``Instrument/answerFormats``.
    public var format: Int
    /// A short label of the project's own.
    public var label: LocalizedText?
}
