import Foundation
import Testing
import ProfScoreKit

/// The README's library example, compiled and run (public API only).
@Suite struct ReadmeExampleTests {
    @Test func readmeExampleWorks() throws {
        let instrument = try Instrument.bundled("klimov-ddo")
        let scorer = Scorer(instrument: instrument)
        // Odd items «а», even items «б». By the published key (✗: not chosen):
        // nature: 1а, 3б✗, 6а✗, 10а✗, 11а, 13б✗, 16а✗, 20а✗ → 2
        // technology: 1б✗, 4а✗, 7б✗, 9а, 11б✗, 14а✗, 17б✗, 19а → 9а, 19а = 2
        // people: 2а✗, 4б, 6б, 8а✗, 12а✗, 14б, 16б, 18а✗ → 4
        // sign: 2б, 5а, 9б✗, 10б, 12б, 15а, 19б✗, 20б → 6
        // art: 3а, 5б✗, 7а, 8б, 13а, 15б✗, 17а, 18б → 6
        let answers = Dictionary(uniqueKeysWithValues: (1...20).map { (String($0), $0 % 2 == 0 ? "б" : "a") })
        let result = scorer.score(answers: answers)
        #expect(result.scores == [2, 2, 4, 6, 6])
        guard case .types(let leading) = result.leading else { Issue.record("no leading type"); return }
        #expect(leading.map { instrument.scales[$0].id } == ["sign", "art"])
        #expect(result.flags.contains(.tie))

        let sheet = NSTemporaryDirectory() + "readme-\(UUID().uuidString).csv"
        let text = "id;" + (1...20).map(String.init).joined(separator: ";") + "\n" + "7А-01;" + (1...20).map { $0 % 2 == 0 ? "б" : "a" }.joined(separator: ";") + "\n"
        _ = FileManager.default.createFile(atPath: sheet, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: sheet) }
        var seen: [(String, [Double?])] = []
        var diagnostics: [Diagnostic] = []
        var failures: [ProfScoreError] = []
        let run = ScoringRun(instrument: instrument, inputs: [sheet])
        run.forEachRow(report: { diagnostics.append($0) }, failed: { failures.append($0) }) { scored in
            seen.append((scored.id, scored.score.scores))
        }
        #expect(diagnostics.isEmpty && failures.isEmpty)
        #expect(seen.count == 1 && seen[0].0 == "7А-01" && seen[0].1 == [2, 2, 4, 6, 6])
    }
}
