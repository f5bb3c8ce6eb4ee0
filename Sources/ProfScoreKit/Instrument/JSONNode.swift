/// A parsed JSON value that remembers where it stood in its file.
///
/// Instrument files are parsed into nodes rather than decoded with `Codable`
/// so that every problem can be reported with its line and column, and so
/// that all problems are found in one pass instead of the first one only.
struct JSONNode: Sendable {
    indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        /// Members in file order; duplicate keys are kept so they can be reported.
        case object([Member])
    }

    struct Member: Sendable {
        var key: String
        var keyPosition: Position
        var value: JSONNode
    }

    /// Where a value starts: its line, and byte offsets from which the
    /// character column is computed when a diagnostic needs it.
    struct Position: Sendable {
        /// 1-based line.
        var line: Int
        /// Byte offset of the start of the line.
        var lineStart: Int
        /// Byte offset of the value.
        var offset: Int

        /// The 1-based columns of many positions, counted in one pass over
        /// their lines in file order instead of from each line's start (a
        /// file written on one line, with thousands of problems, would take
        /// time quadratic in its length).
        /// - Complexity: O(bytes up to the last position + k log k).
        static func columns(of positions: [Position], in bytes: [UInt8]) -> [Int] {
            var columns = [Int](repeating: 1, count: positions.count)
            let order = positions.indices.sorted { positions[$0].offset < positions[$1].offset }
            // Where counting stopped: an offset and its column, on the line starting at `lineStart`.
            var lineStart = -1, offset = 0, column = 1
            for index in order {
                let position = positions[index]
                if position.lineStart != lineStart || offset > position.offset {
                    lineStart = position.lineStart
                    offset = position.lineStart
                    column = 1
                }
                while offset < position.offset && offset < bytes.count {
                    if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                    offset += 1
                }
                columns[index] = column
            }
            return columns
        }

        /// The 1-based column in characters (UTF-8 continuation bytes skipped).
        func column(in bytes: [UInt8]) -> Int {
            var count = 1
            var i = lineStart
            while i < offset && i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 { count += 1 }
                i += 1
            }
            return count
        }
    }

    var value: Value
    var position: Position

    /// A word for the value's type, for messages.
    var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
