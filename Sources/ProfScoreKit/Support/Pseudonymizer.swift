/// Replaces respondent ids and names with stable keyed codes, so that scored
/// data can leave the school without names and the same student still gets
/// the same code next year (with the same key). Which columns are coded,
/// kept or emptied: ``classify(columns:keeping:)``.
///
/// The construction (also in `docs/privacy.md`):
///
/// 1. The value is normalised as answer cells are (surrounding spaces
///    removed, inner runs of spaces made one, case folded, `ё` → `е`,
///    Cyrillic look-alikes → Latin letters, dashes → `-`), so `Иванов  Иван`
///    and `иванов иван` get the same code.
/// 2. `mac = HMAC-SHA-256(key, "profscore-pseudonym-v1" ‖ 0x00 ‖ normalised UTF-8)`.
/// 3. The first 80 bits of `mac` are written as 16 characters of Crockford's
///    base32 (`0-9 A-Z` without `I L O U`), in four groups of four joined by
///    `-`: `7KQ2-M9XD-4H1B-ZR0C`.
///
/// An empty cell stays empty. The key is the bytes of the key file, with
/// trailing spaces and line breaks removed; at least 16 bytes.
public struct Pseudonymizer: Sendable {
    /// The shortest key accepted, in bytes.
    public static let minimumKeyLength = 16
    /// Prefix hashed before every value (domain separation and versioning).
    static let context: [UInt8] = Array("profscore-pseudonym-v1".utf8) + [0]
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The key's hash states, prepared once: a key file of megabytes costs
    /// its hashing once, not once per value.
    private let key: HMACSHA256.Key

    /// Creates a pseudonymizer from a key.
    /// - Returns: `nil` when the key is shorter than ``minimumKeyLength`` bytes.
    public init?(key: [UInt8]) {
        var key = key
        while let last = key.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { key.removeLast() }
        guard key.count >= Self.minimumKeyLength else { return nil }
        self.key = HMACSHA256.Key(key)
    }

    /// The code of a value; an empty (or blank) value stays empty.
    public func code(for value: String) -> String {
        let normalized = TokenNormalizer.normalize(value)
        if normalized.isEmpty { return "" }
        let mac = key.authenticationCode(for: Self.context + normalized)
        // 80 bits = 16 groups of 5 bits, most significant first.
        var bits: UInt64 = 0, bitCount = 0
        var characters: [UInt8] = []
        for byte in mac.prefix(10) {
            bits = bits << 8 | UInt64(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                characters.append(Self.alphabet[Int((bits >> UInt64(bitCount)) & 0x1F)])
                if characters.count % 5 == 4 && characters.count < 19 { characters.append(0x2D) }
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
