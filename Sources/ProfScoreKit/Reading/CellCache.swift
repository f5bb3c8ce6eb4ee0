/// Remembers what short raw cells resolve to, so that normalisation and the
/// table lookup run once per distinct spelling in a file rather than once
/// per cell.
///
/// A cell of up to 8 bytes (as it stands in the transcoded text) is packed
/// into a `UInt64`; an open-addressing table maps it to an option index,
/// ``ScoringPlan/missing`` or ``ScoringPlan/unreadable``. It holds at most
/// ``maximumEntries`` spellings; others simply take the slow path.
struct CellCache {
    static let slots = 512
    static let maximumEntries = 256
    private var keys = [UInt64](repeating: 0, count: slots)
    private var lengths = [UInt8](repeating: 0, count: slots)
    private var values = [Int32](repeating: 0, count: slots)
    private var count = 0

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var key: UInt64 = 0
        var i = start
        while i < end {
            key = key << 8 | UInt64(bytes[i])
            i += 1
        }
        return key
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ length: Int) -> Int {
        var h = key &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & (slots - 1)
    }

    /// The cached result for a cell, if any.
    /// - Complexity: O(1) expected.
    @inline(__always)
    func value(_ key: UInt64, length: Int) -> Int32? {
        var index = Self.slot(key, length)
        while lengths[index] != 0 {
            if keys[index] == key && Int(lengths[index]) == length { return values[index] }
            index = (index + 1) & (Self.slots - 1)
        }
        return nil
    }

    /// Remembers a cell's result (cells of 1…8 bytes; when full, nothing happens).
    mutating func insert(_ key: UInt64, length: Int, value: Int32) {
        guard length >= 1, length <= 8, count < Self.maximumEntries else { return }
        var index = Self.slot(key, length)
        while lengths[index] != 0 {
            if keys[index] == key && Int(lengths[index]) == length { return }
            index = (index + 1) & (Self.slots - 1)
        }
        keys[index] = key
        lengths[index] = UInt8(length)
        values[index] = value
        count += 1
    }
}
