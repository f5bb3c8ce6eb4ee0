/// The respondent ids of a run, to flag an id seen twice (`duplicate-id`).
///
/// Ids are kept as 64-bit hashes (FNV-1a of the id's UTF-8) with where they
/// were first seen: a file index and a line. Two different ids sharing a
/// hash is possible but very unlikely (about 3·10⁻⁸ for a million ids).
struct DuplicateIDs {
    /// An open-addressing table (linear probing, at most three quarters full) of the
    /// hashes (a hash of 0 is kept as 1, and 0 marks an empty slot), and
    /// beside it where each was first seen, packed as file << 32 | line. A
    /// new id, the common case, touches only the table of hashes.
    private var hashes = [UInt64](repeating: 0, count: 1024)
    private var places = [UInt64](repeating: 0, count: 1024)
    private var count = 0
    private var files: [String] = []
    /// The last sum of slots read ahead (see ``check(hashes:file:lines:)``); otherwise unused.
    private var readAhead: UInt64 = 0

    static func hash(_ id: String) -> UInt64 {
        func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            return hash
        }
        return id.utf8.withContiguousStorageIfAvailable(fnv1a) ?? fnv1a(id.utf8)
    }

    /// Registers an id seen at a file's line.
    /// - Returns: where it was first seen, when it was seen before.
    /// - Complexity: O(1) expected.
    mutating func check(hash: UInt64, file: String, line: Int) -> (file: String, line: Int)? {
        let key = max(hash, 1)
        let mask = hashes.count - 1
        var index = Self.slot(key, hashes.count)
        while hashes[index] != 0 {
            if hashes[index] == key {
                let place = places[index]
                return (files[Int(place >> 32)], Int(UInt32(truncatingIfNeeded: place)))
            }
            index = (index + 1) & mask
        }
        if files.last != file { files.append(file) }
        hashes[index] = key
        places[index] = UInt64(files.count - 1) << 32 | UInt64(UInt32(clamping: max(line, 1)))
        count += 1
        if count * 4 > hashes.count * 3 { rebuild(slots: hashes.count * 2) }
        return nil
    }

    /// Registers many ids of one file, in order, as ``check(hash:file:line:)``
    /// does one by one; the table's slots for the next 16 are read ahead
    /// together, so that their cache misses overlap instead of coming one
    /// after another.
    /// - Returns: the positions (in `hashes`) of the ids seen before, with where they were first seen.
    mutating func check(hashes newHashes: UnsafeBufferPointer<UInt64>, file: String, lines: (Int) -> Int) -> [(index: Int, first: (file: String, line: Int))] {
        var repeats: [(index: Int, first: (file: String, line: Int))] = []
        let batch = 16
        var start = 0
        while start < newHashes.count {
            let end = min(start + batch, newHashes.count)
            // Touch the slots ahead (the loads are independent, so the processor issues them together).
            var touched: UInt64 = 0
            hashes.withUnsafeBufferPointer { table in
                for k in start..<end { touched &+= table[Self.slot(max(newHashes[k], 1), table.count)] }
            }
            readAhead = touched  // stored, so that the loads are not dropped as unused
            for k in start..<end {
                if let first = check(hash: newHashes[k], file: file, line: lines(k)) { repeats.append((k, first)) }
            }
            start = end
        }
        return repeats
    }

    /// Makes room for `more` ids beyond those held, so that adding them
    /// does not grow the table (which moves every id) on the way: the table
    /// is made its final size at once.
    mutating func reserve(_ more: Int) {
        var slots = hashes.count
        while (count + more) * 4 > slots * 3 { slots *= 2 }
        if slots > hashes.count { rebuild(slots: slots) }
    }

    @inline(__always)
    private static func slot(_ hash: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - size.trailingZeroBitCount))
    }

    /// Moves every id into a table of `slots` slots (a power of two).
    private mutating func rebuild(slots: Int) {
        let oldHashes = hashes, oldPlaces = places
        hashes = Array(repeating: 0, count: slots)
        places = Array(repeating: 0, count: slots)
        let mask = slots - 1
        for old in oldHashes.indices where oldHashes[old] != 0 {
            var index = Self.slot(oldHashes[old], slots)
            while hashes[index] != 0 { index = (index + 1) & mask }
            hashes[index] = oldHashes[old]
            places[index] = oldPlaces[old]
        }
    }

    /// The warning for an id seen before.
    static func warning(id: String, file: String, line: Int, first: (file: String, line: Int)) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, column: 1, Message(
            en: "respondent id '\(id)' already appeared at \(first.file):\(first.line); both sheets are scored and this one is flagged «repeated id» (duplicate-id in CSV) — check which one is right",
            ru: "код респондента «\(id)» уже встречался в \(first.file):\(first.line); оба бланка подсчитаны, этот отмечен «повтор кода» — проверьте, какой из них верный"))
    }
}
