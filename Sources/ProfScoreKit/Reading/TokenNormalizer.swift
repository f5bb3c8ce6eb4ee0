/// Normalises an answer cell or an item id so that the spellings schools
/// actually type compare equal.
///
/// The rules, in order: surrounding white space (also no-break spaces) is
/// removed and inner runs of it become one space; letters are lower-cased
/// (Latin and Cyrillic); `ё` becomes `е`; the Cyrillic letters that look like
/// Latin ones (`а е о р с у х к`, after lower-casing) become those Latin
/// letters; the hyphen, non-breaking hyphen, figure dash, en and em dashes,
/// minus sign and full-width hyphen become `-`; the full-width plus becomes `+`.
enum TokenNormalizer {
    /// Normalises UTF-8 bytes into `output` (cleared first).
    /// - Returns: `false` if the bytes are not valid UTF-8.
    /// - Complexity: O(n) in the number of bytes, no allocation once `output`
    ///   has grown to the longest cell.
    @inline(__always)
    static func normalize(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        var pendingSpace = false
        var i = 0
        let n = input.count
        while i < n {
            let b0 = input[i]
            var scalar: UInt32
            if b0 < 0x80 {
                scalar = UInt32(b0); i += 1
            } else if b0 & 0xE0 == 0xC0, i + 1 < n, input[i + 1] & 0xC0 == 0x80, b0 >= 0xC2 {
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(input[i + 1] & 0x3F); i += 2
            } else if b0 & 0xF0 == 0xE0, i + 2 < n, input[i + 1] & 0xC0 == 0x80, input[i + 2] & 0xC0 == 0x80 {
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(input[i + 1] & 0x3F) << 6 | UInt32(input[i + 2] & 0x3F)
                if scalar < 0x800 || (0xD800...0xDFFF).contains(scalar) { return false }
                i += 3
            } else if b0 & 0xF8 == 0xF0, i + 3 < n, input[i + 1] & 0xC0 == 0x80, input[i + 2] & 0xC0 == 0x80, input[i + 3] & 0xC0 == 0x80 {
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(input[i + 1] & 0x3F) << 12 | UInt32(input[i + 2] & 0x3F) << 6 | UInt32(input[i + 3] & 0x3F)
                if scalar < 0x10000 || scalar > 0x10FFFF { return false }
                i += 4
            } else {
                return false
            }
            scalar = fold(scalar)
            if scalar == 0x20 {
                pendingSpace = !output.isEmpty
                continue
            }
            if pendingSpace { output.append(0x20); pendingSpace = false }
            appendUTF8(scalar, to: &output)
        }
        return true
    }

    /// Normalises a string (for item ids, codes and tokens of an instrument).
    static func normalize(_ string: String) -> [UInt8] {
        var output: [UInt8] = []
        var utf8 = Array(string.utf8)
        _ = utf8.withUnsafeMutableBufferPointer { buffer in
            normalize(UnsafeBufferPointer(buffer), into: &output)
        }
        return output
    }

    /// Maps one scalar; white space maps to 0x20.
    @inline(__always)
    private static func fold(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0x41...0x5A: return scalar + 0x20
        case 0x09, 0x0A, 0x0D, 0xA0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000: return 0x20
        case 0x0401, 0x0451: return 0x65  // Ё, ё → e (ё → е, which looks like e)
        case 0x0410...0x042F: return fold(scalar + 0x20)
        case 0x0430: return 0x61  // а → a
        case 0x0435: return 0x65  // е → e
        case 0x043A: return 0x6B  // к → k
        case 0x043E: return 0x6F  // о → o
        case 0x0440: return 0x70  // р → p
        case 0x0441: return 0x63  // с → c
        case 0x0443: return 0x79  // у → y
        case 0x0445: return 0x78  // х → x
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE63, 0xFF0D: return 0x2D
        case 0xFF0B: return 0x2B
        case 0xFEFF, 0x200B: return 0x20  // stray BOM or zero-width space: treat as space
        default: return scalar
        }
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        if scalar < 0x80 {
            output.append(UInt8(scalar))
        } else if scalar < 0x800 {
            output.append(UInt8(0xC0 | (scalar >> 6)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            output.append(UInt8(0xE0 | (scalar >> 12)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        } else {
            output.append(UInt8(0xF0 | (scalar >> 18)))
            output.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
