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
    /// The plan's tables for the per-row loop.
    let tables: PlanTables
    let lookups: [AnswerLookup]
    /// Per item: the index of its lookup in `lookups`.
    let itemLookup: [Int]
    /// Normalised item id → item index, for matching sheet headers.
    let itemIndexByKey: [[UInt8]: Int]

    /// Compiles an instrument for scoring.
    public init(instrument: Instrument) {
        self.instrument = instrument
        plan = ScoringPlan(instrument)
        tables = PlanTables(plan)
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
    func score(codes: [Int32]) -> RespondentScore {
        var result = emptyScore()
        var workspace = ScoreWorkspace(scorer: self)
        score(codes: codes, into: &result, workspace: &workspace)
        return result
    }

    /// A result shaped for this instrument, to be filled by ``score(codes:into:workspace:)``.
    func emptyScore() -> RespondentScore {
        let count = plan.scaleCount
        return RespondentScore(
            scores: Array(repeating: nil, count: count), levels: Array(repeating: nil, count: count),
            missing: Array(repeating: 0, count: count), categories: [], leadingState: .notApplicable,
            leadingTypes: [], hollandCode: nil, flags: [])
    }

    /// Scores one respondent into reused storage: no allocation per row
    /// (except the Holland code's string on RIASEC instruments).
    /// - Complexity: O(items + scales).
    func score(codes: [Int32], into result: inout RespondentScore, workspace: inout ScoreWorkspace) {
        let scaleCount = plan.scaleCount
        for index in 0..<scaleCount {
            workspace.sums[index] = 0
            workspace.answered[index] = 0
            workspace.unreadable[index] = false
            result.missing[index] = 0
            result.scores[index] = nil
            result.levels[index] = nil
        }
        var flags: QualityFlags = []
        var anyAnswered = false
        var firstLikert: Int32 = -1
        var likertAnswered = 0
        var likertSame = true

        let t = tables
        let itemCount = plan.itemCount
        codes.withUnsafeBufferPointer { codes in
        result.missing.withUnsafeMutableBufferPointer { missing in
        workspace.answered.withUnsafeMutableBufferPointer { answered in
        workspace.sums.withUnsafeMutableBufferPointer { sums in
        workspace.unreadable.withUnsafeMutableBufferPointer { unreadable in
            for item in 0..<itemCount {
                let typed = codes[item]
                var code = typed
                if code == ScoringPlan.missing {
                    code = t.blankOption[item]
                } else {
                    anyAnswered = true
                }
                let first = Int(t.memberStart[item]), last = Int(t.memberStart[item + 1])
                if code == ScoringPlan.missing {
                    for m in first..<last { missing[Int(t.memberScale[m])] += 1 }
                    continue
                }
                if code == ScoringPlan.unreadable {
                    flags.insert(.unreadable)
                    for m in first..<last { unreadable[Int(t.memberScale[m])] = true }
                    continue
                }
                if t.isLikert[item] && typed >= 0 {
                    if likertAnswered == 0 { firstLikert = code } else if code != firstLikert { likertSame = false }
                    likertAnswered += 1
                }
                for m in first..<last { answered[Int(t.memberScale[m])] += 1 }
                let slot = Int(t.optionBase[item]) + Int(code)
                for c in Int(t.contributionStart[slot])..<Int(t.contributionStart[slot + 1]) {
                    sums[Int(t.contributionScale[c])] += t.contributionPoints[c]
                }
            }
        }}}}}

        if !anyAnswered {
            flags.insert(.blank)
        } else {
            for index in 0..<scaleCount {
                if workspace.unreadable[index] { continue }
                let answered = workspace.answered[index]
                if result.missing[index] > plan.maxMissing[index] || answered == 0 {
                    flags.insert(.tooManyMissing)
                    continue
                }
                var value = workspace.sums[index]
                if plan.isMean[index] {
                    value /= Double(answered)
                } else if plan.prorate[index] && result.missing[index] > 0 {
                    value = value * Double(plan.scaleItemCount[index]) / Double(answered)
                }
                result.scores[index] = value
                result.levels[index] = plan.levelIndex(scale: index, score: value)
            }
        }
        if likertSame && likertAnswered >= 5 { flags.insert(.sameAnswer) }

        leadingType(into: &result, flags: &flags)
        result.categories.removeAll(keepingCapacity: true)
        if result.leadingState == .types, let profiles = instrument.profiles {
            for index in workspace.categorySeen.indices { workspace.categorySeen[index] = false }
            for type in result.leadingTypes {
                for category in profiles.categoriesOfScale[type] ?? [] { workspace.categorySeen[category] = true }
            }
            for index in workspace.categorySeen.indices where workspace.categorySeen[index] { result.categories.append(index) }
        }
        result.hollandCode = nil
        if let rule = instrument.leadingType, rule.hollandCode, !flags.contains(.incomplete), !flags.contains(.blank) {
            result.hollandCode = hollandCode(scores: result.scores, rule: rule, flags: &flags)
        }
        result.flags = flags
    }

    private func leadingType(into result: inout RespondentScore, flags: inout QualityFlags) {
        result.leadingTypes.removeAll(keepingCapacity: true)
        guard let rule = instrument.leadingType else {
            result.leadingState = .notApplicable
            return
        }
        var best = -Double.infinity
        for index in rule.scales {
            guard let score = result.scores[index] else {
                flags.insert(.incomplete)
                result.leadingState = .undetermined
                return
            }
            best = max(best, score)
        }
        if let minimum = rule.minimum, best < minimum - Self.tolerance {
            result.leadingState = .noPronouncedInterest
            return
        }
        for index in rule.scales where abs(result.scores[index]! - best) <= Self.tolerance { result.leadingTypes.append(index) }
        if result.leadingTypes.count > 1 { flags.insert(.tie) }
        result.leadingState = .types
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

/// Scratch storage for scoring one row, reused from row to row.
struct ScoreWorkspace {
    var sums: [Double]
    var answered: [Int]
    var unreadable: [Bool]
    var categorySeen: [Bool]

    init(scorer: Scorer) {
        let count = scorer.plan.scaleCount
        sums = Array(repeating: 0, count: count)
        answered = Array(repeating: 0, count: count)
        unreadable = Array(repeating: false, count: count)
        categorySeen = Array(repeating: false, count: scorer.instrument.profiles?.categories.count ?? 0)
    }
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
