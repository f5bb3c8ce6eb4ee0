/// How many decimals `profscore score` writes for scores (`--precision`).
public enum ScorePrecision: String, Sendable, CaseIterable {
    /// Rounded to the nearest 0.0001 (halves away from zero), trailing zeros
    /// dropped: `0.6667`, `2.5`, `3`. The default.
    case fourDecimals = "4"
    /// The value as computed: the shortest decimal text that reads back as
    /// the same `Double` (Swift's `description`): `0.6666666666666666`.
    case full
}
