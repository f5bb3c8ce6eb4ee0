/// Remembers what short raw cells resolve to, so that normalisation and the
/// table lookup run once per distinct spelling in a file rather than once
/// per cell.
///
/// A cell of up to 8 bytes (as it stands in the transcoded text) is packed
/// into a `UInt64`; an open-addressing table maps it and its answer format
/// to an option index, ``ScoringPlan/missing`` or ``ScoringPlan/unreadable``.
/// It holds at most ``maximumEntries`` spellings; others simply take the
/// slow path. The table is plain memory (no bounds or exclusivity checks in
/// the per-cell lookup); each reader, and so each thread, has its own.
final class CellCache {
    static let slots = 1024
    static let maximumEntries = 512
    private let keys: UnsafeMutablePointer<UInt64>
    /// Per slot: the cell's length (1…8) in the low byte and its format + 1
    /// above it; 0 for an empty slot.
    private let tags: UnsafeMutablePointer<UInt32>
    private let values: UnsafeMutablePointer<Int32>
    private var count = 0

    init() {
        keys = .allocate(capacity: Self.slots)
        tags = .allocate(capacity: Self.slots)
        values = .allocate(capacity: Self.slots)
        tags.initialize(repeating: 0, count: Self.slots)
    }

    /// A cache with the same entries, for another reader.
    func copy() -> CellCache {
        let copy = CellCache()
        copy.keys.update(from: keys, count: Self.slots)
        copy.tags.update(from: tags, count: Self.slots)
        copy.values.update(from: values, count: Self.slots)
        copy.count = count
        return copy
    }

    deinit {
        keys.deallocate()
        tags.deallocate()
        values.deallocate()
    }

    @inline(__always)
    static func pack(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        var key: UInt64 = 0
        var i = start
        while i < end {
            key = key << 8 | UInt64(bytes[i])
            i += 1
        }
        return key
    }

    @inline(__always)
    static func pack(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> UInt64 {
        pack(bytes.baseAddress!, from: start, to: end)
    }

    @inline(__always)
    private static func tag(length: Int, format: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: length) | UInt32(truncatingIfNeeded: format + 1) << 8
    }

    @inline(__always)
    private static func slot(_ key: UInt64, _ tag: UInt32) -> Int {
        var h = (key ^ UInt64(tag) << 56) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & (slots - 1)
    }

    /// The cached result for a cell of an answer format, if any.
    /// - Complexity: O(1) expected.
    @inline(__always)
    func value(_ key: UInt64, length: Int, format: Int) -> Int32? {
        let tag = Self.tag(length: length, format: format)
        var index = Self.slot(key, tag)
        while tags[index] != 0 {
            if keys[index] == key && tags[index] == tag { return values[index] }
            index = (index + 1) & (Self.slots - 1)
        }
        return nil
    }

    /// Remembers a cell's result (cells of 1…8 bytes; when full, nothing happens).
    func insert(_ key: UInt64, length: Int, format: Int, value: Int32) {
        guard length >= 1, length <= 8, count < Self.maximumEntries else { return }
        let tag = Self.tag(length: length, format: format)
        var index = Self.slot(key, tag)
        while tags[index] != 0 {
            if keys[index] == key && tags[index] == tag { return }
            index = (index + 1) & (Self.slots - 1)
        }
        keys[index] = key
        tags[index] = tag
        values[index] = value
        count += 1
    }
}
