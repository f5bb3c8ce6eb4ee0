/// Writes CSV cells: quoted when needed, and safe to open in Excel.
enum CSVCell {
    /// Appends a text cell. A text that Excel would run as a formula (starting
    /// with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`,
    /// unless it is a plain number, which stays a number, or a lone `-` or `+`.
    static func appendText(_ text: String, delimiter: UInt8, to out: inout [UInt8]) {
        var value = text
        if let first = value.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first),
           !isPlainNumber(value), value != "-", value != "+" {
            value = "'" + value
        }
        let needsQuotes = value.utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if needsQuotes {
            out.append(0x22)
            for byte in value.utf8 {
                if byte == 0x22 { out.append(0x22) }
                out.append(byte)
            }
            out.append(0x22)
        } else {
            out.append(contentsOf: value.utf8)
        }
    }

    /// Appends a number, with a decimal comma when asked (Russian Excel).
    static func appendNumber(_ value: Double, decimalComma: Bool, to out: inout [UInt8]) {
        for byte in ScoreFormatting.plain(value).utf8 {
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
