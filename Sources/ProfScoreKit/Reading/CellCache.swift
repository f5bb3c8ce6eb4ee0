/// Remembers what short raw cells resolve to, so that normalisation and the
/// table lookup run once per distinct spelling in a file rather than once
/// per cell.
///
/// A cell of up to 8 bytes (as it stands in the transcoded text) is packed
/// into a `UInt64`; an open-addressing table maps it and its answer format
/// to an option index, ``ScoringPlan/missing`` or ``ScoringPlan/unreadable``.
/// It holds at most ``maximumEntries`` spellings; others simply take the
/// slow path. Cells of one or two bytes (digits, Latin and Cyrillic letters:
/// most answers) are also kept in a table indexed by their bytes, 64 Ki
/// entries per answer format made when first needed, so that looking them
/// up costs one load. The tables are plain memory (no bounds or exclusivity
/// checks in the per-cell lookup); each reader, and so each thread, has its own.
final class CellCache {
    static let slots = 1024
    static let maximumEntries = 512
    private let keys: UnsafeMutablePointer<UInt64>
    /// Per slot: the cell's length (1…8) in the low byte and its format + 1
    /// above it; 0 for an empty slot.
    private let tags: UnsafeMutablePointer<UInt32>
    private let values: UnsafeMutablePointer<Int32>
    private var count = 0
    /// Per answer format: the results of cells of one or two bytes, at the
    /// two packed bytes, or at 65,536 + the byte; ``absent`` where not known.
    private let short: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>
    private let formatCount: Int
    private static let absent = Int32.min
    private static let shortSize = (1 << 16) + 256

    /// - Parameter formats: the number of answer formats.
    init(formats: Int) {
        formatCount = formats
        short = .allocate(capacity: max(formats, 1))
        short.initialize(repeating: nil, count: max(formats, 1))
        keys = .allocate(capacity: Self.slots)
        tags = .allocate(capacity: Self.slots)
        values = .allocate(capacity: Self.slots)
        tags.initialize(repeating: 0, count: Self.slots)
    }

    deinit {
        keys.deallocate()
        tags.deallocate()
        values.deallocate()
        for format in 0..<formatCount { short[format]?.deallocate() }
        short.deallocate()
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
    private static func shortIndex(_ key: UInt64, length: Int) -> Int {
        length == 1 ? (1 << 16) + Int(truncatingIfNeeded: key) : Int(truncatingIfNeeded: key)
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
        if length <= 2, let table = short[format] {
            let value = table[Self.shortIndex(key, length: length)]
            return value == Self.absent ? nil : value
        }
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
        if length <= 2 && format < formatCount {
            if short[format] == nil {
                let table = UnsafeMutablePointer<Int32>.allocate(capacity: Self.shortSize)
                table.initialize(repeating: Self.absent, count: Self.shortSize)
                short[format] = table
            }
            short[format]![Self.shortIndex(key, length: length)] = value
        }
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
