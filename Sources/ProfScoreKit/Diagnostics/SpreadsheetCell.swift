/// How a spreadsheet names a cell: its column in letters and its row in
/// digits (`K8`: column 11, row 8).
enum SpreadsheetCell {
    /// The letters of a 1-based column: 1 → `A`, 26 → `Z`, 27 → `AA`, 16 384 → `XFD`.
    static func letters(ofColumn column: Int) -> String {
        var column = max(column, 1)
        var letters: [Character] = []
        while column > 0 {
            let digit = (column - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            column = (column - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The name of a cell (1-based row and column): `K8`.
    static func name(row: Int, column: Int) -> String {
        letters(ofColumn: column) + String(row)
    }
}
