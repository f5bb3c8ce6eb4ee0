/// An answer pattern with the result the published key gives for it.
public struct TestVector: Sendable, Hashable {
    /// What the vector checks.
    public var name: String
    /// Item id → answer as typed on a sheet.
    public var answers: [String: String]
    /// Scale id → expected score; `nil` for an invalid scale.
    public var expectedScores: [String: Double?]
    /// Expected leading scale ids, if given.
    public var expectedLeading: [String]?
    /// Where the vector is in its file, for diagnostics.
    var line: Int
}
