/// An instrument compiled into flat tables for scoring, built once.
struct ScoringPlan: Sendable {
    /// A cell with no answer.
    static let missing: Int32 = -1
    /// A cell that could not be read.
    static let unreadable: Int32 = -2

    let itemCount: Int
    let scaleCount: Int
    /// Per item: option an empty cell means, or -1.
    let blankOption: [Int32]
    /// Per item: whether its format is Likert.
    let isLikert: [Bool]
    let likertItemCount: Int
    /// Per item: first index in `optionBase`… for its options.
    let optionBase: [Int]
    /// For (item, option) at `optionBase[item] + option`: range in `contributionScale`.
    let contributionStart: [Int]
    let contributionScale: [Int]
    let contributionPoints: [Double]
    /// Per item: the scales it belongs to, at `memberStart[item]..<memberStart[item + 1]`.
    let memberStart: [Int]
    let memberScale: [Int]
    /// Per scale: number of distinct items.
    let scaleItemCount: [Int]
    /// Per scale: the missing-answer rule and how entries combine.
    let maxMissing: [Int]
    let prorate: [Bool]
    let isMean: [Bool]
    /// Per scale: lower bounds of its levels, at `levelStart[scale]..<levelStart[scale + 1]`.
    let levelStart: [Int]
    let levelFrom: [Double]
    /// The leading-type rule, flattened: the compared scales, the threshold
    /// below which there is no pronounced interest, and whether a Holland code is made.
    let hasLeadingRule: Bool
    let leadingScales: [Int]
    let leadingMinimum: Double?
    let wantsHollandCode: Bool
    /// Per scale: the study-profile categories it points to, at
    /// `categoryStart[scale]..<categoryStart[scale + 1]` in `categoryList`.
    let categoryStart: [Int]
    let categoryList: [Int]
    let categoryCount: Int

    /// The level a score falls in: the last band whose lower bound is not above it.
    @inline(__always)
    func levelIndex(scale: Int, score: Double) -> Int? {
        let start = levelStart[scale], end = levelStart[scale + 1]
        guard start < end else { return nil }
        var found = 0
        var index = start
        while index < end {
            if levelFrom[index] <= score + Scorer.tolerance { found = index - start }
            index += 1
        }
        return found
    }

    init(_ instrument: Instrument) {
        itemCount = instrument.items.count
        scaleCount = instrument.scales.count
        blankOption = instrument.items.map { Int32(instrument.answerFormats[$0.format].blankOption ?? -1) }
        isLikert = instrument.items.map { instrument.answerFormats[$0.format].kind == .likert }
        likertItemCount = isLikert.filter { $0 }.count

        var perItemOption: [[[(Int, Double)]]] = instrument.items.map {
            Array(repeating: [], count: instrument.answerFormats[$0.format].options.count)
        }
        var members: [[Int]] = Array(repeating: [], count: itemCount)
        var itemCounts: [Int] = []
        for (scaleIndex, scale) in instrument.scales.enumerated() {
            let contributions = scale.contributions(items: instrument.items, formats: instrument.answerFormats)
            for (item, perOption) in contributions {
                members[item].append(scaleIndex)
                for (option, points) in perOption.enumerated() where points != 0 {
                    perItemOption[item][option].append((scaleIndex, points))
                }
            }
            itemCounts.append(contributions.count)
        }
        scaleItemCount = itemCounts
        maxMissing = instrument.scales.map(\.missing.maxMissing)
        prorate = instrument.scales.map(\.missing.prorate)
        isMean = instrument.scales.map { $0.combine == .mean }
        var starts: [Int] = [], froms: [Double] = []
        for scale in instrument.scales {
            starts.append(froms.count)
            froms += scale.levels.map(\.from)
        }
        starts.append(froms.count)
        levelStart = starts
        levelFrom = froms

        hasLeadingRule = instrument.leadingType != nil
        leadingScales = instrument.leadingType?.scales ?? []
        leadingMinimum = instrument.leadingType?.minimum
        wantsHollandCode = instrument.leadingType?.hollandCode ?? false
        var categoryStarts: [Int] = [], categories: [Int] = []
        for index in instrument.scales.indices {
            categoryStarts.append(categories.count)
            categories += (instrument.profiles?.categoriesOfScale[index] ?? []).sorted()
        }
        categoryStarts.append(categories.count)
        categoryStart = categoryStarts
        categoryList = categories
        categoryCount = instrument.profiles?.categories.count ?? 0

        var base: [Int] = [], start: [Int] = [], scales: [Int] = [], points: [Double] = []
        for options in perItemOption {
            base.append(start.count)
            for contributions in options {
                start.append(scales.count)
                for (scale, value) in contributions { scales.append(scale); points.append(value) }
            }
        }
        start.append(scales.count)
        optionBase = base
        contributionStart = start
        contributionScale = scales
        contributionPoints = points

        var memberStarts: [Int] = [], memberScales: [Int] = []
        for scalesOfItem in members {
            memberStarts.append(memberScales.count)
            memberScales.append(contentsOf: scalesOfItem.sorted())
        }
        memberStarts.append(memberScales.count)
        memberStart = memberStarts
        memberScale = memberScales
    }
}
