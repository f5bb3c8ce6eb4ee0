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
    /// Per scale: its letter in Holland codes ("?" when it has none).
    let letters: [String]

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
        letters = instrument.scales.map { $0.letter ?? "?" }
    }

    /// Scores one respondent's answers.
    /// - Parameter answers: item id (matched as sheet headers are) → answer as
    ///   typed on the sheet (any accepted spelling). Items not given, and empty
    ///   answers, are missing; an answer
    ///   that matches no option makes the item's scales invalid.
    /// - Returns: the scores, levels, leading type and flags.
    public func score(answers: [String: String]) -> RespondentScore {
        score(codes: codes(answers: answers))
    }

    /// The option index per item of answers given by item id, as a sheet's
    /// cells are read (``AnswerLookup/code(normalized:)``); items not given are missing.
    func codes(answers: [String: String]) -> [Int32] {
        var codes = [Int32](repeating: ScoringPlan.missing, count: plan.itemCount)
        for (itemID, typed) in answers {
            // Item ids match as sheet headers do: after normalisation.
            guard let index = itemIndexByKey[TokenNormalizer.normalize(itemID)] else { continue }
            codes[index] = lookups[itemLookup[index]].code(normalized: TokenNormalizer.normalize(typed))
        }
        return codes
    }

    /// Scores one respondent from option indices (`ScoringPlan.missing`,
    /// `ScoringPlan.unreadable` for cells without a usable answer).
    func score(codes: [Int32]) -> RespondentScore {
        var result = emptyScore()
        score(codes: codes, into: &result, workspace: ScoreWorkspace(scorer: self))
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

    /// Scores one respondent into reused storage: no allocation per row.
    /// - Parameter result: a result made by ``emptyScore()``, overwritten.
    /// - Complexity: O(items + scales).
    func score(codes: [Int32], into result: inout RespondentScore, workspace: ScoreWorkspace) {
        let t = tables
        let scaleCount = plan.scaleCount
        let sums = workspace.sums, missing = workspace.missing
        let unreadable = workspace.unreadable, valid = workspace.valid
        sums.update(repeating: 0, count: scaleCount)
        missing.update(repeating: 0, count: scaleCount)
        unreadable.update(repeating: 0, count: scaleCount)
        var flags: QualityFlags = []
        var anyAnswered = false
        var firstLikert: Int32 = -1
        var likertAnswered = 0
        var likertSame = true

        // Answers → sums, and counts of missing and unreadable items per scale
        // (the answered ones are the scale's other items).
        let hasLikert = plan.likertItemCount > 0
        codes.withUnsafeBufferPointer { codes in
            for item in 0..<codes.count {
                let typed = codes[item]
                var code = typed
                if typed == ScoringPlan.missing {
                    code = t.blankOption[item]
                } else {
                    anyAnswered = true
                }
                if code < 0 {
                    // Missing (and no meaning for a blank), or unreadable: counted per scale of the item.
                    var m = Int(t.memberStart[item])
                    let last = Int(t.memberStart[item + 1])
                    if code == ScoringPlan.missing {
                        while m < last { missing[Int(t.memberScale[m])] += 1; m += 1 }
                    } else {
                        flags.insert(.unreadable)
                        while m < last { unreadable[Int(t.memberScale[m])] += 1; m += 1 }
                    }
                    continue
                }
                if hasLikert && t.isLikert[item] && typed >= 0 {
                    if likertAnswered == 0 { firstLikert = code } else if code != firstLikert { likertSame = false }
                    likertAnswered += 1
                }
                let slot = Int(t.optionBase[item]) + Int(code)
                var c = Int(t.contributionStart[slot])
                let end = Int(t.contributionStart[slot + 1])
                while c < end {
                    sums[Int(t.contributionScale[c])] += t.contributionPoints[c]
                    c += 1
                }
            }
        }

        // Sums → scores and levels, by the scales' missing-answer rules.
        if !anyAnswered { flags.insert(.blank) }
        var tooManyMissing = false
        result.scores.withUnsafeMutableBufferPointer { scores in
        result.levels.withUnsafeMutableBufferPointer { levels in
        result.missing.withUnsafeMutableBufferPointer { missingOut in
            for index in 0..<scaleCount {
                missingOut[index] = Int(missing[index])
                scores[index] = nil
                levels[index] = nil
                valid[index] = false
                guard anyAnswered, unreadable[index] == 0 else { continue }
                let missingCount = Int(missing[index])
                let answeredCount = t.scaleItemCount[index] - Double(missingCount)
                if missingCount > t.maxMissing[index] || answeredCount == 0 {
                    tooManyMissing = true
                    continue
                }
                var value = sums[index]
                if t.isMean[index] {
                    value /= answeredCount
                } else if t.prorate[index] && missingCount > 0 {
                    value = value * t.scaleItemCount[index] / answeredCount
                }
                sums[index] = value
                valid[index] = true
                scores[index] = value
                let levelFirst = Int(t.levelStart[index]), levelEnd = Int(t.levelStart[index + 1])
                if levelFirst < levelEnd {
                    var found = 0
                    for level in levelFirst..<levelEnd where t.levelFrom[level] <= value + Self.tolerance { found = level - levelFirst }
                    levels[index] = found
                }
            }
        }}}
        if tooManyMissing { flags.insert(.tooManyMissing) }
        if likertSame && likertAnswered >= 5 { flags.insert(.sameAnswer) }

        leadingType(into: &result, flags: &flags, workspace: workspace)
        result.categories.removeAll(keepingCapacity: true)
        if result.leadingState == .types && plan.categoryCount > 0 {
            let seen = workspace.categorySeen
            seen.update(repeating: false, count: plan.categoryCount)
            for type in result.leadingTypes {
                for c in Int(t.categoryStart[type])..<Int(t.categoryStart[type + 1]) { seen[Int(t.categoryList[c])] = true }
            }
            for index in 0..<plan.categoryCount where seen[index] { result.categories.append(index) }
        }
        result.hollandCode = nil
        if plan.wantsHollandCode && !flags.contains(.incomplete) && !flags.contains(.blank) {
            result.hollandCode = hollandCode(flags: &flags, workspace: workspace)
        }
        result.flags = flags
    }

    /// The leading type from the compared scales' scores (in `workspace.sums`, valid where `workspace.valid`).
    private func leadingType(into result: inout RespondentScore, flags: inout QualityFlags, workspace: ScoreWorkspace) {
        result.leadingTypes.removeAll(keepingCapacity: true)
        guard plan.hasLeadingRule else {
            result.leadingState = .notApplicable
            return
        }
        let t = tables, sums = workspace.sums, valid = workspace.valid
        var best = -Double.infinity
        for k in 0..<t.leadingScaleCount {
            let index = Int(t.leadingScales[k])
            guard valid[index] else {
                flags.insert(.incomplete)
                result.leadingState = .undetermined
                return
            }
            best = max(best, sums[index])
        }
        if let minimum = plan.leadingMinimum, best < minimum - Self.tolerance {
            result.leadingState = .noPronouncedInterest
            return
        }
        for k in 0..<t.leadingScaleCount {
            let index = Int(t.leadingScales[k])
            if abs(sums[index] - best) <= Self.tolerance { result.leadingTypes.append(index) }
        }
        if result.leadingTypes.count > 1 { flags.insert(.tie) }
        result.leadingState = .types
    }

    /// Letters of the three highest compared scales; tied letters that the
    /// code needs are bracketed in the order of the rule's scales.
    private func hollandCode(flags: inout QualityFlags, workspace: ScoreWorkspace) -> String {
        let t = tables, sums = workspace.sums
        // Insertion sort, stable: equal scores keep the rule's order.
        let ordered = workspace.order
        let count = t.leadingScaleCount
        for k in 0..<count {
            let index = t.leadingScales[k]
            var position = k
            while position > 0 && sums[Int(index)] - sums[Int(ordered[position - 1])] > Self.tolerance {
                ordered[position] = ordered[position - 1]
                position -= 1
            }
            ordered[position] = index
        }
        var code = ""
        var taken = 0
        var position = 0
        while taken < 3 && position < count {
            let score = sums[Int(ordered[position])]
            var end = position
            while end < count && abs(sums[Int(ordered[end])] - score) <= Self.tolerance { end += 1 }
            if end - position == 1 {
                code += letters[Int(ordered[position])]
            } else {
                // Tied letters in the rule's order.
                code += "("
                for k in 0..<count {
                    let index = t.leadingScales[k]
                    if (position..<end).contains(where: { ordered[$0] == index }) { code += letters[Int(index)] }
                }
                code += ")"
                flags.insert(.tie)
            }
            taken += end - position
            position = end
        }
        return code
    }

    static let tolerance = 1e-9
}

