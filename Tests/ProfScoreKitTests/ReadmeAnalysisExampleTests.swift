import Foundation
import Testing
import ProfScoreKit

/// The README's analysis example, run with the public API only.
@Suite struct ReadmeAnalysisExampleTests {
    /// Expected numbers printed by R 4.2.2 with psych 2.2.9 for the example pilot sample:
    ///
    ///     x <- read.csv2("Examples/custom/pilot-sample.csv", fileEncoding = "UTF-8-BOM", check.names = FALSE)
    ///     cr <- na.omit(x[, c("3", "6", "9", "12", "15")])      # 147 rows
    ///     a <- alpha(cr, keys = c(1, 1, -1, 1, 1))              # 9 reversed, 15 not (as keyed)
    ///     a$total$raw_alpha 0.5349458242; a$item.stats["15", "r.drop"] -0.5899088511;
    ///     a$alpha.drop["15", "raw_alpha"] 0.8384331517
    @Test func readmeAnalysisExampleWorks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let instrumentPath = root.appendingPathComponent("Examples/custom/pilot-interests.json").path
        let pilot = try Instrument.load(contentsOf: instrumentPath)
        let analyzer = SampleAnalyzer(instrument: pilot)
        var diagnostics: [Diagnostic] = []
        try analyzer.read(path: root.appendingPathComponent("Examples/custom/pilot-sample.csv").path, report: { diagnostics.append($0) })
        let analysis = analyzer.result(instrumentFile: instrumentPath)
        #expect(diagnostics.isEmpty)
        let creative = try #require(analysis.scales.first { $0.scaleID == "creative" })
        #expect(creative.completeCases == 147)
        #expect(abs((creative.alpha ?? 0) - 0.5349458242) < 1e-9)
        let flagged = creative.items.filter { $0.flags.contains(.negativeCorrelation) }
        #expect(flagged.map(\.itemID) == ["15"])
        #expect(abs((flagged.first?.correctedItemTotal ?? 0) + 0.5899088511) < 1e-9)
        #expect(abs((flagged.first?.alphaIfDropped ?? 0) - 0.8384331517) < 1e-9)
        #expect(analysis.rendered(as: .md, language: .english).contains("| 15 |"))
        #expect(pilot.describe(format: .md).hasPrefix("# "))
        #expect(AnswerSheetTemplate.render(instrument: pilot, roster: nil, excel: true).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(try Instrument.namedWithWarnings(instrumentPath).warnings.isEmpty)
    }
}
