/// Writes CSV cells: quoted when needed, and safe to open in Excel.
enum CSVCell {
    /// Appends a text cell. A text that Excel would run as a formula (starting
    /// with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`,
    /// unless it is a plain number, which stays a number, or a lone `-` or `+`.
    static func appendText<Out: ByteAppending>(_ text: String, delimiter: UInt8, to out: inout Out) {
        // Most cells (ids, class names) are plain: looked at and copied in one go from the string's bytes.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first else { return true }
            if startsFormula(first) { return false }
            for byte in bytes where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
        var utf8 = text.utf8
        guard let first = utf8.first else { return }
        var needsQuotes = false
        for byte in utf8 where byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        let neutralise = startsFormula(first) && !isPlainNumber(text) && text != "-" && text != "+"
        if !needsQuotes && !neutralise {
            for byte in utf8 { out.append(byte) }
            return
        }
        var value = text
        if neutralise { value = "'" + value }
        utf8 = value.utf8
        guard needsQuotes else {
            for byte in utf8 { out.append(byte) }
            return
        }
        out.append(0x22)
        for byte in utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    /// Whether a text starting with this byte may be run by Excel as a formula.
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }

    /// Appends a whole number's digits.
    static func appendInteger<Out: ByteAppending>(_ value: Int, to out: inout Out) {
        // At most 20 digits and a sign, made right to left in a fixed buffer and appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = 0x2D
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[start...]).assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Appends a number written with `precision` (``ScoreFormatting/text(_:precision:)``),
    /// with a decimal comma when asked (Russian Excel).
    static func appendNumber<Out: ByteAppending>(_ value: Double, decimalComma: Bool, precision: ScorePrecision = .fourDecimals,
                                                 to out: inout Out) {
        if abs(value) < 1e15, Double(Int(value)) == value {
            appendInteger(Int(value), to: &out)
            return
        }
        for byte in ScoreFormatting.text(value, precision: precision).utf8 {
            out.append(decimalComma && byte == 0x2E ? 0x2C : byte)
        }
    }

    /// Whether a text is a plain decimal number such as `-3` or `-2.5`.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = 0, dots = 0
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case 0x30...0x39: digits += 1
            case 0x2E, 0x2C: dots += 1
            case 0x2D where index == 0, 0x2B where index == 0: continue
            default: return false
            }
        }
        return digits > 0 && dots <= 1
    }
}
