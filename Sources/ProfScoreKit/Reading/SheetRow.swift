/// One respondent's row of an answer sheet, as read.
public struct SheetRow: Sendable {
    /// 1-based line where the row starts.
    public var line: Int
    /// Option index per item; ``ScoringPlan/missing`` or ``ScoringPlan/unreadable`` where there is none.
    var codes: [Int32]
    /// Values of the respondent columns, in the sheet's order; the first is the respondent id.
    public var info: [String]
    /// Whether a cell of the row could not be read (the diagnostics say which).
    public var hasUnreadableCells: Bool

    /// The respondent id (the first respondent column), or an empty string.
    public var id: String { info.first ?? "" }
}
