/// Scales whose items score different scales by the option chosen
/// (forced choice, as in Klimov's ДДО): their scores are ipsative.
enum ForcedChoice {
    /// Indices of the scales that share an option-keyed item with another
    /// scale through a different option of it.
    static func scales(of instrument: Instrument) -> Set<Int> {
        // item → (option → scales)
        var byItem: [Int: [Int: Set<Int>]] = [:]
        for (scaleIndex, scale) in instrument.scales.enumerated() {
            for entry in scale.key {
                if case .option(let option, _) = entry.scoring { byItem[entry.item, default: [:]][option, default: []].insert(scaleIndex) }
            }
        }
        var result = Set<Int>()
        for options in byItem.values where options.count > 1 {
            let involved = options.values.reduce(into: Set<Int>()) { $0.formUnion($1) }
            // Different options of one item score different scales.
            for (option, scalesOfOption) in options {
                for (other, scalesOfOther) in options where other != option {
                    if !scalesOfOption.isSubset(of: scalesOfOther) || !scalesOfOther.isSubset(of: scalesOfOption) {
                        result.formUnion(involved)
                    }
                }
            }
        }
        return result
    }
}
