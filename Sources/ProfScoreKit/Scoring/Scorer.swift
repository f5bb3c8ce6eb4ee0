/// Scores answer sheets with one instrument.
///
/// ```swift
/// let instrument = try Instrument.bundled("klimov-ddo")
/// let scorer = Scorer(instrument: instrument)
/// let result = scorer.score(answers: ["1": "а", "2": "b", /* … */])
/// ```
public struct Scorer: Sendable {
    /// The instrument this scorer applies.
    public let instrument: Instrument
    let plan: ScoringPlan
    let lookups: [AnswerLookup]
    /// Per item: the index of its lookup in `lookups`.
    let itemLookup: [Int]
    /// Normalised item id → item index, for matching sheet headers.
    let itemIndexByKey: [[UInt8]: Int]

    /// Compiles an instrument for scoring.
    public init(instrument: Instrument) {
        self.instrument = instrument
        plan = ScoringPlan(instrument)
        lookups = instrument.answerFormats.map(AnswerLookup.init)
        itemLookup = instrument.items.map(\.format)
        var byKey: [[UInt8]: Int] = [:]
        for (index, item) in instrument.items.enumerated() { byKey[TokenNormalizer.normalize(item.id)] = index }
        itemIndexByKey = byKey
    }

    /// Scores one respondent's answers.
    /// - Parameter answers: item id (matched as sheet headers are) → answer as
    ///   typed on the sheet (any accepted spelling). Items not given, and empty
    ///   answers, are missing; an answer
    ///   that matches no option makes the item's scales invalid.
    /// - Returns: the scores, levels, leading type and flags.
    public func score(answers: [String: String]) -> RespondentScore {
        var codes = [Int32](repeating: ScoringPlan.missing, count: plan.itemCount)
        for (itemID, typed) in answers {
            // Item ids match as sheet headers do: after normalisation.
            guard let index = itemIndexByKey[TokenNormalizer.normalize(itemID)] else { continue }
            let normalized = TokenNormalizer.normalize(typed)
            if normalized.isEmpty { continue }
            codes[index] = lookups[itemLookup[index]].option(normalized: normalized).map(Int32.init) ?? ScoringPlan.unreadable
        }
        return score(codes: codes)
    }

    /// Scores one respondent from option indices (`ScoringPlan.missing`,
    /// `ScoringPlan.unreadable` for cells without a usable answer).
    /// - Complexity: O(items + scales).
    func score(codes: [Int32]) -> RespondentScore {
        let scaleCount = plan.scaleCount
        var sums = [Double](repeating: 0, count: scaleCount)
        var answered = [Int](repeating: 0, count: scaleCount)
        var missing = [Int](repeating: 0, count: scaleCount)
        var unreadableScale = [Bool](repeating: false, count: scaleCount)
        var flags: QualityFlags = []
        var anyAnswered = false
        var firstLikert: Int32 = -1
        var likertAnswered = 0
        var likertSame = true

        for item in 0..<plan.itemCount {
            var code = codes[item]
            if code == ScoringPlan.missing {
                code = plan.blankOption[item]
            } else {
                anyAnswered = true
            }
            let members = plan.memberStart[item]..<plan.memberStart[item + 1]
            if code == ScoringPlan.missing {
                for m in members { missing[plan.memberScale[m]] += 1 }
                continue
            }
            if code == ScoringPlan.unreadable {
                flags.insert(.unreadable)
                for m in members { unreadableScale[plan.memberScale[m]] = true }
                continue
            }
            if plan.isLikert[item] && codes[item] >= 0 {
                if likertAnswered == 0 { firstLikert = code } else if code != firstLikert { likertSame = false }
                likertAnswered += 1
            }
            for m in members { answered[plan.memberScale[m]] += 1 }
            let slot = plan.optionBase[item] + Int(code)
            for c in plan.contributionStart[slot]..<plan.contributionStart[slot + 1] {
                sums[plan.contributionScale[c]] += plan.contributionPoints[c]
            }
        }

        var scores = [Double?](repeating: nil, count: scaleCount)
        var levels = [Int?](repeating: nil, count: scaleCount)
        if !anyAnswered {
            flags.insert(.blank)
        } else {
            for (index, scale) in instrument.scales.enumerated() {
                if unreadableScale[index] { continue }
                if missing[index] > scale.missing.maxMissing || answered[index] == 0 {
                    flags.insert(.tooManyMissing)
                    continue
                }
                var value = sums[index]
                switch scale.combine {
                case .mean:
                    value /= Double(answered[index])
                case .sum where scale.missing.prorate && missing[index] > 0:
                    value = value * Double(plan.scaleItemCount[index]) / Double(answered[index])
                case .sum:
                    break
                }
                scores[index] = value
                levels[index] = scale.levelIndex(of: value)
            }
        }
        if likertSame && likertAnswered >= 5 { flags.insert(.sameAnswer) }

        let leading = leadingType(scores: scores, flags: &flags)
        var categories: [Int] = []
        if case .types(let types) = leading, let profiles = instrument.profiles {
            categories = Set(types.flatMap { profiles.categoriesOfScale[$0] ?? [] }).sorted()
        }
        var holland: String?
        if let rule = instrument.leadingType, rule.hollandCode, !flags.contains(.incomplete), !flags.contains(.blank) {
            holland = hollandCode(scores: scores, rule: rule, flags: &flags)
        }
        return RespondentScore(
            scores: scores, levels: levels, missing: missing, leading: leading,
            categories: categories, hollandCode: holland, flags: flags)
    }

