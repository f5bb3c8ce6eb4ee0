/// Converts a stream of bytes in a sheet's encoding to UTF-8, chunk by chunk.
struct Transcoder {
    let encoding: SheetEncoding
    /// A byte left over from the previous chunk (UTF-16).
    private var pendingByte: UInt8?
    /// A high surrogate waiting for its low half (UTF-16).
    private var pendingHighSurrogate: UInt32?

    init(encoding: SheetEncoding) {
        self.encoding = encoding
    }

    /// Appends the UTF-8 form of `input` to `output`.
    /// - Complexity: O(n); UTF-8 input is copied as it is.
    mutating func append(_ input: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        switch encoding {
        case .utf8, .utf8BOM:
            output.append(contentsOf: input)
        case .windows1251:
            // Every byte becomes 1 to 3 UTF-8 bytes: each is stored as a 4-byte
            // word (its UTF-8 bytes, then its length in the top byte, which the
            // next character overwrites), with one spare byte at the end.
            let oldCount = output.count
            output.append(contentsOf: repeatElement(0, count: input.count * 3 + 1))
            var written = oldCount
            Self.windows1251Words.withUnsafeBufferPointer { words in
                output.withUnsafeMutableBytes { out in
                    for byte in input {
                        let word = words[Int(byte)]
                        out.storeBytes(of: word.littleEndian, toByteOffset: written, as: UInt32.self)
                        written += Int(word >> 24)
                    }
                }
            }
            output.removeLast(output.count - written)
        case .utf16LE, .utf16BE:
            var i = 0
            if let first = pendingByte, !input.isEmpty {
                pendingByte = nil
                appendUnit(encoding == .utf16LE ? UInt32(first) | UInt32(input[0]) << 8 : UInt32(first) << 8 | UInt32(input[0]), to: &output)
                i = 1
            }
            while i + 1 < input.count {
                let unit = encoding == .utf16LE
                    ? UInt32(input[i]) | UInt32(input[i + 1]) << 8
                    : UInt32(input[i]) << 8 | UInt32(input[i + 1])
                appendUnit(unit, to: &output)
                i += 2
            }
            if i < input.count { pendingByte = input[i] }
        }
    }

    /// Flushes what is left at the end of the input: a lone high surrogate
    /// becomes U+FFFD, which no answer matches; an odd last byte of UTF-16
    /// is dropped (it is half a character, and as U+FFFD after the last line
    /// end it would be read as one more respondent).
    /// - Returns: whether an odd byte was dropped; the reader reports it.
    @discardableResult
    mutating func finish(to output: inout [UInt8]) -> Bool {
        if pendingHighSurrogate != nil {
            TokenNormalizer.appendUTF8(0xFFFD, to: &output)
            pendingHighSurrogate = nil
        }
        let droppedOddByte = pendingByte != nil
        pendingByte = nil
        return droppedOddByte
    }

    private mutating func appendUnit(_ unit: UInt32, to output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if (0xDC00...0xDFFF).contains(unit) {
                TokenNormalizer.appendUTF8(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                return
            }
            TokenNormalizer.appendUTF8(0xFFFD, to: &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: TokenNormalizer.appendUTF8(0xFFFD, to: &output)
        default: TokenNormalizer.appendUTF8(unit, to: &output)
        }
    }

    /// Per Windows-1251 byte: its UTF-8 bytes (little-endian, first byte
    /// lowest) with their count in the top byte.
    static let windows1251Words: [UInt32] = (0...255).map { byte -> UInt32 in
        guard byte >= 0x80 else { return UInt32(byte) | 1 << 24 }
        let entry = (byte - 0x80) * 4
        let length = Int(windows1251UTF8[entry + 3])
        var word = UInt32(length) << 24
        for k in 0..<length { word |= UInt32(windows1251UTF8[entry + k]) << (8 * k) }
        return word
    }

    /// UTF-8 of Windows-1251 bytes 0x80…0xFF: four bytes per entry, the last
    /// being the length (2 or 3).
    static let windows1251UTF8: [UInt8] = windows1251.flatMap { scalar -> [UInt8] in
        var bytes: [UInt8] = []
        TokenNormalizer.appendUTF8(UInt32(scalar), to: &bytes)
        return bytes + Array(repeating: 0, count: 3 - bytes.count) + [UInt8(bytes.count)]
    }

    /// Unicode scalars of Windows-1251 bytes 0x80…0xFF (0x98 is unassigned: U+FFFD).
    static let windows1251: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ] + (0x0410...0x044F).map { UInt16($0) }
}
