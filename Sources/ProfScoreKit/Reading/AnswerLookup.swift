/// Resolves the cells of one answer format to option indices, built once per
/// instrument.
struct AnswerLookup: Sendable {
    /// Normalised spelling → option index.
    private var table: [[UInt8]: Int] = [:]
    /// Normalised spellings that mean "no answer" (``AnswerFormat/noAnswerTokens``).
    private var noAnswer: Set<[UInt8]> = []
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
        for token in format.noAnswerTokens {
            let key = TokenNormalizer.normalize(token)
            if table[key] == nil && !key.isEmpty { noAnswer.insert(key) }
        }
    }

    /// What a normalised cell of this format means — the one rule for every
    /// way a cell is read: the option it selects, ``ScoringPlan/missing``
    /// when it is empty or says "no answer", ``ScoringPlan/unreadable`` otherwise.
    @inline(__always)
    func code(normalized: [UInt8]) -> Int32 {
        if normalized.isEmpty { return ScoringPlan.missing }
        if let option = table[normalized] { return Int32(option) }
        if noAnswer.contains(normalized) { return ScoringPlan.missing }
        if let option = labelledOption(normalized) { return Int32(option) }
        return ScoringPlan.unreadable
    }

    /// An answer as online forms write it: an option's code or spelling, then
    /// `)` or `.`, then the option's wording (`а) Ухаживать за животными`,
    /// `1. Очень не нравится`). After `.` comes a space or nothing, so that
    /// `0.5` is not read as `0`.
    private func labelledOption(_ normalized: [UInt8]) -> Int? {
        guard let mark = normalized.firstIndex(where: { $0 == 0x29 || $0 == 0x2E }), mark > 0 else { return nil }
        if normalized[mark] == 0x2E && mark + 1 < normalized.count && normalized[mark + 1] != 0x20 { return nil }
        var end = mark
        if normalized[end - 1] == 0x20 { end -= 1 }
        return table[Array(normalized[..<end])]
    }

    /// The option a spelling selects, if any.
    func option(for spelling: String) -> Int? {
        table[TokenNormalizer.normalize(spelling)]
    }
}
