import Foundation
import Testing
import ProfScoreKit

/// The README's norms example, run with the public API only.
@Suite struct ReadmeNormsExampleTests {
    /// Expected numbers counted from the pilot sample outside ProfScore (a
    /// Python script reading the CSV; Φ⁻¹ from Python's statistics.NormalDist):
    /// complete sheets 70 boys, 74 girls; the girl's technology score is
    /// 4 + 4 + (6 − 2) + 4 + (6 − 2) = 20; of the 74 girls 59 scored below 20
    /// and 1 scored 20, so PR = (59 + 0.5) ÷ 74 × 100 = 80.4; z = Φ⁻¹(0.80405)
    /// = 0.8562, sten = round(7.212) = 7, T = round(58.56) = 59.
    @Test func readmeNormsExampleWorks() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let instrumentPath = root.appendingPathComponent("Examples/custom/pilot-interests.json").path
        let pilot = try Instrument.load(contentsOf: instrumentPath)

        let builder = NormBuilder(instrument: pilot, groupBy: [.sex])
        var diagnostics: [Diagnostic] = []
        try builder.read(path: root.appendingPathComponent("Examples/custom/pilot-sample.csv").path, report: { diagnostics.append($0) })
        let built = builder.result(minimumN: 30, file: "pilot-interests.json")
        #expect(diagnostics.isEmpty && built.warnings.isEmpty)
        #expect(built.groups.map { "\($0.values.label) n = \($0.n)" } == ["sex=male n = 70", "sex=female n = 74"])
        let bytes = try Instrument.json(named: instrumentPath, with: try #require(built.norms))
        let normed = try Instrument.load(json: bytes, file: "pilot-normed.json")

        let girl = Dictionary(uniqueKeysWithValues: zip((1...15).map(String.init),
                                                        ["4", "3", "5", "4", "2", "4", "2", "3", "1", "4", "3", "5", "2", "3", "1"]))
        let result = Scorer(instrument: normed).score(answers: girl)
        #expect(result.scores[0] == 20)
        let group = try #require(normed.norms?.group(for: Norms.Values(sex: .female)))
        let tech = try #require(group.rows(for: result)[0])
        #expect(tech.percentile == 80.4 && tech.sten == 7 && tech.t == 59)
    }
}
