/// How many students of a group were diagnosed, against how many are enrolled.
public struct Coverage: Sendable, Hashable {
    /// Students enrolled.
    public internal(set) var enrolled = 0
    /// Of them, students with disabilities (ОВЗ); `nil` when the roster does not say.
    public internal(set) var enrolledOVZ: Int? = 0
    /// Enrolled students with a scored sheet (each counted once).
    public internal(set) var diagnosed = 0
    /// Of them, students with disabilities; `nil` when unknown.
    public internal(set) var diagnosedOVZ: Int? = 0
    /// Enrolled students whose scored sheet points to a study profile.
    public internal(set) var withProfile = 0

    public init() {}

    /// Adds another group's counts; an unknown ОВЗ count stays unknown.
    public mutating func merge(_ other: Coverage) {
        enrolled += other.enrolled
        diagnosed += other.diagnosed
        withProfile += other.withProfile
        enrolledOVZ = Self.sum(enrolledOVZ, other.enrolledOVZ)
        diagnosedOVZ = Self.sum(diagnosedOVZ, other.diagnosedOVZ)
    }

    private static func sum(_ a: Int?, _ b: Int?) -> Int? {
        guard let a, let b else { return nil }
        return a + b
    }
}