/// Scratch storage for scoring one row, reused from row to row; one per thread.
final class ScoreWorkspace {
    let sums: UnsafeMutablePointer<Double>
    /// Per scale: its items without an answer, and those with an unreadable one.
    let missing: UnsafeMutablePointer<Int32>
    let unreadable: UnsafeMutablePointer<Int32>
    /// Per scale: whether it was scored (its score is then in ``sums``).
    let valid: UnsafeMutablePointer<Bool>
    let categorySeen: UnsafeMutablePointer<Bool>
    /// The compared scales by score, for the Holland code.
    let order: UnsafeMutablePointer<Int32>

    init(scorer: Scorer) {
        let count = max(scorer.plan.scaleCount, 1)
        sums = .allocate(capacity: count)
        missing = .allocate(capacity: count)
        unreadable = .allocate(capacity: count)
        valid = .allocate(capacity: count)
        categorySeen = .allocate(capacity: max(scorer.plan.categoryCount, 1))
        order = .allocate(capacity: max(scorer.tables.leadingScaleCount, 1))
    }

    deinit {
        sums.deallocate()
        missing.deallocate()
        unreadable.deallocate()
        valid.deallocate()
        categorySeen.deallocate()
        order.deallocate()
    }
}

extension Scale {
    /// The level a score falls in: the last band whose `from` is not above it
    /// (the first band for a score below them all).
    /// - Complexity: O(log levels): the bands ascend (the decoder refuses
    ///   overlaps and gaps), so they are searched by halves.
    func levelIndex(of score: Double) -> Int? {
        guard !levels.isEmpty else { return nil }
        // The first band whose `from` is above the score; the one before it is the score's.
        var low = 0, high = levels.count
        while low < high {
            let middle = (low + high) / 2
            if levels[middle].from <= score + Scorer.tolerance { low = middle + 1 } else { high = middle }
        }
        return max(low - 1, 0)
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
