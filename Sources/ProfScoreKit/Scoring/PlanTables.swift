/// The scoring plan's tables in plain memory, for the per-row loop: indexing
/// them costs no bounds check, reference counting or exclusivity check.
/// Immutable after creation, so threads may share it.
final class PlanTables: @unchecked Sendable {
    // Per item.
    let blankOption: UnsafeMutablePointer<Int32>
    let isLikert: UnsafeMutablePointer<Bool>
    let optionBase: UnsafeMutablePointer<Int32>
    let memberStart: UnsafeMutablePointer<Int32>
    let memberScale: UnsafeMutablePointer<Int32>
    // Per (item, option).
    let contributionStart: UnsafeMutablePointer<Int32>
    let contributionScale: UnsafeMutablePointer<Int32>
    let contributionPoints: UnsafeMutablePointer<Double>
    // Per scale.
    let maxMissing: UnsafeMutablePointer<Int>
    let isMean: UnsafeMutablePointer<Bool>
    let prorate: UnsafeMutablePointer<Bool>
    let scaleItemCount: UnsafeMutablePointer<Double>
    let levelStart: UnsafeMutablePointer<Int32>
    let levelFrom: UnsafeMutablePointer<Double>
    let categoryStart: UnsafeMutablePointer<Int32>
    let categoryList: UnsafeMutablePointer<Int32>
    // The leading-type rule.
    let leadingScales: UnsafeMutablePointer<Int32>
    let leadingScaleCount: Int
    /// Every allocation above (all of trivial types), freed together.
    private let allocations: [UnsafeMutableRawPointer]

    init(_ plan: ScoringPlan) {
        var allocations: [UnsafeMutableRawPointer] = []
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
            _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
            allocations.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        func narrow(_ values: [Int]) -> UnsafeMutablePointer<Int32> { copy(values.map { Int32($0) }) }
        blankOption = copy(plan.blankOption)
        isLikert = copy(plan.isLikert)
        optionBase = narrow(plan.optionBase)
        memberStart = narrow(plan.memberStart)
        memberScale = narrow(plan.memberScale)
        contributionStart = narrow(plan.contributionStart)
        contributionScale = narrow(plan.contributionScale)
        contributionPoints = copy(plan.contributionPoints)
        maxMissing = copy(plan.maxMissing)
        isMean = copy(plan.isMean)
        prorate = copy(plan.prorate)
        scaleItemCount = copy(plan.scaleItemCount.map(Double.init))
        levelStart = narrow(plan.levelStart)
        levelFrom = copy(plan.levelFrom)
        categoryStart = narrow(plan.categoryStart)
        categoryList = narrow(plan.categoryList)
        leadingScales = narrow(plan.leadingScales)
        leadingScaleCount = plan.leadingScales.count
        self.allocations = allocations
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }
}
