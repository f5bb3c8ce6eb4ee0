/// The scoring plan's tables in plain memory, for the per-row loop: indexing
/// them costs no bounds check, reference counting or exclusivity check.
/// Immutable after creation, so threads may share it.
final class PlanTables: @unchecked Sendable {
    let blankOption: UnsafeMutablePointer<Int32>
    let isLikert: UnsafeMutablePointer<Bool>
    let optionBase: UnsafeMutablePointer<Int32>
    let memberStart: UnsafeMutablePointer<Int32>
    let memberScale: UnsafeMutablePointer<Int32>
    let contributionStart: UnsafeMutablePointer<Int32>
    let contributionScale: UnsafeMutablePointer<Int32>
    let contributionPoints: UnsafeMutablePointer<Double>
    private let counts: [Int]

    init(_ plan: ScoringPlan) {
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
            _ = UnsafeMutableBufferPointer(start: pointer, count: values.count).initialize(from: values)
            return pointer
        }
        blankOption = copy(plan.blankOption)
        isLikert = copy(plan.isLikert)
        optionBase = copy(plan.optionBase.map { Int32($0) })
        memberStart = copy(plan.memberStart.map { Int32($0) })
        memberScale = copy(plan.memberScale.map { Int32($0) })
        contributionStart = copy(plan.contributionStart.map { Int32($0) })
        contributionScale = copy(plan.contributionScale.map { Int32($0) })
        contributionPoints = copy(plan.contributionPoints)
        counts = [plan.blankOption.count, plan.isLikert.count, plan.optionBase.count, plan.memberStart.count,
                  plan.memberScale.count, plan.contributionStart.count, plan.contributionScale.count, plan.contributionPoints.count]
    }

    deinit {
        blankOption.deinitialize(count: counts[0]).deallocate()
        isLikert.deinitialize(count: counts[1]).deallocate()
        optionBase.deinitialize(count: counts[2]).deallocate()
        memberStart.deinitialize(count: counts[3]).deallocate()
        memberScale.deinitialize(count: counts[4]).deallocate()
        contributionStart.deinitialize(count: counts[5]).deallocate()
        contributionScale.deinitialize(count: counts[6]).deallocate()
        contributionPoints.deinitialize(count: counts[7]).deallocate()
    }
}
