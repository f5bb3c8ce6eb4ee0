/// Item and reliability analysis of a pilot sample: one ``ScaleAnalysis``
/// per scale, and warnings about items that look mis-keyed or do not vary.
///
/// Made by ``SampleAnalyzer``; see `docs/analysis.md` for every statistic and
/// how it was checked against R's psych package.
public struct SampleAnalysis: Sendable {
    /// The instrument analysed.
    public var instrument: Instrument
    /// Respondents (sheet rows) read.
    public var respondentCount: Int
    /// One per scale, in the instrument's order.
    public var scales: [ScaleAnalysis]
    /// Warnings (an item correlating negatively with its scale, an item
    /// without variance) and notes (scales whose α is not reported), each
    /// pointing at the item's key entry in the instrument file
    /// (`$.scales[1].key[3]`).
    public var warnings: [Diagnostic]
}
