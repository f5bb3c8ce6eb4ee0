import Foundation
import Testing

/// Command-line mistakes exit with 64 and say what is wrong on standard
/// error, before any work is done; `--help` prints usage on standard output.
@Suite struct UsageTests {
    struct UsageCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// The command line; `SHEET` stands for a good answer sheet in the workspace.
        var arguments: [String]
        /// Texts standard error must contain.
        var says: [String]
        var testDescription: String { name }
    }

    static let usageCases: [UsageCase] = [
        UsageCase(name: "no subcommand", arguments: [],
                  says: ["ИСПОЛЬЗОВАНИЕ: profscore <команда>", "score", "validate", "instruments"]),
        UsageCase(name: "unknown subcommand", arguments: ["frobnicate", "--lang", "en"],
                  says: ["unknown command 'frobnicate'", "commands: score, report, merge, validate, describe, template, analyze, norms, instruments, key, version, help"]),
        UsageCase(name: "unknown option", arguments: ["score", "--instrument", "klimov-ddo", "--bogus", "SHEET", "--lang", "en"],
                  says: ["unknown option '--bogus'", "--instrument", "see profscore score --help"]),
        UsageCase(name: "unknown short option", arguments: ["score", "-x", "--instrument", "klimov-ddo", "SHEET", "--lang", "en"],
                  says: ["unknown option '-x'"]),
        UsageCase(name: "unknown option of validate", arguments: ["validate", "--strict", "x.json", "--lang", "en"],
                  says: ["unknown option '--strict'", "see profscore validate --help"]),
        UsageCase(name: "missing --instrument", arguments: ["score", "SHEET", "--lang", "en"],
                  says: ["score needs --instrument"]),
        UsageCase(name: "--instrument without a value", arguments: ["score", "SHEET", "--lang", "en", "--instrument"],
                  says: ["--instrument needs a value"]),
        UsageCase(name: "no files", arguments: ["score", "--instrument", "klimov-ddo", "--lang", "en"],
                  says: ["at least one answer-sheet file", "- for standard input"]),
        UsageCase(name: "bad --format", arguments: ["score", "--instrument", "klimov-ddo", "--format", "xml", "SHEET", "--lang", "en"],
                  says: ["--format 'xml' is not one of: csv, json, table"]),
        UsageCase(name: "--excel with --format json",
                  arguments: ["score", "--instrument", "klimov-ddo", "--format", "json", "--excel", "SHEET", "--lang", "en"],
                  says: ["--excel applies to --format csv only"]),
        UsageCase(name: "unknown instrument id", arguments: ["score", "--instrument", "no-such-test", "SHEET", "--lang", "en"],
                  says: ["no bundled instrument 'no-such-test'", "klimov-ddo", "golomshtok-interest-map", "rezapkina-profile"]),
        UsageCase(name: "option given twice",
                  arguments: ["score", "--instrument", "klimov-ddo", "--format", "csv", "--format=json", "SHEET", "--lang", "en"],
                  says: ["--format is given twice"]),
        UsageCase(name: "value on a flag", arguments: ["score", "--instrument", "klimov-ddo", "--strict=yes", "SHEET", "--lang", "en"],
                  says: ["--strict takes no value"]),
        UsageCase(name: "unknown language", arguments: ["score", "--instrument", "klimov-ddo", "--lang", "fr", "SHEET"],
                  says: ["--lang «fr»", "ru, en"]),
        UsageCase(name: "validate without files", arguments: ["validate", "--lang", "en"],
                  says: ["validate needs at least one instrument file"]),
        UsageCase(name: "instruments with a file", arguments: ["instruments", "SHEET", "--lang", "en"],
                  says: ["instruments takes no files"]),
    ]

    @Test(arguments: usageCases)
    func usageErrorExits64(_ usage: UsageCase) throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: ScoreInputOutputTests.cleanSheet)
        let arguments = usage.arguments.map { $0 == "SHEET" ? "sheet.csv" : $0 }
        let run = try workspace.run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdoutBytes.isEmpty, "\(run)")
        for text in usage.says {
            #expect(run.stderr.contains(text), "stderr should say «\(text)»: \(run)")
        }
        #expect(try workspace.listing() == ["sheet.csv"], "nothing is written")
    }

    @Test func usageErrorIsCheckedBeforeAnyOutputFileIsMade() throws {
        let workspace = try Workspace()
        try workspace.write("sheet.csv", text: ScoreInputOutputTests.cleanSheet)
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "sheet.csv", "--format", "json", "--excel",
                                     "--output", "out.json", "--lang", "en"])
        #expect(run.status == 64, "\(run)")
        #expect(try workspace.listing() == ["sheet.csv"])
    }

    @Test func languageOptionBeforeTheSubcommand() throws {
        // The main usage text ends «Add --lang en for English»; doing just that
        // shows the English usage.
        let workspace = try Workspace()
        let run = try workspace.run(["--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("USAGE: profscore <command>"), "\(run)")
    
    }

    // MARK: - Help

    struct HelpCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        /// How standard output starts.
        var starts: String
        /// Texts it must contain.
        var says: [String]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let scoreHelp = ["--instrument ID|FILE", "--format csv|json|table", "--output PATH", "--excel", "--strict", "--lang ru|en", "-h, --help"]
    static let mainHelp = ["score", "validate", "instruments", "help"]

    static let helpCases: [HelpCase] = [
        HelpCase(arguments: ["--help", "--lang", "en"], starts: "profscore — ", says: ["USAGE: profscore <command>"] + mainHelp),
        HelpCase(arguments: ["-h", "--lang", "en"], starts: "profscore — ", says: ["USAGE: profscore <command>"] + mainHelp),
        HelpCase(arguments: ["score", "--help", "--lang", "en"], starts: "USAGE: profscore score", says: scoreHelp + ["EXIT CODES"]),
        HelpCase(arguments: ["score", "-h", "--lang", "en"], starts: "USAGE: profscore score", says: scoreHelp),
        HelpCase(arguments: ["validate", "--help", "--lang", "en"], starts: "USAGE: profscore validate", says: ["FILE...", "--lang ru|en"]),
        HelpCase(arguments: ["validate", "-h", "--lang", "en"], starts: "USAGE: profscore validate", says: ["FILE..."]),
        HelpCase(arguments: ["instruments", "--help", "--lang", "en"], starts: "USAGE: profscore instruments", says: ["--lang ru|en"]),
        HelpCase(arguments: ["instruments", "-h", "--lang", "en"], starts: "USAGE: profscore instruments", says: ["--lang ru|en"]),
        HelpCase(arguments: ["help", "score", "--lang", "en"], starts: "USAGE: profscore score", says: scoreHelp),
        HelpCase(arguments: ["score", "--help"], starts: "ИСПОЛЬЗОВАНИЕ: profscore score", says: ["--instrument ID|ФАЙЛ", "--strict"]),
        HelpCase(arguments: ["--help"], starts: "profscore — ", says: ["ИСПОЛЬЗОВАНИЕ: profscore <команда>"] + mainHelp),
    ]

    @Test(arguments: helpCases)
    func helpGoesToStandardOutput(_ help: HelpCase) throws {
        let workspace = try Workspace()
        let run = try workspace.run(help.arguments)
        #expect(run.status == 0, "\(run)")
        #expect(run.stderrBytes.isEmpty, "\(run)")
        #expect(run.stdout.hasPrefix(help.starts), "\(run)")
        for text in help.says {
            #expect(run.stdout.contains(text), "help should mention «\(text)»: \(run)")
        }
    }

    @Test func helpWinsOverTheRestOfTheCommandLine() throws {
        let workspace = try Workspace()
        let run = try workspace.run(["score", "--instrument", "klimov-ddo", "--format", "json", "--excel", "--help", "--lang", "en"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("USAGE: profscore score"), "\(run)")
    }

    /// Every option a command's help lists under OPTIONS is in its usage
    /// lines too, in both languages (`--missing` was listed but not in the usage).
    @Test(arguments: ["score", "report", "merge", "validate", "describe", "template", "analyze", "norms", "instruments", "key"],
          ["en", "ru"])
    func usageNamesEveryOption(_ command: String, _ language: String) throws {
        let workspace = try Workspace()
        let run = try workspace.run([command, "--help", "--lang", language])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The usage: the first line and the lines indented under it, up to the first empty line.
        let usage = lines.prefix { !$0.isEmpty }.joined(separator: " ")
        let optionsHeading = language == "en" ? "OPTIONS:" : "ПАРАМЕТРЫ:"
        guard let start = lines.firstIndex(of: optionsHeading) else { return }
        let options = lines[(start + 1)...].prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  -") }
            .compactMap { $0.split(separator: " ").first { $0.hasPrefix("--") } }
            .map { String($0.prefix { $0 != "," }) }
            .filter { $0 != "--help" }
        #expect(!options.isEmpty)
        for option in options {
            #expect(usage.contains(option + " ") || usage.contains(option + "]") || usage.hasSuffix(option),
                    "profscore \(command) --help: \(option) is not in the usage: \(usage)")
        }
    }
}
