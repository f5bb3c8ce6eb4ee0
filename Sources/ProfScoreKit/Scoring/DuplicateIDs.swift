/// The respondent ids of a run, to flag an id seen twice (`duplicate-id`).
///
/// Ids are kept as 64-bit hashes (FNV-1a of the id's UTF-8) with where they
/// were first seen: a file index and a line. Two different ids sharing a
/// hash is possible but very unlikely (about 3·10⁻⁸ for a million ids).
struct DuplicateIDs {
    private var seen: [UInt64: (file: Int32, line: Int32)] = [:]
    private var files: [String] = []

    static func hash(_ id: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Registers an id seen at a file's line.
    /// - Returns: where it was first seen, when it was seen before.
    mutating func check(hash: UInt64, file: String, line: Int) -> (file: String, line: Int)? {
        if let first = seen[hash] { return (files[Int(first.file)], Int(first.line)) }
        if files.last != file { files.append(file) }
        seen[hash] = (Int32(files.count - 1), Int32(clamping: line))
        return nil
    }

    /// The warning for an id seen before.
    static func warning(id: String, file: String, line: Int, first: (file: String, line: Int)) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: 1, Message(
            en: "respondent id '\(id)' already appeared at \(first.file):\(first.line); both sheets are scored and this one is flagged duplicate-id — check which one is right",
            ru: "код респондента «\(id)» уже встречался в \(first.file):\(first.line); оба бланка подсчитаны, этот отмечен duplicate-id — проверьте, какой из них верный"))
    }
}
