/// The respondent ids of a run, to flag an id seen twice (`duplicate-id`).
///
/// Ids are kept as 64-bit hashes (FNV-1a of the id's UTF-8) with where they
/// were first seen: a file index and a line. Two different ids sharing a
/// hash is possible but very unlikely (about 3·10⁻⁸ for a million ids).
struct DuplicateIDs {
    /// An open-addressing table (linear probing, at most half full): per
    /// slot the hash, and where it was first seen packed as file << 32 | line
    /// (0 for an empty slot: lines start at 1) — side by side, so that a
    /// lookup touches one cache line.
    private struct Slot {
        var hash: UInt64
        var place: UInt64
    }
    private var slots = [Slot](repeating: Slot(hash: 0, place: 0), count: 1024)
    private var count = 0
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
    /// - Complexity: O(1) expected.
    mutating func check(hash: UInt64, file: String, line: Int) -> (file: String, line: Int)? {
        let mask = slots.count - 1
        var index = Self.slot(hash, slots.count)
        while slots[index].place != 0 {
            if slots[index].hash == hash {
                let place = slots[index].place
                return (files[Int(place >> 32)], Int(UInt32(truncatingIfNeeded: place)))
            }
            index = (index + 1) & mask
        }
        if files.last != file { files.append(file) }
        slots[index] = Slot(hash: hash, place: UInt64(files.count - 1) << 32 | UInt64(UInt32(clamping: max(line, 1))))
        count += 1
        if count * 2 > slots.count { grow() }
        return nil
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - size.trailingZeroBitCount))
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, place: 0), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.place != 0 {
            var index = Self.slot(slot.hash, slots.count)
            while slots[index].place != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }

    /// The warning for an id seen before.
    static func warning(id: String, file: String, line: Int, first: (file: String, line: Int)) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: 1, Message(
            en: "respondent id '\(id)' already appeared at \(first.file):\(first.line); both sheets are scored and this one is flagged duplicate-id — check which one is right",
            ru: "код респондента «\(id)» уже встречался в \(first.file):\(first.line); оба бланка подсчитаны, этот отмечен duplicate-id — проверьте, какой из них верный"))
    }
}
