extension Scale {
    /// What each option of an item contributes to this scale (0 for options the key does not name).
    /// - Returns: item index → contribution per option, for the items in the key.
    func contributions(items: [Item], formats: [AnswerFormat]) -> [Int: [Double]] {
        var result: [Int: [Double]] = [:]
        for entry in key {
            let format = formats[items[entry.item].format]
            var perOption = result[entry.item] ?? Array(repeating: 0, count: format.options.count)
            switch entry.scoring {
            case .option(let option, let points):
                perOption[option] += points
            case .value(let reversed):
                let bounds = format.valueBounds ?? 0...0
                for (index, option) in format.options.enumerated() {
                    let value = option.value ?? 0
                    perOption[index] += reversed ? bounds.lowerBound + bounds.upperBound - value : value
                }
            }
            result[entry.item] = perOption
        }
        return result
    }

    /// The lowest and highest score a complete answer sheet can give.
    func possibleRange(items: [Item], formats: [AnswerFormat]) -> ClosedRange<Double> {
        let perItem = contributions(items: items, formats: formats)
        var low = 0.0, high = 0.0
        for options in perItem.values {
            low += options.min() ?? 0
            high += options.max() ?? 0
        }
        if combine == .mean, !perItem.isEmpty {
            low /= Double(perItem.count)
            high /= Double(perItem.count)
        }
        return low...high
    }

    /// Whether every possible score is a whole number: a sum without
    /// prorating whose contributions are all whole.
    func isIntegerValued(items: [Item], formats: [AnswerFormat]) -> Bool {
        guard combine == .sum, !missing.prorate else { return false }
        return contributions(items: items, formats: formats).values.allSatisfy { $0.allSatisfy { $0 == $0.rounded() } }
    }
}
