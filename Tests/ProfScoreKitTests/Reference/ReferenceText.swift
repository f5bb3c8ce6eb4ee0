// The reference scorer (test oracle), part 2: normalisation of answers and
// headers, and decoding the bytes of a sheet (docs/answer-sheets.md,
// "Encodings"; docs/instrument-format.md, "How cells are read").
import Foundation

/// The encodings of docs/answer-sheets.md.
enum RefEncoding: String, Sendable {
    case utf8, utf8BOM, utf16LE, utf16BE, windows1251
}

enum RefText {
    /// A decoded text unit: a Unicode scalar value, or (≥ `invalidBase`) a
    /// unit that is not valid text in the detected encoding.
    static let invalidBase: UInt32 = 0x11_0000


    /// Normalises a cell, a code, a token or a header (instrument-format.md,
    /// "How cells are read"): surrounding spaces (also no-break spaces) removed,
    /// inner runs of spaces become one, case ignored, ё is е, Cyrillic
    /// look-alikes read as Latin, hyphen/minus/en dash/em dash are `-`.
    static func normalize(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.value {
            // The spaces the docs list: tab, line breaks, no-break, figure,
            // narrow no-break, thin, hair, ideographic, zero-width, BOM.
            case 0x09, 0x0A, 0x0D, 0x00A0, 0x2007, 0x202F, 0x2009, 0x200A, 0x3000, 0x200B, 0xFEFF: scalars.append(" ")
            case 0x0451: scalars.append("e")          // ё → е → e
            case 0x0430: scalars.append("a")
            case 0x0435: scalars.append("e")
            case 0x043A: scalars.append("k")
            case 0x043E: scalars.append("o")
            case 0x0440: scalars.append("p")
            case 0x0441: scalars.append("c")
            case 0x0443: scalars.append("y")
            case 0x0445: scalars.append("x")
            // The dashes the docs list, and the full-width plus.
            case 0x2010...0x2015, 0x2212, 0xFE63, 0xFF0D: scalars.append("-")
            case 0xFF0B: scalars.append("+")
            default: scalars.append(scalar)
            }
        }
        // Trim and collapse runs of spaces.
        var out = ""
        var pendingSpace = false
        for scalar in scalars {
            if scalar == " " {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    // MARK: - Decoding

    /// The result of reading the bytes of a sheet.
    struct Decoded {
        var encoding: RefEncoding?
        /// Why the file is refused (not a sheet at all), if it is.
        var refusal: String?
        var units: [UInt32]
        /// Situations the docs leave open (see the `// Docs:` comments).
        var ambiguities: [String]
        /// Known production bugs this file runs into (the tests name them).
        var knownIssues: [String] = []
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        var ambiguities: [String] = []
        // Workbooks and PDFs. Docs: the signatures are not listed; taken as
        // ZIP (xlsx, ods), OLE (xls) and "%PDF".
        let signatures: [[UInt8]] = [[0x50, 0x4B, 0x03, 0x04], [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Array("%PDF".utf8)]
        for signature in signatures where bytes.starts(with: signature) {
            return Decoded(encoding: nil, refusal: "workbook or PDF", units: [], ambiguities: ["signature"])
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(encoding: .utf8BOM, refusal: nil, units: decodeUTF8(Array(bytes.dropFirst(3))).units, ambiguities: [])
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Decoded(encoding: .utf16LE, refusal: nil, units: decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: true), ambiguities: [])
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(encoding: .utf16BE, refusal: nil, units: decodeUTF16(Array(bytes.dropFirst(2)), littleEndian: false), ambiguities: [])
        }
        let head = Array(bytes.prefix(1 << 20))
        let nuls = head.filter { $0 == 0 }.count
        if nuls > 0 {
            // Docs: "a NUL in every other byte": taken literally — every byte at
            // odd offsets (little-endian) or at even offsets (big-endian) of the
            // first megabyte is NUL, as in a text of ASCII characters only. A
            // UTF-16 text with other characters has no such pattern; what the
            // docs mean for it is open, so any other file with NULs is marked.
            let oddAllNul = stride(from: 1, to: head.count, by: 2).allSatisfy { head[$0] == 0 }
            let evenAllNul = stride(from: 0, to: head.count, by: 2).allSatisfy { head[$0] == 0 }
            if head.count >= 2 && oddAllNul && !evenAllNul {
                return Decoded(encoding: .utf16LE, refusal: nil, units: decodeUTF16(bytes, littleEndian: true), ambiguities: [])
            }
            if head.count >= 2 && evenAllNul && !oddAllNul {
                return Decoded(encoding: .utf16BE, refusal: nil, units: decodeUTF16(bytes, littleEndian: false), ambiguities: [])
            }
            ambiguities.append("nul-bytes")
            if nuls * 100 >= head.count {
                return Decoded(encoding: nil, refusal: "binary", units: [], ambiguities: ambiguities)
            }
        }
        let probe = decodeUTF8(head)
        if probe.invalidBytes == 0 || probe.multiByte >= 10 * probe.invalidBytes {
            return Decoded(encoding: .utf8, refusal: nil, units: decodeUTF8(bytes).units, ambiguities: ambiguities)
        }
        let knownIssues: [String] = []
        // Windows-1251, unless the non-ASCII and control bytes look like
        // something else (CP866). Docs: the parenthesised list is read as the
        // characters that count against Windows-1251; "control bytes" taken as
        // bytes below 0x20 other than tab, CR, LF, and 0x7F. A file within a
        // factor of two of the threshold is marked.
        let odd: Set<UInt8> = [0x82, 0x86, 0x87, 0x88, 0x89, 0x8B, 0x95, 0x99, 0x9B, 0xA4, 0xA6, 0xA9, 0xAC, 0xAE, 0xB5, 0xB6, 0xB7, 0x98]
        var counted = 0, bad = 0
        for byte in head {
            let isControl = (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
            if byte >= 0x80 || isControl {
                counted += 1
                if isControl || odd.contains(byte) { bad += 1 }
            }
        }
        if bad * 40 > counted { ambiguities.append("cp866-heuristic") }
        if bad * 20 > counted {
            return Decoded(encoding: nil, refusal: "neither UTF-8 nor Windows-1251", units: [], ambiguities: ambiguities)
        }
        return Decoded(encoding: .windows1251, refusal: nil, units: bytes.map(windows1251), ambiguities: ambiguities, knownIssues: knownIssues)
    }

    static func decodeUTF8(_ bytes: [UInt8]) -> (units: [UInt32], invalidBytes: Int, multiByte: Int) {
        var units: [UInt32] = []
        units.reserveCapacity(bytes.count)
        var invalid = 0, multi = 0
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            if b0 < 0x80 {
                units.append(UInt32(b0))
                i += 1
                continue
            }
            var length = 0
            var value: UInt32 = 0
            var minimum: UInt32 = 0
            switch b0 {
            case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F); minimum = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F); minimum = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07); minimum = 0x1_0000
            default: length = 0
            }
            var ok = length > 0 && i + length <= bytes.count
            if ok {
                for k in 1..<length {
                    let b = bytes[i + k]
                    if b & 0xC0 != 0x80 { ok = false; break }
                    value = value << 6 | UInt32(b & 0x3F)
                }
            }
            if ok && (value < minimum || value > 0x10_FFFF || (0xD800...0xDFFF).contains(value)) { ok = false }
            if ok {
                units.append(value)
                multi += 1
                i += length
            } else {
                units.append(invalidBase + UInt32(b0))
                invalid += 1
                i += 1
            }
        }
        return (units, invalid, multi)
    }

    static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> [UInt32] {
        var codeUnits: [UInt16] = []
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            codeUnits.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        var units: [UInt32] = []
        var k = 0
        while k < codeUnits.count {
            let u = codeUnits[k]
            if (0xD800...0xDBFF).contains(u), k + 1 < codeUnits.count, (0xDC00...0xDFFF).contains(codeUnits[k + 1]) {
                units.append(0x1_0000 + (UInt32(u - 0xD800) << 10) + UInt32(codeUnits[k + 1] - 0xDC00))
                k += 2
            } else if (0xD800...0xDFFF).contains(u) {
                units.append(invalidBase + UInt32(u & 0xFF))
                k += 1
            } else {
                units.append(UInt32(u))
                k += 1
            }
        }
        if bytes.count % 2 == 1 { units.append(invalidBase + UInt32(bytes[bytes.count - 1])) }
        return units
    }

    /// Windows-1251, byte by byte (0x98 is unassigned: not valid text).
    static func windows1251(_ byte: UInt8) -> UInt32 {
        if byte < 0x80 { return UInt32(byte) }
        if byte >= 0xC0 { return 0x0410 + UInt32(byte - 0xC0) }
        let high: [UInt32] = [
            0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
            0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFF_FFFF, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
            0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
            0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
        ]
        let value = high[Int(byte - 0x80)]
        return value == 0xFFFF_FFFF ? invalidBase + UInt32(byte) : value
    }

    /// The string of some units, or nil when one is not valid text.
    static func string(_ units: ArraySlice<UInt32>) -> String? {
        var out = ""
        for unit in units {
            guard unit < invalidBase, let scalar = Unicode.Scalar(unit) else { return nil }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
