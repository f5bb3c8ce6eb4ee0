extension String {
    /// The string without leading and trailing spaces, tabs and no-break
    /// spaces; cheap when there are none (no Foundation bridging).
    var trimmingSpaces: String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !isSpace(first) && !isSpace(last) && first != 0xC2 && last != 0xA0 { return self }
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        func blank(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\u{A0}" }
        while start < end && blank(scalars[start]) { start = scalars.index(after: start) }
        while end > start && blank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}

extension Array where Element == String {
    /// The element at an optional index, if there is one.
    @inline(__always)
    func value(at index: Int?) -> String? {
        guard let index, index < count else { return nil }
        return self[index]
    }
}
