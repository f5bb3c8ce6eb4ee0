/// Resolves the cells of one answer format to option indices, built once per
/// instrument.
struct AnswerLookup: Sendable {
    /// Normalised spelling → option index.
    private var table: [[UInt8]: Int] = [:]
    /// Spellings that two options share after normalisation.
    private(set) var collisions: [(spelling: String, first: Int, second: Int)] = []

    init(format: AnswerFormat) {
        for (index, option) in format.options.enumerated() {
            for spelling in [option.code] + option.tokens {
                let key = TokenNormalizer.normalize(spelling)
                if let existing = table[key] {
                    if existing != index { collisions.append((spelling, existing, index)) }
                } else {
                    table[key] = index
                }
            }
        }
    }

    /// The option a normalised cell selects, if any.
    @inline(__always)
    func option(normalized: [UInt8]) -> Int? {
        table[normalized]
    }

    /// The option a spelling selects, if any.
    func option(for spelling: String) -> Int? {
        table[TokenNormalizer.normalize(spelling)]
    }
}
