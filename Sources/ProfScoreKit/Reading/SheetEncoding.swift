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
    /// A byte-order mark decides. Without one: NUL bytes in every other
    /// position mean UTF-16 (LE or BE) without a mark; bytes that are valid
    /// UTF-8, or UTF-8 with a few stray bytes (at least ten valid multi-byte
    /// characters for each invalid byte), are UTF-8; anything else is taken as
    /// Windows-1251 (``problem(in:encoding:)`` then says whether that is plausible).
    /// - Returns: the encoding and the length of its byte-order mark.
    static func detect(_ prefix: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> (SheetEncoding, bomLength: Int) {
        if prefix.count >= 3, prefix[0] == 0xEF, prefix[1] == 0xBB, prefix[2] == 0xBF { return (.utf8BOM, 3) }
        if prefix.count >= 2, prefix[0] == 0xFF, prefix[1] == 0xFE { return (.utf16LE, 2) }
        if prefix.count >= 2, prefix[0] == 0xFE, prefix[1] == 0xFF { return (.utf16BE, 2) }
        // UTF-16 without a mark: the ASCII characters of a sheet (digits,
        // delimiters, line ends) leave a NUL in every other byte.
        let sample = min(prefix.count, 4096) & ~1
        if sample >= 4 {
            var evenZeros = 0, oddZeros = 0
            for i in stride(from: 0, to: sample, by: 2) {
                if prefix[i] == 0 { evenZeros += 1 }
                if prefix[i + 1] == 0 { oddZeros += 1 }
            }
            let pairs = sample / 2
            if oddZeros * 5 >= pairs && evenZeros * 50 < pairs { return (.utf16LE, 0) }
            if evenZeros * 5 >= pairs && oddZeros * 50 < pairs { return (.utf16BE, 0) }
        }
        if isValidUTF8(prefix, allowTruncatedEnd: !isWholeFile) { return (.utf8, 0) }
        // The share of valid characters is clear from the first 256 KiB; a
        // sequence cut short by the end of the whole file is an invalid byte too.
        let counted = UnsafeBufferPointer(rebasing: prefix.prefix(1 << 18))
        let (valid, invalid) = utf8Counts(counted, endIsFileEnd: isWholeFile && counted.count == prefix.count)
        return (valid >= 10 * invalid ? .utf8 : .windows1251, 0)
    }

    /// Valid multi-byte UTF-8 characters and invalid bytes in `bytes`.
    /// - Parameter endIsFileEnd: whether `bytes` end where the file does, so
    ///   that a sequence cut short there is invalid (not the start of one
    ///   that goes on past the bytes looked at).
    static func utf8Counts(_ bytes: UnsafeBufferPointer<UInt8>, endIsFileEnd: Bool = false) -> (valid: Int, invalid: Int) {
        var valid = 0, invalid = 0, i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if length == 0 || i + length > n || (1..<length).contains(where: { bytes[i + $0] & 0xC0 != 0x80 }) {
                if i + length <= n || length == 0 || endIsFileEnd { invalid += 1 }
                i += 1
                continue
            }
            valid += 1
            i += length
        }
        return (valid, invalid)
    }

    /// Why the first bytes (up to 256 KiB) of a file cannot be an answer sheet in `encoding`,
    /// if they cannot: a spreadsheet workbook or PDF instead of a CSV file,
    /// binary data (NUL bytes), or bytes that are neither UTF-8 nor plausible
    /// Windows-1251 (more than 1 in 20 of its non-ASCII and control bytes are
    /// neither Cyrillic letters nor the punctuation Russian texts use).
    /// - Returns: the line of the first offending byte and the message.
    static func problem(in prefix: UnsafeBufferPointer<UInt8>, encoding: SheetEncoding) -> (line: Int, message: Message)? {
        func starts(with signature: [UInt8]) -> Bool {
            prefix.count >= signature.count && zip(prefix, signature).allSatisfy { $0 == $1 }
        }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return (1, Message(
                en: "this is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file; open it and save it as «CSV UTF-8» or «CSV (разделители — точка с запятой)»",
                ru: "это книга электронной таблицы (.xlsx, .xls или .ods), а не файл CSV; откройте её и сохраните как «CSV UTF-8» или «CSV (разделители — точка с запятой)»"))
        }
        if starts(with: Array("%PDF".utf8)) {
            return (1, Message(en: "this is a PDF document, not a CSV file; export the answers from the program that made it as CSV",
                               ru: "это документ PDF, а не файл CSV; выгрузите ответы в CSV из программы, которая его создала"))
        }
        guard encoding != .utf16LE && encoding != .utf16BE else { return nil }
        // The first 256 KiB tell binary data or a wrong encoding.
        let prefix = UnsafeBufferPointer(rebasing: prefix.prefix(1 << 18))
        func line(at offset: Int) -> Int { 1 + prefix[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        var nulCount = 0, firstNul = -1
        for (offset, byte) in prefix.enumerated() where byte == 0 {
            nulCount += 1
            if firstNul < 0 { firstNul = offset }
        }
        if nulCount >= 2 && nulCount * 100 >= prefix.count {
            return (line(at: firstNul), Message(
                en: "the file contains NUL bytes (\(nulCount) in its first \(prefix.count) bytes): it is binary data, not a text table; save the answers as CSV",
                ru: "в файле есть нулевые байты (\(nulCount) в первых \(prefix.count) байтах): это двоичные данные, а не текстовая таблица; сохраните ответы в CSV"))
        }
        guard encoding == .windows1251 else { return nil }
        var considered = 0, implausible = 0, firstImplausible = -1
        for (offset, byte) in prefix.enumerated() {
            let isControl = byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F
            guard byte >= 0x80 || isControl else { continue }
            considered += 1
            if isControl || isImplausibleWindows1251(byte) {
                implausible += 1
                if firstImplausible < 0 { firstImplausible = offset }
            }
        }
        guard implausible >= 8, implausible * 20 >= considered else { return nil }
        return (line(at: firstImplausible), Message(
            en: "the file is neither UTF-8 nor Windows-1251: \(implausible) of its first \(considered) non-ASCII or control bytes are not letters or punctuation in either (the first on this line); save it as «CSV UTF-8» or «CSV (разделители — точка с запятой)»",
            ru: "файл не в UTF-8 и не в Windows-1251: \(implausible) из первых \(considered) байтов вне ASCII или управляющих не являются ни буквами, ни знаками препинания ни в одной из них (первый — в этой строке); сохраните его как «CSV UTF-8» или «CSV (разделители — точка с запятой)»"))
    }

    /// Whether a Windows-1251 byte is one that Cyrillic texts practically never contain:
    /// ‚ † ‡ € ‰ ‹ • (unassigned 0x98) ™ › ¤ ¦ © ¬ soft hyphen ® µ ¶ ·.
    @inline(__always)
    static func isImplausibleWindows1251(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x82, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x95, 0x98, 0x99, 0x9B, 0xA4, 0xA6, 0xA9, 0xAC, 0xAD, 0xAE, 0xB5, 0xB6, 0xB7: true
        default: false
        }
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
