/// The header of a sheet as a reader of one of its parts needs it: which
/// field is which item or respondent column, the encoding and the
/// delimiter. A value, handed from the thread that read the header to the
/// threads that read the parts.
struct SheetLayout: Sendable {
    let scorer: Scorer
    let displayName: String
    let encoding: SheetEncoding
    let delimiter: UInt8
    /// Per field: the item index, -1 for a respondent column, -2 for an ignored column.
    let fieldRole: [Int]
    let headerFieldCount: Int
    let infoColumnNames: [String]
    let neededInfoColumns: [Bool]?
    let usesFastPath: Bool
    /// The header's cells as bytes, to recognise the header repeated further down.
    let headerCells: [[UInt8]]
    let itemFieldRange: ClosedRange<Int>?
}
