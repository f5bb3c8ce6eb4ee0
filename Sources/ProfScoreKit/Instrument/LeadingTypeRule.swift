/// How an instrument chooses the leading type.
public struct LeadingTypeRule: Sendable, Hashable {
    /// Indices in ``Instrument/scales`` of the competing scales, in order.
    public var scales: [Int]
    /// Below this highest score the result is "no pronounced interest".
    public var minimum: Double?
    /// Whether to report a three-letter Holland code.
    public var hollandCode: Bool
}