    private func leadingType(scores: [Double?], flags: inout QualityFlags) -> RespondentScore.Leading {
        guard let rule = instrument.leadingType else { return .notApplicable }
        var best = -Double.infinity
        for index in rule.scales {
            guard let score = scores[index] else {
                flags.insert(.incomplete)
                return .undetermined
            }
            best = max(best, score)
        }
        if let minimum = rule.minimum, best < minimum - Self.tolerance { return .noPronouncedInterest }
        let tied = rule.scales.filter { abs(scores[$0]! - best) <= Self.tolerance }
        if tied.count > 1 { flags.insert(.tie) }
        return .types(tied)
    }

    /// Letters of the three highest compared scales; tied letters that the
    /// code needs are bracketed in the order of the rule's scales.
    private func hollandCode(scores: [Double?], rule: LeadingTypeRule, flags: inout QualityFlags) -> String {
        // Stable sort: equal scores keep the rule's order.
        let ordered = rule.scales.enumerated()
            .sorted { lhs, rhs in
                let a = scores[lhs.element]!, b = scores[rhs.element]!
                return abs(a - b) > Self.tolerance ? a > b : lhs.offset < rhs.offset
            }
            .map(\.element)
        var code = ""
        var taken = 0
        var position = 0
        while taken < 3 && position < ordered.count {
            let score = scores[ordered[position]]!
            var end = position
            while end < ordered.count && abs(scores[ordered[end]]! - score) <= Self.tolerance { end += 1 }
            let group = ordered[position..<end].map { instrument.scales[$0].letter ?? "?" }
            if group.count == 1 {
                code += group[0]
            } else {
                code += "(" + group.joined() + ")"
                flags.insert(.tie)
            }
            taken += group.count
            position = end
        }
        return code
    }

    static let tolerance = 1e-9
}

extension Scale {
    /// The level a score falls in: the last band whose `from` is not above it.
    func levelIndex(of score: Double) -> Int? {
        guard !levels.isEmpty else { return nil }
        var found: Int?
        for (index, level) in levels.enumerated() where level.from <= score + Scorer.tolerance {
            found = index
        }
        return found ?? 0
    }
}

extension Scorer {
    /// The item whose normalised id this is.
    func itemIndex(normalizedID: [UInt8]) -> Int? {
        itemIndexByKey[normalizedID]
    }

    /// The scales an item belongs to.
    func scalesOfItem(_ item: Int) -> ArraySlice<Int> {
        plan.memberScale[plan.memberStart[item]..<plan.memberStart[item + 1]]
    }
}
