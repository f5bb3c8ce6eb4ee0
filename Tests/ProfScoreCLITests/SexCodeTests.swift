import Foundation
import Testing

/// A data set that codes sex as 1/2 (SPSS, R): `norms --sex-codes` reads it,
/// writes the codes into the norms, and `score` then reads sheets coded the
/// same way; a sheet with two columns that could be the sex is warned about.
@Suite struct SexCodeTests {
    /// The pilot sample with its sex cells written as codes (м → 1, ж → 2),
    /// and optionally a second column that could be the sex.
    static func codedSample(extraColumn: Bool = false) throws -> String {
        let text = try String(contentsOfFile: Repository.path("Examples/custom/pilot-sample.csv"), encoding: .utf8)
        // (The file has CRLF line ends, one Character in Swift.)
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where !lines[index].isEmpty {
            var cells = lines[index].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if index > 0 { cells[3] = cells[3] == "м" ? "1" : cells[3] == "ж" ? "2" : cells[3] }
            if extraColumn { cells.insert(index == 0 ? "gender" : "x", at: 1) }
            lines[index] = cells.joined(separator: ";")
        }
        return lines.joined(separator: "\n")
    }

    @Test func codedSexGivesTheSameNormsAsWordsAndScoringReadsTheCodes() throws {
        let workspace = try Workspace()
        try workspace.write("coded.csv", text: try Self.codedSample())
        let instrument = Repository.path("Examples/custom/pilot-interests.json")
        let words = try workspace.run(["norms", "--instrument", instrument, Repository.path("Examples/custom/pilot-sample.csv"),
                                       "--by", "sex", "--output", "words.json", "--lang", "en"])
        #expect(words.status == 0, "\(words.stderrLines.suffix(3))")
        let refused = try workspace.run(["norms", "--instrument", instrument, "coded.csv", "--by", "sex", "--output", "no.json", "--lang", "en"])
        #expect(refused.status != 0 && workspace.contents("no.json") == nil, "without the codes no respondent has a sex: \(refused.stderrLines.suffix(4))")
        let coded = try workspace.run(["norms", "--instrument", instrument, "coded.csv", "--by", "sex", "--sex-codes", "1=м,2=ж",
                                       "--output", "coded.json", "--lang", "en"])
        #expect(coded.status == 0, "\(coded.stderrLines.suffix(3))")
        // The same groups and tables: only the sample's file name and the codes differ.
        let normsOf = { (name: String) throws -> [String: Any] in
            let data = try #require(workspace.contents(name))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
            return try #require(json["norms"] as? [String: Any])
        }
        let fromWords = try normsOf("words.json"), fromCodes = try normsOf("coded.json")
        #expect(NSArray(array: fromWords["groups"] as? [Any] ?? []) == NSArray(array: fromCodes["groups"] as? [Any] ?? []))
        #expect(fromCodes["sexCodes"] as? [String: String] == ["1": "male", "2": "female"])
        #expect(fromWords["sexCodes"] == nil)
        // Scoring the coded sample with the coded norms: every respondent has a norm group.
        let scored = try workspace.run(["score", "--instrument", "coded.json", "coded.csv", "--lang", "en"])
        let rows = scored.csv().rows
        let group = try #require(scored.csv().header.firstIndex(of: "norm_group"))
        #expect(rows.count == 150)
        #expect(rows.allSatisfy { $0[group] == "sex=female" || $0[group] == "sex=male" }, "\(Set(rows.map { $0[group] }))")
    }

    @Test func twoColumnsThatCouldBeTheSexAreWarnedAbout() throws {
        let workspace = try Workspace()
        try workspace.write("two.csv", text: try Self.codedSample(extraColumn: true))
        let run = try workspace.run(["norms", "--instrument", Repository.path("Examples/custom/pilot-interests.json"), "two.csv",
                                     "--by", "sex", "--sex-codes", "1=male,2=female", "--output", "two.json", "--lang", "en"])
        #expect(run.stderr.contains("two.csv:1:2: warning: two columns could give the sex: «gender» is used, «пол» is not"), "\(run.stderr)")
    }
}
