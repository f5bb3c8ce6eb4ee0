/// The text encodings answer sheets come in, detected from the bytes.
public enum SheetEncoding: String, Sendable, Hashable {
    /// UTF-8 without a byte-order mark (form services, most tools).
    case utf8 = "UTF-8"
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    case utf8BOM = "UTF-8 with BOM"
    /// Windows-1251, what Russian Excel saves as "CSV (разделители — запятые)".
    case windows1251 = "Windows-1251"
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    case utf16LE = "UTF-16LE"
    /// UTF-16 big-endian with a byte-order mark.
    case utf16BE = "UTF-16BE"

    /// Detects the encoding from the first bytes of a file.
    ///
    /// A byte-order mark decides; without one, bytes that are valid UTF-8 are
    /// UTF-8 and anything else is taken as Windows-1251.
    /// - Returns: the encoding and the length of its byte-order mark.
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> (SheetEncoding, bomLength: Int) {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return (.utf8BOM, 3) }
        if prefix.count >= 2, prefix[0] == 0xFF, prefix[1] == 0xFE { return (.utf16LE, 2) }
        if prefix.count >= 2, prefix[0] == 0xFE, prefix[1] == 0xFF { return (.utf16BE, 2) }
        return (isValidUTF8(prefix, allowTruncatedEnd: !isWholeFile) ? .utf8 : .windows1251, 0)
    }

    /// Whether bytes are valid UTF-8; a sequence cut by the end of the buffer
    /// is allowed when more bytes follow.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            if b >= 0xC2 && b <= 0xDF { length = 2 } else if b >= 0xE0 && b <= 0xEF { length = 3 } else if b >= 0xF0 && b <= 0xF4 { length = 4 } else { return false }
            if i + length > n { return allowTruncatedEnd && (i + 1..<n).allSatisfy { bytes[$0] & 0xC0 == 0x80 } }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
