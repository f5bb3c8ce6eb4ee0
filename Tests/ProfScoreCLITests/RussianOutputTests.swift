import Foundation
import Testing

/// Everything a person reads in a Russian run is in Russian: no scale,
/// study-profile or flag id (the names programs read in plain CSV and JSON)
/// shows in the table, the CSV for Excel, the reports in every format, the
/// individual pages or the messages on standard error, for every bundled
/// instrument. Scales and categories are named by their short labels and
/// titles, flags by their labels (docs/score-output.md).
@Suite struct RussianOutputTests {
    static let instruments = ["klimov-ddo", "golomshtok-interest-map", "rezapkina-profile",
                              "onet-interest-profiler-60", "iip-riasec-48", "readiness-self-determination"]

    /// The ids of an instrument that must not reach a person: its scales and
    /// categories (read from the instrument file), the flags and `none`.
    static func ids(of instrument: String) throws -> Set<String> {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Instruments/\(instrument).json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let scales = (json["scales"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let profiles = json["profiles"] as? [String: Any]
        let categories = (profiles?["categories"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        let flags = ["blank", "missing", "unreadable", "same-answer", "duplicate-id", "tie", "incomplete", "none"]
        return Set(scales + categories + flags)
    }

    /// The text a reader sees: HTML without its styles, scripts and tags.
    static func visible(_ text: String) -> String {
        text.replacing(/<style>[\s\S]*?<\/style>/, with: " ").replacing(/<script>[\s\S]*?<\/script>/, with: " ")
            .replacing(/<[^>]*>/, with: " ")
    }

    /// The ids found as whole Latin words in a text.
    static func leaks(_ text: String, ids: Set<String>) -> Set<String> {
        Set(text.matches(of: /[A-Za-z][A-Za-z_-]*/).map { String($0.output) }.filter(ids.contains))
    }

    @Test(arguments: instruments)
    func aRussianRunShowsNoId(instrument: String) throws {
        let ids = try Self.ids(of: instrument)
        let workspace = try Workspace()
        let example = try #require(try FileManager.default.contentsOfDirectory(atPath: Repository.path("Examples"))
            .first { $0.hasPrefix(instrument + "-") && $0.hasSuffix(".csv") })
        // The example, and a row whose every answer is unreadable and a
        // repeated id, so that messages name scales and rows carry flags.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Repository.path("Examples/" + example)))
        let text = try #require(String(data: bytes, encoding: .utf8) ?? String(data: bytes, encoding: .windowsCP1251))
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ";", omittingEmptySubsequences: false)
        let firstID = String(lines[1].split(separator: ";").first ?? "")
        let bad = [firstID] + header.dropFirst().map { Int($0.trimmingCharacters(in: .whitespaces)) == nil ? "" : "??" }
        lines.insert(bad.joined(separator: ";"), at: 2)
        let sheet = try workspace.write("class.csv", text: lines.joined(separator: "\n"))
        let base = ["--instrument", instrument, sheet, "--lang", "ru"]
        let runs: [(String, [String])] = [
            ("score table", ["score"] + base + ["--format", "table"]),
            ("score for Excel", ["score"] + base + ["--excel"]),
            ("report md", ["report"] + base + ["--format", "md"]),
            ("report table", ["report"] + base + ["--format", "table"]),
            ("report html", ["report"] + base + ["--format", "html"]),
            ("report csv for Excel", ["report"] + base + ["--format", "csv", "--excel"]),
            ("report with pages", ["report"] + base + ["--individual", "pages", "--output", "report.md"]),
        ]
        var compared = 0
        for (name, arguments) in runs {
            let run = try workspace.run(arguments)
            #expect(run.status == 0 || run.status == 65, "\(name): \(run.stderrLines.suffix(2))")
            let leaked = Self.leaks(Self.visible(run.stdout) + "\n" + run.stderr, ids: ids)
            #expect(leaked.isEmpty, "\(instrument), \(name): \(leaked.sorted())")
            compared += 1
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: workspace.path("pages"))
        #expect(pages.count >= 2)
        for page in pages {
            let text = try String(contentsOfFile: workspace.path("pages/" + page), encoding: .utf8)
            let leaked = Self.leaks(Self.visible(text), ids: ids)
            #expect(leaked.isEmpty, "\(instrument), page \(page): \(leaked.sorted())")
        }
        // The check itself: the plain CSV, for programs, does name scales by their ids.
        let plain = try workspace.run(["score"] + base)
        #expect(!Self.leaks(plain.stdout, ids: ids).isEmpty)
        #expect(compared == runs.count)
    }

    /// A file that cannot be used is explained in Russian too (the system's
    /// English messages are translated; ProfScore's own reasons have both).
    @Test func fileProblemsAreExplainedInRussian() throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.path("папка"), withIntermediateDirectories: true)
        for input in ["нет-такого.csv", "папка"] {
            let run = try workspace.run(["score", "--instrument", "klimov-ddo", input, "--lang", "ru"])
            let line = try #require(run.stderrLines.first { $0.contains("файл недоступен:") }, "\(run.stderr)")
            let reason = line.components(separatedBy: "файл недоступен:").last ?? ""
            #expect(!reason.contains(/[A-Za-z]/), "\(line)")
        }
    }
}
